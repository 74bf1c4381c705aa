// One file of a model: resumed from <dest>.partial with a Range request, retried with backoff,
// checked against its SHA-256 (or its size), and only then renamed to <dest>. The catalog's figures
// come first; where it has none, the ones Hugging Face sends on its redirect (serverClaim.ts). A
// partial file is kept across failures so the next try resumes; one that proves wrong (checksum,
// size, disk full) is removed.
import { abortableDelay } from './delay.ts';
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, errnoOf } from '../../common/errors.ts';
import { renameWithRetry, writeFileAtomic } from '../../platform/atomicWrite.ts';
import { diskFullError, isDiskFullError, type FreeBytes } from './diskSpace.ts';
import { httpGet, StallError, type GetResult, type HttpOptions } from './httpGet.ts';
import { formatBytes } from './progress.ts';
import { parseServerClaim, serverClaimOf, type ServerClaim } from './serverClaim.ts';

/** The one file-system call a download makes that tests need to fail (ENOSPC) on demand. */
export interface DownloadFs {
  createWriteStream(path: string, options: { append: boolean }): Writable;
}

export const nodeDownloadFs: DownloadFs = {
  createWriteStream: (path, { append }) => createWriteStream(path, { flags: append ? 'a' : 'w' }),
};

export interface FileDownload {
  url: string;
  /** Final path; the download goes to <dest>.partial until verified. */
  dest: string;
  /** Shown in messages: the file's path in the model folder. */
  label: string;
  expectedSize: number | null;
  sha256: string | null;
  /** What the server claimed for <dest> when an earlier run finished it: checks a file found complete. */
  serverClaim?: ServerClaim;
}

export interface DownloadFileOptions {
  http: HttpOptions;
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before try n+1 (n from 1). */
  retryDelayMs: (attempt: number) => number;
  signal?: AbortSignal;
  fs: DownloadFs;
  freeBytes: FreeBytes;
  /** Bytes the whole model still needs if this file's partial is lost (for a disk-full message). */
  neededBytes: () => number;
  /** Bytes of this file on disk; fromDisk marks bytes found from an earlier run (not download speed). */
  onBytes?: (bytes: number, total: number | null, fromDisk: boolean) => void;
}

export interface DownloadedFile {
  sizeBytes: number;
  sha256: string;
  verified: 'sha256' | 'size' | 'none';
  /** Whose figure it was checked against: the catalog's, or the one the server sent on its redirect. */
  expectedFrom: 'catalog' | 'server' | null;
  /** What the server claimed (X-Linked-Etag/-Size), for the caller to keep. */
  serverClaim: ServerClaim | undefined;
}

interface PartialMeta {
  url: string;
  etag: string | null;
  total: number | null;
  claim: ServerClaim | undefined;
}

/** What a file must be, and who said so. */
interface Expectation {
  sha256: string | null;
  size: number | null;
  sha256From: 'catalog' | 'server';
  sizeFrom: 'catalog' | 'server';
}

const SAYS = { catalog: 'the catalog expects', server: 'the server announced on its redirect' } as const;

/** A server error worth another try (5xx, 429), with the delay it asked for. */
class RetryableStatus extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`HTTP ${status}`);
  }
}

const CONNECT_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN']);
const FILE_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'EISDIR', 'ENOTDIR', 'EMFILE', 'ENFILE', 'EIO', 'EFBIG', 'EBADF']);
/** Certificate failures: another try cannot help, and the fix is a setting. */
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/** Being offline shows after a couple of quick tries, not after the full backoff. */
const MAX_CONNECT_ATTEMPTS = 3;

export const OFFLINE_FIX =
  'Check the internet connection. Behind a proxy, set HTTPS_PROXY (and NO_PROXY for local hosts); with a mirror, set HF_ENDPOINT. ' +
  'Offline, copy a model folder from another machine and import it: frameproof models import DIR (or Import on the Models page).';

const RESUME_FIX = 'Run the same download again: it resumes where it stopped.';

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

async function readMeta(file: string): Promise<PartialMeta | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const m = json as Record<string, unknown>;
    if (typeof m.url !== 'string') return undefined;
    return {
      url: m.url,
      etag: typeof m.etag === 'string' ? m.etag : null,
      total: typeof m.total === 'number' ? m.total : null,
      claim: parseServerClaim(m.claim),
    };
  } catch {
    return undefined;
  }
}

function hashInto(path: string, hash: Hash): Promise<void> {
  return pipeline(createReadStream(path), new Transform({ transform: (chunk: Buffer, _e, done) => (hash.update(chunk), done()) }));
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  await hashInto(path, hash);
  return hash.digest('hex');
}

/** Content-Range: bytes 100-199/200 (or bytes * /200 on a 416). */
function parseContentRange(value: string | undefined): { start: number | null; total: number | null } | undefined {
  const match = value ? /^bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)$/i.exec(value.trim()) : null;
  if (!match) return undefined;
  return { start: match[1] === undefined ? null : Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

function retryAfterMs(response: GetResult): number | undefined {
  const value = response.header('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function httpStatusError(status: number, url: URL, job: FileDownload): AppError {
  const host = url.host;
  if (status === 404 || status === 410) {
    return new AppError('DOWNLOAD_HTTP', `${host} has no ${job.label} (HTTP ${status}) at ${url.href}.`, {
      file: job.label,
      fix: 'The catalog may be out of date, or the mirror in HF_ENDPOINT lacks this file. Update Frameproof, fix the mirror, or import a model folder instead.',
    });
  }
  if (status === 401 || status === 403) {
    return new AppError('DOWNLOAD_HTTP', `${host} refused ${job.label} (HTTP ${status}).`, {
      file: job.label,
      fix: 'The repository may need a login or be blocked by the network; download the model folder elsewhere and import it.',
    });
  }
  return new AppError('DOWNLOAD_HTTP', `${host} answered HTTP ${status} for ${job.label}.`, {
    file: job.label,
    fix: 'Try again later, or set HF_ENDPOINT to another mirror.',
  });
}

interface BodyOutcome {
  networkError?: unknown;
  writeError?: unknown;
}

/**
 * Streams the body into the partial file. When the connection breaks, what already arrived is still
 * written out and the file closed before this returns: that is what the next try resumes from.
 * (stream.pipeline would destroy the file stream and drop writes still queued behind its open.)
 */
function writeBody(response: Readable, counter: Transform, writer: Writable): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const outcome: BodyOutcome = {};
    const settle = () => resolve(outcome);
    const onNetwork = (error: unknown) => {
      if (outcome.networkError !== undefined || outcome.writeError !== undefined) return;
      outcome.networkError = error;
      response.unpipe(counter);
      counter.end();
    };
    response.once('error', onNetwork);
    response.once('close', () => {
      if (!response.readableEnded) onNetwork(new Error(`the connection closed before the end of the file`));
    });
    const onWrite = (error: unknown) => {
      if (outcome.writeError !== undefined) return;
      outcome.writeError = error;
      response.destroy();
      counter.destroy();
      if (writer.closed) settle();
      else writer.once('close', settle);
    };
    counter.once('error', onWrite);
    writer.once('error', onWrite);
    writer.once('close', () => {
      if (outcome.writeError === undefined) settle();
    });
    response.pipe(counter).pipe(writer);
  });
}

export class FileDownloader {
  private readonly partial: string;
  private readonly metaFile: string;
  /** The server's latest word on the file: from the redirect, the partial's record, or an earlier run. */
  private claim: ServerClaim | undefined;

  constructor(
    private readonly job: FileDownload,
    private readonly options: DownloadFileOptions,
  ) {
    this.partial = `${job.dest}.partial`;
    this.metaFile = `${this.partial}.json`;
    this.claim = job.serverClaim;
  }

  private expectation(): Expectation {
    const { job, claim } = this;
    return {
      sha256: job.sha256 ?? claim?.sha256 ?? null,
      size: job.expectedSize ?? claim?.sizeBytes ?? null,
      sha256From: job.sha256 ? 'catalog' : 'server',
      sizeFrom: job.expectedSize !== null ? 'catalog' : 'server',
    };
  }

  private async discardPartial(): Promise<void> {
    await rm(this.partial, { force: true });
    await rm(this.metaFile, { force: true });
  }

  private cancelled(): AppError {
    return new AppError('DOWNLOAD_CANCELLED', `Download of ${this.job.label} cancelled.`, { file: this.job.label, fix: RESUME_FIX });
  }

  /** A complete file from an earlier run is kept when it still checks out. */
  private async existing(): Promise<DownloadedFile | undefined> {
    const size = await sizeOf(this.job.dest);
    if (size === 0) return undefined;
    const sha256 = await sha256OfFile(this.job.dest);
    const verified = this.verdict(size, sha256);
    if (verified) {
      this.options.onBytes?.(size, size, true);
      return this.result(size, sha256, verified);
    }
    await rm(this.job.dest, { force: true });
    return undefined;
  }

  private verdict(size: number, sha256: string): DownloadedFile['verified'] | undefined {
    const expected = this.expectation();
    if (expected.sha256) return sha256 === expected.sha256 ? 'sha256' : undefined;
    if (expected.size !== null) return size === expected.size ? 'size' : undefined;
    return 'none';
  }

  private result(sizeBytes: number, sha256: string, verified: DownloadedFile['verified']): DownloadedFile {
    const expected = this.expectation();
    const expectedFrom = verified === 'sha256' ? expected.sha256From : verified === 'size' ? expected.sizeFrom : null;
    return { sizeBytes, sha256, verified, expectedFrom, serverClaim: this.claim };
  }

  /**
   * The redirect's claim against the catalog, before any byte is written: a mirror or an upstream
   * that serves another file is refused at once rather than after a gigabyte. A claim that changed
   * since the partial was started means the partial belongs to another file.
   */
  private async checkClaim(claim: ServerClaim | undefined, resuming: boolean, host: string): Promise<void> {
    const { job } = this;
    if (!claim) return;
    const previous = this.claim;
    this.claim = claim;
    const fix = 'The mirror (HF_ENDPOINT) or the catalog is out of date: update Frameproof, or fix the mirror.';
    if (job.sha256 && claim.sha256 && claim.sha256 !== job.sha256) {
      await this.discardPartial();
      throw new AppError(
        'DOWNLOAD_CHECKSUM',
        `${host} announces ${job.label} with SHA-256 ${claim.sha256} (X-Linked-Etag); the catalog expects ${job.sha256}. Refused before downloading it.`,
        { file: job.label, fix },
      );
    }
    if (job.expectedSize !== null && claim.sizeBytes !== null && claim.sizeBytes !== job.expectedSize) {
      await this.discardPartial();
      throw new AppError(
        'DOWNLOAD_SIZE',
        `${host} announces ${job.label} as ${claim.sizeBytes} bytes (X-Linked-Size); the catalog expects ${job.expectedSize}. Refused before downloading it.`,
        { file: job.label, fix },
      );
    }
    const changed =
      (previous?.sha256 && claim.sha256 && previous.sha256 !== claim.sha256) ||
      (previous?.sizeBytes != null && claim.sizeBytes !== null && previous.sizeBytes !== claim.sizeBytes);
    if (resuming && changed) {
      await this.discardPartial();
      throw new Error(`${job.label} changed on the server since the partial download began; starting over`);
    }
  }

  async run(): Promise<DownloadedFile> {
    const found = await this.existing();
    if (found) return found;
    let lastError: unknown;
    let connectFailures = 0;
    const { attempts, signal } = this.options;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (signal?.aborted) throw this.cancelled();
      try {
        return await this.attempt();
      } catch (error) {
        if (signal?.aborted) throw this.cancelled();
        if (error instanceof AppError) throw error;
        if (TLS_CODES.has(errnoOf(error) ?? '')) throw this.untrusted(error);
        lastError = error;
        if (CONNECT_CODES.has(errnoOf(error) ?? '') && ++connectFailures >= MAX_CONNECT_ATTEMPTS) break;
        if (attempt === attempts) break;
        const asked = error instanceof RetryableStatus ? error.retryAfterMs : undefined;
        await this.wait(Math.min(60_000, Math.max(this.options.retryDelayMs(attempt), asked ?? 0)));
      }
    }
    throw await this.giveUp(lastError);
  }

  private untrusted(error: unknown): AppError {
    const host = new URL(this.job.url).host;
    return new AppError('DOWNLOAD_INSECURE', `The HTTPS certificate of ${host} is not trusted (${(error as Error).message}).`, {
      file: this.job.label,
      fix: 'If your network inspects HTTPS (a studio proxy or antivirus), point NODE_EXTRA_CA_CERTS at its CA certificate file and try again; otherwise the connection is being intercepted.',
      cause: error,
    });
  }

  private wait(ms: number): Promise<void> {
    return abortableDelay(ms, this.options.signal, () => this.cancelled());
  }

  private async giveUp(error: unknown): Promise<AppError> {
    const kept = await sizeOf(this.partial);
    const keptNote = kept > 0 ? ` ${formatBytes(kept)} are kept for resuming.` : '';
    const host = new URL(this.job.url).host;
    const { attempts } = this.options;
    if (error instanceof StallError) {
      return new AppError(
        'DOWNLOAD_TIMEOUT',
        `${host} stopped sending ${this.job.label} (${error.message}, ${attempts} tries).${keptNote}`,
        { file: this.job.label, fix: `${RESUME_FIX} If it keeps stalling, try another network or a mirror (HF_ENDPOINT).`, cause: error },
      );
    }
    if (error instanceof RetryableStatus) {
      return new AppError('DOWNLOAD_HTTP', `${host} answered HTTP ${error.status} for ${this.job.label}, ${attempts} times.${keptNote}`, {
        file: this.job.label,
        fix: 'The server is busy or down: try again later, or set HF_ENDPOINT to another mirror.',
        cause: error,
      });
    }
    const code = errnoOf(error);
    if (CONNECT_CODES.has(code ?? '')) {
      return new AppError('DOWNLOAD_OFFLINE', `Cannot reach ${host} (${code}): Frameproof looks offline.${keptNote}`, {
        file: this.job.label,
        fix: OFFLINE_FIX,
        cause: error,
      });
    }
    return new AppError(
      'DOWNLOAD_FAILED',
      `The connection to ${host} broke while downloading ${this.job.label} (${(error as Error)?.message ?? error}; ${attempts} tries).${keptNote}`,
      { file: this.job.label, fix: RESUME_FIX, cause: error },
    );
  }

  private async attempt(): Promise<DownloadedFile> {
    const { job, options } = this;
    let offset = await sizeOf(this.partial);
    const meta = offset > 0 ? await readMeta(this.metaFile) : undefined;
    if (meta?.claim && meta.url === job.url) this.claim = meta.claim;
    const expectedSize = this.expectation().size;
    // A partial from another URL (the catalog moved to a new revision) is another file.
    if (offset > 0 && (meta?.url !== job.url || (expectedSize !== null && offset > expectedSize))) {
      await this.discardPartial();
      offset = 0;
      this.claim = job.serverClaim;
    }
    let hash = createHash('sha256');
    if (offset > 0) {
      await hashInto(this.partial, hash);
      options.onBytes?.(offset, meta?.total ?? job.expectedSize, true);
      if (offset === (expectedSize ?? meta?.total)) return this.finish(hash, offset);
    }
    // If-Range takes strong validators only: with a weak one the server would resend the whole file.
    const ifRange = meta?.etag && !meta.etag.startsWith('W/') ? { 'if-range': meta.etag } : {};
    const headers = offset > 0 ? { range: `bytes=${offset}-`, ...ifRange } : {};
    const got = await httpGet(job.url, headers, options.http, options.signal);
    const { status, header, body, url, stall } = got;
    if (status === 200 || status === 206) {
      try {
        await this.checkClaim(serverClaimOf(got.redirects), status === 206, got.redirects[0]?.url.host ?? url.host);
      } catch (error) {
        body.destroy();
        throw error;
      }
    }
    if (status === 416 && offset > 0) {
      body.resume();
      const range = parseContentRange(header('content-range'));
      if (range?.total === offset) return this.finish(hash, offset);
      await this.discardPartial();
      throw new Error('the server refused to resume (HTTP 416)');
    }
    if (status !== 200 && status !== 206) {
      body.resume();
      if (status >= 500 || status === 429 || status === 408) throw new RetryableStatus(status, retryAfterMs(got));
      throw httpStatusError(status, url, job);
    }
    let start = 0;
    let total: number | null;
    if (status === 206) {
      const range = parseContentRange(header('content-range'));
      if (range?.start !== offset) {
        body.destroy();
        await this.discardPartial();
        throw new Error(`the server resumed at the wrong place (${header('content-range') ?? 'no Content-Range'})`);
      }
      start = offset;
      total = range.total;
    } else {
      // 200 to a range request: the server ignored it (or the file changed, If-Range): start over.
      if (offset > 0) hash = createHash('sha256');
      const length = Number(header('content-length'));
      total = Number.isSafeInteger(length) && header('content-length') !== undefined ? length : null;
    }
    const expected = this.expectation();
    if (expected.size !== null && total !== null && total !== expected.size) {
      body.destroy();
      await this.discardPartial();
      throw new AppError(
        'DOWNLOAD_SIZE',
        `${url.host} offers ${job.label} as ${total} bytes; ${SAYS[expected.sizeFrom]} ${expected.size}.`,
        {
          file: job.label,
          fix: 'The mirror or the catalog is out of date: update Frameproof, or fix the mirror in HF_ENDPOINT.',
        },
      );
    }
    let received = start;
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        hash.update(chunk);
        received += chunk.length;
        options.onBytes?.(received, total, false);
        done(null, chunk);
      },
    });
    const writer = options.fs.createWriteStream(this.partial, { append: start > 0 });
    const writing = writeBody(body, counter, writer);
    // Written while the body streams: awaited before the pipe, a connection cut meanwhile would go unseen.
    const metaError = await writeFileAtomic(
      this.metaFile,
      JSON.stringify({ url: job.url, etag: header('etag') ?? null, total, claim: this.claim } satisfies PartialMeta),
    ).then(
      () => undefined,
      (error: unknown) => error ?? new Error(`${this.metaFile} could not be written`),
    );
    const outcome = await writing;
    outcome.writeError ??= metaError;
    if (outcome.writeError !== undefined) throw await this.writeFailure(outcome.writeError);
    if (outcome.networkError !== undefined) throw stall() ?? outcome.networkError;
    // Without a Content-Length a cut connection can look like a normal end.
    if (total !== null && received !== total) throw new Error(`the connection closed after ${received} of ${total} bytes`);
    return this.finish(hash, received);
  }

  /** A write error is the disk's fault, not the network's: no retry. */
  private async writeFailure(error: unknown): Promise<unknown> {
    if (isDiskFullError(error)) {
      await this.discardPartial();
      const dir = dirname(this.partial);
      return diskFullError(dir, this.options.neededBytes(), await this.options.freeBytes(dir), error);
    }
    if (FILE_CODES.has(errnoOf(error) ?? '')) {
      return new AppError('DOWNLOAD_FAILED', `Cannot write the download (${(error as Error).message}).`, {
        file: this.partial,
        fix: 'Check that the data folder is writable, or set FRAMEPROOF_DATA_DIR to a folder that is.',
        cause: error,
      });
    }
    return error;
  }

  private async finish(hash: Hash, size: number): Promise<DownloadedFile> {
    const sha256 = hash.digest('hex');
    const verified = this.verdict(size, sha256);
    if (!verified) {
      await this.discardPartial();
      const { job } = this;
      const expected = this.expectation();
      const [code, message] = expected.sha256
        ? ([
            'DOWNLOAD_CHECKSUM',
            `${job.label} arrived damaged or different: its SHA-256 is ${sha256}, ${SAYS[expected.sha256From]} ${expected.sha256}.`,
          ] as const)
        : (['DOWNLOAD_SIZE', `${job.label} arrived as ${size} bytes; ${SAYS[expected.sizeFrom]} ${expected.size}.`] as const);
      throw new AppError(code, `${message} The partial file was removed.`, {
        file: job.label,
        fix: 'Download again. If it fails the same way, the mirror (HF_ENDPOINT) or a proxy is altering the file: try another network, or import a model folder.',
      });
    }
    // Antivirus scanners hold a freshly written model file for a moment on Windows.
    await renameWithRetry(this.partial, this.job.dest);
    await rm(this.metaFile, { force: true });
    return this.result(size, sha256, verified);
  }
}

export function downloadFile(job: FileDownload, options: DownloadFileOptions): Promise<DownloadedFile> {
  return new FileDownloader(job, options).run();
}
