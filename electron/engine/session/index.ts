// The application layer over the Engine: the app's session (one open board, models, exports) and model comparison.
export { AppSession, type AppSessionOptions } from './appSession.ts';
export {
  COMPARISON_JSON_FORMAT,
  COMPARISON_JSON_VERSION,
  MEASURES,
  compareModels,
  comparisonDocument,
  comparisonFormatFor,
  exportComparison,
  formatDeltaMiB,
  formatRate,
  formatRecall,
  formatRho,
  modelKey,
  type CompareOptions,
} from './compare/index.ts';
