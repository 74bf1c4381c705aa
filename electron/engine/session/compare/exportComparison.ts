// Writing a comparison: HTML (the report) or JSON (for scripts), chosen by the file's extension,
// built in memory and written atomically like the board's exports.
import { resolve } from 'node:path';
import type { ExportResult, ModelComparison } from '../../../common/api.ts';
import { formatFromExtension } from '../../export/index.ts';
import { writeExportFile } from '../../export/index.ts';
import type { Fs } from '../../../platform/atomicWrite.ts';
import { renderComparisonHtml } from './comparisonHtml.ts';
import { renderComparisonJson } from './comparisonJson.ts';

export type ComparisonExportFormat = 'html' | 'json';

const EXTENSIONS: Readonly<Record<string, ComparisonExportFormat>> = { '.html': 'html', '.htm': 'html', '.json': 'json' };

export interface ComparisonExportOptions {
  /** The date the export states; default: now. */
  now?: Date;
  /** The file-system calls the write makes (tests make them fail). */
  fs?: Fs;
}

export function comparisonFormatFor(file: string): ComparisonExportFormat {
  return formatFromExtension(
    file,
    EXTENSIONS,
    'A model comparison cannot be exported with',
    'End the file name with .html (a report) or .json (everything, for scripts).',
  );
}

export async function exportComparison(
  comparison: ModelComparison,
  file: string,
  options: ComparisonExportOptions = {},
): Promise<ExportResult> {
  const target = resolve(file);
  const format = comparisonFormatFor(target);
  const now = options.now ?? new Date();
  const text = format === 'html' ? renderComparisonHtml(comparison, now) : renderComparisonJson(comparison, now);
  const sizeBytes = await writeExportFile(target, [Buffer.from(text, 'utf8')], options.fs);
  return { file: target, format, sizeBytes, frameCount: comparison.frames.length, notes: [] };
}
