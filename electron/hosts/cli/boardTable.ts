// The score command's table: one row per frame, what a person reads at a terminal, under a line
// naming each run of a scene's frames ("-- Scene 1 - Desert"). The severity column says how loud
// a frame's flags are (common/flags.ts: Warning needs a look, Note does not), so the flags column
// needs no marks of its own; a Status column appears once any frame has a review status. Rows fit
// the terminal (100 columns when not one): the flags, then the file give up width, cut with an
// ellipsis; the "Why:" lines below say every flag in full.
import type { BoardView, FrameFlag } from '../../common/api.ts';
import { activeFlags, flagLabel, needsLook, orderFlags, severityLabel } from '../../common/flags.ts';
import { reviewStatusLabel } from '../../common/review.ts';
import { SCORE_READING_LABELS } from '../../common/scoreReading.ts';
import { formatNumber } from '../../common/units.ts';

/** Width when stdout is no terminal (a pipe, a CI log). */
export const DEFAULT_TABLE_WIDTH = 100;
const ELLIPSIS = '\u2026';
const GAP = '  ';

interface Column {
  header: string;
  /** Narrowest it may be cut to; absent: never cut. */
  min?: number;
  /** Cut at the start ("…desert/shot01.png"): a file path's end names the frame. */
  keepEnd?: boolean;
}

/** Columns cut in this order when the row is too wide, each to the width given, then past it to its min. */
const SHRINK_ORDER: readonly [header: string, width: number | 'min'][] = [
  ['flags', 28],
  ['file', 20],
  ['flags', 'min'],
  ['file', 'min'],
];
export const SCENE_MARK = '-- ';

/** The terminal's width; COLUMNS (as shells set it) when stdout is piped; else 100. */
export function tableWidth(stream: { isTTY?: boolean; columns?: number } = process.stdout): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const fromEnv = Number(process.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv >= 40 ? fromEnv : DEFAULT_TABLE_WIDTH;
}

export function cut(text: string, width: number, keepEnd = false): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  if (width <= 1) return ELLIPSIS.slice(0, width);
  return keepEnd ? ELLIPSIS + chars.slice(chars.length - width + 1).join('') : chars.slice(0, width - 1).join('') + ELLIPSIS;
}

/** "Style drift, Palette drift" for warnings; the notes after them as "Note: Cropped by CLIP" when both are there. */
export function describeFrameFlags(flags: readonly FrameFlag[]): { severity: string; flags: string } {
  const active = orderFlags(activeFlags(flags));
  const warnings = active.filter(needsLook).map((f) => flagLabel(f.kind));
  const notes = active.filter((f) => !needsLook(f)).map((f) => flagLabel(f.kind));
  if (warnings.length === 0) return { severity: notes.length ? severityLabel('info') : '', flags: notes.join(', ') };
  const noted = notes.length ? `; ${severityLabel('info')}: ${notes.join(', ')}` : '';
  return { severity: severityLabel('warning'), flags: `${warnings.join(', ')}${noted}` };
}

export function boardTable(view: BoardView, width = tableWidth()): string {
  const scenes = new Map(view.board.scenes.map((s) => [s.id, s.name]));
  const analysis = new Map(view.analysis?.frames.map((f) => [f.frameId, f]) ?? []);
  const withStatus = view.board.frames.some((f) => view.reviews[f.id]?.status);
  const columns: Column[] = [
    { header: 'shot' },
    { header: 'file', min: 14, keepEnd: true },
    { header: 'cosine' },
    { header: 'CLIPScore' },
    { header: 'reading' },
    { header: 'severity' },
    ...(withStatus ? [{ header: 'status' }] : []),
    { header: 'flags', min: 16 },
  ];
  const rows = view.board.frames.map((frame) => {
    const score = view.scores[frame.id]?.score;
    const error = view.scores[frame.id]?.error;
    const a = analysis.get(frame.id);
    const { severity, flags } = describeFrameFlags(a?.flags ?? []);
    const why = error ? error.message : frame.caption ? '' : 'no caption';
    const status = view.reviews[frame.id]?.status;
    return [
      frame.shot.label,
      frame.id,
      score ? formatNumber(score.cosine, 4) : '-',
      score ? formatNumber(score.clipScore, 1) : '-',
      a?.scoreReading ? SCORE_READING_LABELS[a.scoreReading] : '',
      severity,
      ...(withStatus ? [status ? reviewStatusLabel(status) : ''] : []),
      flags || why,
    ];
  });
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => [...r[i]!].length)));
  const total = () => widths.reduce((sum, w) => sum + w, 0) + GAP.length * (widths.length - 1);
  for (const [name, to] of SHRINK_ORDER) {
    const i = columns.findIndex((c) => c.header === name);
    const floor = Math.max(to === 'min' ? columns[i]!.min! : to, columns[i]!.min!, columns[i]!.header.length);
    widths[i] = Math.min(widths[i]!, Math.max(floor, widths[i]! - Math.max(0, total() - width)));
  }
  const line = (cells: string[]) =>
    cells
      .map((c, i) => {
        const text = cut(c, widths[i]!, columns[i]!.keepEnd);
        return i === cells.length - 1 ? text : text.padEnd(widths[i]!);
      })
      .join(GAP)
      .trimEnd();
  const lines = [line(columns.map((c) => c.header))];
  view.board.frames.forEach((frame, i) => {
    if (i === 0 || view.board.frames[i - 1]!.sceneId !== frame.sceneId)
      lines.push(cut(`${SCENE_MARK}${scenes.get(frame.sceneId) ?? frame.sceneId}`, width));
    lines.push(line(rows[i]!));
  });
  return lines.join('\n');
}
