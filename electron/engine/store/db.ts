// Opens the one database file the app and the CLI share: WAL so readers never wait for the writer,
// a busy timeout so two writers queue instead of failing, and damaged or foreign files moved aside.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { StoreNotice } from '../../common/api.ts';
import { APPLICATION_ID, migrate, refuseNewer, schemaVersion } from './migrations/index.ts';
import { moveAside } from './moveAside.ts';
import { sqliteLibrary } from './native.ts';
import { databaseError, isDamaged, sqliteCode } from './sqliteErrors.ts';

export const BUSY_TIMEOUT_MS = 5000;

/** Which file a connection has open, to notice when the name now points elsewhere or nowhere. */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
}

export interface OpenDatabase {
  db: Database.Database;
  identity: FileIdentity;
}

class ForeignDatabase extends Error {}

export function fileIdentity(file: string): FileIdentity | undefined {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats && { dev: stats.dev, ino: stats.ino };
}

export function sameFile(a: FileIdentity | undefined, b: FileIdentity): boolean {
  return a !== undefined && a.dev === b.dev && a.ino === b.ino;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switching a new file to WAL upgrades a read lock to a write lock, and SQLite returns BUSY there
 * without calling the busy handler (waiting could deadlock). When the app and the CLI create the
 * database together one of them gets it, so it retries, for as long as the busy timeout would wait.
 */
function switchToWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!sqliteCode(error)?.startsWith('SQLITE_BUSY') || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, Math.min(5 * attempt, 50));
    }
  }
}

/**
 * A 512-d float32 row is ~2.1 KB: one fits a 4 KB page, wasting half of it. At 16 KB seven fit, and
 * 2,000 embeddings take 4.9 MB instead of 8.4 MB. Only a new, empty file takes it (before WAL).
 */
export const PAGE_SIZE = 16384;

function configure(db: Database.Database): void {
  db.pragma(`page_size = ${PAGE_SIZE}`);
  if (db.pragma('journal_mode', { simple: true }) !== 'wal') switchToWal(db);
  // In WAL mode NORMAL cannot corrupt; a power cut may lose the last commits, which are a cache.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

/** Ours, or new and empty; anything else is another program's file (or garbage that parses). */
function checkOwnership(db: Database.Database): void {
  if (db.pragma('application_id', { simple: true }) === APPLICATION_ID) return;
  const tables = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").pluck().all();
  if (tables.length === 0 && schemaVersion(db) === 0) return;
  const listed = tables.length > 0 ? `tables ${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}` : 'no tables';
  throw new ForeignDatabase(`it is another program's SQLite file (${listed})`);
}

// A -wal/-shm left at the name by a deleted database is left to SQLite: it drops a -wal next to an
// empty file and resets a -shm nobody holds. Deleting them here raced with another process
// creating the database at the same moment (first run of the app and the CLI together).
function openOnce(file: string): OpenDatabase {
  // The Electron app runs the engine on Electron's Node: it may point at a build of the addon for
  // that ABI (see build/electron-native.mjs); plain Node uses the package's own.
  const nativeBinding = process.env.FRAMEPROOF_SQLITE_BINDING;
  const db = new (sqliteLibrary())(file, { timeout: BUSY_TIMEOUT_MS, ...(nativeBinding && { nativeBinding }) });
  try {
    // Read-only checks first: a foreign or newer file must be left exactly as it was, and
    // switching it to WAL would rewrite its header.
    checkOwnership(db);
    refuseNewer(schemaVersion(db), file);
    configure(db);
    migrate(db, file);
    const identity = fileIdentity(file);
    if (!identity) throw new Error('The database file vanished while it was being opened');
    return { db, identity };
  } catch (error) {
    db.close();
    throw error;
  }
}

function reason(error: unknown): string {
  return error instanceof ForeignDatabase ? error.message : `it is damaged: ${(error as Error).message}`;
}

/**
 * What a person loses with the database, and what they do not: it holds only a cache and the
 * settings of boards whose folder refused frameproof.json.
 */
export const LOST_WITH_THE_DATABASE =
  'the cached scores (computed again on the next run, which takes a while) and the settings of read-only boards (back to their defaults)';
export const BOARDS_UNTOUCHED = 'Nothing in any board folder was touched.';

function moveAsideAndTell(file: string, error: unknown, notify: (notice: StoreNotice) => void): void {
  const movedTo = moveAside(file);
  notify({
    kind: 'moved-aside',
    file,
    movedTo,
    message: `Frameproof could not use its database because ${reason(error)}. It was moved to ${movedTo} and a new one started. Lost: ${LOST_WITH_THE_DATABASE}. ${BOARDS_UNTOUCHED}`,
  });
}

/**
 * Opens (creating if needed) and migrates the database. A file that is not a Frameproof database,
 * or is damaged, is renamed to <file>.corrupt-<timestamp> and a new one started; `notify` hears of it.
 */
export function openDatabase(file: string, notify: (notice: StoreNotice) => void): OpenDatabase {
  try {
    mkdirSync(dirname(file), { recursive: true });
    try {
      return openOnce(file);
    } catch (error) {
      if (!(error instanceof ForeignDatabase) && !isDamaged(error)) throw error;
      moveAsideAndTell(file, error, notify);
      return openOnce(file);
    }
  } catch (error) {
    throw databaseError(error, file, 'open');
  }
}

/**
 * Damage found while in use: closes the connection, moves the file aside unless the name already
 * points elsewhere (another process got there first), and opens what is at the name now.
 */
export function reopenDamaged(opened: OpenDatabase, file: string, error: unknown, notify: (notice: StoreNotice) => void): OpenDatabase {
  closeQuietly(opened.db);
  try {
    if (sameFile(fileIdentity(file), opened.identity)) moveAsideAndTell(file, error, notify);
  } catch (failure) {
    throw databaseError(failure, file, 'move aside');
  }
  return openDatabase(file, notify);
}

/**
 * Closes a connection whose name now points to another file or to none. Its -wal may still sit at
 * the name, where SQLite would replay it into the new file; a TRUNCATE checkpoint through this
 * connection's own handles empties it first. No waiting: if another process still reads the old
 * file, the WAL stays (SQLite's own rename hazard) rather than stalling this call.
 */
export function closeReplaced(db: Database.Database): void {
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Best effort; closing is what matters.
  }
  closeQuietly(db);
}

/** Closes a connection whose file may be gone. SQLite skips the checkpoint for a moved file. */
export function closeQuietly(db: Database.Database): void {
  try {
    db.close();
  } catch {
    // Nothing to save: the file it would flush to is no longer the one at the path.
  }
}
