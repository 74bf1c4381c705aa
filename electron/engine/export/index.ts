// The export folder's public API: the scored shot list as CSV, JSON, an HTML report or a PDF
// contact sheet.
export { exportBoard, exportFormatFor, type ExportOptions } from './exportBoard.ts';
export { CSV_COLUMNS } from './csv.ts';
export { JSON_FORMAT, JSON_FORMAT_VERSION } from './json.ts';
export { DEFAULT_PDF_FONTS, type PdfFontFiles } from './pdfFonts.ts';
export { THUMBNAIL_WIDTH_PX, type ThumbnailMaker } from './thumbnails.ts';
export { flagLabel, formatDateTime } from './exportModel.ts';
export { documentHead, escapeHtml } from './markup.ts';
export { REPORT_BASE_CSS } from './htmlStyle.ts';
export { formatFromExtension } from './formatFromExtension.ts';
export { writeExportFile } from './writeExport.ts';
