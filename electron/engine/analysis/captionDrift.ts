// Caption drift: a frame whose CLIP score is low, by two tests shown side by side. The absolute
// test uses the model's threshold; the relative one compares the frame with its own board
// (median/MAD), since absolute scores move with the model and with how captions are written.
import type { AnalysisThresholds, RobustSummary } from '../../common/api.ts';
import { robustSummary, robustZ, SCALE_FLOOR } from './robust.ts';
import type { DraftFlag } from './types.ts';
import { cosinePair, cosineText, round, shotName, zText } from './wording.ts';

export interface CaptionDriftResult {
  summary: RobustSummary | null;
  z: (number | null)[];
  flags: DraftFlag[];
}

/**
 * cosines: each frame's score against its own caption, null where it has none. absolute: whether
 * captionDriftCosine is this model's (its calibration, or the project's setting); without it the
 * board's own spread decides alone, since a cosine threshold means nothing on another model's scale.
 */
export function captionDrift(
  cosines: readonly (number | null)[],
  shots: readonly string[],
  thresholds: AnalysisThresholds,
  absoluteKnown = true,
): CaptionDriftResult {
  const summary = robustSummary(
    cosines.filter((c): c is number => c !== null),
    SCALE_FLOOR.captionCosine,
  );
  const z = cosines.map((c) => (c === null || !summary ? null : robustZ(c, summary)));
  const flags: DraftFlag[] = [];
  cosines.forEach((cosine, index) => {
    if (cosine === null) return;
    const zi = z[index] ?? null;
    const absolute = absoluteKnown && cosine < thresholds.captionDriftCosine;
    const relative = zi !== null && zi <= -thresholds.captionOutlierZ;
    if (!absolute && !relative) return;
    const [score, limit] = cosinePair(cosine, thresholds.captionDriftCosine);
    const who = `${shotName(shots[index]!)} scores ${score} against its caption`;
    const threshold = `this model's threshold (${limit})`;
    const board = summary && zi !== null ? `median ${cosineText(summary.median)}, z = ${zText(zi)}` : null;
    let reason: string;
    if (absolute && relative) reason = `${who}: below ${threshold} and far below the rest of the board (${board}).`;
    else if (absolute && board) reason = `${who}, below ${threshold}, though within the board's usual range (${board}).`;
    else if (absolute) reason = `${who}, below ${threshold}.`;
    else if (absoluteKnown) reason = `${who}: above ${threshold}, but far below the rest of the board (${board}).`;
    else reason = `${who}: far below the rest of the board (${board}).`;
    const numbers: Record<string, number> = { cosine: round(cosine), ...(absoluteKnown && { threshold: thresholds.captionDriftCosine }) };
    if (summary && zi !== null)
      Object.assign(numbers, {
        median: round(summary.median),
        mad: round(summary.mad),
        z: round(zi, 2),
        zThreshold: -thresholds.captionOutlierZ,
      });
    flags.push({
      index,
      flag: {
        kind: 'caption-drift',
        severity: relative && (absolute || !absoluteKnown) ? 'warning' : 'info',
        reason,
        numbers,
        relatedFrameIds: [],
      },
    });
  });
  return { summary, z, flags };
}
