// A timing of the cache's hot path for `npm run bench`: writing a board's worth of image
// embeddings and reading them all back by content hash, on a fresh database in a temp folder.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openStore } from '../../electron/engine/store/store.ts';

export interface StoreBenchmarkOptions {
  count?: number;
  dims?: number;
  /** Rows per putImageEmbeddings call (one transaction each), as the embedder's batches would be. */
  batchSize?: number;
}

export interface StoreBenchmark {
  count: number;
  dims: number;
  batchSize: number;
  insertMs: number;
  /** All hashes through getImageEmbeddings (chunked IN lookups). */
  batchedLookupMs: number;
  /** All hashes one getImageEmbedding call at a time. */
  singleLookupMs: number;
  databaseBytes: number;
}

export function benchmarkStore(options: StoreBenchmarkOptions = {}): StoreBenchmark {
  const { count = 2000, dims = 512, batchSize = 64 } = options;
  const dir = mkdtempSync(join(tmpdir(), 'frameproof-store-bench-'));
  const store = openStore(join(dir, 'bench.sqlite'));
  try {
    const rows = Array.from({ length: count }, () => ({
      hash: randomBytes(32).toString('hex'),
      vector: Float32Array.from({ length: dims }, () => Math.random() - 0.5),
    }));
    const hashes = rows.map((row) => row.hash);
    const model = 'bench-model';
    const prep = 'bench-prep';

    let start = performance.now();
    for (let i = 0; i < count; i += batchSize) store.putImageEmbeddings(model, prep, rows.slice(i, i + batchSize));
    const insertMs = performance.now() - start;

    start = performance.now();
    const found = store.getImageEmbeddings(model, prep, hashes);
    const batchedLookupMs = performance.now() - start;

    start = performance.now();
    let single = 0;
    for (const hash of hashes) if (store.getImageEmbedding(model, prep, hash)) single++;
    const singleLookupMs = performance.now() - start;

    if (found.size !== count || single !== count) throw new Error(`Benchmark lookups found ${found.size} and ${single} of ${count}`);
    return { count, dims, batchSize, insertMs, batchedLookupMs, singleLookupMs, databaseBytes: store.stats().databaseBytes };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
