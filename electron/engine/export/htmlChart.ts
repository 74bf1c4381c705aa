// The report's series chart as inline SVG, so it needs no script and prints as vectors: the caption
// score and the style similarity along the board, one panel each (their scales differ by an order
// of magnitude), scene boundaries as bands, flagged frames as red points with a hover title.
import type { FlagKind } from '../../common/api.ts';
import type { ExportFrame, ExportModel } from './exportModel.ts';
import { flagLabel, needsLook } from '../../common/flags.ts';
import { formatCosine, shotTitle } from './exportModel.ts';
import { escapeHtml, svgNumber } from './markup.ts';

const WIDTH = 960;
const LEFT = 52;
const RIGHT = 12;
const SCENE_LABELS = 22;
const PANEL_HEIGHT = 150;
const PANEL_GAP = 34;
const AXIS = 34;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;

interface Panel {
  title: string;
  values: (number | null)[];
  /** A frame with an active warning of one of these kinds is drawn red. */
  kinds: readonly FlagKind[];
  threshold?: { value: number; label: string };
}

const CAPTION_KINDS: readonly FlagKind[] = ['caption-drift', 'caption-mismatch', 'caption-swap'];
const STYLE_KINDS: readonly FlagKind[] = ['style-drift', 'style-prompt', 'palette-drift', 'continuity'];

/** A y range that holds every value and the threshold, padded a little, on round steps. */
function yRange(values: readonly number[]): { min: number; max: number; step: number } {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max - min < 1e-3) {
    min -= 0.01;
    max += 0.01;
  }
  const raw = (max - min) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw);
  return { min: Math.floor(min / step) * step, max: Math.ceil(max / step) * step, step };
}

function xOf(index: number, count: number): number {
  return LEFT + ((index + 0.5) * PLOT_WIDTH) / count;
}

function panelSvg(panel: Panel, frames: readonly ExportFrame[], top: number): string {
  const present = panel.values.filter((v): v is number => v !== null);
  const parts: string[] = [];
  parts.push(`<text class="panel-title" x="${LEFT}" y="${svgNumber(top - 8)}">${escapeHtml(panel.title)}</text>`);
  if (present.length === 0) {
    parts.push(`<text class="axis" x="${LEFT + 8}" y="${svgNumber(top + PANEL_HEIGHT / 2)}">Not measured.</text>`);
    return parts.join('');
  }
  const range = yRange(panel.threshold ? [...present, panel.threshold.value] : present);
  const yOf = (v: number) => top + PANEL_HEIGHT - ((v - range.min) / (range.max - range.min)) * PANEL_HEIGHT;
  for (let tick = range.min; tick <= range.max + range.step / 2; tick += range.step) {
    const y = svgNumber(yOf(tick));
    parts.push(`<line class="gridline" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="axis" x="${LEFT - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${svgNumber(tick)}</text>`);
  }
  if (panel.threshold) {
    const y = svgNumber(yOf(panel.threshold.value));
    parts.push(`<line class="threshold" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="threshold-label" x="${WIDTH - RIGHT - 4}" y="${svgNumber(yOf(panel.threshold.value) - 4)}" text-anchor="end">${escapeHtml(panel.threshold.label)}</text>`);
  }
  // The line breaks where a frame was not measured rather than bridging the gap.
  let path = '';
  let pen = false;
  panel.values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${svgNumber(xOf(i, panel.values.length))} ${svgNumber(yOf(v))}`;
    pen = true;
  });
  parts.push(`<path class="series" d="${path}"/>`);
  const radius = frames.length > 150 ? 1.5 : 3.5;
  panel.values.forEach((v, i) => {
    const frame = frames[i];
    if (v === null || !frame) return;
    const flagged = frame.activeFlags.filter((f) => needsLook(f) && panel.kinds.includes(f.kind));
    const title = `${shotTitle(frame.frame)}: ${formatCosine(v)}${flagged.length ? ` (${flagged.map((f) => flagLabel(f.kind)).join(', ')})` : ''}`;
    parts.push(
      `<circle class="${flagged.length ? 'point flagged' : 'point'}" cx="${svgNumber(xOf(i, frames.length))}" cy="${svgNumber(yOf(v))}" r="${radius}"><title>${escapeHtml(title)}</title></circle>`,
    );
  });
  return parts.join('');
}

export function renderChart(model: ExportModel): string {
  const analysis = model.view.analysis;
  if (!analysis || model.frames.length === 0) return '';
  const frames = model.frames;
  const count = frames.length;
  const style = analysis.series.styleSimilarity;
  const panels: Panel[] = [
    {
      title: 'Caption score (cosine of frame and caption)',
      values: analysis.series.cosine,
      kinds: CAPTION_KINDS,
      threshold: { value: analysis.thresholds.captionDriftCosine, label: `drift threshold ${analysis.thresholds.captionDriftCosine}` },
    },
    { title: 'Style similarity (cosine with the board\u2019s style)', values: style, kinds: STYLE_KINDS },
  ];
  const height = SCENE_LABELS + panels.length * (PANEL_HEIGHT + PANEL_GAP) + AXIS;
  const parts: string[] = [];

  // Scene bands, every other one shaded, each named at the top.
  const starts = analysis.series.sceneStarts.length ? analysis.series.sceneStarts : [0];
  starts.forEach((start, s) => {
    const end = starts[s + 1] ?? count;
    const x1 = LEFT + (start * PLOT_WIDTH) / count;
    const x2 = LEFT + (end * PLOT_WIDTH) / count;
    if (s % 2 === 1) parts.push(`<rect class="scene-band" x="${svgNumber(x1)}" y="${SCENE_LABELS}" width="${svgNumber(x2 - x1)}" height="${svgNumber(height - SCENE_LABELS - AXIS + 6)}"/>`);
    if (s > 0) parts.push(`<line class="scene-line" x1="${svgNumber(x1)}" x2="${svgNumber(x1)}" y1="${SCENE_LABELS - 4}" y2="${svgNumber(height - AXIS + 6)}"/>`);
    const name = frames[start]?.sceneName ?? '';
    const fits = Math.max(0, Math.floor((x2 - x1 - 8) / 6.5));
    const label = name.length > fits ? `${name.slice(0, Math.max(0, fits - 1))}\u2026` : name;
    if (fits >= 2) parts.push(`<text class="scene-label" x="${svgNumber(x1 + 4)}" y="${SCENE_LABELS - 8}">${escapeHtml(label)}</text>`);
  });

  panels.forEach((panel, p) => {
    parts.push(panelSvg(panel, frames, SCENE_LABELS + PANEL_GAP - 12 + p * (PANEL_HEIGHT + PANEL_GAP)));
  });

  // Shot labels along the bottom, thinned so they never overlap.
  const every = Math.max(1, Math.ceil(count / 40));
  const axisY = height - AXIS + 20;
  frames.forEach((f, i) => {
    if (i % every !== 0) return;
    parts.push(`<text class="axis" x="${svgNumber(xOf(i, count))}" y="${axisY}" text-anchor="middle">${escapeHtml(f.frame.shot.label || String(i + 1))}</text>`);
  });
  parts.push(`<text class="axis" x="${LEFT}" y="${height - 2}">shot</text>`);

  const scored = analysis.series.cosine.filter((v) => v !== null).length;
  const description = `${count} frames in ${starts.length} scene${starts.length === 1 ? '' : 's'}; ${scored} scored. Red points are frames with a warning for that measure.`;
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">Caption score and style similarity along the board</title>`,
    `<desc id="chart-desc">${escapeHtml(description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
