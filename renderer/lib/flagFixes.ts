// The fix a flag offers in one click, where the analysis knows the answer: a swapped pair takes
// each other's captions; a better caption elsewhere is taken from the shot the analysis names.
import type { FrameAnalysis, FrameFlag } from '../../electron/common/api.ts';

export type FlagFix = { kind: 'swap'; otherId: string; label: string } | { kind: 'take'; fromId: string; label: string } | null;

/** `shotOf` names a frame by its shot; a frame no longer on the board offers no fix. */
export function flagFix(flag: FrameFlag, analysis: FrameAnalysis | undefined, shotOf: (id: string) => string | undefined): FlagFix {
  if (flag.acknowledged) return null;
  if (flag.kind === 'caption-swap') {
    const otherId = flag.relatedFrameIds[0];
    const shot = otherId === undefined ? undefined : shotOf(otherId);
    return otherId !== undefined && shot !== undefined ? { kind: 'swap', otherId, label: `Swap captions with shot ${shot}` } : null;
  }
  if (flag.kind === 'caption-mismatch') {
    // The flag names the better caption's frame; bestOther is the same answer from the search.
    const fromId = flag.relatedFrameIds[0] ?? analysis?.bestOther?.frameId;
    const shot = fromId === undefined ? undefined : shotOf(fromId);
    return fromId !== undefined && shot !== undefined ? { kind: 'take', fromId, label: `Use shot ${shot}'s caption` } : null;
  }
  return null;
}
