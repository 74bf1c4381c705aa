// What concurrency.test.ts and its child process storeWorker.ts share: messages and the rows each writes.
import { fakeHash, unitVector } from './testData.ts';

export type WorkerMessage =
  { type: 'ready' } | { type: 'wrote'; batch: number } | { type: 'locked' } | { type: 'done' } | { type: 'error'; message: string };

export const MODEL = 'concurrency-model';
export const PREP = 'concurrency-prep';

export function rowOf(label: string, batch: number, index: number): { hash: string; vector: Float32Array } {
  const seed = batch * 10_000 + index + (label === 'child-b' ? 5_000_000 : label === 'child' ? 1_000_000 : 0);
  return { hash: fakeHash(`${label}/${batch}/${index}`), vector: unitVector(seed, 512) };
}

export function middleBatch(batches: number): number {
  return Math.floor(batches / 2);
}
