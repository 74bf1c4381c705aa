// The table view of the open board: its columns, rows (the toolbar's filter over every column,
// then the header's sort) and running times, derived from the app's state and this board's
// remembered table settings (app.boardUi).
import type { Board } from '../../../electron/common/api.ts';
import { filterCards } from '../boardModel.ts';
import { findDurationColumn, parseDuration, type DurationColumn } from '../../../electron/common/durations.ts';
import {
  FIXED_COLUMNS,
  extraColumnId,
  extraValues,
  filterRows,
  numericColumns,
  runningTime,
  sortRows,
  tableColumns,
  tableLines,
  type ShotColumn,
  type ShotRow,
} from '../shotTable.ts';
import { app } from './app.svelte.ts';

/** The manifest column the captions were read from (and are written back to). */
function captionColumn(board: Board): string | null {
  for (const frame of board.frames) {
    const source = frame.entry ?? frame.captionSource;
    if (source.kind === 'manifest-csv') return source.column;
  }
  return null;
}

class ShotTableState {
  columns = $derived<ShotColumn[]>(app.view ? tableColumns(app.view.board.manifest, captionColumn(app.view.board)) : []);
  shownColumns = $derived(this.columns.filter((c) => FIXED_COLUMNS.has(c.id) || !app.boardUi.hiddenColumns.includes(c.id)));
  duration = $derived.by((): DurationColumn | null => {
    const frames = app.view?.board.frames ?? [];
    const names = app.view?.board.manifest?.extraColumns ?? [];
    return findDurationColumn(names, (name) => frames.map((f) => f.extra.find((e) => e.name === name)?.value ?? ''));
  });
  durationColumnId = $derived(this.duration ? extraColumnId(this.duration.name) : null);

  /** Every frame as a row, in story order, durations read at this board's fps. */
  private allRows = $derived.by((): ShotRow[] => {
    const frames = app.view?.board.frames ?? [];
    const duration = this.duration;
    const fps = app.boardUi.fps;
    return app.cards.map((card) => {
      const extra = extraValues(frames[card.index]?.extra ?? []);
      const parsed = duration ? parseDuration(extra[extraColumnId(duration.name)] ?? '', fps, duration.bareUnit) : null;
      return { card, extra, seconds: parsed?.seconds ?? null };
    });
  });

  /** Some duration is in frames or has a frames field: the fps matters, so the table offers it. */
  usesFps = $derived.by(() => {
    const duration = this.duration;
    if (!duration) return false;
    const id = extraColumnId(duration.name);
    return this.allRows.some((r) => parseDuration(r.extra[id] ?? '', app.boardUi.fps, duration.bareUnit)?.usesFps);
  });

  private numeric = $derived(numericColumns(this.columns, this.allRows));
  sortColumn = $derived(this.columns.find((c) => c.id === app.boardUi.sort?.column && c.sortable));

  rows = $derived.by(() => {
    // "Show" (flagged only, a flag kind, errors) is the grid's own rule; the text filter spans every column.
    const shown = new Set(filterCards(app.cards, '', app.flagFilter).map((c) => c.id));
    const filtered = filterRows(
      this.allRows.filter((r) => shown.has(r.card.id)),
      this.columns,
      app.query,
    );
    return sortRows(filtered, this.sortColumn, app.boardUi.sort?.direction ?? 'asc', {
      durationColumn: this.durationColumnId,
      numeric: this.numeric,
    });
  });
  lines = $derived(tableLines(this.rows, this.sortColumn === undefined));
  order = $derived(this.rows.map((r) => r.card.id));
  total = $derived(runningTime(this.rows));
  /** Rows whose duration cell is empty or does not read. */
  untimed = $derived(this.duration ? this.rows.filter((r) => r.seconds === null).length : 0);

  widthOf(column: ShotColumn): number {
    return app.boardUi.columnWidths[column.id] ?? column.widthPx;
  }
}

export const table = new ShotTableState();
