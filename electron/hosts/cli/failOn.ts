// `--fail-on`: which of the board's findings fail a pipeline run. It reads the analysis as every
// other output does (common/flags.ts), so a kind switched to info or off on the board fails nothing,
// and the run says so rather than passing silently.
import type { BoardView, FlagKind, FlagLevel, ReviewStatus } from '../../common/api.ts';
import { didYouMean } from '../../common/flagLevels.ts';
import { activeFlags, flagLabel } from '../../common/flags.ts';
import { reviewStatusLabel } from '../../common/review.ts';
import { FLAG_KINDS, isFlagKind, isReviewStatus, REVIEW_STATUSES } from '../../common/values.ts';
import { usageError } from './args.ts';
import { plural, type BoardTrouble } from './problems.ts';

/** --fail-on's words next to the flag kinds. */
const WORDS = {
  /** Unreadable frames and board problems. */
  error: 'error',
  /** Any flag that needs a look (what the summary counts as flagged). */
  warning: 'warning',
  /** Any flag at all, notes too. */
  any: 'any',
} as const;

/** --fail-on status:redo: a frame with that review status fails the run. */
const STATUS_PREFIX = 'status:';

export const FAIL_ON_CHOICES: readonly string[] = [
  ...Object.values(WORDS),
  ...FLAG_KINDS,
  ...REVIEW_STATUSES.map((s) => `${STATUS_PREFIX}${s}`),
];

export interface FailOn {
  kinds: FlagKind[];
  errors: boolean;
  warnings: boolean;
  any: boolean;
  statuses: ReviewStatus[];
}

export function parseFailOn(values: readonly string[]): FailOn {
  const words = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  const unknown = words.filter((w) => !FAIL_ON_CHOICES.includes(w));
  if (unknown.length > 0) {
    const hints = unknown.map((w) => `"${w}"${didYouMean(w, FAIL_ON_CHOICES).replace(/^ Did you mean (.*)\?$/, ' (did you mean $1?)')}`);
    throw usageError(`Unknown flag ${hints.join(', ')} in --fail-on. Should be one of: ${FAIL_ON_CHOICES.join(', ')}.`);
  }
  return {
    kinds: words.filter(isFlagKind),
    errors: words.includes(WORDS.error),
    warnings: words.includes(WORDS.warning),
    any: words.includes(WORDS.any),
    statuses: words
      .filter((w) => w.startsWith(STATUS_PREFIX))
      .map((w) => w.slice(STATUS_PREFIX.length))
      .filter(isReviewStatus),
  };
}

/** Kinds asked for that cannot fail this run because the board (or --flag) turned them down. */
export function quietKindNotes(failOn: FailOn, levels: Readonly<Record<FlagKind, FlagLevel>>): string[] {
  return failOn.kinds
    .filter((k) => levels[k] !== 'warning')
    .map(
      (k) =>
        `--fail-on ${k} cannot fail this run: ${flagLabel(k)} is ${levels[k] === 'off' ? 'off' : 'a note (info)'} on this board; --flag ${k}=warning makes it count.`,
    );
}

/** Why --fail-on fails this run, if it does. */
export function failures(view: BoardView, failOn: FailOn, trouble: BoardTrouble): string[] {
  const a = view.analysis;
  const reasons = failOn.kinds.filter((kind) => (a?.flagCounts[kind] ?? 0) > 0).map((k) => `${a!.flagCounts[k]} × ${flagLabel(k)} (${k})`);
  if (failOn.warnings && (a?.flaggedFrames ?? 0) > 0) reasons.push(`${plural(a!.flaggedFrames, 'flagged frame')} (warning)`);
  if (failOn.any) {
    const active = a ? a.frames.reduce((n, f) => n + activeFlags(f.flags).length, 0) : 0;
    if (active > 0) reasons.push(`${plural(active, 'flag')}, notes included (any)`);
  }
  if (failOn.errors && trouble.unreadableFrames > 0) reasons.push(plural(trouble.unreadableFrames, 'unreadable frame'));
  if (failOn.errors && trouble.problems > 0) reasons.push(plural(trouble.problems, 'board problem'));
  const reviews = Object.values(view.reviews);
  for (const status of failOn.statuses) {
    const count = reviews.filter((r) => r.status === status).length;
    if (count > 0) reasons.push(`${plural(count, 'frame')} with the status ${reviewStatusLabel(status)} (${STATUS_PREFIX}${status})`);
  }
  return reasons;
}
