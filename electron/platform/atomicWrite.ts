// The one way Frameproof replaces a file, so that a crash, a full disk or a power cut leaves the old
// file or the new one, never half of each: the bytes go to a temp file in the same folder (same
// file system, so the rename is atomic), are fsynced, take the replaced file's permissions, and
// only then are renamed over the target; the folder is fsynced after. Windows refuses a rename
// for a moment while an antivirus scanner or the search indexer holds the file, so a refused
// rename is tried again after a short wait. The fs functions come in as a parameter so tests can
// make any step fail, which chmod cannot do for root.
import { randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { errnoOf } from '../common/errors.ts';

/** The file-system calls Frameproof's readers and writers make; tests pass versions that fail. */
export type Fs = Pick<typeof fsPromises, 'readFile' | 'readdir' | 'stat' | 'access' | 'open' | 'rename' | 'unlink' | 'chmod'>;

export const nodeFs: Fs = fsPromises;

export type FileContent = string | Uint8Array | readonly Uint8Array[];

export interface AtomicWriteOptions {
  fs?: Fs;
  /** Permissions for a new file (the umask applies); a replaced file keeps the ones it had. */
  mode?: number;
}

/** The waits before each retry of a refused rename: about a third of a second in all. */
export const RENAME_RETRY_DELAYS_MS: readonly number[] = [10, 20, 40, 80, 160];

/** Codes with which Windows refuses a rename while another program briefly holds the file. */
const BUSY_CODES = new Set(['EPERM', 'EBUSY', 'EACCES']);

/** Hidden (dot) name, unique per call, so a board scan meanwhile never takes it for a frame or caption. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.frameproof-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

function chunksOf(content: FileContent): readonly Uint8Array[] {
  if (typeof content === 'string') return [Buffer.from(content, 'utf8')];
  return content instanceof Uint8Array ? [content] : content;
}

/** The permission bits of the file being replaced, or undefined when there is none. */
async function existingMode(path: string, fs: Fs): Promise<number | undefined> {
  try {
    const info = await fs.stat(path);
    return info.isFile() ? info.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Replaces `path` with `content` atomically; returns the bytes written. The error thrown is the fs call's. */
export async function writeFileAtomic(path: string, content: FileContent, options: AtomicWriteOptions = {}): Promise<number> {
  const fs = options.fs ?? nodeFs;
  const keepMode = await existingMode(path, fs);
  const temp = tempNameFor(path);
  let handle: fsPromises.FileHandle | undefined;
  let created = false;
  let size = 0;
  try {
    // 'wx': a name that exists (another writer's temp file) is never clobbered.
    handle = await fs.open(temp, 'wx', options.mode ?? 0o666);
    created = true;
    for (const chunk of chunksOf(content)) {
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
      size += chunk.byteLength;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (keepMode !== undefined) await fs.chmod(temp, keepMode);
    await renameWithRetry(temp, path, fs);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path), fs);
  return size;
}

/** rename(), tried again after short waits while Windows reports the file busy; the last error is thrown. */
export async function renameWithRetry(from: string, to: string, fs: Pick<Fs, 'rename'> = nodeFs): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fs.rename(from, to);
    } catch (error) {
      const wait = RENAME_RETRY_DELAYS_MS[attempt];
      if (wait === undefined || !BUSY_CODES.has(errnoOf(error) ?? '')) throw error;
      await delay(wait);
    }
  }
}

/** Makes a rename or unlink durable; folders cannot be opened for sync on Windows, hence best effort. */
export async function syncFolder(folder: string, fs: Pick<Fs, 'open'> = nodeFs): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    await handle.sync().catch(() => undefined);
    await handle.close();
  } catch {
    // Best effort.
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * writeFileAtomic for a process on its way out (a window's close handler), where an await might
 * never resume: the same steps and retries, blocking. Uses the real file system.
 */
export function writeFileAtomicSync(path: string, content: FileContent): number {
  let keepMode: number | undefined;
  try {
    const info = fsSync.statSync(path);
    if (info.isFile()) keepMode = info.mode & 0o7777;
  } catch {
    // Nothing to replace.
  }
  const temp = tempNameFor(path);
  let fd: number | undefined;
  let created = false;
  let size = 0;
  try {
    fd = fsSync.openSync(temp, 'wx', 0o666);
    created = true;
    for (const chunk of chunksOf(content)) {
      let offset = 0;
      while (offset < chunk.byteLength) offset += fsSync.writeSync(fd, chunk, offset, chunk.byteLength - offset);
      size += chunk.byteLength;
    }
    fsSync.fsyncSync(fd);
    fsSync.closeSync(fd);
    fd = undefined;
    if (keepMode !== undefined) fsSync.chmodSync(temp, keepMode);
    for (let attempt = 0; ; attempt++) {
      try {
        fsSync.renameSync(temp, path);
        break;
      } catch (error) {
        const wait = RENAME_RETRY_DELAYS_MS[attempt];
        if (wait === undefined || !BUSY_CODES.has(errnoOf(error) ?? '')) throw error;
        sleepSync(wait);
      }
    }
  } catch (error) {
    try {
      if (fd !== undefined) fsSync.closeSync(fd);
      if (created) fsSync.rmSync(temp, { force: true });
    } catch {
      // The write's own error is the one worth reporting.
    }
    throw error;
  }
  return size;
}

/** What a failed write means, for the message each caller words in its own terms. */
export type WriteFailure = 'disk-full' | 'read-only' | 'folder-missing' | 'folder-in-the-way' | 'busy' | 'other';

export function writeFailureOf(error: unknown): WriteFailure {
  switch (errnoOf(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'disk-full';
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return 'read-only';
    case 'ENOENT':
    case 'ENOTDIR':
      return 'folder-missing';
    case 'EISDIR':
      return 'folder-in-the-way';
    case 'EBUSY':
    case 'ETXTBSY':
      return 'busy';
    default:
      return 'other';
  }
}
