import { describe, expect, it } from 'vitest';
import { MAD_TO_SIGMA, median, medianAbsoluteDeviation, robustSummary, robustZ } from '../../../electron/engine/analysis/index.ts';

describe('median and MAD', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('MAD of [1, 2, 3, 4, 100] is 1 (the outlier does not move it)', () => {
    // median 3; deviations 2, 1, 0, 1, 97 -> median 1
    expect(medianAbsoluteDeviation([1, 2, 3, 4, 100])).toBe(1);
  });

  it('z = (value - median) / (1.4826 MAD)', () => {
    const summary = robustSummary([0.3, 0.31, 0.29, 0.3, 0.32, 0.15], 0.001)!;
    // sorted 0.15 0.29 0.30 0.30 0.31 0.32: median 0.30; deviations 0 0 0.01 0.01 0.02 0.15: MAD 0.01
    expect(summary.median).toBeCloseTo(0.3, 10);
    expect(summary.mad).toBeCloseTo(0.01, 10);
    expect(summary.scale).toBeCloseTo(MAD_TO_SIGMA * 0.01, 10);
    expect(robustZ(0.15, summary)).toBeCloseTo(-0.15 / 0.014826, 6);
  });

  it('all-equal scores: MAD 0, the floor is the scale, every z is 0 and finite', () => {
    const summary = robustSummary([0.28, 0.28, 0.28, 0.28, 0.28], 0.01)!;
    expect(summary.mad).toBe(0);
    expect(summary.scale).toBe(0.01);
    expect(robustZ(0.28, summary)).toBe(0);
    expect(Number.isFinite(robustZ(0.1, summary))).toBe(true);
  });

  it('needs five values for a series, and ignores non-finite ones', () => {
    expect(robustSummary([1, 2, 3, 4], 0.01)).toBeNull();
    expect(robustSummary([1, 2, 3, 4, Number.NaN], 0.01)).toBeNull();
    expect(robustSummary([1, 2, 3, 4, 5], 0.01)!.count).toBe(5);
  });
});
