// The analysis columns of the board export, per frame. Acknowledged flags are left out: the
// person marked them as intended.
import type { AnalysisExportRow, FrameAnalysis } from '../../common/api.ts';
import { activeFlags, flagLabel, orderFlags } from '../../common/flags.ts';

export const ANALYSIS_EXPORT_COLUMNS: readonly (keyof AnalysisExportRow)[] = ['flags', 'reason', 'best_other_shot', 'style_similarity', 'palette_distance'];

export function analysisExportRow(frame: FrameAnalysis): AnalysisExportRow {
  const active = orderFlags(activeFlags(frame.flags));
  return {
    flags: active.map((f) => flagLabel(f.kind)).join(', '),
    reason: active.map((f) => f.reason).join(' | '),
    best_other_shot: frame.bestOther?.shot ?? '',
    style_similarity: frame.styleSimilarity === null ? '' : frame.styleSimilarity.toFixed(3),
    palette_distance: frame.paletteDistance === null ? '' : frame.paletteDistance.toFixed(1),
  };
}
