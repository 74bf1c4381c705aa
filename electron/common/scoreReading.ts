// How a raw score reads for the model in use: good, borderline or poor. Cosines are not comparable
// across models (a toy model's 0.6 is CLIP's 0.3), so the lines come from the model's calibration
// (the catalog, or frameproof-calibration.json beside a model folder), and where it says nothing,
// from this board's own spread. The one home of the rule; the analysis stores its result per frame.
import type { ScoreCalibration, ScoreReading, ScoreScale } from './api.ts';
import { formatNumber } from './units.ts';

/** Fewer scored frames than this give no spread to read against. */
export const MIN_FRAMES_FOR_SPREAD = 5;
/** The smallest spread taken from a board (cosine), so a near-constant board does not call noise poor. */
const SPREAD_FLOOR = 0.01;
/** Robust deviations below the board's median: poor beyond the first, good within the second. */
const POOR_DEVIATIONS = 2;
const GOOD_DEVIATIONS = 1;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The board's median and robust spread (1.4826 · MAD, floored), or null with too few scores. */
export function boardSpread(cosines: readonly (number | null)[]): { median: number; spread: number } | null {
  const values = cosines.filter((c): c is number => c !== null && Number.isFinite(c)).sort((a, b) => a - b);
  if (values.length < MIN_FRAMES_FOR_SPREAD) return null;
  const m = median(values);
  const deviations = values.map((v) => Math.abs(v - m)).sort((a, b) => a - b);
  return { median: m, spread: Math.max(1.4826 * median(deviations), SPREAD_FLOOR) };
}

function calibrationWords(calibration: ScoreCalibration): string {
  const how = calibration.status === 'measured' ? 'measured' : 'provisional';
  return `${how} figures for this model from ${calibration.source ?? 'its calibration'}`;
}

/**
 * The lines for this board: the model's where its calibration gives them (poor below its drift
 * line, good from goodCosine), the board's spread for whatever it does not; null when neither
 * says anything (no calibration and too few scores).
 */
export function scoreScaleFor(calibration: ScoreCalibration | null, cosines: readonly (number | null)[]): ScoreScale | null {
  const board = boardSpread(cosines);
  const fromBoard = board && {
    poorBelow: board.median - POOR_DEVIATIONS * board.spread,
    goodFrom: board.median - GOOD_DEVIATIONS * board.spread,
  };
  if (calibration) {
    const poorBelow = calibration.captionDriftCosine;
    const good = calibration.goodCosine ?? (fromBoard ? Math.max(fromBoard.goodFrom, poorBelow) : null);
    if (good === null) return null;
    const goodFrom = Math.max(good, poorBelow);
    const words = calibrationWords(calibration);
    return calibration.goodCosine !== undefined
      ? {
          poorBelow,
          goodFrom,
          source: 'model',
          description: `Reading from ${words}: poor below ${formatNumber(poorBelow, 2)}, good from ${formatNumber(goodFrom, 2)}.`,
        }
      : {
          poorBelow,
          goodFrom,
          source: 'model-and-board',
          description: `Poor below ${formatNumber(poorBelow, 2)} (${words}); good from ${formatNumber(goodFrom, 2)}, within this board's usual range (median ${formatNumber(board!.median, 2)}).`,
        };
  }
  if (!fromBoard) return null;
  return {
    ...fromBoard,
    source: 'board',
    description: `Reading from this board's spread (the model has no calibration): median ${formatNumber(board!.median, 2)}; poor below ${formatNumber(fromBoard.poorBelow, 2)}, good from ${formatNumber(fromBoard.goodFrom, 2)}.`,
  };
}

export function readScore(cosine: number, scale: Pick<ScoreScale, 'poorBelow' | 'goodFrom'>): ScoreReading {
  if (cosine < scale.poorBelow) return 'poor';
  return cosine >= scale.goodFrom ? 'good' : 'borderline';
}

export const SCORE_READING_LABELS: Readonly<Record<ScoreReading, string>> = { good: 'good', borderline: 'borderline', poor: 'poor' };

/** Where a reading comes from, in a few words (the description says it in full). */
export const SCALE_SOURCE_WORDS: Readonly<Record<ScoreScale['source'], string>> = {
  model: "this model's calibration",
  'model-and-board': "this model's drift line and this board's spread",
  board: "this board's spread",
};
