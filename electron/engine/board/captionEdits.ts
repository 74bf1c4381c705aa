// Where a caption sits inside its file and what replacing it changes, as pure functions over the
// decoded text: one cell of a CSV row, one JSON string, the body of a sidecar. Everything outside
// the returned change stays byte for byte what it was.
import type { StoryboarderCaptionField } from '../../common/api.ts';
import { encodeCsvField, parseCsv, sniffSeparator } from './csv.ts';
import { encodeJsonString, endOf, items, locateJson, member, memberInsertion, stringValue, type JsonNode } from './jsonLocate.ts';
import { boardRelativeRef } from './containment.ts';
import { CAPTION_COLUMNS, FILE_COLUMNS, findColumn } from './manifestCsv.ts';
import { splitTrailingNewlines } from './textEncoding.ts';

export interface TextChange {
  offset: number;
  removed: string;
  inserted: string;
}

export interface LocatedCaption {
  /** The caption there now; null when the cell, key or file is absent (or JSON null). */
  current: string | null;
  /** Builds the change that puts `text` there. */
  change: (text: string) => TextChange;
  /** For CSV, the row and line found, which may have moved since the board was opened. */
  row?: { row: number; line: number };
  /** For JSON, the index found. */
  index?: number;
}

/** Board-relative paths that name the frame, lower-cased: its id and its image's path. */
export type FrameKeys = ReadonlySet<string>;

const matches = (value: string, keys: FrameKeys) => {
  const ref = boardRelativeRef(value);
  return ref !== null && keys.has(ref.toLowerCase());
};

export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.offset) + change.inserted + text.slice(change.offset + change.removed.length);
}

/** The row naming the frame: the remembered row if it still names it, else the first that does. */
export function locateCsvCaption(text: string, keys: FrameKeys, column: string, preferredRow: number): LocatedCaption | null {
  const table = parseCsv(text, sniffSeparator(text));
  const header = (table.records[0]?.fields ?? []).map((f) => f.value.trim());
  const fileColumn = findColumn(header, FILE_COLUMNS);
  let captionColumn = header.indexOf(column.trim());
  if (captionColumn < 0) captionColumn = findColumn(header, CAPTION_COLUMNS);
  if (fileColumn < 0 || captionColumn < 0) return null;
  const rows = table.records.slice(1);
  const named = (i: number) => matches(rows[i]?.fields[fileColumn]?.value ?? '', keys);
  const rowIndex = named(preferredRow - 1) ? preferredRow - 1 : rows.findIndex((_, i) => named(i));
  const record = rows[rowIndex];
  if (!record) return null;
  const field = record.fields[captionColumn];
  const { separator } = table;
  return {
    current: field ? field.value : null,
    row: { row: rowIndex + 1, line: record.line },
    change: (caption) => {
      if (field) {
        const quote = field.quoted || (field.end === field.start && table.quotesAll);
        return { offset: field.start, removed: text.slice(field.start, field.end), inserted: encodeCsvField(caption, separator, quote) };
      }
      // A short row: pad it with empty cells up to the caption column.
      const padding = separator.repeat(captionColumn - record.fields.length + 1);
      return { offset: record.end, removed: '', inserted: padding + encodeCsvField(caption, separator, table.quotesAll) };
    },
  };
}

function jsonStringField(text: string, object: JsonNode, key: string): Omit<LocatedCaption, 'row' | 'index'> {
  const found = member(object, key);
  return {
    current: stringValue(found) ?? null,
    change: (caption) => {
      const raw = encodeJsonString(caption, text);
      if (found) return { offset: found.offset, removed: text.slice(found.offset, endOf(found)), inserted: raw };
      const insertion = memberInsertion(text, object, key, raw);
      return { offset: insertion.offset, removed: '', inserted: insertion.inserted };
    },
  };
}

function pickItem(items: readonly JsonNode[], preferred: number, accept: (item: JsonNode) => boolean): number {
  const item = items[preferred];
  if (item && accept(item)) return preferred;
  return items.findIndex(accept);
}

export function locateJsonManifestCaption(text: string, keys: FrameKeys, preferredIndex: number): LocatedCaption | null {
  const shots = member(locateJson(text), 'shots');
  if (shots?.type !== 'array') return null;
  const list = items(shots);
  const index = pickItem(list, preferredIndex, (item) => {
    const file = stringValue(member(item, 'file'));
    return file !== undefined && matches(file, keys);
  });
  const item = list[index];
  if (item?.type !== 'object') return null;
  return { ...jsonStringField(text, item, 'caption'), index };
}

export function locateStoryboarderCaption(
  text: string,
  uid: string,
  preferredIndex: number,
  field: StoryboarderCaptionField,
): LocatedCaption | null {
  const boards = member(locateJson(text), 'boards');
  if (boards?.type !== 'array') return null;
  const list = items(boards);
  const index = pickItem(list, preferredIndex, (item) => stringValue(member(item, 'uid')) === uid);
  const board = list[index];
  if (board?.type !== 'object') return null;
  return { ...jsonStringField(text, board, field), index };
}

/** A sidecar's caption is all of it but its trailing line breaks, which stay. */
export function locateSidecarCaption(text: string): LocatedCaption {
  const { body } = splitTrailingNewlines(text);
  return { current: body, change: (caption) => ({ offset: 0, removed: body, inserted: caption }) };
}
