// The chart's points as a keyboard and a screen reader meet them: which are drawn, and what each says.
import type { BoardAnalysis } from '../../electron/common/api.ts';
import { flagLabel } from '../../electron/common/flags.ts';
import { formatNumber } from '../../electron/common/units.ts';

export interface ChartPoint {
  index: number;
  id: string;
  label: string;
}

/** Past this many frames only the flagged and the selected frames get a point (the line shows the rest). */
export const ALL_POINTS_LIMIT = 300;

export function chartPointLabel(shot: string, cosine: number, flags: readonly string[], threshold: number): string {
  const where = cosine < threshold ? 'below the drift threshold' : 'above the drift threshold';
  const flagged = flags.length > 0 ? `, flagged: ${flags.map((f) => flagLabel(f as Parameters<typeof flagLabel>[0])).join(', ')}` : '';
  return `Chart point: shot ${shot}, score ${formatNumber(cosine, 3)}, ${where}${flagged}`;
}

export function chartPoints(analysis: BoardAnalysis, selectedId: string | null): ChartPoint[] {
  const { series } = analysis;
  const all = series.frameIds.length <= ALL_POINTS_LIMIT;
  const points: ChartPoint[] = [];
  series.frameIds.forEach((id, index) => {
    const cosine = series.cosine[index];
    const flags = series.flags[index] ?? [];
    if (cosine === null || cosine === undefined || !(all || flags.length > 0 || id === selectedId)) return;
    points.push({
      index,
      id,
      label: chartPointLabel(series.shots[index] ?? String(index + 1), cosine, flags, analysis.thresholds.captionDriftCosine),
    });
  });
  return points;
}
