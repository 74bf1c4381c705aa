// Keys that keep cache entries of different models and preprocessing apart: the model id is
// derived from the weights' content (through the file index, so a 600 MB model is hashed once),
// the preprocessing version from every setting that changes the pixels CLIP sees.
import { createHash } from 'node:crypto';
import type { ModelFiles } from '../clip/modelFolder.ts';
import type { PreprocessConfig } from '../clip/preprocessConfig.ts';
import { contentHash, type FileIndex } from '../store/index.ts';

/** Bumped when our preprocessing code changes what it produces. */
const PREPROCESS_CODE_VERSION = 1;

export async function modelIdentity(files: ModelFiles, index: FileIndex): Promise<string> {
  const text = await contentHash(index, files.textModel);
  const vision = await contentHash(index, files.visionModel);
  const digest = createHash('sha256').update(text.hash).update(vision.hash).digest('hex').slice(0, 16);
  return `${files.name}@${digest}`;
}

export function preprocessVersion(c: PreprocessConfig): string {
  return `clip-pil-${PREPROCESS_CODE_VERSION}:${c.shortestEdge}:${c.cropWidth}x${c.cropHeight}:${c.mean.join(',')}:${c.std.join(',')}:${c.rescaleFactor}`;
}
