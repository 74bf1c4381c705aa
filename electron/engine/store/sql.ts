// Every statement the store runs, in one place so the query-plan tests check exactly these.

/** Hashes per batched lookup; the last chunk is padded by repeating a hash, so one statement serves all. */
export const LOOKUP_CHUNK = 200;

const chunkParams = Array.from({ length: LOOKUP_CHUNK }, () => '?').join(', ');

export const SQL = {
  findModel: 'SELECT id FROM models WHERE model_id = ?',
  addModel: 'INSERT INTO models (model_id, created_at) VALUES (?, ?) ON CONFLICT (model_id) DO NOTHING',

  // Lookups go through models by its unique model_id, then the embedding's unique key: two index
  // searches, no model-id cache to go stale when another process rebuilds the file.
  imageOne: `SELECT e.dims, e.vector, e.crc32 FROM models m JOIN image_embeddings e ON e.model = m.id
    WHERE m.model_id = ? AND e.prep_version = ? AND e.content_sha256 = ?`,
  imageChunk: `SELECT e.content_sha256 AS key, e.dims, e.vector, e.crc32 FROM models m JOIN image_embeddings e ON e.model = m.id
    WHERE m.model_id = ? AND e.prep_version = ? AND e.content_sha256 IN (${chunkParams})`,
  imagePut: `INSERT INTO image_embeddings (model, prep_version, content_sha256, dims, vector, crc32, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (model, prep_version, content_sha256) DO UPDATE SET
      dims = excluded.dims, vector = excluded.vector, crc32 = excluded.crc32, created_at = excluded.created_at`,

  textOne: `SELECT e.dims, e.vector, e.crc32 FROM models m JOIN text_embeddings e ON e.model = m.id
    WHERE m.model_id = ? AND e.text_sha256 = ?`,
  textChunk: `SELECT e.text_sha256 AS key, e.dims, e.vector, e.crc32 FROM models m JOIN text_embeddings e ON e.model = m.id
    WHERE m.model_id = ? AND e.text_sha256 IN (${chunkParams})`,
  textPut: `INSERT INTO text_embeddings (model, text_sha256, dims, vector, crc32, created_at)
    VALUES (?, ?, ?, ?, ?, ?)
    ON CONFLICT (model, text_sha256) DO UPDATE SET
      dims = excluded.dims, vector = excluded.vector, crc32 = excluded.crc32, created_at = excluded.created_at`,

  // A row hashed less than minAgeMs after the file's mtime is not trusted (see 002-file-index.ts).
  fileHashLookup: `SELECT content_sha256 FROM file_hashes
    WHERE path = ? AND size = ? AND mtime_ms = ? AND hashed_at - mtime_ms >= ?`,
  fileHashPut: `INSERT INTO file_hashes (path, size, mtime_ms, content_sha256, hashed_at)
    VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (path) DO UPDATE SET
      size = excluded.size, mtime_ms = excluded.mtime_ms,
      content_sha256 = excluded.content_sha256, hashed_at = excluded.hashed_at`,

  factsChunk: `SELECT content_sha256 AS key, facts FROM image_facts WHERE prep_version = ? AND content_sha256 IN (${chunkParams})`,
  factsPut: `INSERT INTO image_facts (prep_version, content_sha256, facts, created_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (prep_version, content_sha256) DO UPDATE SET facts = excluded.facts, created_at = excluded.created_at`,

  projectGet: 'SELECT settings, updated_at FROM project_state WHERE folder = ?',
  projectPut: `INSERT INTO project_state (folder, settings, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (folder) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,

  imageStats: 'SELECT count(*) AS rows, coalesce(sum(length(vector)), 0) AS bytes FROM image_embeddings',
  textStats: 'SELECT count(*) AS rows, coalesce(sum(length(vector)), 0) AS bytes FROM text_embeddings',
  fileStats: 'SELECT count(*) AS rows FROM file_hashes',
  projectStats: 'SELECT count(*) AS rows FROM project_state',
  modelStats: 'SELECT count(*) AS rows FROM models',
  pageCount: 'PRAGMA page_count',
  pageSize: 'PRAGMA page_size',
} as const;
