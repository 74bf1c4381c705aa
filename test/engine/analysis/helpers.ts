// Small boards for the analysis tests: frames built from short hand-written vectors, so every
// cosine in a test can be checked by hand.
import type { AnalysisSettings, ScoreCalibration } from '../../../electron/common/api.ts';
import { defaultAnalysisSettings, type AnalysisFrame } from '../../../electron/engine/analysis/index.ts';
import { captionScore } from '../../../electron/engine/scoring/index.ts';

export function vector(...values: number[]): Float32Array {
  return Float32Array.from(values);
}

export function unit(...values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((v) => v / norm));
}

/** The i-th standard basis vector of `dims` dimensions. */
export function basis(i: number, dims: number): Float32Array {
  const v = new Float32Array(dims);
  v[i] = 1;
  return v;
}

/** A frame as scoring hands it over: its score is scoring's cosine of the embeddings given. */
export function frame(index: number, overrides: Partial<AnalysisFrame> = {}): AnalysisFrame {
  const built: AnalysisFrame = {
    id: `frames/${String(index + 1).padStart(2, '0')}.png`,
    shot: String(index + 1),
    sceneId: 'sc01',
    caption: `caption ${index + 1}`,
    captionSource: 'manifest-csv',
    warnings: [],
    ...overrides,
  };
  const { imageEmbedding, captionEmbedding } = built;
  return imageEmbedding && captionEmbedding && !('score' in overrides)
    ? { ...built, score: captionScore(imageEmbedding, captionEmbedding) }
    : built;
}

/** Weight of a frame's own direction in its image; the rest is a direction every image shares. */
export const OWN_WEIGHT = 0.6;
const SHARED_WEIGHT = 0.8;

/**
 * A board whose image-caption cosines are exactly the given matrix (rows: frames, columns:
 * captions). Image i is 0.6 along axis i plus 0.8 along a shared axis, so every pair of images
 * has cosine 0.64 (no style, continuity or palette surprises); caption j has component
 * cosines[i][j] / 0.6 on axis i and a filler axis for unit length.
 */
export function embeddingsForCosines(cosines: readonly (readonly number[])[]): { images: Float32Array[]; captions: Float32Array[] } {
  const n = cosines.length;
  const dims = n + 2;
  const images = Array.from({ length: n }, (_, i) => {
    const v = new Float32Array(dims);
    v[i] = OWN_WEIGHT;
    v[n] = SHARED_WEIGHT;
    return v;
  });
  const captions = Array.from({ length: n }, (_, j) => {
    const v = new Float32Array(dims);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      v[i] = cosines[i]![j]! / OWN_WEIGHT;
      sum += v[i]! ** 2;
    }
    if (sum > 1) throw new Error(`caption ${j} has no unit length left`);
    v[n + 1] = Math.sqrt(1 - sum);
    return v;
  });
  return { images, captions };
}

/** A frame whose embeddings a test changed, scored again as scoring would: no score without both. */
export function rescored(f: AnalysisFrame): AnalysisFrame {
  const { score: _stale, ...rest } = f;
  return f.imageEmbedding && f.captionEmbedding ? { ...rest, score: captionScore(f.imageEmbedding, f.captionEmbedding) } : rest;
}

/**
 * A ViT-B/32-like calibration, so the absolute cosine tests apply (without a calibration the
 * board's own spread decides alone), for the hand-checked boards of these tests.
 */
export const VIT_LIKE: ScoreCalibration = {
  captionDriftCosine: 0.22,
  captionOutlierZ: 2.5,
  styleDriftCosine: 0.55,
  mismatchMarginCosine: 0.03,
  status: 'measured',
  note: 'test',
};

/**
 * Settings for a hand-written board of a few frames where half the frames are planted: too few
 * ordinary frames for a lead to stand out in the board's own units, so only the cosine margin decides.
 */
export function smallBoardSettings(overrides: Partial<AnalysisSettings> = {}): AnalysisSettings {
  return { ...defaultAnalysisSettings(), ...overrides, thresholds: { mismatchMarginZ: 0, ...overrides.thresholds } };
}
