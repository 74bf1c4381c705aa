// The contact sheet's layouts, checked as a person would: each of 1, 2, 3, 4, 6 and 9 frames a page
// rendered by poppler (pdftoppm -r 50 into test-results/pdf-layouts/ to look at, pdftotext for the
// words), the chosen fields under each frame, note lines, flagged-only, the title page's numbers, and
// a frame the shot list does not name kept in its place.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, PdfFramesPerPage } from '../../../electron/common/api.ts';
import { flagLabel } from '../../../electron/common/flags.ts';
import { needsLook } from '../../../electron/common/flags.ts';
import { PDF_FRAMES_PER_PAGE } from '../../../electron/common/values.ts';
import { Engine } from '../../../electron/engine/engine.ts';
import { exportBoard } from '../../../electron/engine/export/index.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { poppler, SAMPLE_BOARD, scoredSampleBoard, type ScoredBoard } from './helpers.ts';

const LOOK = join(REPO_ROOT, 'test-results', 'pdf-layouts');
let board: ScoredBoard;
/** The scored sample board with a Duration column, review statuses and shot 2's flags acknowledged. */
let view: BoardView;

beforeAll(async () => {
  board = await scoredSampleBoard();
  view = structuredClone(board.view);
  view.board.manifest = {
    ...view.board.manifest!,
    columns: [...view.board.manifest!.columns, 'Duration'],
    extraColumns: ['lens', 'Duration'],
  };
  view.board.frames.forEach((f, i) => f.extra.push({ name: 'Duration', value: i % 2 ? '48f' : '2.5' }));
  const [a, b, c] = view.board.frames;
  view.reviews = {
    [a!.id]: { frameId: a!.id, status: 'approved', comment: '' },
    [b!.id]: { frameId: b!.id, status: 'redo', comment: 'horse is missing' },
    [c!.id]: { frameId: c!.id, status: 'needs-changes', comment: 'tighter' },
  };
  rmSync(LOOK, { recursive: true, force: true });
  mkdirSync(LOOK, { recursive: true });
});

afterAll(() => board.cleanup());

async function sheet(
  name: string,
  pdf: NonNullable<Parameters<typeof exportBoard>[2]>['choices'],
): Promise<{ pages: string[]; file: string }> {
  const file = join(board.outDir, `${name}.pdf`);
  await exportBoard(view, file, { now: new Date(2025, 5, 1, 9, 30), ...(pdf && { choices: pdf }) });
  const text = poppler('pdftotext', ['-layout', file, '-']);
  return { pages: text.split('\f').filter((p) => p.trim() !== ''), file };
}

/** The shots a page prints, in order. */
const shotsOn = (page: string) => [...page.matchAll(/Shot (\w+)\s+(?:[\u2212-]?\d\.\d{3}|not scored)/g)].map((m) => m[1]!);

describe('PDF layouts', () => {
  it.each(PDF_FRAMES_PER_PAGE.map((n) => [n]))(
    '%i frames a page: the title page, then every frame in order, that many a page',
    async (n) => {
      const { pages, file } = await sheet(`up-${n}`, { pdf: { framesPerPage: n as PdfFramesPerPage } });
      const framePages = Math.ceil(16 / n);
      expect(poppler('pdfinfo', [file])).toMatch(new RegExp(`^Pages:\\s+${1 + framePages}$`, 'm'));
      expect(pages).toHaveLength(1 + framePages);
      expect(pages[0]).toContain('Contact sheet');
      const shots = pages.slice(1).map(shotsOn);
      for (const [i, onPage] of shots.entries()) expect(onPage, `page ${i + 2}`).toHaveLength(Math.min(n, 16 - i * n));
      expect(shots.flat()).toEqual(view.board.frames.map((f) => f.shot.label));
      pages.forEach((p, i) => {
        expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
        expect(p).toContain('sample-board');
      });
      poppler('pdftoppm', ['-r', '50', '-png', file, join(LOOK, `up-${n}`)]);
      // The first frame page is not blank: thumbnails and text put dark pixels on it.
      const png = join(LOOK, `up-${n}-${String(2).padStart(String(pages.length).length, '0')}.png`);
      const stats = await sharp(png).stats();
      expect(stats.channels[0]!.min).toBeLessThan(80);
    },
  );

  it("prints the board's numbers on the title page: frames, scenes, running time, flagged, reviews, model", async () => {
    const { pages } = await sheet('title', {});
    const title = pages[0]!;
    expect(title).toMatch(/Frames\s+16/);
    expect(title).toMatch(/Scenes\s+2/);
    // Eight frames of 2.5 s and eight of 48 frames at 24 fps: 36 s.
    expect(title).toMatch(/Running time\s+0:36 \(Duration column\)/);
    expect(title).toMatch(new RegExp(`Flagged\\s+${board.view.analysis!.flaggedFrames} frames?`));
    expect(title).toMatch(/Review\s+Approved 1 · Needs changes 1 · Redo 1/);
    expect(title).toContain(view.model!.id);
    expect(title).toMatch(/Pages\s+6 frames a page/);
  });

  it("prints the manifest's columns, the flags with their reasons and the review under each frame", async () => {
    const { pages } = await sheet('fields', { pdf: { framesPerPage: 1, titlePage: false } });
    expect(pages).toHaveLength(16);
    const lens = board.lenses.get('1')!;
    expect(pages[0]).toMatch(new RegExp(`lens ${lens}\\s+Duration 2\\.5`));
    expect(pages[0]).toMatch(/Approved/);
    expect(pages[1]).toMatch(/Redo\s+horse is missing/);
    const flagged = view.analysis!.frames.findIndex((a) => a.flags.some(needsLook));
    const flag = view.analysis!.frames[flagged]!.flags.find(needsLook)!;
    const page = pages[flagged]!.replace(/\s+/g, ' ');
    expect(page).toContain(`${flagLabel(flag.kind)}: ${flag.reason.slice(0, 30)}`);
  });

  it('prints only the chosen fields, in their order, and no title page when asked', async () => {
    const { pages } = await sheet('chosen', { pdf: { framesPerPage: 4, fields: ['column:lens', 'caption'], titlePage: false } });
    expect(pages).toHaveLength(4);
    expect(pages[0]).not.toContain('Contact sheet ');
    const first = pages[0]!.replace(/\s+/g, ' ');
    expect(first).toContain('lens 24mm');
    expect(first).not.toMatch(/Approved|CLIPScore/);
    await expect(
      exportBoard(view, join(board.outDir, 'bad.pdf'), { choices: { pdf: { fields: ['column:Aperture'] } } }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('"Aperture"'),
    });
  });

  it('prints flagged frames only, still in story order', async () => {
    const { pages } = await sheet('flagged', { pdf: { framesPerPage: 9, flaggedOnly: true, noteLines: 3 } });
    const flagged = view.analysis!.frames.filter((a) => a.flags.some(needsLook)).map((a) => a.shot);
    expect(flagged.length).toBeGreaterThan(0);
    expect(pages.slice(1).flatMap(shotsOn)).toEqual(flagged);
    expect(pages[0]).toMatch(/flagged frames only/);
  });

  it('draws ruled note lines under each frame', async () => {
    const lined = await sheet('notes', { pdf: { framesPerPage: 4, noteLines: 4, titlePage: false } });
    const plain = await sheet('no-notes', { pdf: { framesPerPage: 4, titlePage: false } });
    poppler('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', lined.file, join(LOOK, 'notes')]);
    poppler('pdftoppm', ['-r', '50', '-png', '-f', '1', '-l', '1', plain.file, join(LOOK, 'no-notes')]);
    // Each ruled line is a row of light grey across the cell: count rows that are mostly not white in the bottom strip.
    const ruledRows = async (png: string) => {
      const { data, info } = await sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
      let rows = 0;
      for (let y = 0; y < info.height; y++) {
        let grey = 0;
        for (let x = 0; x < info.width / 2; x++) if (data[y * info.width + x]! < 235 && data[y * info.width + x]! > 120) grey++;
        if (grey > info.width * 0.35) rows++;
      }
      return rows;
    };
    expect(await ruledRows(join(LOOK, 'notes-1.png'))).toBeGreaterThan((await ruledRows(join(LOOK, 'no-notes-1.png'))) + 4);
  });
});

describe('a frame the shot list does not name', () => {
  it('stays in story order on the same page as its neighbours', async () => {
    const folder = join(tempFolder('frameproof-pdf-missing-'), 'board');
    cpSync(SAMPLE_BOARD, folder, { recursive: true });
    const csv = join(folder, 'shots.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(/^12,.*\n/m, ''));
    const engine = new Engine({
      dataDir: tempFolder('frameproof-pdf-missing-data-'),
      model: await ensureTestModel('tiny'),
      provider: 'cpu',
    });
    try {
      const opened = await engine.openBoard(folder);
      const names = opened.board.frames.map((f) => f.shot.label);
      const at = opened.board.frames.findIndex((f) => f.id === 'scene-2-kitchen/shot04.png');
      expect(at).toBe(15);
      const file = join(folder, '..', 'missing.pdf');
      await exportBoard(opened, file, { choices: { pdf: { framesPerPage: 6, titlePage: false } } });
      const pages = poppler('pdftotext', ['-layout', file, '-'])
        .split('\f')
        .filter((p) => p.trim());
      // The board puts the unlisted frame after the listed ones; the sheet keeps that order and
      // fills the grid on with it (it used to get a page of its own).
      expect(pages).toHaveLength(3);
      expect(pages.flatMap(shotsOn)).toEqual(names);
      expect(shotsOn(pages[2]!)).toEqual(names.slice(12));
      expect(shotsOn(pages[2]!)).toContain(opened.board.frames[at]!.shot.label);
      poppler('pdftoppm', ['-r', '50', '-png', file, join(LOOK, 'missing')]);
    } finally {
      await engine.close();
    }
  });
});
