// A damaged or foreign database is renamed, never deleted: it may hold someone's data, and the
// project settings in ours are not derived data.
import { existsSync, renameSync } from 'node:fs';
import { AppError } from '../../common/errors.ts';

/** SQLite's companion files, named after the database. */
export const SIDECARS = ['-wal', '-shm', '-journal'] as const;

function freeName(file: string, now: Date): string {
  // No colons: the name must be valid on Windows too.
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 1; existsSync(target); n++) target = `${file}.corrupt-${stamp}-${n}`;
  return target;
}

/** Renames file (and its -wal/-shm/-journal, so the copy still opens) to <file>.corrupt-<timestamp>. */
export function moveAside(file: string, now = new Date()): string {
  const target = freeName(file, now);
  try {
    renameSync(file, target);
    for (const suffix of SIDECARS) {
      if (existsSync(file + suffix)) renameSync(file + suffix, target + suffix);
    }
  } catch (cause) {
    throw new AppError('DATABASE_UNAVAILABLE', `The database is damaged and could not be moved aside (${(cause as Error).message}).`, {
      file,
      fix: 'Close other Frameproof windows and commands, then move the file away. It holds cached embeddings (computed again) and board settings.',
      cause,
    });
  }
  return target;
}
