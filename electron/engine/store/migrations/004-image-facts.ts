// Image facts: what preprocessing learned about an image besides its embedding (the warnings a
// frame shows, colour statistics for palette drift), so a cached frame shows them without being
// decoded again. Keyed like the embeddings minus the model: they do not depend on the weights.
// facts: a JSON document; created_at: ms since epoch.
import type { Migration } from './migration.ts';

export const migration004: Migration = {
  version: 4,
  up(db) {
    db.exec(`
      CREATE TABLE image_facts (
        prep_version TEXT NOT NULL,
        content_sha256 BLOB NOT NULL CHECK (length(content_sha256) = 32),
        facts TEXT NOT NULL CHECK (json_valid(facts)),
        created_at INTEGER NOT NULL,
        PRIMARY KEY (prep_version, content_sha256)
      ) WITHOUT ROWID;
    `);
  },
};
