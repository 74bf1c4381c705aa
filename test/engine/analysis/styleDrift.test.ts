import { describe, expect, it } from 'vitest';
import { analyzeBoard, defaultAnalysisSettings, GENERIC_THRESHOLDS } from '../../../electron/engine/analysis/index.ts';
import { packRows } from '../../../electron/engine/analysis/matrix.ts';
import { styleDrift, stylePromptFit, styleVectors } from '../../../electron/engine/analysis/styleDrift.ts';
import { frame, unit, vector } from './helpers.ts';

const named = (count: number, scene = () => 'sc01') =>
  Array.from({ length: count }, (_, i) => ({ id: `f${i + 1}`, shot: String(i + 1), sceneId: scene(), sceneName: 'sc01' }));

describe('style drift', () => {
  // Five frames along x, one along y. Leave-one-out: a frame on x sees the others' sum (4, 1),
  // cosine 4/sqrt(17) = 0.9701; the frame on y sees (5, 0), cosine 0.
  const images = packRows([vector(1, 0), vector(1, 0), vector(1, 0), vector(1, 0), vector(1, 0), vector(0, 1)], 2);

  it('flags the frame far from the rest of the series and of its scene', () => {
    const result = styleDrift(images, images, named(6), [], GENERIC_THRESHOLDS);
    expect(result.similarity[0]).toBeCloseTo(4 / Math.sqrt(17), 6);
    expect(result.similarity[5]).toBeCloseTo(0, 6);
    // MAD 0: the floor 0.01 is the scale, z = (0 - 0.9701) / 0.01 = -97
    expect(result.z[5]).toBeCloseTo(-97.01, 1);
    expect(result.flags.map((f) => f.index)).toEqual([5]);
    const flag = result.flags[0]!.flag;
    expect(flag.reason).toBe(
      "Shot 6 stands out from the style of the rest of the series (similarity 0.00 vs a median of 0.97, z = −97.0) and of its scene (0.00), and is below this model's style threshold (0.00 < 0.55).",
    );
    expect(flag.numbers).toMatchObject({ similarity: 0, median: 0.9701, z: -97.01, rawCosine: 0, threshold: 0.55 });
  });

  it('with pinned references, compares with them only', () => {
    // Pinned: frames 1 and 2 (along x). Frame 6 (along y) has cosine 0 with them.
    const result = styleDrift(images, images, named(6), [0, 1], GENERIC_THRESHOLDS);
    expect(result.references).toEqual(['f1', 'f2']);
    expect(result.similarity[2]).toBeCloseTo(1, 6);
    expect(result.flags.map((f) => f.index)).toEqual([5]);
    expect(result.flags[0]!.flag.reason).toContain('the pinned style references');
    expect(result.flags[0]!.flag.relatedFrameIds).toEqual(['f1', 'f2']);
  });

  it('a scene that looks different as a whole is not one frame drifting', () => {
    // Scene a: 6 frames along x; scene b: 3 frames along y. Frames of b are far from the series
    // median but close to their own scene.
    const rows = packRows([...Array.from({ length: 6 }, () => vector(1, 0)), vector(0, 1), vector(0, 1), vector(0, 1)], 2);
    const frames = Array.from({ length: 9 }, (_, i) => ({
      id: `f${i}`,
      shot: String(i + 1),
      sceneId: i < 6 ? 'a' : 'b',
      sceneName: i < 6 ? 'a' : 'b',
    }));
    const result = styleDrift(rows, rows, frames, [], { ...GENERIC_THRESHOLDS, styleDriftCosine: -1 });
    expect(result.flags).toEqual([]);
  });

  it('identical frames: MAD 0, no flags', () => {
    const rows = packRows(
      Array.from({ length: 6 }, () => unit(1, 2, 3)),
      3,
    );
    const result = styleDrift(rows, rows, named(6), [], GENERIC_THRESHOLDS);
    expect(result.flags).toEqual([]);
    expect(result.z.every((z) => z === 0)).toBe(true);
  });
});

describe('content removal', () => {
  it("'remove-caption' takes out the image's component along its caption and renormalizes", () => {
    const images = packRows([vector(0.6, 0.8, 0), vector(0, 0, 1)], 3);
    const captions = packRows([vector(1, 0, 0), undefined], 3);
    const out = styleVectors(images, captions, 'remove-caption');
    expect(Array.from(out.data.subarray(0, 3))).toEqual([0, 1, 0]);
    // No caption: the image stays as it is.
    expect(Array.from(out.data.subarray(3, 6))).toEqual([0, 0, 1]);
    expect(styleVectors(images, captions, 'raw')).toBe(images);
  });

  it('the centered variant removes what a caption says beyond the board mean', () => {
    // Captions (1,0,0) and (0,1,0): mean (0.5,0.5,0); caption 1 minus it points along (1,-1,0).
    const images = packRows([unit(1, 0, 1), unit(0, 1, 1)], 3);
    const captions = packRows([vector(1, 0, 0), vector(0, 1, 0)], 3);
    const out = styleVectors(images, captions, 'remove-caption', { centered: true });
    // (1,0,1)/sqrt2 minus its part along (1,-1,0)/sqrt2 = (0.5,0.5,1)/sqrt2, normalized (1,1,2)/sqrt6
    expect(Array.from(out.data.subarray(0, 3)).map((v) => +v.toFixed(5))).toEqual([1, 1, 2].map((v) => +(v / Math.sqrt(6)).toFixed(5)));
  });

  it("analyzeBoard uses the project's styleContent setting", () => {
    const frames = Array.from({ length: 6 }, (_, i) =>
      frame(i, { imageEmbedding: unit(1, 0.1 * i, 0), captionEmbedding: vector(0, 0, 1) }),
    );
    expect(analyzeBoard({ frames }).styleContent).toBe('raw');
    expect(analyzeBoard({ frames, settings: { ...defaultAnalysisSettings(), styleContent: 'remove-caption' } }).styleContent).toBe(
      'remove-caption',
    );
  });
});

describe('project style prompt', () => {
  it('flags the frame that fits the prompt far less than the board', () => {
    // Prompt along x; images at cosines 0.30 0.31 0.29 0.30 0.32 0.10 with it.
    const cosines = [0.3, 0.31, 0.29, 0.3, 0.32, 0.1];
    const rows = packRows(
      cosines.map((c) => vector(c, Math.sqrt(1 - c * c))),
      2,
    );
    const result = stylePromptFit(
      rows,
      vector(1, 0),
      'graphite pencil sketch, muted colors',
      ['1', '2', '3', '4', '5', '6'],
      GENERIC_THRESHOLDS,
    );
    expect(result.summary!.median).toBeCloseTo(0.3, 6);
    expect(result.flags.map((f) => f.index)).toEqual([5]);
    expect(result.flags[0]!.flag.reason).toBe(
      'Shot 6 fits the project style "graphite pencil sketch, muted colors" less than the rest of the board (0.10 vs a median of 0.30, z = −13.5).',
    );
  });

  it('without the prompt embedding, says the prompt was not scored', () => {
    const frames = Array.from({ length: 6 }, (_, i) => frame(i, { imageEmbedding: unit(1, 0.01 * i) }));
    const analysis = analyzeBoard({ frames, settings: { ...defaultAnalysisSettings(), stylePrompt: 'ink' } });
    expect(analysis.notes).toContain('The project style prompt was not scored: its embedding was not provided.');
    expect(analysis.stylePrompt).toBeNull();
  });
});
