// Caption retrieval on the board: for each frame, does its own caption come first among the
// board's captions (image → caption), and does the frame come first among the board's frames for
// its caption (caption → image)? Recall@1 and @5 over the board measure how well a model tells this
// board's shots apart, with no labels beyond the captions the board already has.
//
// Ties count against the model: the own match's rank is 1 + the number of OTHER candidates whose
// cosine is greater than or equal to it. Exact ties only happen for identical embeddings (the same
// caption on two frames, the same picture twice), which no model can tell apart, so no model gets
// credit for them; the rule does not depend on frame order.
import type { RecallSummary } from '../../../common/api.ts';
import { dot } from '../../clip/index.ts';

export interface RetrievalRanks {
  /** Per frame: rank of its own caption among all captions (1 is best). */
  imageToCaption: number[];
  /** Per frame: rank of the frame among all frames for its own caption. */
  captionToImage: number[];
}

/**
 * Ranks from L2-normalized embeddings: images[i] and captions[i] belong to the same frame. The
 * n × n cosine matrix is kept in float64 (8 n² bytes: 8 MB for a 1,000-frame board), computed with
 * the same dot product as the frame's own score, so the diagonal is exactly that score.
 */
export function retrievalRanks(images: readonly Float32Array[], captions: readonly Float32Array[]): RetrievalRanks {
  if (images.length !== captions.length) throw new Error(`retrievalRanks: ${images.length} images and ${captions.length} captions`);
  const n = images.length;
  const cosines = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) cosines[i * n + j] = dot(images[i]!, captions[j]!);
  const imageToCaption: number[] = [];
  const captionToImage: number[] = [];
  for (let i = 0; i < n; i++) {
    const own = cosines[i * n + i]!;
    // A frame whose own cosine is not a number (a zero embedding) matches nothing: last place.
    if (!Number.isFinite(own)) {
      imageToCaption.push(n);
      captionToImage.push(n);
      continue;
    }
    let byCaption = 1;
    let byImage = 1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      if (cosines[i * n + j]! >= own) byCaption++;
      if (cosines[j * n + i]! >= own) byImage++;
    }
    imageToCaption.push(byCaption);
    captionToImage.push(byImage);
  }
  return { imageToCaption, captionToImage };
}

export function recallSummary(ranks: readonly number[]): RecallSummary {
  const n = ranks.length;
  const hitsAt1 = ranks.filter((r) => r === 1).length;
  const hitsAt5 = ranks.filter((r) => r <= 5).length;
  return {
    recallAt1: n ? hitsAt1 / n : null,
    recallAt5: n ? hitsAt5 / n : null,
    hitsAt1,
    hitsAt5,
    meanReciprocalRank: n ? ranks.reduce((s, r) => s + 1 / r, 0) / n : null,
  };
}
