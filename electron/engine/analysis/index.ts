// The drift detectors, downstream of scoring: flags from the embeddings, cosines and pixel
// statistics scoring produced. What the rest of the engine may use.
export { analyzeBoard } from './analyze.ts';
export { analysisTexts, analyzeScoredBoard, type ScoredBoard } from './fromScoring.ts';
export { captionParts, type CaptionPartSpan } from './captionParts.ts';
export { LOOK_CHECKS, LOOK_LABELS, LOOK_PROMPTS, lookPromptTexts } from './lookPrompts.ts';
export { frameStatements, headingWords } from './statements.ts';
export { captionGroups, FULL_SEARCH_MAX_PRODUCTS } from './captionMatch.ts';
export { analysisExportRow, ANALYSIS_EXPORT_COLUMNS, lookText } from './exportColumns.ts';
export { FLAG_KINDS, isFlagKind } from './flagKinds.ts';
export { offCenter, type OffCenter } from './offCenter.ts';
export { paletteDistance, summarizePalettes, type PaletteSummary } from './paletteDrift.ts';
export { MAD_TO_SIGMA, median, medianAbsoluteDeviation, MIN_SERIES_COUNT, robustSummary, robustZ, SCALE_FLOOR } from './robust.ts';
export {
  acknowledgeFlag,
  assertThresholdPatch,
  defaultAnalysisSettings,
  parseAnalysisSettings,
  parseThresholdArgs,
  SETTINGS_VERSION,
  thresholdNameOf,
  withdrawAcknowledgement,
  withReviews,
  type ReviewPatch,
  type SettingsIssue,
  type SettingsParseResult,
  type ThresholdArgsResult,
} from './settings.ts';
export { effectiveThresholds, GENERIC_THRESHOLDS, THRESHOLD_NAMES, THRESHOLD_RANGES } from './thresholds.ts';
export type { AnalysisFrame, AnalysisInput, EmbeddedText, EmbeddedTexts, LookStatement } from './types.ts';
export { boardReviews, type BoardReviews } from './reviews.ts';
