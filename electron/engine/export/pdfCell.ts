// One frame of the contact sheet: its image (fitted to the board's shape), the shot line with the
// score, then the fields the person chose in their order (caption, the manifest's own columns,
// flags with their reasons, review), each held to the lines its layout gives it, and ruled note
// lines at the foot of the cell. Flag labels come from the flag vocabulary (common/flags.ts).
import type { PdfField, ReviewStatus } from '../../common/api.ts';
import { needsLook } from '../../common/flags.ts';
import { reviewStatusLabel } from '../../common/review.ts';
import type { ExportFrame } from './exportModel.ts';
import { flagLabel, formatCosine, needsALook, shotTitle } from './exportModel.ts';
import { columnOfField, type Grid } from './pdfLayout.ts';
import type { ThumbnailResult } from './thumbnails.ts';

export const INK = '#1c1f24';
export const MUTED = '#5b6472';
export const LINE = '#d0d5dd';
export const WARN = '#b42318';
/** Dark enough to see on a printout, light enough to write over. */
const NOTE_LINE = '#98a2b3';
const REVIEW_COLOURS: Record<ReviewStatus, string> = { approved: '#067647', 'needs-changes': '#b54708', redo: WARN };

export interface CellContext {
  doc: PDFKit.PDFDocument;
  grid: Grid;
  fields: readonly PdfField[];
  noteLines: number;
  /** Height over width of the board's frames (the most common shape), for the image box. */
  aspect: number;
  /** Text as the chosen font can print it. */
  text: (value: string) => string;
}

interface Run {
  text: string;
  colour: string;
  font: 'regular' | 'bold';
}

/**
 * The image box: the frame's shape at the cell's width, held to the layout's share of the cell
 * (less the note lines), so every cell of a sheet has the same box and text flows under it. In a
 * layout with the image beside its text (three a page), the box takes the cell's height.
 */
export function imageBox(grid: Grid, aspect: number, noteLines: number): { width: number; height: number } {
  if (grid.imageBeside) {
    const width = Math.min(grid.cellWidth * grid.imageShare, grid.cellHeight / aspect);
    return { width, height: width * aspect };
  }
  const room = grid.cellHeight - noteLines * grid.noteSpacing;
  const height = Math.max(20, Math.min(grid.cellWidth * aspect, room * grid.imageShare));
  // Held by the height, the box narrows to the frame's shape: no grey bands beside the image.
  return { width: Math.min(grid.cellWidth, height / aspect), height };
}

/** Writes the runs from y, at most `lines` lines and never past `bottom`; returns the height used. */
function writeRuns(ctx: CellContext, runs: readonly Run[], x: number, y: number, lines: number, bottom: number, width: number): number {
  const { doc, grid } = ctx;
  if (runs.length === 0) return 0;
  const fit = Math.min(lines, Math.floor((bottom - y) / grid.lineHeight));
  if (fit < 1) return 0;
  doc.fontSize(grid.fontSize);
  const whole = runs.map((r) => ctx.text(r.text)).join('');
  const lineGap = grid.lineHeight - grid.fontSize * 1.16;
  const needed = doc.font('regular').heightOfString(whole, { width, lineGap });
  const height = Math.min(fit * grid.lineHeight, Math.ceil(needed / grid.lineHeight) * grid.lineHeight);
  const options = { width, height, ellipsis: true, lineGap };
  runs.forEach((run, i) => {
    doc.font(run.font).fillColor(run.colour);
    const continued = { ...options, continued: i < runs.length - 1 };
    if (i === 0) doc.text(ctx.text(run.text), x, y, continued);
    else doc.text(ctx.text(run.text), continued);
  });
  return height;
}

/** "Caption drift: Shot 3 scores …", warnings first, each label in its colour; the unscored reason when nothing else says it. */
function flagRuns(f: ExportFrame): Run[] {
  const runs: Run[] = [];
  const unscored = f.unscoredReason && f.reasons[0] === f.unscoredReason ? f.unscoredReason : '';
  if (unscored) runs.push({ text: `${unscored} `, colour: MUTED, font: 'regular' });
  for (const flag of f.activeFlags) {
    const warning = needsLook(flag);
    runs.push({ text: `${flagLabel(flag.kind)}: `, colour: warning ? WARN : MUTED, font: 'bold' });
    runs.push({ text: `${flag.reason} `, colour: warning ? INK : MUTED, font: 'regular' });
  }
  return runs;
}

function columnRuns(f: ExportFrame, names: readonly string[]): Run[] {
  return names.flatMap((name, i): Run[] => {
    const value = f.frame.extra.find((e) => e.name === name)?.value.trim() ?? '';
    return [
      { text: `${i > 0 ? '   ' : ''}${name} `, colour: MUTED, font: 'regular' },
      { text: value || '\u2013', colour: value ? INK : MUTED, font: 'bold' },
    ];
  });
}

export function drawCell(
  ctx: CellContext,
  f: ExportFrame,
  thumb: ThumbnailResult | undefined,
  x: number,
  y: number,
  sceneLabel: string | null,
): void {
  const { doc, grid } = ctx;
  const box = imageBox(grid, ctx.aspect, ctx.noteLines);
  const warned = needsALook(f);
  doc.rect(x, y, box.width, box.height).fillColor('#f2f4f7').fill();
  if (thumb?.ok) {
    doc.image(thumb.thumbnail.bytes, x, y, { fit: [box.width, box.height], align: 'center', valign: 'center' });
  } else {
    doc
      .font('regular')
      .fontSize(grid.fontSize)
      .fillColor(MUTED)
      .text('Image could not be read', x + 6, y + box.height / 2 - grid.fontSize / 2, {
        width: box.width - 12,
        align: 'center',
        lineBreak: false,
      });
  }
  doc
    .rect(x, y, box.width, box.height)
    .lineWidth(warned ? 1.5 : 0.5)
    .strokeColor(warned ? WARN : LINE)
    .stroke();
  if (sceneLabel) {
    // The scene a run of frames starts, on a tab over the image's corner.
    const size = grid.fontSize * 0.95;
    doc.font('bold').fontSize(size);
    const label = ctx.text(sceneLabel);
    const width = Math.min(box.width - 8, doc.widthOfString(label) + 10);
    doc
      .rect(x, y, width, size + 6)
      .fillColor(INK)
      .fill();
    doc.fillColor('#ffffff').text(label, x + 5, y + 3, { width: width - 10, height: size + 2, ellipsis: true, lineBreak: false });
  }

  // The text under the image, or beside it.
  const tx = grid.imageBeside ? x + box.width + 14 : x;
  const tw = grid.imageBeside ? grid.cellWidth - box.width - 14 : grid.cellWidth;
  let ty = grid.imageBeside ? y : y + box.height + 4;
  const shotSize = grid.fontSize + 1;
  const score = f.score?.score;
  const showScore = ctx.fields.includes('score');
  doc
    .font('bold')
    .fontSize(shotSize)
    .fillColor(INK)
    .text(ctx.text(shotTitle(f.frame)), tx, ty, {
      width: tw * (showScore ? 0.55 : 1),
      height: grid.lineHeight,
      ellipsis: true,
      lineBreak: false,
    });
  if (showScore)
    doc
      .font(score ? 'bold' : 'regular')
      .fontSize(shotSize)
      .fillColor(score ? INK : MUTED)
      .text(score ? `${formatCosine(score.cosine)}  \u00b7  CLIPScore ${score.clipScore.toFixed(1)}` : 'not scored', tx + tw * 0.4, ty, {
        width: tw * 0.6,
        align: 'right',
        lineBreak: false,
      });
  ty += grid.lineHeight + 2;

  const bottom = y + grid.cellHeight - ctx.noteLines * grid.noteSpacing;
  const fields = ctx.fields;
  const gap = grid.fontSize * 0.35;
  for (let i = 0; i < fields.length && ty < bottom; i++) {
    const field = fields[i]!;
    let used = 0;
    if (columnOfField(field) !== null) {
      // Consecutive columns share lines: "Lens 24mm   Shot Size Wide".
      const names: string[] = [];
      while (i < fields.length && columnOfField(fields[i]!) !== null) names.push(columnOfField(fields[i++]!)!);
      i--;
      used = writeRuns(ctx, columnRuns(f, names), tx, ty, grid.lines.columns, bottom, tw);
    } else if (field === 'caption') {
      // Line breaks in a caption would waste its few lines.
      const caption = f.frame.caption?.replace(/\s+/g, ' ').trim() ?? '';
      used = writeRuns(
        ctx,
        [{ text: caption || 'No caption', colour: caption ? INK : MUTED, font: 'regular' }],
        tx,
        ty,
        grid.lines.caption,
        bottom,
        tw,
      );
    } else if (field === 'flags') {
      used = writeRuns(ctx, flagRuns(f), tx, ty, grid.lines.flags, bottom, tw);
    } else if (field === 'review' && f.review) {
      const { status, comment } = f.review;
      const runs: Run[] = [];
      if (status) runs.push({ text: reviewStatusLabel(status), colour: REVIEW_COLOURS[status], font: 'bold' });
      if (comment) runs.push({ text: `${status ? '  ' : ''}${comment}`, colour: INK, font: 'regular' });
      used = writeRuns(ctx, runs, tx, ty, grid.lines.review, bottom, tw);
    }
    if (used) ty += used + gap;
  }

  // Ruled lines to write on, at the foot of the cell.
  for (let n = 0; n < ctx.noteLines; n++) {
    const ly = y + grid.cellHeight - n * grid.noteSpacing;
    doc
      .moveTo(tx, ly)
      .lineTo(tx + tw, ly)
      .lineWidth(0.75)
      .strokeColor(NOTE_LINE)
      .stroke();
  }
}
