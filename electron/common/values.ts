// The few run-time values of the API that every side needs (the main process validates IPC with
// them, the engine orders flags by them). No imports but types: safe for any bundle.
import type { ExportFormat, FlagKind, PdfFramesPerPage, ProviderChoice, ReviewStatus } from './api.ts';

/** Every flag kind, in the order flags are listed for a frame. */
export const FLAG_KINDS = [
  'caption-drift',
  'caption-mismatch',
  'caption-swap',
  'style-drift',
  'style-prompt',
  'palette-drift',
  'continuity',
  'off-center',
  'time-of-day',
  'interior-exterior',
  'shot-size',
  'no-caption',
  'caption-truncated',
  'crop-loss',
  'transparency',
] as const satisfies readonly FlagKind[];

// Compile-time: the list covers the type.
type MissingKind = Exclude<FlagKind, (typeof FLAG_KINDS)[number]>;
const allKinds: MissingKind extends never ? true : MissingKind = true;
void allKinds;

export function isFlagKind(value: unknown): value is FlagKind {
  return typeof value === 'string' && (FLAG_KINDS as readonly string[]).includes(value);
}

/** Every review status, in the order menus list them. */
export const REVIEW_STATUSES = ['approved', 'needs-changes', 'redo'] as const satisfies readonly ReviewStatus[];

export function isReviewStatus(value: unknown): value is ReviewStatus {
  return typeof value === 'string' && (REVIEW_STATUSES as readonly string[]).includes(value);
}

/** The longest review comment kept: a note, not a document. */
export const REVIEW_COMMENT_MAX = 2000;

/** The shot-list export formats, in the order menus list them. */
export const EXPORT_FORMATS = ['csv', 'json', 'html', 'pdf'] as const satisfies readonly ExportFormat[];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** The PDF's frames per page, in the order the export dialog lists them. */
export const PDF_FRAMES_PER_PAGE = [1, 2, 3, 4, 6, 9] as const satisfies readonly PdfFramesPerPage[];

/** Ruled note lines under a PDF frame: at most this many. */
export const PDF_NOTE_LINES_MAX = 12;

/** A model comparison exports as a report or as data. */
export const COMPARISON_FORMATS = ['html', 'json'] as const;

export function isComparisonFormat(value: unknown): value is (typeof COMPARISON_FORMATS)[number] {
  return typeof value === 'string' && (COMPARISON_FORMATS as readonly string[]).includes(value);
}

/** Where the model may run: auto picks the best one that starts. */
export const PROVIDER_CHOICES = ['auto', 'cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const satisfies readonly ProviderChoice[];
