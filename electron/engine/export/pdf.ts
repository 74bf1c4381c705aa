// The PDF contact sheet: A4 landscape, five frames across, each with its shot, score, caption
// (cut to three lines with an ellipsis) and flag names; a title block with the board, model and
// date on the first page, a running header after it, "Page n of m" on every page. Scenes start on
// a new row under their name, repeated with "(continued)" when a scene runs onto the next page.
import { pdfLibrary } from './native.ts';
import type { ExportFrame, ExportModel } from './exportModel.ts';
import { needsLook } from '../../common/flags.ts';
import { flagLabel, formatCosine, formatDateTime, needsALook, shotTitle } from './exportModel.ts';
import { choosePdfFonts, printable, type PdfFontFiles, type PdfFonts } from './pdfFonts.ts';
import type { ThumbnailResult } from './thumbnails.ts';

const PAGE_WIDTH = 841.89;
const PAGE_HEIGHT = 595.28;
const MARGIN = 32;
const COLUMNS = 5;
const GAP = 12;
const CELL_WIDTH = (PAGE_WIDTH - 2 * MARGIN - (COLUMNS - 1) * GAP) / COLUMNS;
const IMAGE_HEIGHT = (CELL_WIDTH * 9) / 16;
const SHOT_LINE = 12;
const CAPTION_SIZE = 7.5;
const CAPTION_LINES = 3;
const FLAG_SIZE = 7;
const FLAG_LINES = 2;
const CELL_HEIGHT = IMAGE_HEIGHT + 4 + SHOT_LINE + CAPTION_LINES * 9.2 + 3 + FLAG_LINES * 8.6;
const ROW_PITCH = CELL_HEIGHT + 14;
const HEADER_HEIGHT = 22;
const HEADING_HEIGHT = 20;
const CONTENT_BOTTOM = PAGE_HEIGHT - MARGIN - 10;

const INK = '#1c1f24';
const MUTED = '#5b6472';
const LINE = '#d0d5dd';
const WARN = '#b42318';

export interface PdfOptions {
  /** Fonts to try, in order (default: the usual places on Linux, macOS and Windows); [] for Helvetica. */
  fonts?: readonly PdfFontFiles[];
}

export interface PdfOutput {
  chunks: Buffer[];
  notes: string[];
}

class ContactSheet {
  private readonly replaced = new Set<string>();
  private y = MARGIN;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
    private readonly model: ExportModel,
    private readonly thumbnails: readonly ThumbnailResult[],
  ) {}

  private text(value: string): string {
    return printable(value, this.fonts.canShow, this.replaced);
  }

  replacedCharacters(): string[] {
    return [...this.replaced];
  }

  private title(): void {
    const { doc, model } = this;
    const { view, summary } = model;
    doc
      .font('bold')
      .fontSize(20)
      .fillColor(INK)
      .text(this.text(view.board.name), MARGIN, MARGIN, { width: PAGE_WIDTH - 2 * MARGIN, height: 26, ellipsis: true });
    const counts = `Contact sheet \u00b7 ${summary.frames} frames \u00b7 ${summary.scored} scored \u00b7 ${summary.flaggedFrames} flagged`;
    const modelLine =
      view.model && summary.scored > 0
        ? `Model ${view.model.name} (${view.model.id}) on ${view.model.provider.used.toUpperCase()}`
        : `Not scored yet${view.model ? ` (model ${view.model.name})` : ''}`;
    doc.font('regular').fontSize(9).fillColor(MUTED);
    doc.text(this.text(`${counts} \u00b7 ${modelLine} \u00b7 exported ${formatDateTime(model.exportedAt)}`), MARGIN, MARGIN + 28, {
      width: PAGE_WIDTH - 2 * MARGIN,
      height: 12,
      ellipsis: true,
    });
    if (summary.flagCounts.length) {
      const flags = summary.flagCounts.map(([kind, n]) => `${flagLabel(kind)} ${n}`).join(' \u00b7 ');
      doc.text(this.text(`Flags: ${flags}`), MARGIN, MARGIN + 41, { width: PAGE_WIDTH - 2 * MARGIN, height: 12, ellipsis: true });
    }
    doc
      .moveTo(MARGIN, MARGIN + 58)
      .lineTo(PAGE_WIDTH - MARGIN, MARGIN + 58)
      .lineWidth(1)
      .strokeColor(INK)
      .stroke();
    this.y = MARGIN + 68;
  }

  private runningHeader(): void {
    const { doc } = this;
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(INK)
      .text(this.text(this.model.view.board.name), MARGIN, MARGIN, { width: PAGE_WIDTH / 2, height: 12, ellipsis: true, lineBreak: false });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text('Frameproof contact sheet', PAGE_WIDTH / 2, MARGIN + 1, { width: PAGE_WIDTH / 2 - MARGIN, align: 'right', lineBreak: false });
    doc
      .moveTo(MARGIN, MARGIN + 14)
      .lineTo(PAGE_WIDTH - MARGIN, MARGIN + 14)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
    this.y = MARGIN + HEADER_HEIGHT;
  }

  private newPage(): void {
    this.doc.addPage();
    this.runningHeader();
  }

  private heading(name: string, continued: boolean, frameCount: number): void {
    const { doc } = this;
    doc
      .font('bold')
      .fontSize(11)
      .fillColor(INK)
      .text(this.text(continued ? `${name} (continued)` : name), MARGIN, this.y + 3, {
        width: PAGE_WIDTH * 0.7,
        height: 14,
        ellipsis: true,
        lineBreak: false,
      });
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${frameCount} frame${frameCount === 1 ? '' : 's'}`, PAGE_WIDTH * 0.7, this.y + 5, {
        width: PAGE_WIDTH * 0.3 - MARGIN,
        align: 'right',
        lineBreak: false,
      });
    this.y += HEADING_HEIGHT;
  }

  private cell(f: ExportFrame, x: number, y: number): void {
    const { doc } = this;
    const thumb = this.thumbnails[f.index];
    const warned = needsALook(f);
    if (thumb?.ok) {
      doc.rect(x, y, CELL_WIDTH, IMAGE_HEIGHT).fillColor('#f5f6f8').fill();
      doc.image(thumb.thumbnail.bytes, x, y, { fit: [CELL_WIDTH, IMAGE_HEIGHT], align: 'center', valign: 'center' });
    } else {
      doc.rect(x, y, CELL_WIDTH, IMAGE_HEIGHT).fillColor('#f2f4f7').fill();
      doc
        .font('regular')
        .fontSize(7.5)
        .fillColor(MUTED)
        .text('Image could not be read', x + 6, y + IMAGE_HEIGHT / 2 - 4, { width: CELL_WIDTH - 12, align: 'center', lineBreak: false });
    }
    doc
      .rect(x, y, CELL_WIDTH, IMAGE_HEIGHT)
      .lineWidth(warned ? 1.5 : 0.5)
      .strokeColor(warned ? WARN : LINE)
      .stroke();

    let ty = y + IMAGE_HEIGHT + 4;
    const score = f.score?.score;
    doc
      .font('bold')
      .fontSize(8.5)
      .fillColor(INK)
      .text(this.text(shotTitle(f.frame)), x, ty, { width: CELL_WIDTH * 0.6, height: SHOT_LINE, ellipsis: true, lineBreak: false });
    doc
      .font(score ? 'bold' : 'regular')
      .fontSize(8.5)
      .fillColor(score ? INK : MUTED)
      .text(score ? formatCosine(score.cosine) : 'not scored', x + CELL_WIDTH * 0.5, ty, {
        width: CELL_WIDTH * 0.5,
        align: 'right',
        lineBreak: false,
      });
    ty += SHOT_LINE;

    // Line breaks in a caption would waste two of its three lines.
    const caption = f.frame.caption?.replace(/\s+/g, ' ').trim() ?? '';
    doc
      .font('regular')
      .fontSize(CAPTION_SIZE)
      .fillColor(caption ? INK : MUTED);
    doc.text(caption ? this.text(caption) : 'No caption', x, ty, {
      width: CELL_WIDTH,
      height: CAPTION_LINES * 9.2,
      ellipsis: true,
      lineGap: 0.5,
    });
    ty += CAPTION_LINES * 9.2 + 3;

    // Warnings in red first, then the informational flags in grey, as one wrapped run.
    const warnings = f.activeFlags.filter(needsLook).map((flag) => flagLabel(flag.kind));
    const infos = f.activeFlags.filter((flag) => !needsLook(flag)).map((flag) => flagLabel(flag.kind));
    const unscored = f.unscoredReason && f.reasons[0] === f.unscoredReason ? f.unscoredReason : '';
    const runs: { text: string; colour: string; font: string }[] = [];
    if (unscored && f.activeFlags.length === 0) runs.push({ text: unscored, colour: MUTED, font: 'regular' });
    if (warnings.length) runs.push({ text: warnings.join(', '), colour: WARN, font: 'bold' });
    if (infos.length) runs.push({ text: `${warnings.length ? ', ' : ''}${infos.join(', ')}`, colour: MUTED, font: 'regular' });
    doc.fontSize(FLAG_SIZE);
    runs.forEach((run, i) => {
      const last = i === runs.length - 1;
      doc.font(run.font).fillColor(run.colour);
      const options = { width: CELL_WIDTH, height: FLAG_LINES * 8.6, ellipsis: true, lineGap: 0.3, continued: !last };
      if (i === 0) doc.text(this.text(run.text), x, ty, options);
      else doc.text(this.text(run.text), options);
    });
  }

  render(): void {
    this.title();
    for (const scene of this.model.scenes) {
      if (this.y + HEADING_HEIGHT + CELL_HEIGHT > CONTENT_BOTTOM) this.newPage();
      this.heading(scene.name, false, scene.frames.length);
      scene.frames.forEach((f, i) => {
        const column = i % COLUMNS;
        if (column === 0 && i > 0) this.y += ROW_PITCH;
        if (column === 0 && this.y + CELL_HEIGHT > CONTENT_BOTTOM) {
          this.newPage();
          this.heading(scene.name, true, scene.frames.length);
        }
        this.cell(f, MARGIN + column * (CELL_WIDTH + GAP), this.y);
      });
      this.y += ROW_PITCH;
    }
    this.footers();
  }

  private footers(): void {
    const { doc, model } = this;
    const range = doc.bufferedPageRange();
    const left = model.view.model ? `Frameproof \u00b7 ${model.view.model.id}` : 'Frameproof';
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      const y = PAGE_HEIGHT - MARGIN + 6;
      doc
        .moveTo(MARGIN, y - 5)
        .lineTo(PAGE_WIDTH - MARGIN, y - 5)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      doc.font('regular').fontSize(7.5).fillColor(MUTED);
      doc.text(this.text(left), MARGIN, y, { width: PAGE_WIDTH / 3, lineBreak: false });
      doc.text(`Page ${i + 1} of ${range.count}`, PAGE_WIDTH / 3, y, { width: PAGE_WIDTH / 3, align: 'center', lineBreak: false });
      doc.text(formatDateTime(model.exportedAt), (PAGE_WIDTH * 2) / 3, y, {
        width: PAGE_WIDTH / 3 - MARGIN,
        align: 'right',
        lineBreak: false,
      });
    }
  }
}

/** Everything the sheet prints that comes from the board, for choosing a font that has it. */
function sheetTexts(model: ExportModel): string[] {
  return [
    model.view.board.name,
    model.view.model?.name ?? '',
    model.view.model?.id ?? '',
    ...model.scenes.map((s) => s.name),
    ...model.frames.flatMap((f) => [shotTitle(f.frame), f.frame.caption ?? '']),
  ];
}

export async function renderPdf(model: ExportModel, thumbnails: readonly ThumbnailResult[], options: PdfOptions = {}): Promise<PdfOutput> {
  const fonts = await choosePdfFonts(sheetTexts(model), options.fonts);
  const doc = new (pdfLibrary())({
    size: 'A4',
    layout: 'landscape',
    // The layout places everything itself; a small bottom margin keeps pdfkit from adding a page
    // when the footer is written below the content.
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 8 },
    bufferPages: true,
    lang: 'en',
    displayTitle: true,
    info: { Title: `${model.view.board.name} \u2014 contact sheet`, Creator: 'Frameproof', CreationDate: model.exportedAt },
  });
  const chunks: Buffer[] = [];
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const sheet = new ContactSheet(doc, fonts, model, thumbnails);
  sheet.render();
  doc.end();
  await ended;

  const notes: string[] = [];
  const replaced = sheet.replacedCharacters();
  if (replaced.length) {
    const shown = replaced.slice(0, 12).join(' ');
    notes.push(
      `The PDF font (${fonts.name}) has no glyphs for ${replaced.length} character${replaced.length === 1 ? '' : 's'} (${shown}${replaced.length > 12 ? ' \u2026' : ''}); they are printed as "?". The HTML and JSON exports keep them.`,
    );
  }
  return { chunks, notes };
}
