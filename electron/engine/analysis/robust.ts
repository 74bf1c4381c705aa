// Median/MAD statistics: a board's scores are compared with the board itself, so a few bad frames
// must not move the yardstick (a mean and standard deviation would follow the outliers).
import type { RobustSummary } from '../../common/api.ts';

/** 1.4826 · MAD estimates the standard deviation of normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

/** Fewer values than this give no relative test: a median of three is not a series. */
export const MIN_SERIES_COUNT = 5;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

/**
 * Median, MAD and the scale z-scores divide by. `floor` is the smallest scale allowed, in the
 * measure's own units: with every score equal the MAD is 0, and a series that tight would
 * otherwise turn rounding noise into huge z-scores. Null below MIN_SERIES_COUNT values.
 */
export function robustSummary(values: readonly number[], floor: number): RobustSummary | null {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length < MIN_SERIES_COUNT) return null;
  const center = median(finite);
  const mad = medianAbsoluteDeviation(finite, center);
  return { count: finite.length, median: center, mad, scale: Math.max(MAD_TO_SIGMA * mad, floor) };
}

export function robustZ(value: number, summary: RobustSummary): number {
  return (value - summary.median) / summary.scale;
}

/**
 * Scale floors per measure. Cosines: 0.01 is about the run-to-run noise of an int8 model and
 * a tenth of the gap between matched and unrelated captions on ViT-B/32. Palette: 2 CIELAB
 * units is about one just-noticeable difference.
 */
export const SCALE_FLOOR = {
  captionCosine: 0.01,
  styleCosine: 0.01,
  stylePromptCosine: 0.01,
  continuityCosine: 0.01,
  paletteDistance: 2,
} as const;
