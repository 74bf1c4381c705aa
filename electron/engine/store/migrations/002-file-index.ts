// File index: absolute path + size + mtime -> content sha256, so an unchanged frame is not read
// and hashed again on every open. Embeddings are keyed by the hash, so this table only saves I/O;
// a stale or missing row costs a re-hash, never a wrong embedding (see lookupFileHash).
//
// mtime_ms is REAL: fs.Stats.mtimeMs carries sub-millisecond precision and must compare exactly.
// hashed_at (ms since epoch, taken before the file was read) lets a lookup distrust a row whose
// mtime is too close to the hashing time to rule out a later same-size write in the same tick.
// WITHOUT ROWID: rows are small and always found by path, so the primary key is the table.
import type { Migration } from './migration.ts';

export const migration002: Migration = {
  version: 2,
  up(db) {
    db.exec(`
      CREATE TABLE file_hashes (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL CHECK (size >= 0),
        mtime_ms REAL NOT NULL,
        content_sha256 BLOB NOT NULL CHECK (length(content_sha256) = 32),
        hashed_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
