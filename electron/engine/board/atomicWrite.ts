// Replacing a file so that a crash, a full disk or a power cut leaves either the old file or the
// new one, never half of each: write a temp file in the same folder (same file system, so rename
// is atomic), fsync it, rename it over the target, then fsync the folder. The fs functions come
// in as a parameter so tests can make any step fail, which chmod cannot do for root.
import { randomBytes } from 'node:crypto';
import * as fsPromises from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type BoardFs = Pick<typeof fsPromises, 'readFile' | 'readdir' | 'stat' | 'access' | 'open' | 'rename' | 'unlink' | 'chmod'>;

export const nodeFs: BoardFs = fsPromises;

/** Hidden (dot) name, so a scan that runs meanwhile never takes it for a frame or caption. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.frameproof-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

export async function writeFileAtomic(path: string, bytes: Uint8Array, options: { fs?: BoardFs; mode?: number } = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const temp = tempNameFor(path);
  let handle: fsPromises.FileHandle | undefined;
  let created = false;
  try {
    handle = await fs.open(temp, 'wx', options.mode ?? 0o666);
    created = true;
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    // open() applies the umask; the replaced file keeps the permissions it had.
    if (options.mode !== undefined) await fs.chmod(temp, options.mode);
    await fs.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path), fs);
}

/** Makes a rename or unlink durable; folders cannot be opened for sync on Windows, hence best effort. */
export async function syncFolder(folder: string, fs: BoardFs = nodeFs): Promise<void> {
  try {
    const handle = await fs.open(folder, 'r');
    await handle.sync().catch(() => undefined);
    await handle.close();
  } catch {
    // Best effort.
  }
}
