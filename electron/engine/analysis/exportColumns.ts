// The analysis columns of the board export, per frame: the flags that need a look and the notes
// apart, as every output counts them (common/flags.ts). Acknowledged flags are left out: the
// person marked them as intended.
import type { AnalysisExportRow, FrameAnalysis, LookReading } from '../../common/api.ts';
import { activeFlags, flagLabel, needsLook, orderFlags } from '../../common/flags.ts';
import { flagText, type SentenceContext } from '../../common/flagSentences.ts';
import { lookScoresText } from '../../common/looks.ts';

export const ANALYSIS_EXPORT_COLUMNS: readonly (keyof AnalysisExportRow)[] = [
  'flags',
  'notes',
  'reason',
  'best_other_shot',
  'style_similarity',
  'palette_distance',
  'caption_breakdown',
  'looks_like',
];

/** "night (day 0.22, night 0.31, dusk 0.10)": what the frame looks like, with every label's score. */
export function lookText(reading: LookReading): string {
  return `${reading.looks} (${lookScoresText(reading, ', ')})`;
}

export function analysisExportRow(frame: FrameAnalysis, context: SentenceContext = {}): AnalysisExportRow {
  const active = orderFlags(activeFlags(frame.flags));
  return {
    flags: active
      .filter(needsLook)
      .map((f) => flagLabel(f.kind))
      .join(', '),
    notes: active
      .filter((f) => !needsLook(f))
      .map((f) => flagLabel(f.kind))
      .join(', '),
    reason: active.map((f) => flagText(f, { frame, ...context })).join(' | '),
    best_other_shot: frame.bestOther?.shot ?? '',
    style_similarity: frame.styleSimilarity === null ? '' : frame.styleSimilarity.toFixed(3),
    palette_distance: frame.paletteDistance === null ? '' : frame.paletteDistance.toFixed(1),
    caption_breakdown: frame.breakdown?.summary ?? '',
    looks_like: frame.looks.map(lookText).join('; '),
  };
}
