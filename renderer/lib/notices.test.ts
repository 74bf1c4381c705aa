import { describe, expect, it } from 'vitest';
import { MAX_NOTICES, NOTICE_TIMEOUT_MS, noticeRole, withNotice, type ShownNotice } from './notices.ts';

describe('notices', () => {
  it('lets info and success go on their own and keeps errors', () => {
    expect(NOTICE_TIMEOUT_MS.info).toBeGreaterThan(0);
    expect(NOTICE_TIMEOUT_MS.success).toBeGreaterThan(0);
    expect(NOTICE_TIMEOUT_MS.error).toBeNull();
    expect(noticeRole('error')).toBe('alert');
    expect(noticeRole('success')).toBe('status');
  });

  it('folds a repeated message into one notice with a count', () => {
    let list: ShownNotice[] = [];
    list = withNotice(list, { level: 'info', message: 'Saved.' }, 1);
    list = withNotice(list, { level: 'warning', message: 'GPU unavailable.' }, 2);
    list = withNotice(list, { level: 'info', message: 'Saved.' }, 3);
    expect(list.map((n) => [n.id, n.message, n.count])).toEqual([
      [2, 'GPU unavailable.', 1],
      [3, 'Saved.', 2],
    ]);
  });

  it('shows at most a few, dropping the oldest that is not an error', () => {
    let list: ShownNotice[] = [];
    list = withNotice(list, { level: 'error', message: 'e1' }, 1);
    for (let i = 2; i <= 6; i++) list = withNotice(list, { level: 'info', message: `i${i}` }, i);
    expect(list).toHaveLength(MAX_NOTICES);
    expect(list.map((n) => n.message)).toEqual(['e1', 'i5', 'i6']);
    for (let i = 7; i <= 10; i++) list = withNotice(list, { level: 'error', message: `e${i}` }, i);
    expect(list.map((n) => n.message)).toEqual(['e8', 'e9', 'e10']);
  });
});
