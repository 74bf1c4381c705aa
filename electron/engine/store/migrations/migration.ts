// One schema step. Signal-Desktop's pattern: numbers never shift, a dropped step stays as a no-op.
import type { Database } from 'better-sqlite3';

export interface Migration {
  /** The user_version this step brings the database to. */
  version: number;
  /** Runs inside the runner's transaction; must not set user_version itself. */
  up(db: Database): void;
}

/** 'FPRF': marks the file as Frameproof's, so a foreign SQLite file is told apart from ours. */
export const APPLICATION_ID = 0x46505246;
