// The report chart's shot labels at the sizes boards come in: at 40 and at 500 frames (and with long
// shot names) the chart is rendered to pixels by librsvg (sharp) and the label row is read back:
// each label shown is its own run of ink, so no two touch, and they are spread over the whole axis.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../../electron/common/api.ts';
import { buildExportModel } from '../../../electron/engine/export/exportModel.ts';
import { renderChart } from '../../../electron/engine/export/htmlChart.ts';
import { REPO_ROOT } from '../../paths.ts';
import { scoredSampleBoard, type ScoredBoard } from './helpers.ts';

const LOOK = join(REPO_ROOT, 'test-results', 'html-chart');
let board: ScoredBoard;
beforeAll(async () => {
  board = await scoredSampleBoard();
  mkdirSync(LOOK, { recursive: true });
});
afterAll(() => board.cleanup());

/** The sample board's frames and analysis repeated to `count` frames, labelled by `label`. */
function boardOf(count: number, label: (i: number) => string): BoardView {
  const view: BoardView = structuredClone(board.view);
  const frames = view.board.frames;
  const analyses = view.analysis!.frames;
  const series = view.analysis!.series;
  const pick = <T>(list: readonly T[], i: number) => structuredClone(list[i % list.length]!);
  view.board.frames = Array.from({ length: count }, (_, i) => ({
    ...pick(frames, i),
    id: `f${i}.png`,
    shot: { number: i + 1, label: label(i) },
  }));
  view.analysis!.frames = Array.from({ length: count }, (_, i) => ({ ...pick(analyses, i), frameId: `f${i}.png`, shot: label(i) }));
  view.scores = Object.fromEntries(
    view.board.frames.map((f, i) => [f.id, { ...pick(Object.values(board.view.scores), i), frameId: f.id }]),
  );
  view.analysis!.series = {
    ...series,
    cosine: Array.from({ length: count }, (_, i) => series.cosine[i % series.cosine.length]!),
    styleSimilarity: Array.from({ length: count }, (_, i) => series.styleSimilarity[i % series.styleSimilarity.length]!),
    sceneStarts: [0, Math.floor(count / 2)],
  };
  return view;
}

interface AxisLabel {
  x: number;
  text: string;
}

function axisLabels(svg: string): { labels: AxisLabel[]; y: number } {
  const found = [...svg.matchAll(/<text class="axis" x="([\d.]+)" y="([\d.]+)" text-anchor="middle">([^<]*)<\/text>/g)];
  return { labels: found.map((m) => ({ x: Number(m[1]), text: m[3]! })), y: Number(found[0]![2]) };
}

/** Runs of inked columns in the label row, split where at least `blank` columns are empty. */
async function inkRuns(svg: string, y: number, blank = 3): Promise<[number, number][]> {
  const styled = svg.replace(
    '>',
    '><style>text { font-family: DejaVu Sans, Arial, sans-serif; } .axis { font-size: 11px; fill: #000; }</style>',
  );
  await sharp(Buffer.from(styled))
    .flatten({ background: '#ffffff' })
    .png()
    .toFile(join(LOOK, `chart-${svg.length}.png`));
  const { data, info } = await sharp(Buffer.from(styled))
    .flatten({ background: '#ffffff' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const inked = (x: number) => {
    for (let row = Math.max(0, Math.floor(y - 10)); row <= Math.min(info.height - 1, Math.ceil(y + 3)); row++)
      if (data[row * info.width + x]! < 160) return true;
    return false;
  };
  const runs: [number, number][] = [];
  let start = -1;
  let empty = 0;
  for (let x = 0; x < info.width; x++) {
    if (inked(x)) {
      if (start < 0) start = x;
      empty = 0;
    } else if (start >= 0 && ++empty >= blank) {
      runs.push([start, x - empty]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, info.width - 1]);
  return runs;
}

describe('the report chart', () => {
  it.each([
    [40, (i: number) => String(i + 1)],
    [500, (i: number) => String(i + 1)],
    [40, (i: number) => `${Math.floor(i / 4) + 1}${'ABCD'[i % 4]}`],
    [120, (i: number) => `sc${Math.floor(i / 10) + 1}-shot-${(i % 10) + 1}-extended`],
  ])('never lets two shot labels touch (%i frames)', async (count, label) => {
    const view = boardOf(count, label);
    const svg = renderChart(buildExportModel(view, new Date()));
    const { labels, y } = axisLabels(svg);
    expect(labels.length).toBeGreaterThan(3);
    // Spread over the axis: the first frame is labelled, and the last label is in the last tenth.
    expect(labels[0]!.text).toBe(label(0).slice(0, 8).length === label(0).length ? label(0) : `${label(0).slice(0, 7)}\u2026`);
    const runs = await inkRuns(svg, y);
    // The word "shot" at the left sits under the labels' row too; each label is one run of its own.
    const labelRuns = runs.filter(([a, b]) => labels.some((l) => l.x >= a - 2 && l.x <= b + 2));
    expect(labelRuns).toHaveLength(labels.length);
    // Where every label fits (40 frames, numbers), every frame keeps its label.
    if (count <= 40 && label(count - 1).length <= 2) expect(labels).toHaveLength(count);
  });
});
