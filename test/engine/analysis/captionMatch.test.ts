import { describe, expect, it } from 'vitest';
import { analyzeBoard, captionGroups, FULL_SEARCH_MAX_PRODUCTS } from '../../../electron/engine/analysis/index.ts';
import { seededRandom } from '../../bench/analysisBench.ts';
import { embeddingsForCosines, frame, rescored, smallBoardSettings, VIT_LIKE } from './helpers.ts';

// Rows: frames; columns: captions. Own captions on the diagonal.
const COSINES = [
  [0.22, 0.3, 0.2, 0.2, 0.2, 0.2], // frame 1 fits caption 2 better: with frame 2, a swap
  [0.29, 0.21, 0.2, 0.2, 0.2, 0.2],
  [0.2, 0.2, 0.24, 0.31, 0.2, 0.2], // frame 3 fits caption 4 better: a mismatch
  [0.2, 0.2, 0.2, 0.3, 0.2, 0.2],
  [0.2, 0.2, 0.2, 0.2, 0.3, 0.2],
  [0.2, 0.2, 0.2, 0.2, 0.2, 0.3],
];

function board(cosines: number[][] = COSINES) {
  const { images, captions } = embeddingsForCosines(cosines);
  return cosines.map((_, i) => frame(i, { imageEmbedding: images[i]!, captionEmbedding: captions[i]! }));
}

describe('caption mismatch and swaps', () => {
  it('names the better-fitting shot, with both cosines', () => {
    const analysis = analyzeBoard({ frames: board(), calibration: VIT_LIKE, settings: smallBoardSettings() });
    expect(analysis.captionSearch.mode).toBe('board');
    const third = analysis.frames[2]!;
    expect(third.score!.cosine).toBeCloseTo(0.24, 6);
    expect(third.bestOther).toEqual({ frameId: 'frames/04.png', shot: '4', cosine: 0.31 });
    const mismatch = third.flags.find((f) => f.kind === 'caption-mismatch')!;
    expect(mismatch.reason).toBe("Shot 3 looks more like shot 4's caption (0.31 vs 0.24 for its own).");
    expect(mismatch.numbers).toMatchObject({ ownCosine: 0.24, otherCosine: 0.31, gain: 0.07, margin: 0.03, leadZThreshold: 0 });
    expect(mismatch.relatedFrameIds).toEqual(['frames/04.png']);
    // Frame 4 is fine: caption 3 fits it at 0.20, below its own 0.30.
    expect(analysis.frames[3]!.flags).toEqual([]);
  });

  it('two frames that each fit the other caption are one swapped pair', () => {
    const analysis = analyzeBoard({ frames: board(), calibration: VIT_LIKE, settings: smallBoardSettings() });
    const [first, second] = analysis.frames;
    // Own scores 0.22 0.21 0.24 0.30 0.30 0.30: median 0.27, MAD 0.03, so neither is a relative
    // outlier (z -1.1 and -1.3); 0.21 is below the absolute threshold 0.22, 0.22 is not.
    expect(first!.flags.map((f) => f.kind)).toEqual(['caption-swap']);
    expect(second!.flags.map((f) => f.kind)).toEqual(['caption-drift', 'caption-swap']);
    const swap = first!.flags.find((f) => f.kind === 'caption-swap')!;
    expect(swap.reason).toBe(
      "Shot 1 and shot 2 look swapped: shot 1 fits shot 2's caption better than its own (0.30 vs 0.22), and shot 2 fits shot 1's (0.29 vs 0.21).",
    );
    expect(swap.relatedFrameIds).toEqual(['frames/02.png']);
    expect(second!.flags.find((f) => f.kind === 'caption-swap')!.relatedFrameIds).toEqual(['frames/01.png']);
  });

  it('keeps the top three captions of the board, best first', () => {
    const analysis = analyzeBoard({ frames: board(), calibration: VIT_LIKE, settings: smallBoardSettings() });
    expect(analysis.frames[2]!.top3.map((m) => [m.shot, m.cosine])).toEqual([
      ['4', 0.31],
      ['3', 0.24],
      ['1', 0.2],
    ]);
    expect(analysis.frames[4]!.top3[0]).toEqual({ frameId: 'frames/05.png', shot: '5', cosine: 0.3 });
  });

  it("a lead counts in the board's own units: small leads everywhere (vague captions) are no mismatch, one that stands out is", () => {
    // Ten frames whose own caption leads or trails the next shot's by about 0.035 (vague captions);
    // frame 6 trails by 0.22.
    const n = 10;
    const lead = [0.035, -0.035, 0.04, -0.035, 0.032, 0.22, -0.035, 0.035, -0.04, 0.032];
    const cosines = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (j === i ? 0.25 : j === (i + 1) % n ? 0.25 + lead[i]! : 0.05)),
    );
    const analysis = analyzeBoard({ frames: board(cosines), calibration: VIT_LIKE });
    const mismatched = analysis.frames.filter((f) => f.flags.some((g) => g.kind === 'caption-mismatch')).map((f) => f.shot);
    expect(mismatched).toEqual(['6']);
    const flag = analysis.frames[5]!.flags.find((g) => g.kind === 'caption-mismatch')!;
    expect(flag.numbers.leadZ).toBeGreaterThanOrEqual(3);
    // The same board judged by the cosine margin alone (0.03) would flag every frame that leads.
    const byMargin = analyzeBoard({ frames: board(cosines), calibration: VIT_LIKE, settings: smallBoardSettings() });
    expect(byMargin.frames.filter((f) => f.flags.some((g) => g.kind === 'caption-mismatch')).length).toBe(6);
  });

  it('a margin below the threshold is not a mismatch', () => {
    const cosines = COSINES.map((row) => [...row]);
    cosines[2]![3] = 0.26; // beats 0.24 by 0.02 < 0.03
    const analysis = analyzeBoard({ frames: board(cosines), calibration: VIT_LIKE, settings: smallBoardSettings() });
    expect(analysis.frames[2]!.flags.map((f) => f.kind)).not.toContain('caption-mismatch');
  });

  it('a better caption that itself fits badly is no mismatch (the frame just has a poor caption)', () => {
    const cosines = COSINES.map((row) => [...row]);
    cosines[2] = [0.2, 0.2, 0.14, 0.24, 0.2, 0.2]; // caption 4 beats 0.14, but at 0.24 it fits far worse than its own frame (0.30)
    const analysis = analyzeBoard({ frames: board(cosines), calibration: VIT_LIKE, settings: smallBoardSettings() });
    expect(analysis.frames[2]!.flags.map((f) => f.kind)).toEqual(['caption-drift']);
  });

  it('frames sharing one caption text do not count as a better fit for each other', () => {
    const frames = board();
    frames[3] = rescored({ ...frames[3]!, caption: frames[2]!.caption, captionEmbedding: frames[2]!.captionEmbedding! });
    const analysis = analyzeBoard({ frames });
    // Caption 4 is now caption 3's text: it appears once (as frame 3's own), and the best other is caption 1.
    expect(analysis.frames[2]!.top3.map((m) => m.shot)).toEqual(['3', '1', '2']);
    expect(analysis.frames[2]!.bestOther).toEqual({ frameId: 'frames/01.png', shot: '1', cosine: 0.2 });
    expect(analysis.frames[2]!.flags.map((f) => f.kind)).not.toContain('caption-mismatch');
  });
});

describe('caption search on a large board', () => {
  it('splits scenes into groups of consecutive shots of at most 32', () => {
    const frames = Array.from({ length: 70 }, (_, i) => ({
      id: String(i),
      shot: String(i),
      sceneId: i < 65 ? 'a' : 'b',
      captionText: null,
    }));
    expect(captionGroups(frames).map((g) => g.length)).toEqual([22, 22, 21, 5]);
  });

  it('finds a frame that shows a shot from the far end of the board', () => {
    const dims = 512;
    const count = Math.ceil(Math.sqrt(FULL_SEARCH_MAX_PRODUCTS / dims)) + 8;
    const random = seededRandom(7);
    const unitRandom = (base?: Float32Array, weight = 0) => {
      const v = Float32Array.from({ length: dims }, (_, k) => random() - 0.5 + (base ? base[k]! * weight : 0));
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const captions = Array.from({ length: count }, () => unitRandom());
    const frames = captions.map((caption, i) =>
      frame(i, {
        sceneId: `sc${Math.floor(i / 24)}`,
        captionEmbedding: caption,
        imageEmbedding: unitRandom(captions[i === 10 ? count - 5 : i]!, 30),
      }),
    );
    const analysis = analyzeBoard({ frames });
    expect(analysis.captionSearch.mode).toBe('candidates');
    expect(analysis.captionSearch.candidatesPerFrame).toBeLessThan(count / 2);
    const tenth = analysis.frames[10]!;
    expect(tenth.bestOther?.shot).toBe(String(count - 4));
    expect(tenth.flags.map((f) => f.kind)).toContain('caption-mismatch');
  });
});
