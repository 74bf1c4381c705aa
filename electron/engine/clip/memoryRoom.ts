// Whether a second encoder may open while the first still runs (the text encoder during the last
// image chunks): only while the process stays inside the memory it is meant to keep to.
import { statSync } from 'node:fs';
import { freemem } from 'node:os';

/** The resident memory a board run keeps to (ViT-B/32 at 2,000 frames: npm run bench). */
export const RUN_MEMORY_BUDGET_BYTES = 1024 ** 3;

/** An open CPU session holds about this many times its .onnx file (weights plus prepacked copies). */
const SESSION_BYTES_PER_FILE_BYTE = 1.3;

export function roomToOpen(file: string, rssBytes = process.memoryUsage.rss(), freeBytes = freemem()): boolean {
  const needed = (statSync(file, { throwIfNoEntry: false })?.size ?? Infinity) * SESSION_BYTES_PER_FILE_BYTE;
  return rssBytes + needed < RUN_MEMORY_BUDGET_BYTES && needed * 2 < freeBytes;
}
