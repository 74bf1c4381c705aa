import { describe, expect, it } from 'vitest';
import { analyzeBoard, offCenter } from '../../../electron/engine/analysis/index.ts';
import { captionScore } from '../../../electron/engine/scoring/index.ts';
import { frame, unit, vector } from './helpers.ts';

describe('subject outside the center crop', () => {
  it('flags when the whole frame beats the center crop by the margin', () => {
    expect(offCenter(0.25, 0.31, 0.03)).toEqual({ flagged: true, gain: expect.closeTo(0.06, 10) });
    expect(offCenter(0.25, 0.27, 0.03).flagged).toBe(false);
    expect(offCenter(0.3, 0.2, 0.03).flagged).toBe(false);
  });

  it("analyzeBoard reports scoring's whole-frame score and flags it", () => {
    // Caption along x. Center crop at cosine 0.25 with it, whole frame at 0.32.
    const caption = vector(1, 0, 0);
    const frames = Array.from({ length: 5 }, (_, i) =>
      frame(i, {
        captionEmbedding: caption,
        imageEmbedding: unit(0.25, Math.sqrt(1 - 0.25 ** 2), 0),
        ...(i === 2 && { fullFrameScore: captionScore(unit(0.32, Math.sqrt(1 - 0.32 ** 2), 0), caption) }),
      }),
    );
    const analysis = analyzeBoard({ frames });
    expect(analysis.frames[2]!.fullFrameScore!.cosine).toBeCloseTo(0.32, 4);
    expect(analysis.frames[2]!.flags.map((f) => f.kind)).toEqual(['off-center']);
    expect(analysis.frames[2]!.flags[0]!.reason).toBe(
      'The whole of shot 3 fits its caption better than the square CLIP crops from its middle (0.32 vs 0.25): the subject may sit outside the crop.',
    );
    expect(analysis.frames[1]!.fullFrameScore).toBeNull();
  });
});
