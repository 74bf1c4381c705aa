// Project state: per board folder (absolute path), the settings a person chose for it (thresholds,
// acknowledged flags, style prompt) as one JSON document the engine does not look inside.
// Unlike the embeddings this is not derived data: moving a damaged database aside keeps it there.
// updated_at: ms since epoch of the last write.
import type { Migration } from './migration.ts';

export const migration003: Migration = {
  version: 3,
  up(db) {
    db.exec(`
      CREATE TABLE project_state (
        folder TEXT PRIMARY KEY,
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        updated_at INTEGER NOT NULL
      );
    `);
  },
};
