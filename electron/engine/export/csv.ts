// The shot list as CSV, one row per frame in story order.
//
// Encoding: UTF-8 with a byte-order mark. Excel opens a double-clicked .csv in the machine's ANSI
// code page unless the file starts with the UTF-8 BOM, which turns "Мария" or "café" into mojibake;
// with the BOM it reads UTF-8 (Numbers, LibreOffice, Google Sheets and pandas' utf-8-sig all skip it).
// Separator ',' and CRLF line ends, fields quoted as RFC 4180 says (a field holding a quote, the
// separator, CR or LF is quoted and its quotes doubled). Numbers use '.' whatever the locale.
//
// Text cells that start with = + - @ (or a tab or CR) get a leading apostrophe: Excel and
// LibreOffice would otherwise run them as formulas (OWASP "CSV injection"); the JSON export keeps
// the exact text.
import type { ExportModel } from './exportModel.ts';
import { describeCaptionSource } from './exportModel.ts';

export const CSV_BOM = '\uFEFF';

/** Our columns, before the manifest's own. */
export const CSV_COLUMNS = [
  'shot',
  'scene',
  'file',
  'caption',
  'caption_source',
  'clip_score',
  'clipscore',
  'flags',
  'notes',
  'reason',
  'best_other_shot',
  'style_similarity',
  'palette_distance',
  'model',
  // The screenplay and the look checks (issue 18), kept apart so other columns can join above.
  'script_scene',
  'looks_like',
  'caption_breakdown',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A cell of free text (captions, names, manifest values): made inert for spreadsheets. */
export function csvText(value: string): string {
  return csvField(FORMULA_START.test(value) ? `'${value}` : value);
}

/** The manifest's extra columns in file order; a name that clashes with ours gets " (manifest)". */
export function extraColumnNames(model: ExportModel): { name: string; header: string }[] {
  const names = model.view.board.manifest?.extraColumns ? [...model.view.board.manifest.extraColumns] : [];
  for (const f of model.frames) for (const e of f.frame.extra) if (!names.includes(e.name)) names.push(e.name);
  const ours = new Set<string>(CSV_COLUMNS);
  return names.map((name) => ({ name, header: ours.has(name.toLowerCase()) ? `${name} (manifest)` : name }));
}

export function renderCsv(model: ExportModel): string {
  const extras = extraColumnNames(model);
  const modelId = model.view.model?.id ?? '';
  const lines = [[...CSV_COLUMNS, ...extras.map((e) => e.header)].map(csvText).join(',')];
  for (const f of model.frames) {
    const score = f.score?.score ?? null;
    const extraValues = new Map(f.frame.extra.map((e) => [e.name, e.value]));
    const cells = [
      csvText(f.frame.shot.label),
      csvText(f.sceneName),
      csvText(f.frame.id),
      csvText(f.frame.caption ?? ''),
      csvText(describeCaptionSource(f.frame.captionSource)),
      score ? score.cosine.toFixed(4) : '',
      score ? score.clipScore.toFixed(2) : '',
      csvText(f.columns.flags),
      csvText(f.columns.notes),
      csvText(f.columns.reason),
      csvText(f.columns.best_other_shot),
      f.columns.style_similarity,
      f.columns.palette_distance,
      csvText(modelId),
      csvText(f.scriptScene?.text ?? ''),
      csvText(f.columns.looks_like),
      csvText(f.columns.caption_breakdown),
      ...extras.map((e) => csvText(extraValues.get(e.name) ?? '')),
    ];
    lines.push(cells.join(','));
  }
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}
