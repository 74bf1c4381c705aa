// Off-center subjects: CLIP sees only the center square of a frame; where scoring also scored the
// whole of a wide frame (scoring/wideFrame.ts), a frame whose whole fits its caption much better
// than its center may have its subject outside the crop.
import type { ClipScore } from '../../common/api.ts';
import type { DraftFlag } from './types.ts';
import { cosineText, round, shotName } from './wording.ts';

export interface OffCenter {
  flagged: boolean;
  /** fullCosine - centerCosine. */
  gain: number;
}

/** The subject may sit outside the center crop when the whole frame fits the caption better by margin or more. */
export function offCenter(centerCosine: number, fullCosine: number, margin: number): OffCenter {
  const gain = fullCosine - centerCosine;
  return { flagged: gain >= margin, gain };
}

export function offCenterFlags(
  center: readonly (number | null)[],
  full: readonly (ClipScore | null)[],
  shots: readonly string[],
  margin: number,
): DraftFlag[] {
  const flags: DraftFlag[] = [];
  center.forEach((c, i) => {
    const f = full[i];
    if (c === null || !f) return;
    const result = offCenter(c, f.cosine, margin);
    if (!result.flagged) return;
    flags.push({
      index: i,
      flag: {
        kind: 'off-center',
        severity: 'info',
        reason: `The whole of ${shotName(shots[i]!).replace(/^Shot/, 'shot')} fits its caption better than the square CLIP crops from its middle (${cosineText(f.cosine)} vs ${cosineText(c)}): the subject may sit outside the crop.`,
        numbers: { centerCosine: round(c), fullCosine: round(f.cosine), gain: round(result.gain), margin },
        relatedFrameIds: [],
      },
    });
  });
  return flags;
}
