// The review vocabulary: what each status reads as, and reading one back from a person's text
// (a spreadsheet cell says "Needs changes" as often as "needs-changes"). Every output names
// statuses through this module.
import type { ReviewStatus } from './api.ts';
import { REVIEW_STATUSES } from './values.ts';

export const REVIEW_STATUS_LABELS: Readonly<Record<ReviewStatus, string>> = {
  approved: 'Approved',
  'needs-changes': 'Needs changes',
  redo: 'Redo',
};

export function reviewStatusLabel(status: ReviewStatus): string {
  return REVIEW_STATUS_LABELS[status];
}

/**
 * The status a cell names, by value or label, ignoring case, spaces, '-' and '_'; null for an
 * empty cell; undefined when the text names no status.
 */
export function readReviewStatus(text: string): ReviewStatus | null | undefined {
  const plain = text.replace(/[-_\s]/g, '').toLowerCase();
  if (plain === '') return null;
  return REVIEW_STATUSES.find((s) => s.replace('-', '') === plain || REVIEW_STATUS_LABELS[s].replace(/\s/g, '').toLowerCase() === plain);
}

/** Frames per status, in REVIEW_STATUSES order, statuses no frame has left out: what every output's status count shows. */
export function countReviews(reviews: Iterable<{ status: ReviewStatus | null } | null | undefined>): [ReviewStatus, number][] {
  const counts = new Map<ReviewStatus, number>();
  for (const review of reviews) if (review?.status) counts.set(review.status, (counts.get(review.status) ?? 0) + 1);
  return REVIEW_STATUSES.flatMap((s): [ReviewStatus, number][] => (counts.get(s) ? [[s, counts.get(s)!]] : []));
}

/** "Redo 1, Approved 3": the status count as words; '' when no frame has a status. */
export function describeReviewCounts(reviews: Iterable<{ status: ReviewStatus | null } | null | undefined>, separator = ', '): string {
  return countReviews(reviews)
    .map(([status, n]) => `${reviewStatusLabel(status)} ${n}`)
    .join(separator);
}
