// One stage owns the frame/own-caption cosine: scoring computes it, the analysis reads it. The
// frames × captions product the analysis keeps for caption matching must agree with it on its
// diagonal, in every path the product takes (blocked, tails, the remembered product, candidate blocks).
import { describe, expect, it } from 'vitest';
import { analyzeBoard, FULL_SEARCH_MAX_PRODUCTS } from '../../../electron/engine/analysis/index.ts';
import { captionMatches } from '../../../electron/engine/analysis/captionMatch.ts';
import { packRows, productMatrix } from '../../../electron/engine/analysis/matrix.ts';
import { productMatrixReusing } from '../../../electron/engine/analysis/productMemo.ts';
import { captionScore } from '../../../electron/engine/scoring/index.ts';
import { seededRandom } from '../../bench/analysisBench.ts';
import { frame } from './helpers.ts';

function unitVectors(count: number, dims: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dims }, () => random() - 0.5);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('the frame/own-caption cosine', () => {
  // Odd sizes: the product's 2 x 4 blocks, its row and column tails and its odd last row all meet the diagonal.
  const count = 11;
  const dims = 37;
  const images = unitVectors(count, dims, 1);
  const captions = unitVectors(count, dims, 2);
  const scoring = images.map((image, i) => captionScore(image, captions[i]!).cosine);

  it('is the diagonal of the analysis product, to the float32 the product stores', () => {
    const a = packRows(images, dims);
    const b = packRows(captions, dims);
    for (const matrix of [productMatrix(a, b), productMatrixReusing(a, b)]) {
      const diagonal = Array.from({ length: count }, (_, i) => matrix[i * count + i]!);
      expect(diagonal).toEqual(scoring.map((c) => Math.fround(c)));
    }
  });

  it('is what caption matching ranks the own caption at, in the full product and in candidate groups', () => {
    // The product stores float32; scoring's cosine is float64: only the cosine itself matches exactly.
    const check = (images: Float32Array[], captions: Float32Array[], dims: number, mode: 'board' | 'candidates') => {
      const own = images.map((image, i) => captionScore(image, captions[i]!).cosine);
      const frames = images.map((_, i) => ({ id: String(i), shot: String(i + 1), sceneId: 'sc01', captionText: `caption ${i}` }));
      const matches = captionMatches(packRows(images, dims), packRows(captions, dims), own, frames);
      expect(matches.search.mode).toBe(mode);
      expect(matches.own).toEqual(own);
      const ownEntries = matches.top3.flatMap((top, i) => top.filter((s) => s.j === i).map((s) => [s.cosine, own[i]]));
      expect(ownEntries.length).toBeGreaterThan(0);
      for (const [ranked, cosine] of ownEntries) expect(ranked).toBe(cosine);
    };
    check(images, captions, dims, 'board');
    // Past FULL_SEARCH_MAX_PRODUCTS at 2 dimensions: captions close to their frames, so they rank in the top 3.
    const large = Math.ceil(Math.sqrt(FULL_SEARCH_MAX_PRODUCTS / 2)) + 1;
    const angles = Array.from({ length: large }, (_, i) => (2 * Math.PI * i) / large);
    const at = (angle: number) => Float32Array.of(Math.cos(angle), Math.sin(angle));
    check(
      angles.map(at),
      angles.map((angle) => at(angle + 1e-4)),
      2,
      'candidates',
    );
  });

  it('is read by the analysis, not recomputed: a score scoring reports is the score the analysis reports', () => {
    // Scoring's number on purpose unlike the embeddings' dot product: only a reader reports it.
    // Sixteenths: exact in binary and in four decimals, so rounding changes nothing.
    const reported = images.map((_, i) => ({ cosine: 0.25 + i / 16, clipScore: 25 + (100 * i) / 16 }));
    const frames = images.map((image, i) => frame(i, { imageEmbedding: image, captionEmbedding: captions[i]!, score: reported[i]! }));
    const analysis = analyzeBoard({ frames });
    expect(analysis.frames.map((f) => f.score)).toEqual(reported);
    expect(analysis.series.cosine).toEqual(reported.map((r) => r.cosine));
  });

  it('is refused when scoring left it out, or gave it without both embeddings', () => {
    const unscored = images.map((image, i) => frame(i, { imageEmbedding: image, captionEmbedding: captions[i]! }));
    const { score: _dropped, ...noScore } = unscored[3]!;
    expect(() => analyzeBoard({ frames: unscored.map((f, i) => (i === 3 ? noScore : f)) })).toThrow(
      'Frame frames/04.png has an image and a caption embedding but no score from scoring.',
    );
    const { captionEmbedding: _gone, ...noCaption } = unscored[5]!;
    expect(() => analyzeBoard({ frames: unscored.map((f, i) => (i === 5 ? noCaption : f)) })).toThrow(
      'Frame frames/06.png has a score without both embeddings from scoring.',
    );
  });
});
