// better-sqlite3, loaded with the first database opened rather than when the engine is imported.
import type Database from 'better-sqlite3';
import { lazyPackage } from '../../platform/lazyPackage.ts';

export const sqliteLibrary = lazyPackage<typeof Database>('better-sqlite3');
