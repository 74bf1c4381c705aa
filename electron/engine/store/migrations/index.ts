// The ordered schema steps and the runner: each step in its own write transaction that also sets
// PRAGMA user_version, so a crash leaves the database at a whole version.
import type { Database } from 'better-sqlite3';
import { AppError } from '../../../common/errors.ts';
import { migration001 } from './001-embeddings.ts';
import { migration002 } from './002-file-index.ts';
import { migration003 } from './003-project-state.ts';
import { migration004 } from './004-image-facts.ts';
import type { Migration } from './migration.ts';

export { APPLICATION_ID, type Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004];

/** The schema version this build writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws DATABASE_TOO_NEW for a database a newer Frameproof wrote; call before changing anything. */
export function refuseNewer(version: number, file: string): void {
  if (version <= SCHEMA_VERSION) return;
  throw new AppError(
    'DATABASE_TOO_NEW',
    `This database has schema version ${version}, but this Frameproof understands up to version ${SCHEMA_VERSION}: a newer Frameproof wrote it.`,
    {
      file,
      fix: 'Update Frameproof. To keep using this version, set FRAMEPROOF_DATA_DIR to another folder; the file was left as it is.',
    },
  );
}

/** Brings the database up to `target` (default: the latest). A newer database is refused, untouched. */
export function migrate(db: Database, file: string, target = SCHEMA_VERSION): void {
  const before = schemaVersion(db);
  refuseNewer(before, file);
  if (before >= target) return;
  for (const migration of MIGRATIONS) {
    if (migration.version > target) break;
    // IMMEDIATE takes the write lock before reading user_version, so when the app and the CLI open
    // a fresh file together, the second one waits and then finds the step done.
    db.transaction(() => {
      const current = schemaVersion(db);
      refuseNewer(current, file);
      if (current >= migration.version) return;
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
}
