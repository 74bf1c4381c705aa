// The contact sheet, checked the way a person would see it: rendered by poppler (pdftoppm to PNG,
// pdftotext for the words). Needs poppler-utils.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult, FlagKind } from '../../../electron/common/api.ts';
import { flagLabel } from '../../../electron/common/flags.ts';
import { DEFAULT_PDF_FONTS, exportBoard } from '../../../electron/engine/export/index.ts';
import { printable } from '../../../electron/engine/export/pdfFonts.ts';
import { poppler, scoredSampleBoard, type ScoredBoard } from './helpers.ts';

let board: ScoredBoard;
let result: ExportResult;
let file: string;
let text: string;
/** A Unicode font this machine has, as the export looks for them. */
const unicodeFont = DEFAULT_PDF_FONTS.find((f) => existsSync(f.regular));

beforeAll(async () => {
  board = await scoredSampleBoard();
  file = join(board.outDir, 'contact.pdf');
  result = await exportBoard(board.view, file, { now: new Date(2025, 5, 1, 9, 30) });
  text = poppler('pdftotext', ['-layout', file, '-']);
});

afterAll(() => board.cleanup());

describe('PDF contact sheet', () => {
  it('is a PDF that renders to A4 landscape pages: the title page, then six frames a page', async () => {
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const info = poppler('pdfinfo', [file]);
    expect(info).toMatch(/^Pages:\s+4$/m);
    expect(info).toMatch(/^Page size:\s+841\.89 x 595\.28 pts \(A4\)$/m);
    poppler('pdftoppm', ['-r', '40', '-png', file, join(board.outDir, 'page')]);
    const pages = readdirSync(board.outDir)
      .filter((f) => /^page-\d+\.png$/.test(f))
      .sort();
    expect(pages).toEqual(['page-1.png', 'page-2.png', 'page-3.png', 'page-4.png']);
    // Not blank: thumbnails and text put dark pixels on the page.
    const stats = await sharp(join(board.outDir, pages[1]!)).stats();
    expect(stats.channels[0]!.min).toBeLessThan(80);
    expect(stats.channels[0]!.mean).toBeGreaterThan(150);
  });

  it('prints the board name, model, date, every shot and page numbers', () => {
    expect(text).toContain('sample-board');
    expect(text).toContain(board.view.model!.id);
    expect(text).toContain('2025-06-01 09:30');
    for (const frame of board.view.board.frames) expect(text).toMatch(new RegExp(`Shot ${frame.shot.label}\\b`));
    expect(text).toContain('Page 1 of 4');
    expect(text).toContain('Page 4 of 4');
    expect(text).toContain('Scene 1 - Desert');
    expect(text).toContain('Scene 2 - Kitchen');
  });

  it('prints scores and flag names, and "not scored" for frames without a score', () => {
    const score = board.view.scores[board.view.board.frames[0]!.id]!.score!;
    expect(text).toContain(score.cosine.toFixed(3));
    for (const kind of Object.keys(board.view.analysis!.flagCounts) as FlagKind[]) expect(text).toContain(flagLabel(kind));
    expect(text).toContain('No caption');
    expect(text).toContain('not scored');
    expect(text).toContain('Image could not be read');
  });

  it.skipIf(!unicodeFont)('embeds a Unicode font for non-Latin captions and names what it cannot show', () => {
    expect(text).toContain('Мария');
    expect(poppler('pdffonts', [file])).toMatch(/TrueType/);
    // DejaVu Sans has no CJK: then the export says so; a font with CJK prints it.
    const note = result.notes.find((n) => n.startsWith('The PDF font'));
    if (note) expect(note).toContain('東 京');
    else expect(text).toContain('東京');
  });

  it('falls back to the standard fonts, replacing what WinAnsi lacks with "?"', async () => {
    const plain = join(board.outDir, 'plain.pdf');
    const fallback = await exportBoard(board.view, plain, { pdfFonts: [] });
    const plainText = poppler('pdftotext', [plain, '-']);
    expect(plainText).toContain('Shot 11');
    expect(plainText).not.toContain('Мария');
    expect(plainText).toContain('?????, ??');
    expect(fallback.notes.some((n) => n.includes('Helvetica') && n.includes('М'))).toBe(true);
  });

  it('keeps what a font can show and simplifies the rest', () => {
    const latin1 = (cp: number) => cp < 0x100;
    const replaced = new Set<string>();
    expect(printable('café ﬁne ő 東\r\nx\ty', latin1, replaced)).toBe('café fine o ?\nx y');
    expect([...replaced]).toEqual(['東']);
    // The minus every report prints (common/units.ts) falls back to a hyphen, not to "?".
    expect(printable('z \u22122.4', latin1, replaced)).toBe('z -2.4');
    expect(printable('z \u22122.4', () => true)).toBe('z \u22122.4');
    expect([...replaced]).toEqual(['東']);
  });
});
