// A store notice (the cache database rebuilt on its own) as every host shows it: error data with
// a code of its own, so it travels in BoardView.notices and AppNotice.error like any other, and
// each host can tell it from a problem with the board folder (which it is not).
import type { AppErrorCode, AppErrorData, StoreNotice } from './api.ts';

const CODES = {
  'moved-aside': 'DATABASE_MOVED_ASIDE',
  reopened: 'DATABASE_REPLACED',
} as const satisfies Record<StoreNotice['kind'], AppErrorCode>;

const STORE_NOTICE_CODES: ReadonlySet<string> = new Set(Object.values(CODES));

export function storeNoticeData(notice: StoreNotice): AppErrorData {
  return { code: CODES[notice.kind], message: notice.message, file: notice.file };
}

/** The database was rebuilt or replaced: worth telling, but nothing about the board folder. */
export function isStoreNotice(data: Pick<AppErrorData, 'code'>): boolean {
  return STORE_NOTICE_CODES.has(data.code);
}
