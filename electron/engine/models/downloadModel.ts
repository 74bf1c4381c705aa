// Downloads a catalog model into <models>/.staging/<id>/, checks every file and then the model
// itself, and only then renames the folder to <models>/<id>/ and lists it in the registry. Nothing
// half-done is ever registered, so nothing half-done is ever opened as a model.
import { randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CatalogModelInfo, InstalledModel, InstalledModelFile, ModelDownloadPhase, ModelDownloadProgress } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { renameWithRetry } from '../../platform/atomicWrite.ts';
import { fileUrl, type Catalog } from './catalog.ts';
import { DISK_MARGIN_BYTES, diskFullError, diskUse, type FreeBytes } from './diskSpace.ts';
import { downloadFile, type DownloadFs } from './downloadFile.ts';
import type { HttpOptions } from './httpGet.ts';
import { acquireLock } from './lockFile.ts';
import { installDirOf, stagingDirOf, type ModelPaths } from './paths.ts';
import { RateMeter } from './progress.ts';
import { readRegistry, updateRegistry } from './registry.ts';
import { readClaims, writeClaims } from './serverClaim.ts';
import { validateModelFolder } from './validateModel.ts';

export interface DownloadContext {
  paths: ModelPaths;
  catalog: Catalog;
  /** HF_ENDPOINT: a mirror serving {endpoint}/{repo}/resolve/{revision}/{file}. */
  endpoint: string | undefined;
  http: HttpOptions;
  attempts: number;
  retryDelayMs: (attempt: number) => number;
  fs: DownloadFs;
  freeBytes: FreeBytes;
  lockPollMs: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ModelDownloadProgress) => void;
  /** Open the model and embed a test image and caption before installing it (default true). */
  validate?: boolean;
}

const PROGRESS_INTERVAL_MS = 100;

/** Progress for the whole model from per-file byte counts, throttled, with a smoothed rate. */
class ProgressReporter {
  private readonly bytes: number[];
  private readonly totals: (number | null)[];
  private readonly meter = new RateMeter();
  private lastEmit = 0;
  private phase: ModelDownloadPhase = 'downloading';
  private fileIndex = 0;

  constructor(
    private readonly model: CatalogModelInfo,
    private readonly emit: ((progress: ModelDownloadProgress) => void) | undefined,
  ) {
    this.bytes = model.files.map(() => 0);
    this.totals = model.files.map((f) => f.sizeBytes);
  }

  private done(): number {
    return this.bytes.reduce((a, b) => a + b, 0);
  }

  private total(): { bytesTotal: number | null; bytesTotalApprox: boolean } {
    let approx = false;
    let sum = 0;
    let any = false;
    this.model.files.forEach((f, i) => {
      const exact = this.totals[i];
      if (exact !== null && exact !== undefined) {
        sum += exact;
        any = true;
      } else {
        approx = true;
        if (f.approxSizeBytes !== null) {
          sum += f.approxSizeBytes;
          any = true;
        }
      }
    });
    return { bytesTotal: any ? sum : null, bytesTotalApprox: approx };
  }

  setPhase(phase: ModelDownloadPhase, fileIndex = this.fileIndex): void {
    this.phase = phase;
    this.fileIndex = fileIndex;
    this.report(true);
  }

  file(index: number, bytes: number, total: number | null, fromDisk: boolean): void {
    this.bytes[index] = bytes;
    if (total !== null) this.totals[index] = total;
    if (fromDisk) this.meter.rebase(this.done());
    this.report(false);
  }

  /** A finished file is always reported, so the last one shows 100%. */
  fileDone(index: number, size: number): void {
    this.bytes[index] = size;
    this.totals[index] = size;
    this.report(true);
  }

  report(force: boolean): void {
    if (!this.emit) return;
    const now = performance.now();
    const { bytesTotal, bytesTotalApprox } = this.total();
    const bytesDone = this.done();
    const { rateBytesPerSec, etaSeconds } = this.meter.update(bytesDone, bytesTotal);
    if (!force && now - this.lastEmit < PROGRESS_INTERVAL_MS) return;
    this.lastEmit = now;
    const downloading = this.phase === 'downloading';
    this.emit({
      modelId: this.model.id,
      phase: this.phase,
      file: downloading ? (this.model.files[this.fileIndex]?.target ?? null) : null,
      fileIndex: this.fileIndex,
      fileCount: this.model.files.length,
      bytesDone,
      bytesTotal,
      bytesTotalApprox,
      rateBytesPerSec: downloading ? rateBytesPerSec : null,
      etaSeconds: downloading ? etaSeconds : null,
    });
  }
}

function warningsFor(model: CatalogModelInfo, files: InstalledModelFile[]): string[] {
  const warnings: string[] = [];
  if (!model.revisionPinned)
    warnings.push(
      `The catalog follows the branch "${model.revision}" of ${model.repo}, not a fixed commit: the files may change upstream.`,
    );
  const bySize = files.filter((f) => f.verified === 'size').map((f) => f.path);
  const unchecked = files.filter((f) => f.verified === 'none').map((f) => f.path);
  if (bySize.length > 0) warnings.push(`No SHA-256 is published for ${bySize.join(', ')}: checked by size only.`);
  if (unchecked.length > 0)
    warnings.push(
      `No SHA-256 or exact size is known for ${unchecked.join(', ')}: not verified beyond the download itself and a test run of the model.`,
    );
  return warnings;
}

async function checkFreeSpace(context: DownloadContext, model: CatalogModelInfo, staging: string): Promise<void> {
  const onDisk = await diskUse(staging);
  const needed = Math.max(0, model.approxDownloadBytes - onDisk);
  const free = await context.freeBytes(staging);
  if (free !== undefined && free < needed + DISK_MARGIN_BYTES) throw diskFullError(staging, needed, free);
}

/** Moves the verified folder into place; an older copy of the model is replaced only after that. */
async function moveIntoPlace(staging: string, target: string): Promise<void> {
  const old = `${target}.old-${randomBytes(4).toString('hex')}`;
  // Windows antivirus and indexers hold fresh model files for a moment: renames are retried.
  const hadOld = await renameWithRetry(target, old).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false;
      throw error;
    },
  );
  try {
    await renameWithRetry(staging, target);
  } catch (error) {
    if (hadOld) await renameWithRetry(old, target).catch(() => undefined);
    throw error;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

export async function runModelDownload(
  context: DownloadContext,
  model: CatalogModelInfo,
  options: DownloadOptions,
): Promise<InstalledModel> {
  const { paths } = context;
  const staging = stagingDirOf(paths, model.id);
  const target = installDirOf(paths, model.id);
  const progress = new ProgressReporter(model, options.onProgress);
  const release = await acquireLock(`${staging}.lock`, {
    pollMs: context.lockPollMs,
    signal: options.signal,
    what: `another Frameproof downloading ${model.id}`,
    onWaiting: () => progress.setPhase('waiting'),
  });
  try {
    // Another process may have finished it while this one waited for the lock.
    const installed = (await readRegistry(paths.registry)).find((m) => m.id === model.id);
    if (
      installed?.catalog?.revision === model.revision &&
      (await stat(installed.path).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      progress.setPhase('done');
      return installed;
    }
    await mkdir(staging, { recursive: true });
    await checkFreeSpace(context, model, staging);
    const claimsFile = `${staging}.claims.json`;
    const claims = await readClaims(claimsFile);
    const files: InstalledModelFile[] = [];
    const remaining = (index: number) => model.files.slice(index).reduce((s, f) => s + (f.sizeBytes ?? f.approxSizeBytes ?? 0), 0);
    for (const [index, file] of model.files.entries()) {
      progress.setPhase('downloading', index);
      const dest = join(staging, ...file.target.split('/'));
      await mkdir(dirname(dest), { recursive: true });
      const result = await downloadFile(
        {
          url: fileUrl(model, file, context.endpoint),
          dest,
          label: file.target,
          expectedSize: file.sizeBytes,
          sha256: file.sha256,
          ...(claims.has(file.target) && { serverClaim: claims.get(file.target) }),
        },
        {
          http: context.http,
          attempts: context.attempts,
          retryDelayMs: context.retryDelayMs,
          signal: options.signal,
          fs: context.fs,
          freeBytes: context.freeBytes,
          neededBytes: () => remaining(index),
          onBytes: (bytes, total, fromDisk) => progress.file(index, bytes, total, fromDisk),
        },
      );
      progress.fileDone(index, result.sizeBytes);
      if (result.serverClaim) {
        claims.set(file.target, result.serverClaim);
        await writeClaims(claimsFile, claims);
      }
      files.push({
        path: file.target,
        sizeBytes: result.sizeBytes,
        sha256: result.sha256,
        verified: result.verified,
        ...(result.expectedFrom && { expectedFrom: result.expectedFrom }),
      });
    }
    let embeddingDim = model.embeddingDim;
    if (options.validate !== false) {
      progress.setPhase('validating');
      try {
        embeddingDim = (await validateModelFolder(staging, { expectedDim: model.embeddingDim, label: model.id })).embeddingDim;
      } catch (error) {
        // Every file matched the catalog, yet the model does not work: keep nothing of it.
        await rm(staging, { recursive: true, force: true });
        await rm(claimsFile, { force: true });
        if (error instanceof AppError)
          throw new AppError(error.code, `${model.id} downloaded but does not work: ${error.message}`, {
            file: error.file,
            fix: error.fix ?? 'Download it again.',
            cause: error,
          });
        throw error;
      }
    }
    if (options.signal?.aborted)
      throw new AppError('DOWNLOAD_CANCELLED', `Download of ${model.id} cancelled.`, {
        fix: 'Run the same download again: it resumes where it stopped.',
      });
    await moveIntoPlace(staging, target);
    await rm(claimsFile, { force: true });
    const entry: InstalledModel = {
      id: model.id,
      name: model.name,
      source: 'catalog',
      layout: 'xenova',
      path: target,
      files,
      sizeBytes: files.reduce((s, f) => s + f.sizeBytes, 0),
      installedAt: new Date().toISOString(),
      embeddingDim,
      catalog: { revision: model.revision, variant: model.variant },
      warnings: warningsFor(model, files),
    };
    await updateRegistry(paths.registry, (models) => ({ models: [...models.filter((m) => m.id !== model.id), entry], result: undefined }));
    progress.setPhase('done');
    return entry;
  } finally {
    await release();
  }
}

/**
 * One download per model at a time in this process: a second request for the same model joins the
 * first, with its own progress and its own cancel (the download stops when every caller cancelled).
 */
class SharedDownload {
  private readonly controller = new AbortController();
  private readonly listeners = new Set<(p: ModelDownloadProgress) => void>();
  private callers = 0;
  readonly promise: Promise<InstalledModel>;

  constructor(
    start: (signal: AbortSignal, onProgress: (p: ModelDownloadProgress) => void) => Promise<InstalledModel>,
    /** Called when every caller has cancelled: a new request must not join a download that is stopping. */
    private readonly onAbandoned: () => void,
  ) {
    this.promise = start(this.controller.signal, (p) => this.listeners.forEach((listener) => listener(p)));
  }

  join(options: DownloadOptions): Promise<InstalledModel> {
    this.callers++;
    const listener = options.onProgress;
    if (listener) this.listeners.add(listener);
    return new Promise<InstalledModel>((resolve, reject) => {
      let left = false;
      const leave = () => {
        if (left) return;
        left = true;
        if (listener) this.listeners.delete(listener);
        options.signal?.removeEventListener('abort', onAbort);
        if (--this.callers === 0) {
          this.onAbandoned();
          this.controller.abort();
        }
      };
      const onAbort = () => {
        leave();
        reject(
          new AppError('DOWNLOAD_CANCELLED', 'Download cancelled.', { fix: 'Run the same download again: it resumes where it stopped.' }),
        );
      };
      if (options.signal?.aborted) return onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.promise.then(
        (value) => {
          if (!left) resolve(value);
          left = true;
        },
        (error: unknown) => {
          if (!left) reject(error);
          left = true;
        },
      );
    });
  }
}

const inFlight = new Map<string, SharedDownload>();

/** Whether this process is downloading the model right now. */
export function isDownloading(paths: ModelPaths, id: string): boolean {
  return inFlight.has(`${paths.root}\0${id}`);
}

export function downloadCatalogModel(context: DownloadContext, id: string, options: DownloadOptions = {}): Promise<InstalledModel> {
  const model = context.catalog.models.find((m) => m.id === id);
  if (!model) {
    return Promise.reject(
      new AppError('MODEL_UNKNOWN', `The catalog has no model "${id}".`, {
        fix: `Choose one of: ${context.catalog.models.map((m) => m.id).join(', ')}.`,
      }),
    );
  }
  const key = `${context.paths.root}\0${id}`;
  let shared = inFlight.get(key);
  if (!shared) {
    const forget = () => {
      if (inFlight.get(key) === created) inFlight.delete(key);
    };
    const created: SharedDownload = new SharedDownload(
      (signal, onProgress) => runModelDownload(context, model, { ...options, signal, onProgress }),
      forget,
    );
    shared = created;
    inFlight.set(key, created);
    void created.promise.then(forget, forget);
  }
  return shared.join(options);
}
