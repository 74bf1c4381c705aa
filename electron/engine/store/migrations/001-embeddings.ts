// Embedding cache: CLIP vectors keyed by what produced them, never by where a file lives.
//
// models            one row per model id (e.g. 'clip-vit-b32@<sha256 of the onnx files>'). Every
//                   embedding references its model, so scores from different models cannot mix.
// image_embeddings  (model, prep_version, content_sha256) -> vector. content_sha256 is the image
//                   file's sha256, so a renamed or moved frame hits the same row. prep_version names
//                   the preprocessing (resize, crop, mean/std) the vector was computed with.
// text_embeddings   (model, text_sha256) -> vector. The sha256 of the caption's UTF-8 bytes: the
//                   cache never holds caption text, so a cache file shared in a bug report reveals none.
//
// vector: float32 little-endian, dims values (the CHECK ties the two). crc32: of the vector bytes,
// checked on every read. SQLite checks structure, not content: a file cut short inside its last
// page reads back zero-filled, and without it a damaged vector would be served as a valid one.
// created_at: ms since epoch.
// Rowid tables with a unique index rather than WITHOUT ROWID: a 512-d row is ~2 KB, and SQLite
// advises WITHOUT ROWID only for rows under ~1/20 of a page.
import { APPLICATION_ID, type Migration } from './migration.ts';

export const migration001: Migration = {
  version: 1,
  up(db) {
    db.exec(`
      CREATE TABLE models (
        id INTEGER PRIMARY KEY,
        model_id TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
      );

      CREATE TABLE image_embeddings (
        id INTEGER PRIMARY KEY,
        model INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        prep_version TEXT NOT NULL,
        content_sha256 BLOB NOT NULL CHECK (length(content_sha256) = 32),
        dims INTEGER NOT NULL CHECK (dims > 0),
        vector BLOB NOT NULL CHECK (length(vector) = 4 * dims),
        crc32 INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX image_embeddings_key ON image_embeddings (model, prep_version, content_sha256);

      CREATE TABLE text_embeddings (
        id INTEGER PRIMARY KEY,
        model INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        text_sha256 BLOB NOT NULL CHECK (length(text_sha256) = 32),
        dims INTEGER NOT NULL CHECK (dims > 0),
        vector BLOB NOT NULL CHECK (length(vector) = 4 * dims),
        crc32 INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX text_embeddings_key ON text_embeddings (model, text_sha256);
    `);
    db.pragma(`application_id = ${APPLICATION_ID}`);
  },
};
