// The one typed API between the engine and its hosts (Electron renderer, web host, CLI).
// Type-only: nothing here exists at run time. One file per area in api/, re-exported here so
// every side imports from one place.
export type * from './api/core.ts';
export type * from './api/board.ts';
export type * from './api/models.ts';
export type * from './api/analysis.ts';
export type * from './api/scoring.ts';
export type * from './api/app.ts';
export type * from './api/export.ts';
export type * from './api/compare.ts';
