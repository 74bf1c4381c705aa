// Database failures sorted by what the store does about them.
import { AppError } from '../../common/errors.ts';
import { sqliteLibrary } from './native.ts';

export function sqliteCode(error: unknown): string | undefined {
  return error instanceof sqliteLibrary().SqliteError ? error.code : undefined;
}

/** Damage SQLite cannot see: a row whose content fails its own check. */
export class DamagedContent extends Error {}

/** The file's content is bad (not a database, or a damaged one): move it aside and start afresh. */
export function isDamaged(error: unknown): boolean {
  if (error instanceof DamagedContent) return true;
  const code = sqliteCode(error);
  return code !== undefined && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}

function fixFor(code: string): string {
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return 'Another program kept the database locked for more than 5 seconds. Close other Frameproof windows or commands and try again.';
  }
  if (code.startsWith('SQLITE_FULL') || code === 'ENOSPC')
    return 'Free some disk space, or set FRAMEPROOF_DATA_DIR to a folder on another disk.';
  return 'Check that the folder exists and is writable, or set FRAMEPROOF_DATA_DIR to another folder.';
}

function systemCode(error: unknown): string | undefined {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string' ? code : undefined;
}

/** Any other failure: an AppError naming the file; AppErrors and programming errors pass through. */
export function databaseError(error: unknown, file: string, doing: string): unknown {
  const sqlite = sqliteCode(error);
  const code = sqlite ?? systemCode(error);
  if (code === undefined) return error;
  // Node's messages start with their code; SQLite's ("database is locked") do not.
  const detail = sqlite ? `${(error as Error).message}, ${sqlite}` : (error as Error).message;
  return new AppError('DATABASE_UNAVAILABLE', `Could not ${doing} the Frameproof database (${detail}).`, {
    file,
    fix: fixFor(code),
    cause: error,
  });
}
