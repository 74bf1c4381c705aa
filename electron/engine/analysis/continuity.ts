// Continuity: a sudden drop in image-image similarity between neighbouring frames of a scene.
// A lone odd frame drops twice (into it and back out of it); it is flagged once, as differing
// from both neighbours, and the frame after it is not blamed for returning to normal.
import type { AnalysisThresholds, RobustSummary } from '../../common/api.ts';
import { type Rows, rowDot } from './matrix.ts';
import { robustSummary, robustZ, SCALE_FLOOR } from './robust.ts';
import type { DraftFlag } from './types.ts';
import { cosineText, round, shotName, shotRef, zText } from './wording.ts';

export interface ContinuityResult {
  /** Cosine with the previous frame (with an embedding) of the same scene. */
  similarity: (number | null)[];
  /** The board's median minus this frame's similarity. */
  drop: (number | null)[];
  previous: (number | null)[];
  summary: RobustSummary | null;
  flags: DraftFlag[];
}

export function continuity(
  images: Rows,
  frames: readonly { id: string; shot: string; sceneId: string }[],
  thresholds: AnalysisThresholds,
): ContinuityResult {
  const n = frames.length;
  const previous: (number | null)[] = new Array<number | null>(n).fill(null);
  const lastInScene = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    if (!images.present[i]) continue;
    const scene = frames[i]!.sceneId;
    previous[i] = lastInScene.get(scene) ?? null;
    lastInScene.set(scene, i);
  }
  const similarity = previous.map((p, i) => (p === null ? null : rowDot(images, p, images, i)));
  const summary = robustSummary(
    similarity.filter((s): s is number => s !== null),
    SCALE_FLOOR.continuityCosine,
  );
  const drop = similarity.map((s) => (s === null || !summary ? null : summary.median - s));
  const flags: DraftFlag[] = [];
  if (!summary) return { similarity, drop, previous, summary, flags };

  const isLow = (s: number) => robustZ(s, summary) <= -thresholds.continuityOutlierZ;
  const flagAt = new Map<number, DraftFlag>();
  for (let i = 0; i < n; i++) {
    const s = similarity[i];
    const p = previous[i];
    if (s === null || s === undefined || p === null || p === undefined || !isLow(s)) continue;
    const z = robustZ(s, summary);
    const before = previous[p];
    const lone = flagAt.get(p);
    if (lone && before !== null && before !== undefined && !isLow(rowDot(images, before, images, i))) {
      // p differs from both neighbours while its neighbours agree with each other: p is the odd frame.
      const into = similarity[p]!;
      lone.flag.reason = `${shotName(frames[p]!.shot)} differs sharply from both neighbours, ${shotRef(frames[before]!.shot)} and ${shotRef(frames[i]!.shot)} (similarity ${cosineText(into)} and ${cosineText(s)}, where neighbouring frames typically score ${cosineText(summary.median)}).`;
      Object.assign(lone.flag.numbers, { nextSimilarity: round(s), nextZ: round(z, 2) });
      lone.flag.relatedFrameIds.push(frames[i]!.id);
      continue;
    }
    const flag: DraftFlag = {
      index: i,
      flag: {
        kind: 'continuity',
        // A jump inside a scene is a look-here: on the labelled sets it is a planted cut or an odd frame.
        severity: 'warning',
        reason: `${shotName(frames[i]!.shot)} changes suddenly from ${shotRef(frames[p]!.shot)} (similarity ${cosineText(s)}, where neighbouring frames typically score ${cosineText(summary.median)}, z = ${zText(z)}).`,
        numbers: {
          similarity: round(s),
          median: round(summary.median),
          mad: round(summary.mad),
          drop: round(summary.median - s),
          z: round(z, 2),
          zThreshold: -thresholds.continuityOutlierZ,
        },
        relatedFrameIds: [frames[p]!.id],
      },
    };
    flagAt.set(i, flag);
    flags.push(flag);
  }
  return { similarity, drop, previous, summary, flags };
}
