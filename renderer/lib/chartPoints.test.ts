import { describe, expect, it } from 'vitest';
import type { BoardAnalysis } from '../../electron/common/api.ts';
import { ALL_POINTS_LIMIT, chartPointLabel, chartPoints } from './chartPoints.ts';

function analysis(n: number, flaggedAt: number[] = []): BoardAnalysis {
  const ids = Array.from({ length: n }, (_, i) => `f${i}`);
  return {
    thresholds: { captionDriftCosine: 0.2 },
    series: {
      frameIds: ids,
      shots: ids.map((_, i) => String(i + 1)),
      cosine: ids.map((_, i) => (i === 1 ? null : 0.1 + (i % 3) * 0.1)),
      styleSimilarity: [],
      sceneStarts: [0],
      flags: ids.map((_, i) => (flaggedAt.includes(i) ? ['caption-drift'] : [])),
    },
  } as unknown as BoardAnalysis;
}

describe('chart points', () => {
  it('reads as a sentence: shot, score, side of the threshold, flags in words', () => {
    expect(chartPointLabel('4', 0.1234, ['caption-drift'], 0.2)).toMatch(
      /^Chart point: shot 4, score 0\.123, below the drift threshold, flagged: \S/,
    );
    expect(chartPointLabel('5', 0.3, [], 0.2)).toBe('Chart point: shot 5, score 0.300, above the drift threshold');
    // A negative score reads with a minus sign, as the CLI and the exports print it.
    expect(chartPointLabel('6', -0.2444, [], 0.2)).toBe('Chart point: shot 6, score \u22120.244, below the drift threshold');
  });

  it('draws every scored frame on a small board, skipping unscored ones', () => {
    const points = chartPoints(analysis(5), null);
    expect(points.map((p) => p.id)).toEqual(['f0', 'f2', 'f3', 'f4']);
  });

  it('on a large board draws only flagged and selected frames', () => {
    const points = chartPoints(analysis(ALL_POINTS_LIMIT + 1, [7]), 'f9');
    expect(points.map((p) => p.id)).toEqual(['f7', 'f9']);
  });
});
