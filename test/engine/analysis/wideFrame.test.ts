import { describe, expect, it } from 'vitest';
import { analyzeBoard, meanEmbedding, offCenter, planWideFrame } from '../../../electron/engine/analysis/index.ts';
import { frame, unit, vector } from './helpers.ts';

describe('square crops of a wide frame', () => {
  it('16:9: three squares of the short side, the middle one CLIP\'s center crop; 2 extra embeddings', () => {
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

describe('subject outside the center crop', () => {
  it('flags when the whole frame beats the center crop by the margin', () => {
    expect(offCenter(0.25, 0.31, 0.03)).toEqual({ flagged: true, gain: expect.closeTo(0.06, 10) });
    expect(offCenter(0.25, 0.27, 0.03).flagged).toBe(false);
    expect(offCenter(0.3, 0.2, 0.03).flagged).toBe(false);
  });

  it('averages crop embeddings into one unit vector', () => {
    expect(Array.from(meanEmbedding([vector(1, 0), vector(0, 1)]))).toEqual([Math.SQRT1_2, Math.SQRT1_2].map(Math.fround));
    expect(() => meanEmbedding([])).toThrow('No crop embeddings');
  });

  it('analyzeBoard scores the whole frame and flags it', () => {
    // Caption along x. Center crop at cosine 0.25 with it, whole frame at 0.32.
    const caption = vector(1, 0, 0);
    const frames = Array.from({ length: 5 }, (_, i) =>
      frame(i, { captionEmbedding: caption, imageEmbedding: unit(0.25, Math.sqrt(1 - 0.25 ** 2), 0), ...(i === 2 && { fullFrameEmbedding: unit(0.32, Math.sqrt(1 - 0.32 ** 2), 0) }) }),
    );
    const analysis = analyzeBoard({ frames });
    expect(analysis.frames[2]!.fullFrameScore!.cosine).toBeCloseTo(0.32, 4);
    expect(analysis.frames[2]!.flags.map((f) => f.kind)).toEqual(['off-center']);
    expect(analysis.frames[2]!.flags[0]!.reason).toBe('The whole of shot 3 fits its caption better than the square CLIP crops from its middle (0.32 vs 0.25): the subject may sit outside the crop.');
    expect(analysis.frames[1]!.fullFrameScore).toBeNull();
  });
});
