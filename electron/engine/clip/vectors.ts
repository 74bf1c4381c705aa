// Small vector math for embeddings: L2 normalization and the CLIP score.
import type { ClipScore } from '../../common/api.ts';

/** The unit vector along `vector` (a sum may come in float64); NaN everywhere when it has no length. */
export function l2Normalize(vector: Float32Array | Float64Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const norm = Math.sqrt(sum);
  const out = new Float32Array(vector.length);
  if (norm === 0 || !Number.isFinite(norm)) return out.fill(Number.NaN);
  for (let i = 0; i < vector.length; i++) out[i] = vector[i]! / norm;
  return out;
}

export function dot(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`Embedding sizes differ: ${a.length} and ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** Both embeddings L2-normalized: the cosine, and torchmetrics' CLIPScore = 100 * max(cos, 0). */
export function clipScore(image: Float32Array, text: Float32Array): ClipScore {
  const cosine = dot(image, text);
  return { cosine, clipScore: 100 * Math.max(cosine, 0) };
}
