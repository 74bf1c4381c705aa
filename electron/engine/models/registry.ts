// <dataDir>/models/registry.json: the installed and imported models. Written whole to a temporary
// file and renamed over the old one (platform/atomicWrite.ts), so a reader sees the old list or the
// new one, never half of one.
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { InstalledModel, InstalledModelFile, ModelVariant } from '../../common/api.ts';
import { AppError, errnoOf } from '../../common/errors.ts';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';

const VERSION = 1;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string';

function parseFile(v: unknown): InstalledModelFile | undefined {
  if (!isRecord(v) || !str(v.path) || typeof v.sizeBytes !== 'number') return undefined;
  const verified = v.verified === 'sha256' || v.verified === 'size' ? v.verified : 'none';
  const expectedFrom = v.expectedFrom === 'catalog' || v.expectedFrom === 'server' ? v.expectedFrom : undefined;
  return {
    path: v.path,
    sizeBytes: v.sizeBytes,
    verified,
    ...(str(v.sha256) && { sha256: v.sha256 }),
    ...(expectedFrom && { expectedFrom }),
  };
}

function parseModel(v: unknown): InstalledModel | undefined {
  if (!isRecord(v) || !str(v.id) || !str(v.name) || !str(v.path) || !str(v.installedAt) || !Array.isArray(v.files)) return undefined;
  if (v.source !== 'catalog' && v.source !== 'import') return undefined;
  const files = v.files.map(parseFile);
  if (files.some((f) => f === undefined)) return undefined;
  const c = isRecord(v.catalog) ? v.catalog : undefined;
  const variant: ModelVariant | undefined = c?.variant === 'full' || c?.variant === 'fast' ? c.variant : undefined;
  const catalog = c && str(c.revision) && variant ? { revision: c.revision, variant } : undefined;
  return {
    id: v.id,
    name: v.name,
    source: v.source,
    layout: v.layout === 'immich' ? 'immich' : 'xenova',
    path: v.path,
    ...(str(v.importedFrom) && { importedFrom: v.importedFrom }),
    files: files as InstalledModelFile[],
    sizeBytes: typeof v.sizeBytes === 'number' ? v.sizeBytes : 0,
    installedAt: v.installedAt,
    embeddingDim: typeof v.embeddingDim === 'number' ? v.embeddingDim : 0,
    ...(catalog && { catalog }),
    ...((v.variant === 'full' || v.variant === 'fast') && { variant: v.variant }),
    warnings: Array.isArray(v.warnings) ? v.warnings.filter(str) : [],
  };
}

export async function readRegistry(file: string): Promise<InstalledModel[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return [];
    throw new AppError('REGISTRY_INVALID', `The list of installed models cannot be read (${(error as Error).message}).`, {
      file,
      fix: "Check the data folder's permissions.",
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError('REGISTRY_INVALID', 'The list of installed models is not valid JSON.', {
      file,
      fix: 'Delete the file and download or import the models again (the model folders next to it are kept).',
      cause,
    });
  }
  if (!isRecord(json) || json.version !== VERSION || !Array.isArray(json.models)) {
    throw new AppError(
      'REGISTRY_INVALID',
      `The list of installed models has an unknown format (version ${JSON.stringify(isRecord(json) ? json.version : undefined)}).`,
      {
        file,
        fix: 'A newer Frameproof may have written it: update Frameproof, or delete the file and import the models again.',
      },
    );
  }
  const models = json.models.map(parseModel);
  const bad = models.findIndex((m) => m === undefined);
  if (bad >= 0)
    throw new AppError('REGISTRY_INVALID', `Entry ${bad + 1} of the installed models is damaged.`, {
      file,
      fix: 'Remove that entry from the file, or delete the file and import the models again.',
    });
  return models as InstalledModel[];
}

async function writeRegistry(file: string, models: readonly InstalledModel[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify({ version: VERSION, models }, null, 2)}\n`);
}

// Updates in this process run one after another, each reading the file fresh, so two downloads
// finishing together both end up listed.
const queues = new Map<string, Promise<unknown>>();

export function updateRegistry<T>(file: string, change: (models: InstalledModel[]) => { models: InstalledModel[]; result: T }): Promise<T> {
  const previous = queues.get(file) ?? Promise.resolve();
  const next = previous.then(async () => {
    const { models, result } = change(await readRegistry(file));
    await writeRegistry(file, models);
    return result;
  });
  const settled = next.catch(() => undefined);
  queues.set(file, settled);
  void settled.then(() => {
    if (queues.get(file) === settled) queues.delete(file);
  });
  return next;
}
