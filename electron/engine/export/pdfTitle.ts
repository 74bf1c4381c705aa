// The contact sheet's title page: the board's name and its numbers, as a producer reads them
// before the frames: frames, scenes, running time (when the shot list has a duration column),
// scored, flagged with the flags by kind, reviews, the model, and what the pages hold.
import { boardRunningTime, formatRunningTime } from '../../common/durations.ts';
import { describeCounts } from '../../common/flags.ts';
import { reviewStatusLabel } from '../../common/review.ts';
import { REVIEW_STATUSES } from '../../common/values.ts';
import type { PdfLayout } from '../../common/api.ts';
import { formatDateTime, type ExportModel } from './exportModel.ts';
import { INK, LINE, MUTED } from './pdfCell.ts';
import { MARGIN, PAGE_WIDTH } from './pdfLayout.ts';
import { sheetColumns } from './sheetColumns.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The running time from the sheet's duration column, as "1:15 (Duration column, 15 of 16 frames)"; null without one. */
export function runningTimeLine(model: ExportModel): string | null {
  const columns = sheetColumns(model).filter((c) => c.role === null);
  const values = (name: string) => model.frames.map((f) => f.frame.extra.find((e) => e.name === name)?.value ?? '');
  const total = boardRunningTime(
    columns.map((c) => c.header),
    values,
  );
  if (!total) return null;
  const of = total.counted === model.frames.length ? '' : `, ${total.counted} of ${model.frames.length} frames`;
  return `${formatRunningTime(total.seconds)} (${total.column} column${of})`;
}

/** Label and value rows of the title page. */
export function titleRows(model: ExportModel, layout: PdfLayout): [string, string][] {
  const { view, summary } = model;
  const rows: [string, string][] = [
    ['Frames', `${summary.frames}`],
    ['Scenes', `${view.board.scenes.filter((s) => s.frameIds.length > 0).length}`],
  ];
  const running = runningTimeLine(model);
  if (running) rows.push(['Running time', running]);
  rows.push(['Scored', summary.unscored ? `${summary.scored} (${summary.unscored} not scored)` : `${summary.scored}`]);
  const flags = describeCounts(Object.fromEntries(summary.flagCounts));
  rows.push(['Flagged', `${plural(summary.flaggedFrames, 'frame')}${flags ? `: ${flags}` : ''}`]);
  const notes = describeCounts(Object.fromEntries(summary.noteCounts));
  if (notes) rows.push(['Notes', notes]);
  if (summary.acknowledgedFlags) rows.push(['Marked as intended', plural(summary.acknowledgedFlags, 'flag')]);
  const reviews = Object.values(view.reviews);
  const byStatus = REVIEW_STATUSES.map((s) => [s, reviews.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0);
  if (byStatus.length) rows.push(['Review', byStatus.map(([s, n]) => `${reviewStatusLabel(s)} ${n}`).join(' \u00b7 ')]);
  rows.push([
    'Model',
    view.model && summary.scored > 0
      ? `${view.model.name} (${view.model.id}) on ${view.model.provider.used.toUpperCase()}`
      : `Not scored yet${view.model ? ` (model ${view.model.name})` : ''}`,
  ]);
  rows.push(['Exported', formatDateTime(model.exportedAt)]);
  rows.push([
    'Pages',
    `${layout.framesPerPage} frame${layout.framesPerPage === 1 ? '' : 's'} a page${layout.flaggedOnly ? ', flagged frames only' : ''}`,
  ]);
  return rows;
}

export function drawTitlePage(doc: PDFKit.PDFDocument, model: ExportModel, layout: PdfLayout, text: (s: string) => string): void {
  const width = PAGE_WIDTH - 2 * MARGIN;
  let y = MARGIN + 40;
  doc
    .font('bold')
    .fontSize(28)
    .fillColor(INK)
    .text(text(model.view.board.name), MARGIN, y, { width, height: 36, ellipsis: true, lineBreak: false });
  y += 40;
  doc.font('regular').fontSize(12).fillColor(MUTED).text('Contact sheet', MARGIN, y, { width, lineBreak: false });
  y += 30;
  doc
    .moveTo(MARGIN, y)
    .lineTo(PAGE_WIDTH - MARGIN, y)
    .lineWidth(1)
    .strokeColor(INK)
    .stroke();
  y += 16;
  const labelWidth = 150;
  for (const [label, value] of titleRows(model, layout)) {
    doc.font('regular').fontSize(11).fillColor(MUTED).text(label, MARGIN, y, { width: labelWidth, lineBreak: false });
    doc.font('bold').fontSize(11).fillColor(INK);
    const valueText = text(value);
    const height = Math.min(doc.heightOfString(valueText, { width: width - labelWidth }), 3 * 15);
    doc.text(valueText, MARGIN + labelWidth, y, { width: width - labelWidth, height, ellipsis: true });
    y += Math.max(15, height) + 8;
    doc
      .moveTo(MARGIN, y - 4)
      .lineTo(PAGE_WIDTH - MARGIN, y - 4)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
  }
}
