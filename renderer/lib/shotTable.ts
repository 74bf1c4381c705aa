// The shot list as a table: its columns (the manifest's, in its order and names, and Frameproof's),
// what each cell says, and the sort, filter and scene rows over them. Plain logic; ShotTable.svelte
// draws it.
import { cardState, flagLabel, type CardState, type FrameCardData } from './boardModel.ts';
import { reviewStatusLabel } from '../../electron/common/review.ts';
import { formatNumber } from '../../electron/common/units.ts';
import { REVIEW_STATUSES } from '../../electron/common/values.ts';

export type ColumnKind = 'thumbnail' | 'shot' | 'scene' | 'file' | 'caption' | 'extra' | 'score' | 'flags' | 'status' | 'comment';

export interface ShotColumn {
  /** Stable across opens: what widths and hidden columns are kept by. */
  id: string;
  label: string;
  kind: ColumnKind;
  widthPx: number;
  sortable: boolean;
}

export interface ShotRow {
  card: FrameCardData;
  /** The manifest's other columns for this frame, by column id (see extraValues; empty for a frame the manifest does not list). */
  extra: Readonly<Record<string, string>>;
  /** Parsed from the duration column; null without one or when the cell does not read as a duration. */
  seconds: number | null;
}

export type SortDirection = 'asc' | 'desc';
export interface TableSort {
  column: string;
  direction: SortDirection;
}

export const MIN_COLUMN_WIDTH_PX = 48;

const BUILT_IN: Record<Exclude<ColumnKind, 'extra'>, ShotColumn> = {
  thumbnail: { id: 'thumbnail', label: 'Frame', kind: 'thumbnail', widthPx: 96, sortable: false },
  shot: { id: 'shot', label: 'Shot', kind: 'shot', widthPx: 72, sortable: true },
  scene: { id: 'scene', label: 'Scene', kind: 'scene', widthPx: 140, sortable: true },
  file: { id: 'file', label: 'File', kind: 'file', widthPx: 150, sortable: true },
  caption: { id: 'caption', label: 'Caption', kind: 'caption', widthPx: 320, sortable: true },
  score: { id: 'score', label: 'Score', kind: 'score', widthPx: 110, sortable: true },
  flags: { id: 'flags', label: 'Flags', kind: 'flags', widthPx: 190, sortable: true },
  status: { id: 'status', label: 'Status', kind: 'status', widthPx: 124, sortable: true },
  comment: { id: 'comment', label: 'Comment', kind: 'comment', widthPx: 200, sortable: true },
};

/** Frameproof's own columns, after the caption (the status beside the score, in view at 1024 px): the one list to add a column to (its cell in cellText/sortKey and ShotTableRow). */
export const FRAMEPROOF_COLUMNS: readonly ShotColumn[] = [BUILT_IN.score, BUILT_IN.status, BUILT_IN.flags, BUILT_IN.comment];

/** Columns a person may not hide: without them a row says nothing. */
export const FIXED_COLUMNS: ReadonlySet<string> = new Set(['shot']);

export interface ManifestColumns {
  columns: readonly string[];
  extraColumns: readonly string[];
}

/**
 * The table's columns: the thumbnail, then every manifest column in the manifest's order, under
 * its own name (a "Description" stays "Description"), with Frameproof's right after the caption
 * they judge (so the score is on screen beside it, not past a dozen sheet columns). The engine read
 * the shot, scene, file and caption columns; the rest are its extra columns. `captionColumn` is the
 * one the captions came from. Without a manifest: Shot, Scene, File, Caption.
 */
export function tableColumns(manifest: ManifestColumns | undefined, captionColumn: string | null): ShotColumn[] {
  const fromManifest: ShotColumn[] = [];
  const placed = new Set<ColumnKind>();
  // A name can repeat (two "Notes"): the engine reads the first of a kind and carries the rest, so
  // of a name's k columns with m extra, the last m are the extra ones.
  const total = countNames(manifest?.columns ?? []);
  const extra = countNames(manifest?.extraColumns ?? []);
  const seen = new Map<string, number>();
  const extraSeen = new Map<string, number>();
  for (const name of manifest?.columns ?? []) {
    const occurrence = seen.get(name) ?? 0;
    seen.set(name, occurrence + 1);
    if (occurrence >= (total.get(name) ?? 0) - (extra.get(name) ?? 0)) {
      const nth = extraSeen.get(name) ?? 0;
      extraSeen.set(name, nth + 1);
      fromManifest.push({
        id: extraColumnId(name, nth),
        label: name.trim() || 'Untitled column',
        kind: 'extra',
        widthPx: 120,
        sortable: true,
      });
      continue;
    }
    const lower = name.trim().toLowerCase();
    const kind: ColumnKind =
      lower === 'shot' ? 'shot' : lower === 'scene' ? 'scene' : name === captionColumn || lower === 'caption' ? 'caption' : 'file';
    if (placed.has(kind)) continue;
    placed.add(kind);
    fromManifest.push({ ...BUILT_IN[kind], label: name.trim() || BUILT_IN[kind].label });
  }
  // What the manifest lacks (no shot column: the shot comes from the file name) still has a
  // column: the shot first, the others after the manifest's.
  const missing = (['shot', 'scene', 'file', 'caption'] as const).filter((k) => !placed.has(k)).map((k) => BUILT_IN[k]);
  const ordered = [...missing.filter((c) => c.kind === 'shot'), ...fromManifest, ...missing.filter((c) => c.kind !== 'shot')];
  const caption = ordered.findIndex((c) => c.kind === 'caption');
  return [BUILT_IN.thumbnail, ...ordered.slice(0, caption + 1), ...FRAMEPROOF_COLUMNS, ...ordered.slice(caption + 1)];
}

function countNames(names: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** The id of the nth (from 0) extra column of that name: "extra:Notes", then "extra:Notes#2". */
export function extraColumnId(name: string, nth = 0): string {
  return nth === 0 ? `extra:${name}` : `extra:${name}#${nth + 1}`;
}

/** A frame's extra fields by column id: the nth field of a name is the nth extra column of that name. */
export function extraValues(fields: readonly { name: string; value: string }[]): Record<string, string> {
  const values: Record<string, string> = {};
  const seen = new Map<string, number>();
  for (const { name, value } of fields) {
    const nth = seen.get(name) ?? 0;
    seen.set(name, nth + 1);
    values[extraColumnId(name, nth)] = value;
  }
  return values;
}

/** What the score means in words, from the card's state (the badge colour on the grid). */
export const SCORE_READING: Record<CardState, string> = {
  ok: 'fits',
  warning: 'needs a look',
  info: 'note',
  error: 'unreadable',
  unscored: 'not scored',
};

export function scoreReading(card: FrameCardData): string {
  return SCORE_READING[cardState(card)];
}

/** A cell as text: what the filter searches. */
export function cellText(column: ShotColumn, row: ShotRow): string {
  const { card } = row;
  switch (column.kind) {
    case 'thumbnail':
      return '';
    case 'shot':
      return card.shot;
    case 'scene':
      return card.sceneName;
    case 'file':
      return card.id;
    case 'caption':
      return card.caption ?? '';
    case 'extra':
      return row.extra[column.id] ?? '';
    case 'score':
      return card.score ? `${formatNumber(card.score.cosine, 3)} ${scoreReading(card)}` : scoreReading(card);
    case 'flags':
      return card.activeFlags.map((f) => flagLabel(f.kind)).join(', ');
    case 'status':
      return card.review?.status ? reviewStatusLabel(card.review.status) : '';
    case 'comment':
      return card.review?.comment ?? '';
  }
}

/** Numbers where the column holds only numbers (a shot list's "Take" or "Setup"); null cells sort last. */
function isNumeric(text: string): boolean {
  return /^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text.trim());
}

export function numericColumns(columns: readonly ShotColumn[], rows: readonly ShotRow[]): Set<string> {
  const numeric = new Set<string>();
  for (const column of columns) {
    if (column.kind !== 'extra') continue;
    const values = rows.map((r) => cellText(column, r).trim()).filter(Boolean);
    if (values.length > 0 && values.every(isNumeric)) numeric.add(column.id);
  }
  return numeric;
}

export interface SortContext {
  /** The duration column's id: sorted by the seconds it reads as. */
  durationColumn: string | null;
  numeric: ReadonlySet<string>;
}

function sortKey(column: ShotColumn, row: ShotRow, context: SortContext): string | number | null {
  if (column.id === context.durationColumn) return row.seconds;
  if (column.kind === 'score') return row.card.score?.cosine ?? null;
  if (column.kind === 'flags') return row.card.activeFlags.length || null;
  // Approved, needs changes, redo: the order menus list them, not the alphabet's.
  if (column.kind === 'status') return row.card.review?.status ? REVIEW_STATUSES.indexOf(row.card.review.status) : null;
  const text = cellText(column, row).trim();
  if (text === '') return null;
  return context.numeric.has(column.id) ? Number(text.replace(',', '.')) : text;
}

// Natural order: shot 2 before 10, 1A before 1B; case and accents aside.
const natural = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows in the column's order; empty cells last either way; ties keep story order. */
export function sortRows(
  rows: readonly ShotRow[],
  column: ShotColumn | undefined,
  direction: SortDirection,
  context: SortContext,
): ShotRow[] {
  if (!column) return [...rows];
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, key: sortKey(column, row, context) }));
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) return a.key === b.key ? a.row.card.index - b.row.card.index : a.key === null ? 1 : -1;
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : natural.compare(String(a.key), String(b.key));
    return sign * order || a.row.card.index - b.row.card.index;
  });
  return keyed.map((k) => k.row);
}

/** A header click: ascending, then descending, then back to story order. */
export function nextSort(current: TableSort | null, column: string): TableSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}

/** Rows where every word of the query is in some column (any column, shown or hidden). */
export function filterRows(rows: readonly ShotRow[], columns: readonly ShotColumn[], query: string): ShotRow[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const haystack = columns
      .map((c) => cellText(c, row))
      .join('\n')
      .toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

export type TableLine =
  { kind: 'scene'; key: string; title: string; count: number; seconds: number | null } | { kind: 'frame'; key: string; row: ShotRow };

/** Sums the durations that read; null when none of the rows has one. */
export function runningTime(rows: readonly ShotRow[]): number | null {
  let total: number | null = null;
  for (const row of rows) if (row.seconds !== null) total = (total ?? 0) + row.seconds;
  return total;
}

/**
 * The table's lines. In story order each scene gets a header row with its count and running time;
 * sorted by a column, the scenes mix, so the rows stand alone.
 */
export function tableLines(rows: readonly ShotRow[], grouped: boolean): TableLine[] {
  if (!grouped) return rows.map((row) => ({ kind: 'frame', key: row.card.id, row }));
  const lines: TableLine[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i]!.card.sceneId === rows[start]!.card.sceneId) continue;
    const scene = rows.slice(start, i);
    const first = scene[0]!.card;
    lines.push({
      kind: 'scene',
      key: `scene:${first.sceneId}:${start}`,
      title: first.sceneName,
      count: scene.length,
      seconds: runningTime(scene),
    });
    for (const row of scene) lines.push({ kind: 'frame', key: row.card.id, row });
    start = i;
  }
  return lines;
}
