import { describe, expect, it } from 'vitest';
import { meanEmbedding, planWideFrame } from '../../../electron/engine/scoring/index.ts';

describe('square crops of a wide frame', () => {
  it("16:9: three squares of the short side, the middle one CLIP's center crop; 2 extra embeddings", () => {
    const plan = planWideFrame(1920, 1080, 'crops');
    expect(plan.crops).toEqual([
      { left: 0, top: 0, size: 1080 },
      { left: 420, top: 0, size: 1080 },
      { left: 840, top: 0, size: 1080 },
    ]);
    expect(plan.centerIndex).toBe(1);
    expect(plan.extraEmbeddings).toBe(2);
  });

  it('2.39:1: five squares (overlap at least half), 4 extra', () => {
    const plan = planWideFrame(2390, 1000, 'crops');
    expect(plan.crops.map((c) => c.left)).toEqual([0, 348, 695, 1043, 1390]);
    expect(plan.crops[2]).toEqual({ left: 695, top: 0, size: 1000 });
    expect(plan.extraEmbeddings).toBe(4);
    for (let k = 1; k < plan.crops.length; k++) expect(plan.crops[k]!.left - plan.crops[k - 1]!.left).toBeLessThanOrEqual(500);
  });

  it('portrait frames are cropped top to bottom', () => {
    const plan = planWideFrame(1080, 1920, 'crops');
    expect(plan.crops.map((c) => [c.left, c.top])).toEqual([
      [0, 0],
      [0, 420],
      [0, 840],
    ]);
  });

  it('padding to a square costs one extra embedding; near-square frames cost nothing', () => {
    expect(planWideFrame(1920, 1080, 'pad')).toMatchObject({ pad: { size: 1920, left: 0, top: 420 }, extraEmbeddings: 1, crops: [] });
    expect(planWideFrame(1000, 1050, 'crops')).toMatchObject({ crops: [], extraEmbeddings: 0 });
    expect(planWideFrame(1920, 1080, 'center').extraEmbeddings).toBe(0);
    expect(() => planWideFrame(0, 10, 'crops')).toThrow('no pixels');
  });
});

describe('the whole of a wide frame', () => {
  it('averages crop embeddings into one unit vector', () => {
    expect(Array.from(meanEmbedding([Float32Array.of(1, 0), Float32Array.of(0, 1)]))).toEqual(
      [Math.SQRT1_2, Math.SQRT1_2].map(Math.fround),
    );
    expect(() => meanEmbedding([])).toThrow('No crop embeddings');
  });
});
