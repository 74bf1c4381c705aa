import { describe, expect, it } from 'vitest';
import { recallSummary, retrievalRanks } from '../../../../electron/engine/session/compare/retrieval.ts';
import { spreadSample } from '../../../../electron/engine/session/compare/speed.ts';

const v = (...values: number[]) => Float32Array.from(values);

describe('retrievalRanks', () => {
  it('ranks each frame\u2019s own caption and each caption\u2019s own frame, ties counting against the model', () => {
    // Cosines (rows: images, columns: captions; c1 and c2 are the same caption):
    //        c0    c1    c2
    //   i0   1     .6    .6     own 1: nothing ties or beats it                → rank 1
    //   i1   0     .8    .8     own .8 (c1): c2 ties it                        → rank 2
    //   i2   .6    1     1      own 1 (c2): c1 ties it                         → rank 2
    // Caption → image, by column: c0 own 1 → 1; c1 own .8, i2 scores 1 → 2; c2 own 1, nothing ties → 1.
    const images = [v(1, 0), v(0, 1), v(0.6, 0.8)];
    const captions = [v(1, 0), v(0.6, 0.8), v(0.6, 0.8)];
    expect(retrievalRanks(images, captions)).toEqual({ imageToCaption: [1, 2, 2], captionToImage: [1, 2, 1] });
  });

  it('puts a frame without a direction (a zero embedding) last', () => {
    const images = [v(1, 0), v(Number.NaN, Number.NaN), v(0, 1)];
    const captions = [v(1, 0), v(0, 1), v(0, 1)];
    expect(retrievalRanks(images, captions).imageToCaption[1]).toBe(3);
    expect(retrievalRanks(images, captions).captionToImage[1]).toBe(3);
  });

  it('refuses images and captions that do not pair up', () => {
    expect(() => retrievalRanks([v(1, 0)], [])).toThrow(/1 images and 0 captions/);
  });
});

describe('recallSummary', () => {
  it('counts ranks 1 and up to 5, and the mean reciprocal rank', () => {
    expect(recallSummary([1, 2, 2])).toEqual({ recallAt1: 1 / 3, recallAt5: 1, hitsAt1: 1, hitsAt5: 3, meanReciprocalRank: 2 / 3 });
    expect(recallSummary([1, 6, 7, 5])).toMatchObject({ recallAt1: 0.25, recallAt5: 0.5, hitsAt1: 1, hitsAt5: 2 });
    expect(recallSummary([])).toEqual({ recallAt1: null, recallAt5: null, hitsAt1: 0, hitsAt5: 0, meanReciprocalRank: null });
  });
});

describe('spreadSample', () => {
  it('keeps short lists whole and spreads a limit over long ones, first item included, order kept', () => {
    expect(spreadSample([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect(spreadSample([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 4)).toEqual([0, 2, 5, 7]);
  });
});
