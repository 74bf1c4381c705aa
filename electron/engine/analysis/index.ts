// The drift detectors: what the rest of the engine may use.
export { analyzeBoard } from './analyze.ts';
export { captionGroups, FULL_SEARCH_MAX_PRODUCTS } from './captionMatch.ts';
export { deltaE, labToHex, srgbToLab } from './colour.ts';
export { analysisExportRow, ANALYSIS_EXPORT_COLUMNS } from './exportColumns.ts';
export { FLAG_KINDS, isFlagKind } from './flagKinds.ts';
export { computePaletteStats, type PaletteOptions } from './palette.ts';
export { paletteDistance, summarizePalettes, type PaletteSummary } from './paletteDrift.ts';
export { captionForScoring, cleanPromptSyntax, type CleanedPrompt } from './promptSyntax.ts';
export { MAD_TO_SIGMA, median, medianAbsoluteDeviation, MIN_SERIES_COUNT, robustSummary, robustZ, SCALE_FLOOR } from './robust.ts';
export {
  acknowledgeFlag,
  defaultAnalysisSettings,
  parseAnalysisSettings,
  parseThresholdArgs,
  SETTINGS_VERSION,
  thresholdNameOf,
  withdrawAcknowledgement,
  type SettingsIssue,
  type SettingsParseResult,
  type ThresholdArgsResult,
} from './settings.ts';
export { effectiveThresholds, GENERIC_THRESHOLDS, THRESHOLD_NAMES, THRESHOLD_RANGES } from './thresholds.ts';
export type { AnalysisFrame, AnalysisInput } from './types.ts';
export { meanEmbedding, offCenter, planWideFrame, type OffCenter, type SquareCrop, type WideFramePlan } from './wideFrame.ts';
