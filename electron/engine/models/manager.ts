// What hosts use: the list for the Models page, download, import, remove, and turning a --model
// argument (an installed id or a folder) into a folder to open.
import { rm, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { InstalledModel, ModelList, ModelListEntry, ResolvedModel } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { defaultDataDir } from '../store/index.ts';
import { readCalibrationFile } from './calibrationFile.ts';
import { findCatalogModel, loadCatalog, type Catalog } from './catalog.ts';
import { diskUse, statfsFreeBytes, type FreeBytes } from './diskSpace.ts';
import { nodeDownloadFs, type DownloadFs } from './downloadFile.ts';
import { downloadCatalogModel, isDownloading, type DownloadContext, type DownloadOptions } from './downloadModel.ts';
import type { HttpOptions } from './httpGet.ts';
import { importModelFolder, type ImportOptions } from './importModel.ts';
import { lockHolder } from './lockFile.ts';
import { installDirOf, modelPaths, stagingDirOf, type ModelPaths } from './paths.ts';
import { formatBytes } from './progress.ts';
import { readRegistry, updateRegistry } from './registry.ts';

export interface ModelManagerOptions {
  /** Default: FRAMEPROOF_DATA_DIR, else the OS app-data folder. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Default: FRAMEPROOF_MODEL_CATALOG, else the bundled resources/models.json. */
  catalog?: Catalog;
  /** Extra CAs to trust for downloads (tests; NODE_EXTRA_CA_CERTS covers studios). */
  ca?: HttpOptions['ca'];
  /** A download that receives nothing for this long is retried, then fails (default 30 s). */
  idleTimeoutMs?: number;
  /** Tries per file (default 5). */
  attempts?: number;
  retryDelayMs?: (attempt: number) => number;
  fs?: DownloadFs;
  freeBytes?: FreeBytes;
  /** How often to look whether another process finished its download of the same model (default 1 s). */
  lockPollMs?: number;
}

/** Exponential backoff with jitter, so clients cut off together do not return together. */
export function defaultRetryDelayMs(attempt: number): number {
  const base = Math.min(30_000, 1000 * 2 ** (attempt - 1));
  return Math.round(base * (0.5 + Math.random() / 2));
}

function endpointFrom(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.HF_ENDPOINT?.trim();
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AppError('INVALID_CONFIG', `HF_ENDPOINT is not a URL: "${value}".`, {
      fix: 'Set HF_ENDPOINT to a mirror such as https://hf-mirror.example.com, or unset it.',
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AppError('INVALID_CONFIG', `HF_ENDPOINT must be an http(s) URL, not "${value}".`, {
      fix: 'Set HF_ENDPOINT to a mirror such as https://hf-mirror.example.com, or unset it.',
    });
  }
  return value.replace(/\/+$/, '');
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** A --model value that is clearly a path rather than an id. */
function looksLikePath(value: string): boolean {
  return value.includes('/') || value.includes('\\') || value.startsWith('.') || value.startsWith('~') || isAbsolute(value);
}

export class ModelManager {
  readonly paths: ModelPaths;
  readonly catalog: Catalog;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: ModelManagerOptions = {}) {
    this.env = options.env ?? process.env;
    this.paths = modelPaths(options.dataDir ?? defaultDataDir({ env: this.env }));
    this.catalog = options.catalog ?? loadCatalog({ env: this.env });
  }

  private downloadContext(): DownloadContext {
    const endpoint = endpointFrom(this.env);
    return {
      paths: this.paths,
      catalog: this.catalog,
      endpoint,
      http: {
        env: this.env,
        allowHttpOrigins: endpoint?.startsWith('http:') ? [new URL(endpoint).origin] : [],
        ...(this.options.ca && { ca: this.options.ca }),
        idleTimeoutMs: this.options.idleTimeoutMs ?? 30_000,
      },
      attempts: this.options.attempts ?? 5,
      retryDelayMs: this.options.retryDelayMs ?? defaultRetryDelayMs,
      fs: this.options.fs ?? nodeDownloadFs,
      freeBytes: this.options.freeBytes ?? statfsFreeBytes,
      lockPollMs: this.options.lockPollMs ?? 1000,
    };
  }

  /** The registry, with folders Frameproof made located in this data folder (it may have moved since). */
  async installed(): Promise<InstalledModel[]> {
    const models = await readRegistry(this.paths.registry);
    return models.map((m) => (m.source === 'catalog' || m.layout === 'immich' ? { ...m, path: installDirOf(this.paths, m.id) } : m));
  }

  async list(): Promise<ModelList> {
    const installed = await this.installed();
    const byId = new Map(installed.map((m) => [m.id, m]));
    const entries: ModelListEntry[] = [];
    const entryFor = async (id: string, model: InstalledModel | undefined): Promise<ModelListEntry> => {
      const catalogModel = findCatalogModel(this.catalog, id);
      const present = model ? await isDirectory(model.path) : false;
      // Frameproof's own disk use: a folder it downloaded or built; never the person's imported folder.
      const ownsFolder = model ? isInside(this.paths.root, model.path) : false;
      return {
        id,
        name: model?.name ?? catalogModel?.name ?? id,
        status: model ? (present ? 'installed' : 'missing') : 'available',
        isDefault: id === this.catalog.defaultModel,
        // Which model a run uses is the session's choice, not the registry's (see session/modelOrder.ts).
        inUse: false,
        source: model?.source ?? null,
        variant: model?.catalog?.variant ?? model?.variant ?? catalogModel?.variant ?? null,
        embeddingDim: model?.embeddingDim ?? catalogModel?.embeddingDim ?? null,
        description: catalogModel?.description ?? null,
        path: model?.path ?? null,
        diskBytes: model && ownsFolder ? await diskUse(model.path) : 0,
        partialBytes: await diskUse(stagingDirOf(this.paths, id)),
        downloadBytes: catalogModel?.downloadBytes ?? null,
        approxDownloadBytes: catalogModel?.approxDownloadBytes ?? null,
        warnings: model?.warnings ?? [],
      };
    };
    for (const catalogModel of this.catalog.models) entries.push(await entryFor(catalogModel.id, byId.get(catalogModel.id)));
    for (const model of installed) if (!findCatalogModel(this.catalog, model.id)) entries.push(await entryFor(model.id, model));
    return {
      defaultId: this.catalog.defaultModel,
      inUse: null,
      firstRun: !entries.some((e) => e.status === 'installed'),
      modelsDir: this.paths.root,
      models: entries,
    };
  }

  download(id: string, options: DownloadOptions = {}): Promise<InstalledModel> {
    return downloadCatalogModel(this.downloadContext(), id, options);
  }

  import(folder: string, options: ImportOptions = {}): Promise<InstalledModel> {
    return importModelFolder(this.paths, this.catalog, folder, options);
  }

  /**
   * Unregisters a model and deletes what Frameproof stored for it: a downloaded folder, an Immich
   * adapter, an interrupted download. An imported folder itself is never touched.
   */
  async remove(id: string): Promise<{ removed: InstalledModel | null; freedBytes: number }> {
    const staging = stagingDirOf(this.paths, id);
    const holder = isDownloading(this.paths, id) ? { pid: process.pid } : await lockHolder(`${staging}.lock`);
    if (holder) {
      throw new AppError('BUSY', `${id} is being downloaded right now${holder.pid === process.pid ? '' : ` (by process ${holder.pid})`}.`, {
        fix: 'Cancel that download first, then remove the model.',
      });
    }
    let freedBytes = await diskUse(staging);
    const registered = (await this.installed()).find((m) => m.id === id) ?? null;
    const removed = await updateRegistry(this.paths.registry, (models) => ({
      models: models.filter((m) => m.id !== id),
      result: models.some((m) => m.id === id) ? registered : null,
    }));
    if (!removed && freedBytes === 0) {
      const known = findCatalogModel(this.catalog, id);
      throw new AppError(
        known ? 'MODEL_NOT_INSTALLED' : 'MODEL_UNKNOWN',
        known ? `${id} is not installed.` : `No model "${id}" is installed.`,
        {
          fix: 'See the installed models with: frameproof models list.',
        },
      );
    }
    if (removed && isInside(this.paths.root, removed.path)) {
      freedBytes += await diskUse(removed.path);
      await rm(removed.path, { recursive: true, force: true });
    }
    await rm(staging, { recursive: true, force: true });
    return { removed, freedBytes };
  }

  private offerDefault(): string {
    const model = findCatalogModel(this.catalog, this.catalog.defaultModel);
    const size = model ? ` (about ${formatBytes(model.approxDownloadBytes)})` : '';
    return `Download the default model, ${model?.name ?? this.catalog.defaultModel}${size}: frameproof models download ${this.catalog.defaultModel}. Or import a model folder: frameproof models import DIR.`;
  }

  /**
   * An installed model id or a model folder; without a value, the default model if installed, else
   * the only installed model.
   */
  async resolve(idOrDir: string | undefined): Promise<ResolvedModel> {
    const installed = await this.installed();
    if (idOrDir === undefined || idOrDir === '') {
      const usable = [];
      for (const m of installed) if (await isDirectory(m.path)) usable.push(m);
      const pick = usable.find((m) => m.id === this.catalog.defaultModel) ?? (usable.length === 1 ? usable[0] : undefined);
      if (pick) return this.resolved(pick);
      if (usable.length > 1) {
        throw new AppError(
          'MODEL_AMBIGUOUS',
          `Several models are installed (${usable.map((m) => m.id).join(', ')}); choose one with --model ID.`,
          { fix: 'See them with: frameproof models list.' },
        );
      }
      throw new AppError('MODEL_NOT_INSTALLED', 'No model is installed yet.', { fix: this.offerDefault() });
    }
    if (!looksLikePath(idOrDir)) {
      const model = installed.find((m) => m.id === idOrDir);
      if (model) {
        if (!(await isDirectory(model.path))) {
          throw new AppError('MODEL_FILE_MISSING', `The folder of model ${model.id} is gone.`, {
            file: model.path,
            fix:
              model.source === 'import'
                ? `Put the folder back, or remove the model (frameproof models remove ${model.id}) and import it from its new place.`
                : `Download it again: frameproof models remove ${model.id}, then frameproof models download ${model.id}.`,
          });
        }
        return this.resolved(model);
      }
    }
    const folder = resolve(idOrDir);
    if (await isDirectory(folder))
      return { dir: folder, id: null, name: folder, source: 'folder', calibration: await readCalibrationFile(folder), embeddingDim: null };
    if (looksLikePath(idOrDir))
      throw new AppError('FILE_NOT_FOUND', 'The model folder does not exist.', {
        file: folder,
        fix: 'Pass an installed model id (frameproof models list) or an existing model folder.',
      });
    const catalogModel = findCatalogModel(this.catalog, idOrDir);
    if (catalogModel) {
      throw new AppError('MODEL_NOT_INSTALLED', `${catalogModel.name} is not installed.`, {
        fix: `Download it (about ${formatBytes(catalogModel.approxDownloadBytes)}): frameproof models download ${catalogModel.id}.`,
      });
    }
    const ids = installed.map((m) => m.id);
    throw new AppError('MODEL_UNKNOWN', `"${idOrDir}" is neither an installed model nor a folder.`, {
      fix: ids.length > 0 ? `Installed: ${ids.join(', ')}. Or pass a model folder.` : this.offerDefault(),
    });
  }

  private async resolved(model: InstalledModel): Promise<ResolvedModel> {
    const catalogModel = model.source === 'catalog' ? findCatalogModel(this.catalog, model.id) : undefined;
    return {
      dir: model.path,
      id: model.id,
      name: model.name,
      source: model.source,
      calibration: catalogModel?.calibration ?? (await readCalibrationFile(model.path)),
      embeddingDim: model.embeddingDim,
    };
  }
}

/** `--model` for every command: an installed model id or a model folder (see ModelManager.resolve). */
export function resolveModelArg(idOrDir: string | undefined, options: ModelManagerOptions = {}): Promise<ResolvedModel> {
  return new ModelManager(options).resolve(idOrDir);
}
