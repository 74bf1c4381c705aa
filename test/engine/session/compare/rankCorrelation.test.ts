import { describe, expect, it } from 'vitest';
import { averageRanks, pearson, spearman } from '../../../../electron/engine/session/compare/rankCorrelation.ts';

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 3, 3, 2])).toEqual([4, 1, 4, 4, 2]);
    expect(averageRanks([-0.5, 0.25])).toEqual([1, 2]);
    expect(averageRanks([])).toEqual([]);
  });
});

describe('spearman', () => {
  it('matches a hand-worked example with ties on both sides, where the no-ties shortcut would not', () => {
    // x = [1, 2, 2, 3, 5] → ranks [1, 2.5, 2.5, 4, 5]; y = [2, 1, 4, 4, 3] → ranks [2, 1, 4.5, 4.5, 3].
    // Both rank means are 3; deviations dx = [-2, -.5, -.5, 1, 2], dy = [-1, -2, 1.5, 1.5, 0].
    // Σdx·dy = 2 + 1 - .75 + 1.5 + 0 = 3.75; Σdx² = 9.5; Σdy² = 9.5; rho = 3.75 / 9.5 = 15/38.
    // The shortcut 1 - 6Σd²/(n(n²-1)) gives 1 - 6·11.5/120 = 0.425 instead.
    const x = [1, 2, 2, 3, 5];
    const y = [2, 1, 4, 4, 3];
    expect(averageRanks(x)).toEqual([1, 2.5, 2.5, 4, 5]);
    expect(averageRanks(y)).toEqual([2, 1, 4.5, 4.5, 3]);
    expect(spearman(x, y)).toBeCloseTo(15 / 38, 12);
    expect(spearman(y, x)).toBeCloseTo(15 / 38, 12);
  });

  it('is 1 for any increasing relation and -1 for any decreasing one, without ties', () => {
    const x = [0.1, 0.5, 0.2, 0.9, -0.3];
    expect(
      spearman(
        x,
        x.map((v) => Math.exp(5 * v)),
      ),
    ).toBe(1);
    expect(
      spearman(
        x,
        x.map((v) => -(v ** 3)),
      ),
    ).toBe(-1);
  });

  it('is undefined (null) when one side has no spread or there are fewer than two pairs', () => {
    expect(spearman([1, 2, 3], [0.4, 0.4, 0.4])).toBeNull();
    expect(spearman([1], [2])).toBeNull();
    expect(spearman([], [])).toBeNull();
  });

  it('refuses lists of different lengths and values that are not numbers', () => {
    expect(() => spearman([1, 2], [1])).toThrow(/2 and 1/);
    expect(() => spearman([1, Number.NaN], [1, 2])).toThrow(/finite/);
    expect(() => pearson([1, 2], [1])).toThrow();
  });
});
