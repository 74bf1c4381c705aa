// Keys that keep cache entries of different models and preprocessing apart. The model id is a
// fingerprint of the weight files: their sizes and 32 slices of 64 KiB spread through each. Any
// retrained or re-exported model differs in those; reading 4 MiB instead of hashing 600 MB keeps
// the first open of a board fast.
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { ModelFiles } from '../clip/index.ts';
import type { PreprocessConfig } from '../clip/index.ts';

/** Bumped when our preprocessing code changes what it produces. */
// 2: grey+alpha images resized as Pillow does (premultiplied La), no longer through libvips.
const PREPROCESS_CODE_VERSION = 2;
const SLICES = 32;
const SLICE_BYTES = 64 * 1024;

async function fingerprint(file: string, hash: ReturnType<typeof createHash>): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    hash.update(`${size}\0`);
    const buffer = Buffer.alloc(SLICE_BYTES);
    for (let i = 0; i < SLICES; i++) {
      const offset = Math.max(0, Math.floor(((size - SLICE_BYTES) * i) / (SLICES - 1)));
      const { bytesRead } = await handle.read(buffer, 0, SLICE_BYTES, offset);
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

export async function modelIdentity(files: ModelFiles): Promise<string> {
  const hash = createHash('sha256');
  await fingerprint(files.textModel, hash);
  await fingerprint(files.visionModel, hash);
  return `${files.name}@${hash.digest('hex').slice(0, 16)}`;
}

export function preprocessVersion(c: PreprocessConfig): string {
  return `clip-pil-${PREPROCESS_CODE_VERSION}:${c.shortestEdge}:${c.cropWidth}x${c.cropHeight}:${c.mean.join(',')}:${c.std.join(',')}:${c.rescaleFactor}`;
}
