// Pure functions from a BoardView to what the board screen shows: one card per frame, filtered,
// sorted and grouped into scenes, and the rows of the virtualized grid.
import type {
  AppErrorData,
  BoardView,
  ClipScore,
  FlagKind,
  FrameAnalysis,
  FrameFlag,
  FrameReview,
  FrameWarning,
  ReviewStatus,
} from '../../electron/common/api.ts';
import { activeFlags, countErrorFrames, countFlags, frameNeedsLook, orderFlags } from '../../electron/common/flags.ts';
import { isStoreNotice } from '../../electron/common/storeNotices.ts';

export { flagLabel } from '../../electron/common/flags.ts';

export interface FrameCardData {
  id: string;
  index: number;
  shot: string;
  sceneId: string;
  sceneName: string;
  name: string;
  caption: string | null;
  captionSource: string;
  score: ClipScore | null;
  flags: FrameFlag[];
  activeFlags: FrameFlag[];
  warnings: FrameWarning[];
  error: AppErrorData | undefined;
  analysis: FrameAnalysis | undefined;
  tokens: { count: number; truncated: boolean; contextLength: number } | null;
  /** The frame's review status and comment; null when it has neither. */
  review: FrameReview | null;
}

/** A review status to show, or 'none': frames nobody has given one. */
export type StatusFilter = `status:${ReviewStatus | 'none'}`;

/** 'flagged': frames that need a look (flags.ts's rule); 'errors': frames that could not be read; a kind; a review status. */
export type FlagFilter = 'all' | 'flagged' | 'errors' | FlagKind | StatusFilter;

export function isStatusFilter(filter: FlagFilter): filter is StatusFilter {
  return filter.startsWith('status:');
}

/** Whether a card's review matches a status filter ('status:none': no status, a comment alone or nothing). */
export function matchesStatus(card: FrameCardData, filter: StatusFilter): boolean {
  const wanted = filter.slice('status:'.length);
  return (card.review?.status ?? 'none') === wanted;
}
export type SortOrder = 'story' | 'score';

export interface FrameGroup {
  id: string;
  title: string;
  frames: FrameCardData[];
}

/** Card states: the score badge colour follows the most serious active flag. */
export type CardState = 'ok' | 'warning' | 'info' | 'error' | 'unscored';

const SOURCE_LABELS: Record<string, string> = {
  'manifest-csv': 'shots.csv',
  'manifest-json': 'storyboard.json',
  storyboarder: 'Storyboarder',
  sidecar: 'caption file',
  'image-metadata': 'image metadata',
  none: 'no caption',
};

export function frameCards(view: BoardView): FrameCardData[] {
  const scenes = new Map(view.board.scenes.map((s) => [s.id, s.name]));
  const analysis = new Map(view.analysis?.frames.map((f) => [f.frameId, f]) ?? []);
  return view.board.frames.map((frame, index) => {
    const score = view.scores[frame.id];
    const a = analysis.get(frame.id);
    const flags = a?.flags ?? [];
    return {
      id: frame.id,
      index,
      shot: frame.shot.label,
      sceneId: frame.sceneId,
      sceneName: scenes.get(frame.sceneId) ?? frame.sceneId,
      name: frame.name,
      caption: frame.caption,
      captionSource: SOURCE_LABELS[frame.captionSource.kind] ?? frame.captionSource.kind,
      score: a?.score ?? score?.score ?? null,
      flags,
      activeFlags: orderFlags(activeFlags(flags)),
      warnings: score?.warnings ?? [],
      error: score?.error,
      analysis: a,
      tokens: score?.tokens ?? null,
      review: view.reviews[frame.id] ?? null,
    };
  });
}

export function cardState(card: FrameCardData): CardState {
  if (card.error) return 'error';
  if (!card.score) return 'unscored';
  if (frameNeedsLook(card.activeFlags)) return 'warning';
  if (card.activeFlags.length > 0) return 'info';
  return 'ok';
}

export function filterCards(cards: readonly FrameCardData[], query: string, flag: FlagFilter): FrameCardData[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return cards.filter((card) => {
    // "Flagged" means needs a look (an active warning, not an info flag such as crop loss): the
    // frames the header counts as flagged. Unreadable frames are errors, with a choice of their own.
    if (flag === 'flagged' && !frameNeedsLook(card.activeFlags)) return false;
    if (flag === 'errors' && !card.error) return false;
    if (isStatusFilter(flag)) {
      if (!matchesStatus(card, flag)) return false;
    } else if (flag !== 'all' && flag !== 'flagged' && flag !== 'errors' && !card.activeFlags.some((f) => f.kind === flag)) return false;
    if (words.length === 0) return true;
    const haystack = `${card.shot} ${card.name} ${card.sceneName} ${card.caption ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** The header's counts: exactly the frames "Flagged only" and "Errors" list. */
export function boardCounts(cards: readonly FrameCardData[]): { flagged: number; errors: number } {
  return { flagged: countFlags(cards.map((c) => c.flags)).flaggedFrames, errors: countErrorFrames(cards) };
}

/** "3 flagged · 2 errors": errors only when there are some, flagged only once the board is analysed (null before). */
export function describeBoardCounts(flagged: number | null, errors: number): string {
  const parts = [flagged === null ? '' : `${flagged} flagged`, errors > 0 ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : ''];
  return parts.filter(Boolean).join(' \u00b7 ');
}

/** The view's notices about the folder and its settings: a rebuilt database is not one (it is told as a message). */
export function folderNotices(notices: readonly AppErrorData[]): AppErrorData[] {
  return notices.filter((n) => !isStoreNotice(n));
}

/**
 * Database notices not yet shown as a message. A view repeats them for as long as its board stays
 * open, and the notice event may have told one already: `told` holds the messages shown.
 */
export function untoldStoreNotices(notices: readonly AppErrorData[], told: ReadonlySet<string>): AppErrorData[] {
  return notices.filter((n) => isStoreNotice(n) && !told.has(n.message));
}

export function groupCards(cards: readonly FrameCardData[], sort: SortOrder): FrameGroup[] {
  if (sort === 'score') {
    // Lowest score first: the frames that need a look; unscored ones last.
    const sorted = [...cards].sort((a, b) => (a.score?.cosine ?? Infinity) - (b.score?.cosine ?? Infinity) || a.index - b.index);
    return sorted.length ? [{ id: 'by-score', title: 'All frames, lowest score first', frames: sorted }] : [];
  }
  const groups: FrameGroup[] = [];
  for (const card of cards) {
    const last = groups[groups.length - 1];
    if (last && last.id === card.sceneId) last.frames.push(card);
    else groups.push({ id: card.sceneId, title: card.sceneName, frames: [card] });
  }
  return groups;
}

export type GridRow =
  { kind: 'header'; key: string; title: string; count: number } | { kind: 'cards'; key: string; cards: FrameCardData[] };

/** The grid's rows: a header per group, then its cards `columns` to a row. */
export function gridRows(groups: readonly FrameGroup[], columns: number): GridRow[] {
  const rows: GridRow[] = [];
  const perRow = Math.max(1, columns);
  for (const group of groups) {
    rows.push({ kind: 'header', key: `h:${group.id}`, title: group.title, count: group.frames.length });
    for (let i = 0; i < group.frames.length; i += perRow) {
      rows.push({ kind: 'cards', key: `r:${group.id}:${i}`, cards: group.frames.slice(i, i + perRow) });
    }
  }
  return rows;
}

/**
 * The scroll position that shows a row of a virtualised list (the grid, the table): unchanged when
 * it is in view, else just enough to bring it in, leaving `above` pixels over it when scrolling up.
 */
export function scrollToShow(scrollTop: number, row: { top: number; height: number }, viewport: number, above: number): number {
  if (row.top < scrollTop) return Math.max(0, row.top - above);
  if (row.top + row.height > scrollTop + viewport) return row.top + row.height - viewport;
  return scrollTop;
}

/** Which rows to render for a scroll position: the visible ones plus a margin. */
export function visibleRange(
  rowTops: readonly number[],
  totalHeight: number,
  scrollTop: number,
  viewport: number,
  overscanPx = 600,
): [number, number] {
  const from = scrollTop - overscanPx;
  const to = scrollTop + viewport + overscanPx;
  let start = 0;
  let lo = 0;
  let hi = rowTops.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rowTops[mid]! <= from) {
      start = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  let end = start;
  while (end < rowTops.length && rowTops[end]! < to && rowTops[end]! < totalHeight) end++;
  return [start, Math.max(start + 1, end)];
}

/** The frame a key press moves to, in the order shown. */
export function moveSelection(order: readonly string[], current: string | null, key: string, columns: number): string | null {
  if (order.length === 0) return null;
  if (key === 'Home') return order[0]!;
  if (key === 'End') return order[order.length - 1]!;
  const at = current ? order.indexOf(current) : -1;
  if (at < 0) return order[0]!;
  const step = key === 'ArrowRight' ? 1 : key === 'ArrowLeft' ? -1 : key === 'ArrowDown' ? columns : key === 'ArrowUp' ? -columns : 0;
  const next = Math.min(order.length - 1, Math.max(0, at + step));
  return order[next]!;
}

/** "1 min 20 s left" for the progress bar. */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '';
  if (seconds < 1) return 'almost done';
  const s = Math.round(seconds);
  return s < 60 ? `${s} s left` : `${Math.floor(s / 60)} min ${s % 60} s left`;
}
