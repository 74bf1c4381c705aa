// The PDF contact sheet: A4 landscape, a title page with the board's numbers (pdfTitle.ts), then
// the frames in story order on a grid of 1, 2, 3, 4, 6 or 9 a page (pdfLayout.ts), each with the
// fields the person chose (pdfCell.ts). Frames flow from scene to scene without breaking the grid:
// a scene's first frame carries its name, a frame the shot list does not name keeps its place,
// and every page's header names the scenes on it. Footer: board name, "Page n of m", date.
import type { ExportChoices, PdfLayout } from '../../common/api.ts';
import { pdfLibrary } from './native.ts';
import type { ExportFrame, ExportModel } from './exportModel.ts';
import { formatDateTime, needsALook, shotTitle } from './exportModel.ts';
import { drawCell, INK, LINE, MUTED, type CellContext } from './pdfCell.ts';
import { choosePdfFonts, printable, type PdfFontFiles, type PdfFonts } from './pdfFonts.ts';
import { FOOTER_HEIGHT, gridOf, MARGIN, PAGE_HEIGHT, PAGE_WIDTH, pdfLayoutOf } from './pdfLayout.ts';
import { drawTitlePage, titleRows } from './pdfTitle.ts';
import type { ThumbnailResult } from './thumbnails.ts';

export interface PdfOptions {
  /** Fonts to try, in order (default: the usual places on Linux, macOS and Windows); [] for Helvetica. */
  fonts?: readonly PdfFontFiles[];
  /** The person's layout choices; absent parts take their defaults (pdfLayoutOf). */
  choices?: ExportChoices;
}

export interface PdfOutput {
  chunks: Buffer[];
  notes: string[];
}

/** Height over width most of the board's readable frames have: the shape of every image box. */
function commonAspect(thumbnails: readonly ThumbnailResult[]): number {
  const counts = new Map<string, number>();
  for (const t of thumbnails) {
    if (!t.ok || !t.thumbnail.widthPx) continue;
    const aspect = (t.thumbnail.heightPx / t.thumbnail.widthPx).toFixed(2);
    counts.set(aspect, (counts.get(aspect) ?? 0) + 1);
  }
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? Number(best[0]) : 9 / 16;
}

class ContactSheet {
  private readonly replaced = new Set<string>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: PdfFonts,
    private readonly model: ExportModel,
    private readonly thumbnails: readonly ThumbnailResult[],
    private readonly layout: PdfLayout,
  ) {}

  private readonly text = (value: string): string => printable(value, this.fonts.canShow, this.replaced);

  replacedCharacters(): string[] {
    return [...this.replaced];
  }

  private header(frames: readonly ExportFrame[]): void {
    const { doc } = this;
    doc
      .font('bold')
      .fontSize(9)
      .fillColor(INK)
      .text(this.text(this.model.view.board.name), MARGIN, MARGIN, {
        width: PAGE_WIDTH * 0.4,
        height: 12,
        ellipsis: true,
        lineBreak: false,
      });
    const scenes = [...new Set(frames.map((f) => f.sceneName))].join(' \u00b7 ');
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(this.text(scenes), PAGE_WIDTH * 0.4, MARGIN + 1, {
        width: PAGE_WIDTH * 0.6 - MARGIN,
        height: 11,
        align: 'right',
        ellipsis: true,
        lineBreak: false,
      });
    doc
      .moveTo(MARGIN, MARGIN + 14)
      .lineTo(PAGE_WIDTH - MARGIN, MARGIN + 14)
      .lineWidth(0.5)
      .strokeColor(LINE)
      .stroke();
  }

  render(): void {
    const { doc, layout, model } = this;
    const frames = layout.flaggedOnly ? model.frames.filter(needsALook) : model.frames;
    let first = true;
    const page = () => {
      if (!first) doc.addPage();
      first = false;
    };
    if (layout.titlePage) {
      page();
      drawTitlePage(doc, model, layout, this.text);
    }
    const grid = gridOf(layout.framesPerPage);
    const ctx: CellContext = {
      doc,
      grid,
      fields: layout.fields,
      noteLines: layout.noteLines,
      aspect: commonAspect(this.thumbnails),
      text: this.text,
    };
    if (frames.length === 0) {
      page();
      this.header([]);
      doc
        .font('regular')
        .fontSize(12)
        .fillColor(MUTED)
        .text(layout.flaggedOnly ? 'No frame needs a look.' : 'The board has no frames.', MARGIN, MARGIN + 60);
    }
    for (let start = 0; start < frames.length; start += layout.framesPerPage) {
      const onPage = frames.slice(start, start + layout.framesPerPage);
      page();
      this.header(onPage);
      onPage.forEach((f, i) => {
        const previous = start + i > 0 ? frames[start + i - 1] : undefined;
        // A scene's name over its first frame, and over the first frame of each page.
        const sceneLabel = !previous || previous.frame.sceneId !== f.frame.sceneId || i === 0 ? f.sceneName : null;
        const { x, y } = grid.origin(i);
        drawCell(ctx, f, this.thumbnails[f.index], x, y, sceneLabel);
      });
    }
    this.footers();
  }

  private footers(): void {
    const { doc, model } = this;
    const range = doc.bufferedPageRange();
    const y = PAGE_HEIGHT - MARGIN - FOOTER_HEIGHT + 14;
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      doc
        .moveTo(MARGIN, y - 5)
        .lineTo(PAGE_WIDTH - MARGIN, y - 5)
        .lineWidth(0.5)
        .strokeColor(LINE)
        .stroke();
      doc.font('regular').fontSize(7.5).fillColor(MUTED);
      doc.text(this.text(`${model.view.board.name} \u00b7 Frameproof contact sheet`), MARGIN, y, {
        width: PAGE_WIDTH / 3,
        height: 10,
        ellipsis: true,
        lineBreak: false,
      });
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
function sheetTexts(model: ExportModel, layout: PdfLayout): string[] {
  return [
    ...titleRows(model, layout).map(([, value]) => value),
    ...model.scenes.map((s) => s.name),
    ...model.frames.flatMap((f) => [
      shotTitle(f.frame),
      f.frame.caption ?? '',
      ...f.frame.extra.map((e) => `${e.name} ${e.value}`),
      ...f.activeFlags.map((flag) => flag.reason),
      f.review?.comment ?? '',
    ]),
  ];
}

export async function renderPdf(model: ExportModel, thumbnails: readonly ThumbnailResult[], options: PdfOptions = {}): Promise<PdfOutput> {
  const layout = pdfLayoutOf(model, options.choices);
  const fonts = await choosePdfFonts([model.view.board.name, ...sheetTexts(model, layout)], options.fonts);
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
  const sheet = new ContactSheet(doc, fonts, model, thumbnails, layout);
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
