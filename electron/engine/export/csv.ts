// The shot list as CSV, one row per frame in story order: the person's own columns first, in
// their order and under their names (sheetColumns.ts), then Frameproof's, each named with the
// "Frameproof: " prefix the manifest reader recognises, so the file can go back as shots.csv.
//
// Encoding: UTF-8 with a byte-order mark. Excel opens a double-clicked .csv in the machine's ANSI
// code page unless the file starts with the UTF-8 BOM, which turns "Мария" or "café" into mojibake;
// with the BOM it reads UTF-8 (Numbers, LibreOffice, Google Sheets and pandas' utf-8-sig all skip it).
// Separator ',' and CRLF line ends, fields quoted as RFC 4180 says (a field holding a quote, the
// separator, CR or LF is quoted and its quotes doubled). Numbers use '.' whatever the locale.
//
// Text cells that start with = + - @ (or a tab or CR) get a leading apostrophe: Excel and
// LibreOffice would otherwise run them as formulas (OWASP "CSV injection"); a plain number such as
// -2 is left as it is. The JSON export keeps the exact text.
import { flagLabel, orderFlags, severityLabel } from '../../common/flags.ts';
import { reviewStatusLabel } from '../../common/review.ts';
import { COMMENT_COLUMN, frameproofColumn, STATUS_COLUMN } from '../board/index.ts';
import type { ExportFrame, ExportModel } from './exportModel.ts';
import { describeCaptionSource } from './exportModel.ts';
import { sheetColumns } from './sheetColumns.ts';

export const CSV_BOM = '\uFEFF';

interface OurColumn {
  name: string;
  /** Free text (made inert for spreadsheets) or a number written as it is. */
  kind: 'text' | 'number';
  value: (f: ExportFrame, model: ExportModel) => string;
}

/** Frameproof's columns, after the sheet's own: one score pair (cosine, CLIPScore), the flags, the review. */
const OUR_COLUMNS: readonly OurColumn[] = [
  { name: frameproofColumn('cosine'), kind: 'number', value: (f) => (f.score?.score ? f.score.score.cosine.toFixed(4) : '') },
  { name: frameproofColumn('CLIPScore'), kind: 'number', value: (f) => (f.score?.score ? f.score.score.clipScore.toFixed(2) : '') },
  {
    name: frameproofColumn('severity'),
    kind: 'text',
    value: (f) => {
      const first = orderFlags(f.activeFlags)[0];
      return first ? severityLabel(first.severity) : '';
    },
  },
  { name: frameproofColumn('flags'), kind: 'text', value: (f) => f.columns.flags },
  { name: frameproofColumn('notes'), kind: 'text', value: (f) => f.columns.notes },
  { name: frameproofColumn('reasons'), kind: 'text', value: (f) => f.columns.reason },
  {
    name: frameproofColumn('acknowledged'),
    kind: 'text',
    value: (f) =>
      (f.analysis?.flags ?? [])
        .filter((flag) => flag.acknowledged)
        .map((flag) => flagLabel(flag.kind))
        .join(', '),
  },
  { name: STATUS_COLUMN, kind: 'text', value: (f) => (f.review?.status ? reviewStatusLabel(f.review.status) : '') },
  { name: COMMENT_COLUMN, kind: 'text', value: (f) => f.review?.comment ?? '' },
  { name: frameproofColumn('best other shot'), kind: 'text', value: (f) => f.columns.best_other_shot },
  { name: frameproofColumn('style similarity'), kind: 'number', value: (f) => f.columns.style_similarity },
  { name: frameproofColumn('palette distance'), kind: 'number', value: (f) => f.columns.palette_distance },
  { name: frameproofColumn('script scene'), kind: 'text', value: (f) => f.scriptScene?.text ?? '' },
  { name: frameproofColumn('looks like'), kind: 'text', value: (f) => f.columns.looks_like },
  { name: frameproofColumn('caption breakdown'), kind: 'text', value: (f) => f.columns.caption_breakdown },
  { name: frameproofColumn('caption source'), kind: 'text', value: (f) => describeCaptionSource(f.frame.captionSource) },
  { name: frameproofColumn('model'), kind: 'text', value: (_, model) => model.view.model?.id ?? '' },
];

/** Frameproof's column names, in the order they follow the sheet's own. */
export const CSV_COLUMNS: readonly string[] = OUR_COLUMNS.map((c) => c.name);

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A cell of free text (captions, names, manifest values): made inert for spreadsheets. */
export function csvText(value: string): string {
  return csvField(FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value);
}

/** Every header of the export: the sheet's, then ours. */
export function csvHeader(model: ExportModel): string[] {
  return [...sheetColumns(model).map((c) => c.header), ...CSV_COLUMNS];
}

export function renderCsv(model: ExportModel): string {
  const sheet = sheetColumns(model);
  const lines = [[...sheet.map((c) => c.header), ...CSV_COLUMNS].map(csvText).join(',')];
  for (const f of model.frames) {
    const cells = [
      ...sheet.map((c) => csvText(c.value(f))),
      ...OUR_COLUMNS.map((c) => (c.kind === 'number' ? csvField(c.value(f, model)) : csvText(c.value(f, model)))),
    ];
    lines.push(cells.join(','));
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
