// What the app remembers per board on this computer: grid or table, and the table's columns
// (hidden ones, widths), sort and fps. Kept in localStorage under the board's folder, not in
// frameproof.json: it is how this person looks at the board, not part of the board. Read back
// defensively: storage is old input.
import { DEFAULT_FPS } from '../../electron/common/durations.ts';
import { MIN_COLUMN_WIDTH_PX, type TableSort } from './shotTable.ts';

export type BoardViewMode = 'grid' | 'table';

export interface BoardUi {
  view: BoardViewMode;
  hiddenColumns: string[];
  /** Column id → width in pixels, for the columns the person resized. */
  columnWidths: Record<string, number>;
  sort: TableSort | null;
  /** Frames per second, for durations written in frames or timecode. */
  fps: number;
}

export const DEFAULT_BOARD_UI: BoardUi = { view: 'grid', hiddenColumns: [], columnWidths: {}, sort: null, fps: DEFAULT_FPS };
export const MAX_COLUMN_WIDTH_PX = 1200;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function boardUiKey(folder: string): string {
  return `frameproof.board-ui:${folder}`;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function readBoardUi(store: KeyValueStore | undefined, folder: string): BoardUi {
  let raw: unknown;
  try {
    raw = JSON.parse(store?.getItem(boardUiKey(folder)) ?? 'null');
  } catch {
    return structuredClone(DEFAULT_BOARD_UI);
  }
  const saved = record(raw);
  const widths: Record<string, number> = {};
  for (const [id, width] of Object.entries(record(saved.columnWidths)))
    if (typeof width === 'number' && Number.isFinite(width)) widths[id] = clampWidth(width);
  const sort = record(saved.sort);
  const fps = saved.fps;
  return {
    view: saved.view === 'table' ? 'table' : 'grid',
    hiddenColumns: Array.isArray(saved.hiddenColumns) ? saved.hiddenColumns.filter((c): c is string => typeof c === 'string') : [],
    columnWidths: widths,
    sort:
      typeof sort.column === 'string' && (sort.direction === 'asc' || sort.direction === 'desc')
        ? { column: sort.column, direction: sort.direction }
        : null,
    fps: typeof fps === 'number' && fps > 0 && fps <= 1000 ? fps : DEFAULT_FPS,
  };
}

export function writeBoardUi(store: KeyValueStore | undefined, folder: string, ui: BoardUi): void {
  try {
    store?.setItem(boardUiKey(folder), JSON.stringify(ui));
  } catch {
    // Storage full or refused (a private window): the choice holds for this run only.
  }
}

export function clampWidth(widthPx: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH_PX, Math.max(MIN_COLUMN_WIDTH_PX, widthPx)));
}
