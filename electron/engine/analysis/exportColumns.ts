// The analysis columns of the board export, per frame. Acknowledged flags are left out: the
// person marked them as intended.
import type { AnalysisExportRow, FrameAnalysis } from '../../api.ts';

export const ANALYSIS_EXPORT_COLUMNS: readonly (keyof AnalysisExportRow)[] = ['flags', 'reason', 'best_other_shot', 'style_similarity', 'palette_distance'];

export function analysisExportRow(frame: FrameAnalysis): AnalysisExportRow {
  const active = frame.flags.filter((f) => !f.acknowledged);
  return {
    flags: active.map((f) => f.kind).join(', '),
    reason: active.map((f) => f.reason).join(' | '),
    best_other_shot: frame.bestOther?.shot ?? '',
    style_similarity: frame.styleSimilarity === null ? '' : frame.styleSimilarity.toFixed(3),
    palette_distance: frame.paletteDistance === null ? '' : frame.paletteDistance.toFixed(1),
  };
}
