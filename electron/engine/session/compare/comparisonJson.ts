// The comparison for scripts: the ModelComparison as it is, under a format name and version.
// `formatVersion` changes when a field changes meaning or goes away; new fields may appear
// without a new version.
import type { ModelComparison } from '../../../common/api.ts';

export const COMPARISON_JSON_FORMAT = 'frameproof-model-comparison';
export const COMPARISON_JSON_VERSION = 1;

export function comparisonDocument(comparison: ModelComparison, exportedAt: Date): unknown {
  return { format: COMPARISON_JSON_FORMAT, formatVersion: COMPARISON_JSON_VERSION, exportedAt: exportedAt.toISOString(), ...comparison };
}

export function renderComparisonJson(comparison: ModelComparison, exportedAt: Date): string {
  return `${JSON.stringify(comparisonDocument(comparison, exportedAt), null, 2)}\n`;
}
