// shots.csv: a header row, then one row per shot. Columns are matched by name, ignoring case:
//   file | image | frame                          the image, relative to the board folder (required)
//   caption | description | action | prompt       the caption (the first of these present)
//   shot, scene                                   shot label and scene name
// Every other column is carried along, in order, as Frame.extra for the export, but those a
// Frameproof export added ("Frameproof: cosine"; frameproofColumns.ts): their status and comment
// are read back, the rest are ours to write again.
import type { BoardProblem } from '../../common/api.ts';
import { parseCsv, sniffSeparator } from './csv.ts';
import { boardRelativeRef } from './containment.ts';
import { isFrameproofColumn, readSheetReview, sheetReviewColumns } from './frameproofColumns.ts';
import type { ManifestEntry, ManifestRead } from './manifestTypes.ts';
import { problem } from './problems.ts';
import { decodeText } from './textEncoding.ts';

export const FILE_COLUMNS = ['file', 'image', 'frame'];
export const CAPTION_COLUMNS = ['caption', 'description', 'action', 'prompt'];

/** Index of the first header matching the earliest name in `names`, or -1. */
export function findColumn(header: readonly string[], names: readonly string[]): number {
  const lower = header.map((h) => h.trim().toLowerCase());
  for (const name of names) {
    const index = lower.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

export function readCsvManifest(bytes: Buffer, file: string): ManifestRead {
  const { text, encoding } = decodeText(bytes);
  const separator = sniffSeparator(text);
  const table = parseCsv(text, separator);
  const problems: BoardProblem[] = [];
  const header = (table.records[0]?.fields ?? []).map((f) => f.value.trim());
  const fileColumn = findColumn(header, FILE_COLUMNS);
  const captionColumn = findColumn(header, CAPTION_COLUMNS);
  const shotColumn = findColumn(header, ['shot']);
  const sceneColumn = findColumn(header, ['scene']);
  const known = new Set([fileColumn, captionColumn, shotColumn, sceneColumn]);
  const ours = header.filter(isFrameproofColumn);
  const extraColumns = header.map((name, index) => ({ name, index })).filter((c) => !known.has(c.index) && !isFrameproofColumn(c.name));
  const reviewColumns = sheetReviewColumns(header);
  const role = (index: number) => (index >= 0 ? (header[index] ?? null) : null);
  const info = {
    file,
    format: 'csv' as const,
    encoding,
    separator,
    columns: header,
    extraColumns: extraColumns.map((c) => c.name),
    roles: { file: role(fileColumn), caption: role(captionColumn), shot: role(shotColumn), scene: role(sceneColumn) },
    frameproofColumns: ours,
    rowCount: Math.max(0, table.records.length - 1),
  };
  if (table.unterminatedQuoteLine !== null) {
    problems.push(
      problem(
        'MANIFEST_INVALID',
        'warning',
        `${file}: the quoted field that starts on line ${table.unterminatedQuoteLine} never closes, so everything after it was read as one cell.`,
        { file, fix: `Add the closing quote (") in ${file}.` },
      ),
    );
  }
  if (fileColumn < 0) {
    const found = header.length > 0 ? header.map((h) => JSON.stringify(h)).join(', ') : 'none';
    problems.push(
      problem(
        'MANIFEST_INVALID',
        'error',
        `${file} has no column naming the image files (looked for file, image or frame; found ${found}), so it was not used.`,
        { file, fix: `Add a "file" column to the first row of ${file}.` },
      ),
    );
    return { info, entries: [], problems };
  }
  const entries: ManifestEntry[] = [];
  table.records.slice(1).forEach((record, i) => {
    const row = i + 1;
    const where = `${file} row ${row} (line ${record.line})`;
    const cell = (index: number) => (index >= 0 ? (record.fields[index]?.value ?? '') : '');
    const value = cell(fileColumn).trim();
    if (value === '') {
      problems.push(
        problem('MANIFEST_ROW_INVALID', 'warning', `${where} has no file name; it was skipped.`, {
          file,
          fix: `Fill in the ${header[fileColumn] ?? 'file'} column of that row, or delete the row.`,
        }),
      );
      return;
    }
    const ref = boardRelativeRef(value);
    if (ref === null) {
      problems.push(
        problem('MANIFEST_ROW_INVALID', 'warning', `${where} names "${value}", which is outside the board folder; it was skipped.`, {
          file,
          fix: 'Use a path relative to the board folder, such as shot01.png or scene1/shot01.png.',
        }),
      );
      return;
    }
    const { review, badStatus } = readSheetReview(reviewColumns, cell);
    if (badStatus !== null)
      problems.push(
        problem(
          'MANIFEST_ROW_INVALID',
          'warning',
          `${where} has the status "${badStatus}", which is not a review status; it was read as none.`,
          {
            file,
            fix: 'Write approved, needs changes or redo in that cell, or leave it empty.',
          },
        ),
      );
    entries.push({
      file: value,
      ref,
      caption: captionColumn >= 0 ? cell(captionColumn) : null,
      shot: cell(shotColumn).trim() || null,
      scene: cell(sceneColumn).trim() || null,
      extra: extraColumns.map((c) => ({ name: c.name, value: cell(c.index) })),
      ...(review && { review }),
      source:
        captionColumn >= 0 ? { kind: 'manifest-csv', file, row, line: record.line, column: header[captionColumn] ?? 'caption' } : null,
      where,
    });
  });
  return { info, entries, problems };
}
