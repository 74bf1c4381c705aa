// Short labels the table and the report share, so both show the same view.
import type { RecallSummary } from '../../../common/api.ts';

/** A, B, ... Z, then M27, M28: the column key of the index-th model. */
export function modelKey(index: number): string {
  return index < 26 ? String.fromCharCode(65 + index) : `M${index + 1}`;
}

export function formatRecall(value: number | null): string {
  return value === null ? '-' : value.toFixed(2);
}

/** "0.75 (6/8)". */
export function formatRecallWithHits(summary: RecallSummary, k: 1 | 5, frames: number): string {
  const value = k === 1 ? summary.recallAt1 : summary.recallAt5;
  const hits = k === 1 ? summary.hitsAt1 : summary.hitsAt5;
  return value === null ? '-' : `${value.toFixed(2)} (${hits}/${frames})`;
}

export function formatMiB(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** A signed memory delta: "+41 MiB". */
export function formatDeltaMiB(bytes: number): string {
  const mib = bytes / 1024 / 1024;
  return `${mib >= 0 ? '+' : '\u2212'}${Math.abs(mib).toFixed(0)} MiB`;
}

export function formatRate(imagesPerSecond: number): string {
  return imagesPerSecond >= 100 ? imagesPerSecond.toFixed(0) : imagesPerSecond.toFixed(1);
}

export function formatRho(value: number | null): string {
  return value === null ? '-' : value.toFixed(3);
}

export const MEASURES = {
  speed:
    'Images per second: one timed pass of a freshly opened vision encoder over the board\u2019s frames (a sample spread over the board when it is large; the count is shown) on the provider shown, decoding and preprocessing included, cache bypassed, after one untimed warm-up image.',
  memory:
    'Memory: the rise in the process\u2019s resident set size (RSS) from just before the vision encoder opened to the highest value sampled after it opened and after each batch of the timed pass. An untimed pass before the first model keeps the process\u2019s one-time set-up out of it; memory an earlier pass freed is reused, so it is approximate to a few MB.',
  retrieval:
    'Retrieval: for each frame, the rank of its own caption among the board\u2019s captions by cosine (image \u2192 caption), and of the frame among the board\u2019s frames for its caption (caption \u2192 image). Recall@k is the share ranked within the first k. Exact ties count against the model. Frames without a caption are left out.',
  correlation:
    'Spearman\u2019s rank correlation of two models\u2019 cosines over the frames both scored (average ranks for ties). Cosines of different models are on different scales: compare their order, not their values.',
} as const;
