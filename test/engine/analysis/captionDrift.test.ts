import { describe, expect, it } from 'vitest';
import { captionDrift } from '../../../electron/engine/analysis/captionDrift.ts';
import { GENERIC_THRESHOLDS } from '../../../electron/engine/analysis/index.ts';

const shots = ['1', '2', '3', '4', '5', '6'];

describe('caption drift', () => {
  it('both tests: 0.15 is below 0.22 and 10 robust deviations below the median 0.30', () => {
    // median 0.30, MAD 0.01, scale 0.014826: z(0.15) = -10.1
    const result = captionDrift([0.3, 0.31, 0.29, 0.3, 0.32, 0.15], shots, GENERIC_THRESHOLDS);
    expect(result.summary).toMatchObject({ count: 6 });
    expect(result.summary!.median).toBeCloseTo(0.3, 10);
    expect(result.flags).toHaveLength(1);
    const { index, flag } = result.flags[0]!;
    expect(index).toBe(5);
    expect(flag).toMatchObject({
      kind: 'caption-drift',
      severity: 'warning',
      numbers: { cosine: 0.15, threshold: 0.22, median: 0.3, mad: 0.01, z: -10.12, zThreshold: -2.5 },
    });
    expect(flag.reason).toBe(
      "Shot 6 scores 0.15 against its caption: below this model's threshold (0.22) and far below the rest of the board (median 0.30, z = −10.1).",
    );
  });

  it('relative only: 0.33 is above the threshold but far below a board at 0.40', () => {
    const result = captionDrift([0.4, 0.41, 0.39, 0.4, 0.42, 0.33], shots, GENERIC_THRESHOLDS);
    expect(result.flags.map((f) => f.index)).toEqual([5]);
    expect(result.flags[0]!.flag.severity).toBe('info');
    expect(result.flags[0]!.flag.reason).toContain(
      "above this model's threshold (0.22), but far below the rest of the board (median 0.40, z = −4.7)",
    );
  });

  it('absolute only: a whole board scoring low flags every frame below the threshold, as info', () => {
    const result = captionDrift([0.2, 0.21, 0.19, 0.2, 0.22, 0.2], shots, GENERIC_THRESHOLDS);
    expect(result.flags.map((f) => f.index)).toEqual([0, 1, 2, 3, 5]);
    expect(result.flags.every((f) => f.flag.severity === 'info')).toBe(true);
    expect(result.flags[1]!.flag.reason).toContain("though within the board's usual range");
  });

  it('shows the third decimal when two decimals would read as equal', () => {
    const result = captionDrift([0.2191], ['7'], GENERIC_THRESHOLDS);
    expect(result.flags[0]!.flag.reason).toBe("Shot 7 scores 0.219 against its caption, below this model's threshold (0.220).");
  });

  it('all-equal scores: MAD 0, no flags, every z 0', () => {
    const result = captionDrift([0.3, 0.3, 0.3, 0.3, 0.3, 0.3], shots, GENERIC_THRESHOLDS);
    expect(result.flags).toEqual([]);
    expect(result.z).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('frames without a score are skipped; fewer than five scores give no relative test', () => {
    const result = captionDrift([0.3, null, 0.1, null], ['1', '2', '3', '4'], GENERIC_THRESHOLDS);
    expect(result.summary).toBeNull();
    expect(result.z).toEqual([null, null, null, null]);
    expect(result.flags.map((f) => f.index)).toEqual([2]);
    expect(result.flags[0]!.flag.numbers).toEqual({ cosine: 0.1, threshold: 0.22 });
  });

  it('a stricter project threshold changes the answer', () => {
    const result = captionDrift([0.4, 0.41, 0.39, 0.4, 0.42, 0.33], shots, { ...GENERIC_THRESHOLDS, captionOutlierZ: 5 });
    expect(result.flags).toEqual([]);
  });
});

describe('caption drift without a calibration', () => {
  it("the board's own spread decides alone: a relative outlier is a warning, no cosine cut-off is named", () => {
    // A model on another scale: matched pairs near 0.56, one caption far below the rest.
    const result = captionDrift([0.56, 0.57, 0.55, 0.56, 0.58, 0.3], shots, GENERIC_THRESHOLDS, false);
    expect(result.flags).toHaveLength(1);
    expect(result.flags[0]!.flag.severity).toBe('warning');
    expect(result.flags[0]!.flag.numbers).not.toHaveProperty('threshold');
    // Scores that would fall below the generic 0.22 but sit with the board are not flagged.
    expect(captionDrift([0.1, 0.11, 0.09, 0.1, 0.12, 0.1], shots, GENERIC_THRESHOLDS, false).flags).toEqual([]);
  });
});
