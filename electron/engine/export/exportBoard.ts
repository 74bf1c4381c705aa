// Exporting a scored board: the format comes from the file's extension unless given, the file is
// built in memory and written atomically, so a failed export never leaves half a file behind or
// spoils the previous one.
import { resolve } from 'node:path';
import type { BoardView, ExportChoices, ExportFormat, ExportResult } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { EXPORT_FORMATS } from '../../common/values.ts';
import { formatFromExtension } from './formatFromExtension.ts';
import type { Fs } from '../../platform/atomicWrite.ts';
import { writeExportFile } from './writeExport.ts';
import { renderCsv } from './csv.ts';
import { buildExportModel } from './exportModel.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderPdf } from './pdf.ts';
import type { PdfFontFiles } from './pdfFonts.ts';
import { gridOf, pdfLayoutOf } from './pdfLayout.ts';
import { defaultThumbnail, makeThumbnails, thumbnailMaker, type ThumbnailMaker, type ThumbnailResult } from './thumbnails.ts';

const EXTENSIONS: Readonly<Record<string, ExportFormat>> = {
  '.csv': 'csv',
  '.json': 'json',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
};

export interface ExportOptions {
  /** Default: from the file's extension (.csv, .json, .html or .htm, .pdf). */
  format?: ExportFormat;
  /** Makes a frame's thumbnail for HTML and PDF (any image sharp reads); default: ~320 px JPEG by sharp. */
  thumbnail?: ThumbnailMaker;
  /** Fonts the PDF may embed, tried in order; [] for the standard (WinAnsi) fonts. */
  pdfFonts?: readonly PdfFontFiles[];
  /** The person's choices (PDF layout); absent parts take their defaults. */
  choices?: ExportChoices;
  /** The date the export states; default: now. */
  now?: Date;
  /** The file-system calls the write makes (tests make them fail). */
  fs?: Fs;
}

export function exportFormatFor(file: string): ExportFormat {
  return formatFromExtension(
    file,
    EXTENSIONS,
    'Frameproof cannot tell which format to export from',
    'End the file name with .csv (spreadsheet), .json (everything, for scripts), .html (report) or .pdf (contact sheet).',
  );
}

function checkFormat(format: string, file: string): ExportFormat {
  const known = EXPORT_FORMATS.find((f) => f === format);
  if (known) return known;
  throw new AppError('EXPORT_FORMAT_UNKNOWN', `Unknown export format "${format}". Should be one of: ${EXPORT_FORMATS.join(', ')}.`, {
    file,
  });
}

function thumbnailNotes(results: readonly ThumbnailResult[]): string[] {
  const failed = results.filter((r) => !r.ok).length;
  return failed ? [`${failed} frame${failed === 1 ? '' : 's'} could not be read for a thumbnail and show a placeholder.`] : [];
}

/** Writes the board's scored shot list to `file`; throws an AppError a person can act on. */
export async function exportBoard(view: BoardView, file: string, options: ExportOptions = {}): Promise<ExportResult> {
  const target = resolve(file);
  const format = options.format === undefined ? exportFormatFor(target) : checkFormat(options.format, target);
  const model = buildExportModel(view, options.now ?? new Date());
  const frames = view.board.frames;
  let chunks: Uint8Array[];
  const notes: string[] = [];
  switch (format) {
    case 'csv':
      chunks = [Buffer.from(renderCsv(model), 'utf8')];
      break;
    case 'json':
      chunks = [Buffer.from(renderJson(model), 'utf8')];
      break;
    case 'html': {
      const thumbnails = await makeThumbnails(frames, options.thumbnail ?? defaultThumbnail, ['image/jpeg', 'image/png', 'image/webp']);
      notes.push(...thumbnailNotes(thumbnails));
      chunks = [Buffer.from(renderHtml(model, thumbnails), 'utf8')];
      break;
    }
    case 'pdf': {
      // The layout first: a choice that cannot be printed is refused before any image work. The
      // thumbnails are sized for its cells; pdfkit embeds JPEG and PNG only.
      const layout = pdfLayoutOf(model, options.choices);
      const maker = options.thumbnail ?? thumbnailMaker(gridOf(layout.framesPerPage).thumbnailWidthPx);
      const thumbnails = await makeThumbnails(frames, maker, ['image/jpeg', 'image/png']);
      notes.push(...thumbnailNotes(thumbnails));
      const pdf = await renderPdf(model, thumbnails, {
        ...(options.pdfFonts && { fonts: options.pdfFonts }),
        ...(options.choices && { choices: options.choices }),
      });
      notes.push(...pdf.notes);
      chunks = pdf.chunks;
      break;
    }
  }
  const sizeBytes = await writeExportFile(target, chunks, options.fs);
  return { file: target, format, sizeBytes, frameCount: frames.length, notes };
}
