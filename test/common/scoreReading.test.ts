import { describe, expect, it } from 'vitest';
import type { ScoreCalibration } from '../../electron/common/api.ts';
import { boardSpread, MIN_FRAMES_FOR_SPREAD, readScore, scoreScaleFor } from '../../electron/common/scoreReading.ts';

const CALIBRATION: ScoreCalibration = {
  captionDriftCosine: 0.2,
  captionOutlierZ: 3.5,
  styleDriftCosine: 0.75,
  mismatchMarginCosine: 0.02,
  status: 'provisional',
  note: '',
  source: 'the model catalog',
};
// Median 0.30; absolute deviations 0.02, 0.01, 0, 0, 0.01, 0.02, 0.10 → MAD 0.01, spread 0.014826.
const BOARD = [0.28, 0.29, 0.3, 0.3, 0.31, 0.32, 0.2, null];

describe('score readings', () => {
  it('reads poor below the poor line, good from the good line, borderline between', () => {
    const scale = { poorBelow: 0.2, goodFrom: 0.26 };
    expect(readScore(0.19, scale)).toBe('poor');
    expect(readScore(0.2, scale)).toBe('borderline');
    expect(readScore(0.259, scale)).toBe('borderline');
    expect(readScore(0.26, scale)).toBe('good');
  });

  it("the board's spread: median and 1.4826 · MAD, none with too few scores", () => {
    const spread = boardSpread(BOARD)!;
    expect(spread.median).toBeCloseTo(0.3, 10);
    expect(spread.spread).toBeCloseTo(1.4826 * 0.01, 10);
    expect(boardSpread(BOARD.slice(0, MIN_FRAMES_FOR_SPREAD - 1))).toBeNull();
    // A near-constant board keeps a floor, so noise is not poor.
    expect(boardSpread([0.3, 0.3, 0.3, 0.3, 0.3])!.spread).toBe(0.01);
  });

  it("without calibration: this board's spread, poor 2 deviations below the median, good within 1", () => {
    const scale = scoreScaleFor(null, BOARD)!;
    expect(scale.source).toBe('board');
    expect(scale.poorBelow).toBeCloseTo(0.3 - 2 * 1.4826 * 0.01, 10);
    expect(scale.goodFrom).toBeCloseTo(0.3 - 1.4826 * 0.01, 10);
    expect(scale.description).toMatch(/^Reading from this board's spread \(the model has no calibration\): median 0\.30/);
    expect(readScore(0.2, scale)).toBe('poor');
    expect(readScore(0.29, scale)).toBe('good');
    expect(scoreScaleFor(null, [0.3])).toBeNull();
  });

  it("a catalog model: poor below its drift line, good from the board's usual range; its own good line when it has one", () => {
    const mixed = scoreScaleFor(CALIBRATION, BOARD)!;
    expect(mixed).toMatchObject({ source: 'model-and-board', poorBelow: 0.2 });
    expect(mixed.goodFrom).toBeCloseTo(0.3 - 1.4826 * 0.01, 10);
    expect(mixed.description).toMatch(/provisional figures for this model from the model catalog/);
    const own = scoreScaleFor(
      { ...CALIBRATION, goodCosine: 0.27, status: 'measured', source: 'frameproof-calibration.json beside the model' },
      [],
    )!;
    expect(own).toMatchObject({ source: 'model', poorBelow: 0.2, goodFrom: 0.27 });
    expect(own.description).toBe(
      'Reading from measured figures for this model from frameproof-calibration.json beside the model: poor below 0.20, good from 0.27.',
    );
    // No good line and too few scores to read one from: no reading rather than a guess.
    expect(scoreScaleFor(CALIBRATION, [0.3])).toBeNull();
  });
});
