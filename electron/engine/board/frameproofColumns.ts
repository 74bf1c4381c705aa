// The columns a Frameproof CSV export adds after the sheet's own, all named with one prefix, so a
// shot list exported, edited in a spreadsheet and put back as shots.csv reads as the person's
// sheet: its own columns stay theirs, ours are recognised (never carried as the person's columns,
// which would repeat them on the next export), and the review columns are read back.
import type { SheetReview } from '../../common/api.ts';
import { readReviewStatus } from '../../common/review.ts';

export const FRAMEPROOF_COLUMN_PREFIX = 'Frameproof: ';

/** "Frameproof: cosine". */
export function frameproofColumn(name: string): string {
  return `${FRAMEPROOF_COLUMN_PREFIX}${name}`;
}

export const STATUS_COLUMN = frameproofColumn('status');
export const COMMENT_COLUMN = frameproofColumn('comment');

/** A header Frameproof wrote: the prefix, in any case, spaces around the colon allowed. */
export function isFrameproofColumn(header: string): boolean {
  return /^\s*frameproof\s*:/i.test(header);
}

function plainName(header: string): string {
  return header
    .replace(/^\s*frameproof\s*:\s*/i, '')
    .trim()
    .toLowerCase();
}

export interface SheetReviewColumns {
  status: number;
  comment: number;
}

/** Where the review columns are in a header; -1 for one that is absent. */
export function sheetReviewColumns(header: readonly string[]): SheetReviewColumns {
  const at = (name: string) => header.findIndex((h) => isFrameproofColumn(h) && plainName(h) === name);
  return { status: at('status'), comment: at('comment') };
}

/** The row's review, or undefined when the sheet has no review columns; `bad` when the status cell names none. */
export function readSheetReview(
  columns: SheetReviewColumns,
  cell: (index: number) => string,
): { review: SheetReview | undefined; badStatus: string | null } {
  if (columns.status < 0 && columns.comment < 0) return { review: undefined, badStatus: null };
  const statusText = columns.status >= 0 ? cell(columns.status).trim() : '';
  const status = readReviewStatus(statusText);
  return {
    review: { status: status ?? null, comment: columns.comment >= 0 ? cell(columns.comment).trim() : '' },
    badStatus: status === undefined ? statusText : null,
  };
}
