// Comparing models on one board: what the rest of the engine and the hosts (through service.ts) use.
export { compareModels, type CompareOptions } from './compareModels.ts';
export { COMPARISON_JSON_FORMAT, COMPARISON_JSON_VERSION, comparisonDocument } from './comparisonJson.ts';
export { comparisonFormatFor, exportComparison, type ComparisonExportFormat, type ComparisonExportOptions } from './exportComparison.ts';
export { formatDeltaMiB, formatRate, formatRecall, formatRho, MEASURES, modelKey } from './labels.ts';
export { averageRanks, pearson, spearman } from './rankCorrelation.ts';
export { recallSummary, retrievalRanks, type RetrievalRanks } from './retrieval.ts';
export { flagDisagreements } from './disagreements.ts';
export { DEFAULT_SPEED_FRAME_LIMIT } from './speed.ts';
