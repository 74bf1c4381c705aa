// A shot list goes out and comes back: a board whose shots.csv has its own columns (Description for
// the caption, Shot Size, Lens, Duration, Notes, in the person's order) is exported as CSV, the file
// is edited as a spreadsheet would (a caption, a status, a comment), written as the shots.csv of a
// copy of the board, opened, and exported again: every column of the person's survives under its
// name and in its order, Frameproof's are recognised (never repeated as the person's own), and the
// edits read back. A frame missing from shots.csv stays in story order.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../../electron/common/api.ts';
import { Engine } from '../../../electron/engine/engine.ts';
import { encodeCsvField, parseCsv } from '../../../electron/engine/board/csv.ts';
import { CSV_COLUMNS, exportBoard } from '../../../electron/engine/export/index.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { SAMPLE_BOARD } from './helpers.ts';

const SHEET = ['Shot', 'File', 'Description', 'Shot Size', 'Lens', 'Duration', 'Notes'];
const MISSING = 'scene-2-kitchen/shot04.png';

/** The sample board with the person's own shots.csv; shot 12's frame is not listed in it. */
function sheetBoard(): string {
  const board = join(tempFolder('frameproof-roundtrip-'), 'board');
  cpSync(SAMPLE_BOARD, board, { recursive: true });
  const [, ...rows] = parseCsv(readFileSync(join(board, 'shots.csv'), 'utf8'), ',').records.map((r) => r.fields.map((f) => f.value));
  const lines = [SHEET.join(',')];
  for (const [shot, , file, caption, lens] of rows) {
    if (!file || file === MISSING) continue;
    const size = Number(shot) % 2 ? 'Wide' : 'Close-up';
    lines.push([shot!, file, caption!, size, lens!, '2.5', `note ${shot}`].map((v) => encodeCsvField(v, ',', false)).join(','));
  }
  writeFileSync(join(board, 'shots.csv'), `${lines.join('\r\n')}\r\n`);
  return board;
}

function table(text: string): string[][] {
  return parseCsv(text.replace(/^\uFEFF/, ''), ',')
    .records.map((r) => r.fields.map((f) => f.value))
    .filter((r) => !(r.length === 1 && r[0] === ''));
}

let model: string;
let engine: Engine;
const roots: string[] = [];
beforeAll(async () => {
  model = await ensureTestModel('tiny');
});
afterAll(async () => {
  await engine?.close();
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

async function open(board: string): Promise<BoardView> {
  await engine?.close();
  engine = new Engine({ dataDir: tempFolder('frameproof-roundtrip-data-'), model, provider: 'cpu' });
  return engine.openBoard(board);
}

async function exportCsv(view: BoardView): Promise<string> {
  const file = join(tempFolder('frameproof-roundtrip-out-'), 'shots.csv');
  await exportBoard(view, file);
  return readFileSync(file, 'utf8');
}

describe('CSV round trip', () => {
  it("keeps the person's columns, reads Frameproof's back, and exports the same columns again", async () => {
    const board = sheetBoard();
    await open(board);
    await engine.scoreBoard();
    const reviewed = await engine.setReview(['scene-1-desert/shot02.png'], { status: 'approved', comment: 'good' });
    const first = await exportCsv(reviewed);
    const rows = table(first);
    const header = rows[0]!;
    // The sheet's own columns as written, then Frameproof's, each with the prefix.
    expect(header.slice(0, SHEET.length)).toEqual(SHEET);
    // The sheet has no scene column: Frameproof's scene column joins it, unprefixed, so it reads back.
    expect(header.slice(SHEET.length)).toEqual(['scene', ...CSV_COLUMNS]);
    // The frame shots.csv does not list keeps its place in story order, its own cells empty.
    const col = (name: string) => header.indexOf(name);
    const files = rows.slice(1).map((r) => r[col('File')]);
    expect(files).toEqual(reviewed.board.frames.map((f) => f.id));
    const missing = rows.find((r) => r[col('File')] === MISSING)!;
    expect(missing[col('Lens')]).toBe('');
    expect(rows.find((r) => r[col('File')] === 'scene-1-desert/shot02.png')![col('Frameproof: status')]).toBe('Approved');

    // The spreadsheet edit: a new caption for shot 3, a status and comment for shot 4.
    const edited = rows.map((r) => [...r]);
    const row3 = edited.find((r) => r[col('Shot')] === '3')!;
    row3[col('Description')] = 'A rider in a red scarf, close.';
    const row4 = edited.find((r) => r[col('Shot')] === '4')!;
    row4[col('Frameproof: status')] = 'Needs changes';
    row4[col('Frameproof: comment')] = 'hand too small';
    const text = edited.map((r) => r.map((v) => encodeCsvField(v, ',', false)).join(',')).join('\r\n');

    const copy = join(tempFolder('frameproof-roundtrip-copy-'), 'board');
    cpSync(board, copy, { recursive: true });
    rmSync(join(copy, 'frameproof.json'));
    writeFileSync(join(copy, 'shots.csv'), `\uFEFF${text}\r\n`);
    const reopened = await open(copy);
    const manifest = reopened.board.manifest!;
    expect(manifest.extraColumns).toEqual(['Shot Size', 'Lens', 'Duration', 'Notes']);
    expect(manifest.frameproofColumns).toEqual(CSV_COLUMNS);
    expect(manifest.roles).toEqual({ file: 'File', caption: 'Description', shot: 'Shot', scene: 'scene' });
    const frame3 = reopened.board.frames.find((f) => f.shot.label === '3')!;
    expect(frame3.caption).toBe('A rider in a red scarf, close.');
    expect(frame3.extra.map((e) => e.name)).toEqual(['Shot Size', 'Lens', 'Duration', 'Notes']);
    // The statuses the sheet holds are the board's reviews now (it has no frameproof.json of its own).
    expect(reopened.reviews['scene-1-desert/shot04.png']).toEqual({
      frameId: 'scene-1-desert/shot04.png',
      status: 'needs-changes',
      comment: 'hand too small',
    });
    expect(reopened.reviews['scene-1-desert/shot02.png']?.status).toBe('approved');

    const second = table(await exportCsv(reopened));
    expect(second[0]).toEqual(header);
    const again = (shot: string) => second.find((r) => r[col('Shot')] === shot)!;
    expect(again('4')[col('Frameproof: status')]).toBe('Needs changes');
    expect(again('3')[col('Description')]).toBe('A rider in a red scarf, close.');
    // Every cell of the person's own columns is as the edited sheet had it.
    for (const r of edited.slice(1)) {
      const out = second.find((o) => o[col('File')] === r[col('File')])!;
      expect(out.slice(0, SHEET.length)).toEqual(r.slice(0, SHEET.length));
    }
  });

  it("keeps the board's saved status over a different one in the sheet, and says so", async () => {
    const board = sheetBoard();
    await open(board);
    const view = await engine.setReview(['scene-1-desert/shot01.png'], { status: 'redo' });
    const rows = table(await exportCsv(view));
    const col = (name: string) => rows[0]!.indexOf(name);
    rows.find((r) => r[col('Shot')] === '1')![col('Frameproof: status')] = 'approved';
    rows.find((r) => r[col('Shot')] === '2')![col('Frameproof: status')] = 'finished';
    writeFileSync(join(board, 'shots.csv'), rows.map((r) => r.map((v) => encodeCsvField(v, ',', false)).join(',')).join('\n'));
    await open(board);
    const scored = await engine.scoreBoard();
    expect(scored.reviews['scene-1-desert/shot01.png']?.status).toBe('redo');
    expect(scored.analysis!.notes.join(' ')).toMatch(/shots\.csv holds another review .*shot 1 \("Approved" there, "Redo" kept\)/);
    // A cell that names no status is a problem with the row, and reads as none.
    expect(scored.board.problems.map((p) => p.message).join(' ')).toMatch(/status "finished", which is not a review status/);
    expect(scored.reviews['scene-1-desert/shot02.png']).toBeUndefined();
  });
});
