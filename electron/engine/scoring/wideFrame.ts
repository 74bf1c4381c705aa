// Wide frames: CLIP sees only the center square of a frame (resize the short side, crop the
// middle), so a subject at the edge of a 16:9 or 2.39:1 frame is never scored. Optionally the
// whole frame is scored too, from overlapping square crops (their embeddings averaged) or from
// the frame padded to a square. This is which crops to embed and how their embeddings combine;
// the analysis flags a frame whose whole scores much better than its center (analysis/offCenter.ts).
import type { WideFrameScoring } from '../../common/api.ts';
import { l2Normalize } from '../clip/index.ts';

export interface SquareCrop {
  left: number;
  top: number;
  size: number;
}

export interface WideFramePlan {
  mode: WideFrameScoring;
  /** Square crops to embed, in pixel coordinates of the (EXIF-rotated) frame; 'crops' only. */
  crops: SquareCrop[];
  /** The crop equal to CLIP's own center crop, whose embedding the caller already has; -1 if none. */
  centerIndex: number;
  /** 'pad': the square canvas the frame is centered on. */
  pad: { size: number; left: number; top: number } | null;
  /** Extra vision-model passes per frame beyond the center crop (the cost). */
  extraEmbeddings: number;
}

/** A frame within this aspect ratio of square loses too little to the crop to bother. */
export const NEAR_SQUARE = 1.1;
/** Neighbouring crops overlap by at least this share of their side. */
export const MIN_OVERLAP = 0.5;

/**
 * Which square crops of a width x height frame to take. 'crops': an odd number of squares of the
 * short side, evenly spaced along the long side and overlapping by at least half, so the middle
 * one is CLIP's center crop (16:9: 3 crops, 2 extra; 2.39:1: 5 crops, 4 extra). 'pad': one extra
 * embedding of the frame padded to a square (it sees everything, at lower resolution).
 */
export function planWideFrame(width: number, height: number, mode: WideFrameScoring): WideFramePlan {
  const none: WideFramePlan = { mode, crops: [], centerIndex: -1, pad: null, extraEmbeddings: 0 };
  if (!(width > 0 && height > 0)) throw new Error(`A frame of ${width}x${height} has no pixels.`);
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  if (mode === 'center' || long / short <= NEAR_SQUARE) return none;
  if (mode === 'pad')
    return { ...none, pad: { size: long, left: Math.floor((long - width) / 2), top: Math.floor((long - height) / 2) }, extraEmbeddings: 1 };
  let count = Math.ceil((long - short) / (short * (1 - MIN_OVERLAP))) + 1;
  if (count % 2 === 0) count++;
  const horizontal = width >= height;
  const crops = Array.from({ length: count }, (_, k) => {
    const offset = Math.round(((long - short) * k) / (count - 1));
    return horizontal
      ? { left: offset, top: Math.floor((height - short) / 2), size: short }
      : { left: Math.floor((width - short) / 2), top: offset, size: short };
  });
  // The middle crop is the frame's center square, which CLIP already embedded: the caller reuses it.
  const centerIndex = (count - 1) / 2;
  crops[centerIndex] = horizontal
    ? { left: Math.round((width - short) / 2), top: 0, size: short }
    : { left: 0, top: Math.round((height - short) / 2), size: short };
  return { ...none, crops, centerIndex, extraEmbeddings: count - 1 };
}

/** The whole-frame embedding from the crops' embeddings: their normalized mean (NaN when they cancel out). */
export function meanEmbedding(embeddings: readonly Float32Array[]): Float32Array {
  const first = embeddings[0];
  if (!first) throw new Error('No crop embeddings to average.');
  const sum = new Float64Array(first.length);
  for (const e of embeddings) {
    if (e.length !== first.length) throw new Error(`Crop embeddings differ in size: ${e.length} and ${first.length}.`);
    for (let k = 0; k < e.length; k++) sum[k]! += e[k]!;
  }
  return l2Normalize(sum);
}
