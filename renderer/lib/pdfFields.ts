// The fields a PDF cell may print under its frame, for the export dialog's checklist: Frameproof's
// own and the sheet's columns Frameproof does not read (the engine's printableColumns, from the
// manifest the view carries), in the order the contact sheet prints them by default.
import type { ManifestInfo, PdfField } from '../../electron/common/api.ts';

export interface PdfFieldChoice {
  field: PdfField;
  label: string;
}

/** The sheet's own columns: every column but the ones Frameproof reads (file, caption, shot, scene) and its own export columns. */
export function printableColumns(manifest: ManifestInfo | undefined): string[] {
  if (!manifest) return [];
  const read = new Set(Object.values(manifest.roles ?? {}).filter((c): c is string => c !== null));
  const own = new Set(manifest.frameproofColumns ?? []);
  return [...new Set(manifest.columns.filter((c) => !read.has(c) && !own.has(c) && c.trim() !== ''))];
}

/** Score, caption, the sheet's columns, flag reasons, review: the engine's default order (pdfLayout.ts). */
export function pdfFieldChoices(manifest: ManifestInfo | undefined): PdfFieldChoice[] {
  return [
    { field: 'score', label: 'Score' },
    { field: 'caption', label: 'Caption' },
    ...printableColumns(manifest).map((c): PdfFieldChoice => ({ field: `column:${c}`, label: c })),
    { field: 'flags', label: 'Flag reasons' },
    { field: 'review', label: 'Review status' },
  ];
}
