// The notice area's rules: how long each severity stays, how many show at once, and that the same
// message twice is one notice, not two. The state class (state/app.svelte.ts) runs the timers.
import type { AppNotice, NoticeLevel } from '../../electron/common/api.ts';

export interface ShownNotice extends AppNotice {
  id: number;
  /** How many times the same message arrived while it was shown. */
  count: number;
}

/** Info and success go on their own; a warning stays longer; an error stays until dismissed. */
export const NOTICE_TIMEOUT_MS: Record<NoticeLevel, number | null> = { info: 6000, success: 6000, warning: 12000, error: null };

/** At most this many at once: the area never grows over the board. */
export const MAX_NOTICES = 3;

/** The list after `notice` arrives: a repeat moves to the end with its count raised; past the cap, the oldest non-error goes first. */
export function withNotice(list: readonly ShownNotice[], notice: AppNotice, id: number): ShownNotice[] {
  const same = list.find((n) => n.level === notice.level && n.message === notice.message);
  const next = same
    ? [...list.filter((n) => n !== same), { ...same, ...notice, id, count: same.count + 1 }]
    : [...list, { ...notice, id, count: 1 }];
  while (next.length > MAX_NOTICES) {
    const drop = next.findIndex((n) => n.level !== 'error');
    next.splice(drop >= 0 ? drop : 0, 1);
  }
  return next;
}

/** Screen readers: errors interrupt (role alert), the rest wait their turn (role status). */
export function noticeRole(level: NoticeLevel): 'alert' | 'status' {
  return level === 'error' ? 'alert' : 'status';
}
