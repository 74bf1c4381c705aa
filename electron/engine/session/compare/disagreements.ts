// Where the models disagree: a frame and a flag kind that some models raise and others do not.
// Only active flags count (one marked as intended is intended under every model).
import type { ComparisonFrame, FlagDisagreement } from '../../../common/api.ts';
import { FLAG_KINDS } from '../../analysis/index.ts';

export function flagDisagreements(frames: readonly ComparisonFrame[]): FlagDisagreement[] {
  const out: FlagDisagreement[] = [];
  for (const frame of frames) {
    for (const kind of FLAG_KINDS) {
      const flaggedBy: string[] = [];
      const notFlaggedBy: string[] = [];
      for (const cell of frame.cells) (cell.flags.some((f) => f.kind === kind) ? flaggedBy : notFlaggedBy).push(cell.modelId);
      if (flaggedBy.length > 0 && notFlaggedBy.length > 0)
        out.push({ frameId: frame.frameId, shot: frame.shot, kind, flaggedBy, notFlaggedBy });
    }
  }
  return out;
}
