// The embedding cache and project-state database: what the rest of the engine may use.
export { contentHash, type ContentHash, type FileIndex } from './contentHash.ts';
export { defaultDataDir, defaultStoreFile, STORE_FILE_NAME } from './dataDir.ts';
export { hashFile } from './hashFile.ts';
export { SCHEMA_VERSION } from './migrations/index.ts';
export {
  FILE_HASH_SETTLE_MS,
  openStore,
  Store,
  type ImageEmbeddingRow,
  type ImageFacts,
  type ProjectState,
  type StoreOptions,
  type StoreStats,
  type TextEmbeddingRow,
} from './store.ts';
