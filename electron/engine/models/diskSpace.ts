// Free space: checked before a download starts (a 1.7 GB model should fail in a second, not at 90%),
// and turned into the same message when a write fails with ENOSPC anyway.
import { lstat, readdir, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError, errnoOf } from '../../common/errors.ts';
import { formatBytes } from './progress.ts';

/** Bytes free for this user on the file system holding dir; undefined when it cannot be told. */
export type FreeBytes = (dir: string) => Promise<number | undefined>;

export const statfsFreeBytes: FreeBytes = async (dir) => {
  try {
    const stats = await statfs(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return undefined;
  }
};

export function isDiskFullError(error: unknown): boolean {
  const code = errnoOf(error);
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** Room kept free beyond the download itself: the file system needs some, and so do other programs. */
export const DISK_MARGIN_BYTES = 50_000_000;

/** remainingBytes: what the model still has to write; freeBytes: what the drive has. */
export function diskFullError(dir: string, remainingBytes: number, freeBytes: number | undefined, cause?: unknown): AppError {
  const free = freeBytes === undefined ? '' : `, and ${formatBytes(freeBytes)} are free`;
  const shortfall = freeBytes === undefined ? remainingBytes : Math.max(0, remainingBytes - freeBytes) + DISK_MARGIN_BYTES;
  return new AppError('DISK_FULL', `Not enough disk space for the model: it needs ${formatBytes(remainingBytes)} more${free}.`, {
    file: dir,
    fix: `Free at least ${formatBytes(shortfall)} on that drive, or set FRAMEPROOF_DATA_DIR to a folder on a drive with room, then download again.`,
    cause,
  });
}

/** Bytes of regular files under path; links count as nothing (an Immich adapter links to the originals). */
export async function diskUse(path: string): Promise<number> {
  const info = await lstat(path).catch(() => undefined);
  if (!info) return 0;
  if (info.isFile()) return info.size;
  if (!info.isDirectory()) return 0;
  let total = 0;
  for (const entry of await readdir(path).catch(() => [] as string[])) total += await diskUse(join(path, entry));
  return total;
}
