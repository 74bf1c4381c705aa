// A frame's content hash through the file index: an unchanged file is not read again, and a
// renamed or moved one is hashed (cheap) but hits the embeddings it already has (no inference).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileReadError, hashFile } from './hashFile.ts';
import type { Store } from './store.ts';

export type FileIndex = Pick<Store, 'lookupFileHash' | 'recordFileHash'>;

export interface ContentHash {
  hash: string;
  /** True when the file index answered and the file was not read. */
  fromIndex: boolean;
}

export async function contentHash(index: FileIndex, file: string): Promise<ContentHash> {
  const path = resolve(file);
  // Before stat and read: a write after this moment gives the file a newer mtime.
  const startedMs = Date.now();
  const stats = await stat(path).catch((cause: unknown) => {
    throw fileReadError(cause, path);
  });
  const known = index.lookupFileHash(path, stats.size, stats.mtimeMs);
  if (known) return { hash: known, fromIndex: true };
  const hash = await hashFile(path);
  index.recordFileHash(path, stats.size, stats.mtimeMs, hash, startedMs);
  return { hash, fromIndex: false };
}
