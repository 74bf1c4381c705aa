// Export: the scored shot list (engine/export)

/** csv: a spreadsheet row per frame; json: everything; html: a self-contained report; pdf: a contact sheet. */
export type ExportFormat = 'csv' | 'json' | 'html' | 'pdf';

/** What an export wrote. */
export interface ExportResult {
  /** Absolute path of the file written. */
  file: string;
  format: ExportFormat;
  sizeBytes: number;
  frameCount: number;
  /** Things the person should know: thumbnails that could not be made, characters a PDF font lacks. */
  notes: string[];
}
