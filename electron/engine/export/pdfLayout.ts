// The contact sheet's layout: the person's choices (frames per page, fields, note lines,
// flagged-only, title page) with their defaults, checked against the board, and the grid each
// choice puts on an A4 landscape page. Text sizes and line budgets shrink with the cells, so a
// nine-up page and a one-up page both read as printed sheets, not as a page with half of it empty.
import type { ExportChoices, PdfField, PdfFramesPerPage, PdfLayout } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { PDF_FRAMES_PER_PAGE, PDF_NOTE_LINES_MAX } from '../../common/values.ts';
import type { ExportModel } from './exportModel.ts';
import { sheetColumns } from './sheetColumns.ts';

export const PAGE_WIDTH = 841.89;
export const PAGE_HEIGHT = 595.28;
export const MARGIN = 32;
export const HEADER_HEIGHT = 22;
export const FOOTER_HEIGHT = 18;
export const GAP = 14;

/** Where a cell's column field comes from: "column:Lens" names the manifest's Lens column. */
export const COLUMN_FIELD_PREFIX = 'column:';

export function columnOfField(field: PdfField): string | null {
  return field.startsWith(COLUMN_FIELD_PREFIX) ? field.slice(COLUMN_FIELD_PREFIX.length) : null;
}

/** The person's own columns a cell may print: every sheet column but the ones the cell already shows. */
export function printableColumns(model: ExportModel): string[] {
  return sheetColumns(model)
    .filter((c) => c.role === null)
    .map((c) => c.header);
}

/** Defaults: six frames a page, score, caption, the manifest's own columns, flags and review; a title page. */
export function pdfLayoutOf(model: ExportModel, choices: ExportChoices = {}): PdfLayout {
  const chosen = choices.pdf ?? {};
  const framesPerPage = chosen.framesPerPage ?? 6;
  if (!(PDF_FRAMES_PER_PAGE as readonly number[]).includes(framesPerPage))
    throw new AppError('INVALID_ARGUMENT', `A contact sheet has ${PDF_FRAMES_PER_PAGE.join(', ')} frames a page, not ${framesPerPage}.`, {
      fix: `Choose one of ${PDF_FRAMES_PER_PAGE.join(', ')}.`,
    });
  const noteLines = chosen.noteLines ?? 0;
  if (!Number.isInteger(noteLines) || noteLines < 0 || noteLines > PDF_NOTE_LINES_MAX)
    throw new AppError('INVALID_ARGUMENT', `Note lines must be a whole number from 0 to ${PDF_NOTE_LINES_MAX}, not ${noteLines}.`);
  const columns = printableColumns(model);
  const fields = chosen.fields ?? ['score', 'caption', ...columns.map((c): PdfField => `column:${c}`), 'flags', 'review'];
  const unknown = fields.map(columnOfField).filter((c): c is string => c !== null && !columns.includes(c));
  if (unknown.length)
    throw new AppError('INVALID_ARGUMENT', `The board's shot list has no column ${unknown.map((c) => `"${c}"`).join(', ')} to print.`, {
      fix: columns.length
        ? `Its columns: ${columns.join(', ')}.`
        : 'This board has no columns of its own beyond shot, scene, file and caption.',
    });
  return {
    framesPerPage: framesPerPage as PdfFramesPerPage,
    fields: [...new Set(fields)],
    noteLines,
    flaggedOnly: chosen.flaggedOnly ?? false,
    titlePage: chosen.titlePage ?? true,
  };
}

export interface Grid {
  columns: number;
  rows: number;
  cellWidth: number;
  cellHeight: number;
  /** Text size of the cell's body; the shot line is a little larger. */
  fontSize: number;
  lineHeight: number;
  /** The most lines each field may take. */
  lines: { caption: number; flags: number; columns: number; review: number };
  /** Thumbnail width that prints sharp at the cell's size (about 150 dpi). */
  thumbnailWidthPx: number;
  /** The image left of its text (a strip per frame) rather than above it. */
  imageBeside: boolean;
  /** The most of a cell (less its note lines) the image may take: of its height, or beside its text of its width. */
  imageShare: number;
  /** Space between ruled note lines. */
  noteSpacing: number;
  /** Top-left corner of cell i of a page. */
  origin: (i: number) => { x: number; y: number };
}

const GRIDS: Record<
  PdfFramesPerPage,
  {
    thumbnailWidthPx: number;
    imageBeside?: boolean;
    columns: number;
    rows: number;
    fontSize: number;
    imageShare: number;
    lines: Grid['lines'];
  }
> = {
  1: {
    thumbnailWidthPx: 1200,
    columns: 1,
    rows: 1,
    fontSize: 11,
    imageShare: 0.66,
    lines: { caption: 4, flags: 5, columns: 2, review: 2 },
  },
  2: { thumbnailWidthPx: 900, columns: 2, rows: 1, fontSize: 10, imageShare: 0.6, lines: { caption: 6, flags: 8, columns: 3, review: 2 } },
  3: {
    thumbnailWidthPx: 640,
    columns: 1,
    rows: 3,
    fontSize: 9,
    imageShare: 0.42,
    imageBeside: true,
    lines: { caption: 3, flags: 4, columns: 2, review: 1 },
  },
  4: { thumbnailWidthPx: 720, columns: 2, rows: 2, fontSize: 8.5, imageShare: 0.6, lines: { caption: 3, flags: 3, columns: 2, review: 1 } },
  6: { thumbnailWidthPx: 520, columns: 3, rows: 2, fontSize: 8, imageShare: 0.56, lines: { caption: 3, flags: 3, columns: 2, review: 1 } },
  9: { thumbnailWidthPx: 400, columns: 3, rows: 3, fontSize: 7, imageShare: 0.52, lines: { caption: 2, flags: 2, columns: 1, review: 1 } },
};

export function gridOf(framesPerPage: PdfFramesPerPage): Grid {
  const g = GRIDS[framesPerPage];
  const top = MARGIN + HEADER_HEIGHT;
  const height = PAGE_HEIGHT - top - MARGIN - FOOTER_HEIGHT;
  const cellWidth = (PAGE_WIDTH - 2 * MARGIN - (g.columns - 1) * GAP) / g.columns;
  const cellHeight = (height - (g.rows - 1) * GAP) / g.rows;
  return {
    columns: g.columns,
    rows: g.rows,
    cellWidth,
    cellHeight,
    fontSize: g.fontSize,
    lineHeight: g.fontSize * 1.22,
    lines: g.lines,
    imageShare: g.imageShare,
    imageBeside: g.imageBeside ?? false,
    thumbnailWidthPx: g.thumbnailWidthPx,
    noteSpacing: Math.max(13, g.fontSize * 1.9),
    origin: (i) => ({ x: MARGIN + (i % g.columns) * (cellWidth + GAP), y: top + Math.floor(i / g.columns) * (cellHeight + GAP) }),
  };
}
