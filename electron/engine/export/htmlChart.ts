// The report's series chart as inline SVG, so it needs no script and prints as vectors: the caption
// score and the style similarity along the board, one panel each (their scales differ by an order
// of magnitude), scene boundaries as bands, flagged frames as red points with a hover title.
// Where things go is common/chartGeometry.ts, shared with the app's chart.
import type { FlagKind } from '../../common/api.ts';
import {
  frameX,
  niceRange,
  sceneSpans,
  seriesPath,
  svgNumber,
  thinnedLabelIndices,
  thresholdBand,
  ticksOf,
  yScale,
  type Area,
} from '../../common/chartGeometry.ts';
import { flagLabel, needsLook } from '../../common/flags.ts';
import type { ExportFrame, ExportModel } from './exportModel.ts';
import { formatCosine, shotTitle } from './exportModel.ts';
import { escapeHtml } from './markup.ts';

const WIDTH = 960;
const LEFT = 52;
const RIGHT = 12;
const SCENE_LABELS = 22;
const PANEL_HEIGHT = 150;
const PANEL_GAP = 34;
const AXIS = 34;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
/** The axis text's size (htmlStyle.ts: .chart .axis) and its average advance per character. */
export const AXIS_FONT_PX = 11;
export const AXIS_CHAR_PX = AXIS_FONT_PX * 0.62;
/** A shot label longer than this is cut with an ellipsis, so one long name cannot thin the whole axis. */
const AXIS_LABEL_MAX = 8;

interface Panel {
  title: string;
  values: (number | null)[];
  /** A frame with an active warning of one of these kinds is drawn red. */
  kinds: readonly FlagKind[];
  threshold?: { value: number; label: string };
}

const CAPTION_KINDS: readonly FlagKind[] = ['caption-drift', 'caption-mismatch', 'caption-swap'];
const STYLE_KINDS: readonly FlagKind[] = ['style-drift', 'style-prompt', 'palette-drift', 'continuity'];

function panelSvg(panel: Panel, frames: readonly ExportFrame[], top: number): string {
  const area: Area = { left: LEFT, top, width: PLOT_WIDTH, height: PANEL_HEIGHT };
  const present = panel.values.filter((v): v is number => v !== null);
  const parts: string[] = [];
  parts.push(`<text class="panel-title" x="${LEFT}" y="${svgNumber(top - 8)}">${escapeHtml(panel.title)}</text>`);
  if (present.length === 0) {
    parts.push(`<text class="axis" x="${LEFT + 8}" y="${svgNumber(top + PANEL_HEIGHT / 2)}">Not measured.</text>`);
    return parts.join('');
  }
  const range = niceRange(panel.threshold ? [...present, panel.threshold.value] : present);
  const yOf = yScale(range, area);
  const xOf = (i: number) => frameX(i, frames.length, area);
  for (const tick of ticksOf(range)) {
    const y = svgNumber(yOf(tick));
    parts.push(`<line class="gridline" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/>`);
    parts.push(`<text class="axis" x="${LEFT - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${svgNumber(tick)}</text>`);
  }
  if (panel.threshold) {
    const band = thresholdBand(panel.threshold.value, yOf, area);
    parts.push(
      `<rect class="threshold-band" x="${LEFT}" y="${svgNumber(band.y)}" width="${PLOT_WIDTH}" height="${svgNumber(band.height)}"/>`,
    );
    const y = svgNumber(yOf(panel.threshold.value));
    parts.push(`<line class="threshold" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/>`);
    parts.push(
      `<text class="threshold-label" x="${WIDTH - RIGHT - 4}" y="${svgNumber(yOf(panel.threshold.value) - 4)}" text-anchor="end">${escapeHtml(panel.threshold.label)}</text>`,
    );
  }
  parts.push(`<path class="series" d="${seriesPath(panel.values, xOf, yOf)}"/>`);
  const radius = frames.length > 150 ? 1.5 : 3.5;
  panel.values.forEach((v, i) => {
    const frame = frames[i];
    if (v === null || !frame) return;
    const flagged = frame.activeFlags.filter((f) => needsLook(f) && panel.kinds.includes(f.kind));
    const title = `${shotTitle(frame.frame)}: ${formatCosine(v)}${flagged.length ? ` (${flagged.map((f) => flagLabel(f.kind)).join(', ')})` : ''}`;
    parts.push(
      `<circle class="${flagged.length ? 'point flagged' : 'point'}" cx="${svgNumber(xOf(i))}" cy="${svgNumber(yOf(v))}" r="${radius}"><title>${escapeHtml(title)}</title></circle>`,
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
  const across: Area = { left: LEFT, top: 0, width: PLOT_WIDTH, height };
  const scenes = sceneSpans(analysis.series.sceneStarts, count, across);
  scenes.forEach(({ start, x1, x2 }, s) => {
    if (s % 2 === 1)
      parts.push(
        `<rect class="scene-band" x="${svgNumber(x1)}" y="${SCENE_LABELS}" width="${svgNumber(x2 - x1)}" height="${svgNumber(height - SCENE_LABELS - AXIS + 6)}"/>`,
      );
    if (s > 0)
      parts.push(
        `<line class="scene-line" x1="${svgNumber(x1)}" x2="${svgNumber(x1)}" y1="${SCENE_LABELS - 4}" y2="${svgNumber(height - AXIS + 6)}"/>`,
      );
    const name = frames[start]?.sceneName ?? '';
    const fits = Math.max(0, Math.floor((x2 - x1 - 8) / 6.5));
    const label = name.length > fits ? `${name.slice(0, Math.max(0, fits - 1))}\u2026` : name;
    if (fits >= 2) parts.push(`<text class="scene-label" x="${svgNumber(x1 + 4)}" y="${SCENE_LABELS - 8}">${escapeHtml(label)}</text>`);
  });

  panels.forEach((panel, p) => {
    parts.push(panelSvg(panel, frames, SCENE_LABELS + PANEL_GAP - 12 + p * (PANEL_HEIGHT + PANEL_GAP)));
  });

  // Shot labels along the bottom, thinned by the width they need so they never overlap.
  const labels = frames.map((f, i) => {
    const label = f.frame.shot.label || String(i + 1);
    return label.length > AXIS_LABEL_MAX ? `${label.slice(0, AXIS_LABEL_MAX - 1)}\u2026` : label;
  });
  const axisY = height - AXIS + 20;
  for (const i of thinnedLabelIndices(labels, across, AXIS_CHAR_PX)) {
    parts.push(
      `<text class="axis" x="${svgNumber(frameX(i, count, across))}" y="${axisY}" text-anchor="middle">${escapeHtml(labels[i]!)}</text>`,
    );
  }
  parts.push(`<text class="axis" x="${LEFT}" y="${height - 2}">shot</text>`);

  const scored = analysis.series.cosine.filter((v) => v !== null).length;
  const description = `${count} frames in ${scenes.length} scene${scenes.length === 1 ? '' : 's'}; ${scored} scored. Red points are frames with a warning for that measure.`;
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title chart-desc">`,
    `<title id="chart-title">Caption score and style similarity along the board</title>`,
    `<desc id="chart-desc">${escapeHtml(description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
