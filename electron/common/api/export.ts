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

/** Frames per PDF page: one to nine, on a grid that fills the page. */
export type PdfFramesPerPage = 1 | 2 | 3 | 4 | 6 | 9;

/** What a PDF cell prints under its frame: Frameproof's own fields, or a manifest column by name ("column:Lens"). */
export type PdfField = 'caption' | 'score' | 'flags' | 'review' | `column:${string}`;

export interface PdfLayout {
  framesPerPage: PdfFramesPerPage;
  /** In print order. */
  fields: PdfField[];
  /** Ruled lines for handwritten notes under each frame (0 for none). */
  noteLines: number;
  /** Only frames that need a look (common/flags.ts), still in story order. */
  flaggedOnly: boolean;
  /** A first page with the board's numbers: frames, scenes, running time, flagged, model. */
  titlePage: boolean;
}

/** How a shot list is exported; absent parts take their defaults. */
export interface ExportChoices {
  pdf?: Partial<PdfLayout>;
}
