import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../../electron/common/api.ts';
import { analysisExportRow } from '../../../electron/engine/analysis/index.ts';
import { parseCsv } from '../../../electron/engine/board/csv.ts';
import { csvText, extraColumnNames, renderCsv } from '../../../electron/engine/export/csv.ts';
import { buildExportModel } from '../../../electron/engine/export/exportModel.ts';
import { CSV_COLUMNS, exportBoard } from '../../../electron/engine/export/index.ts';
import { NO_CAPTION_SHOT, scoredSampleBoard, TRICKY_CAPTION, UNREADABLE_SHOT, type ScoredBoard } from './helpers.ts';

let board: ScoredBoard;
let header: string[];
let rows: Map<string, Record<string, string>>;
let raw: Buffer;

function readRows(text: string): { header: string[]; rows: Map<string, Record<string, string>> } {
  const table = parseCsv(text, ',');
  const [head, ...body] = table.records.map((r) => r.fields.map((f) => f.value));
  const names = head ?? [];
  const byShot = new Map<string, Record<string, string>>();
  for (const record of body) {
    if (record.length === 1 && record[0] === '') continue; // the final line break
    expect(record).toHaveLength(names.length);
    byShot.set(record[0] ?? '', Object.fromEntries(names.map((n, i) => [n, record[i] ?? ''])));
  }
  return { header: names, rows: byShot };
}

beforeAll(async () => {
  board = await scoredSampleBoard();
  const file = join(board.outDir, 'shots.csv');
  const result = await exportBoard(board.view, file);
  expect(result).toMatchObject({ format: 'csv', frameCount: 16 });
  raw = readFileSync(file);
  expect(result.sizeBytes).toBe(raw.length);
  ({ header, rows } = readRows(raw.toString('utf8').replace(/^\uFEFF/, '')));
});

afterAll(() => board.cleanup());

describe('CSV export', () => {
  it('is UTF-8 with a BOM and CRLF line ends, so Excel reads it as UTF-8', () => {
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.toString('utf8');
    expect(text).toContain('Мария, 東京');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replaceAll('\r\n', '').includes('\r')).toBe(false);
  });

  it('has our columns, then the manifest\u2019s extra column', () => {
    expect(header).toEqual([...CSV_COLUMNS, 'lens']);
    expect(header).toEqual(
      expect.arrayContaining([
        'shot',
        'scene',
        'file',
        'caption',
        'caption_source',
        'clip_score',
        'clipscore',
        'flags',
        'notes',
        'reason',
        'best_other_shot',
        'style_similarity',
        'palette_distance',
        'model',
      ]),
    );
  });

  it('has one row per frame in story order, each with its lens', () => {
    expect([...rows.keys()]).toEqual(board.view.board.frames.map((f) => f.shot.label));
    for (const [shot, row] of rows) expect(row.lens).toBe(board.lenses.get(shot));
  });

  it('quotes a caption with commas, quotes and a line break so it reads back exactly', () => {
    expect(rows.get('11')?.caption).toBe(TRICKY_CAPTION);
    expect(raw.toString('utf8')).toContain(`"${TRICKY_CAPTION.replaceAll('"', '""')}"`);
  });

  it('writes the scores and the analysis columns of scored frames', () => {
    // A frame with a flag that needs a look (the random-weight model's flags fall where they fall).
    const flagged = board.view.analysis!.frames.find((a) => a.flags.some((f) => f.severity === 'warning' && !f.acknowledged) && a.score)!;
    const frame = board.view.board.frames.find((f) => f.id === flagged.frameId)!;
    const score = board.view.scores[frame.id]?.score;
    const analysis = board.view.analysis?.frames.find((a) => a.frameId === frame.id);
    expect(score && analysis).toBeTruthy();
    const row = rows.get(frame.shot.label)!;
    expect(Number(row.clip_score)).toBeCloseTo(score!.cosine, 4);
    expect(Number(row.clipscore)).toBeCloseTo(score!.clipScore, 2);
    const sceneName = board.view.board.scenes.find((s) => s.id === frame.sceneId)!.name;
    const shotOf = (id: string) => board.view.board.frames.find((f) => f.id === id)?.shot.label;
    const expected = analysisExportRow(analysis!, { sceneName, shotOf });
    expect(row).toMatchObject({
      flags: expected.flags,
      notes: expected.notes,
      reason: expected.reason,
      best_other_shot: expected.best_other_shot,
      style_similarity: expected.style_similarity,
      palette_distance: expected.palette_distance,
    });
    expect(row.flags).not.toBe('');
    expect(row).toMatchObject({ file: frame.id, model: board.view.model?.id });
    expect(rows.get(board.view.board.frames[0]!.shot.label)).toMatchObject({
      scene: 'Scene 1 - Desert',
      file: 'scene-1-desert/shot01.png',
      caption_source: 'shots.csv, row 1',
    });
  });

  it('leaves the score cells of unscored frames empty and says why', () => {
    const noCaption = rows.get(NO_CAPTION_SHOT)!;
    expect(noCaption).toMatchObject({ clip_score: '', clipscore: '', caption: '' });
    expect(noCaption.reason).toMatch(/no caption/i);
    const unreadable = rows.get(UNREADABLE_SHOT)!;
    expect(unreadable).toMatchObject({ clip_score: '', clipscore: '', style_similarity: '', palette_distance: '' });
    expect(unreadable.reason).toMatch(/^Not scored: .*image/);
  });

  it('says "not scored yet" for a board opened but not scored', async () => {
    const fresh = await scoredSampleBoard({ score: false });
    try {
      const { rows: unscored } = readRows(renderCsv(buildExportModel(fresh.view, new Date())).slice(1));
      expect(unscored.size).toBe(16);
      expect(unscored.get('1')).toMatchObject({
        clip_score: '',
        clipscore: '',
        flags: '',
        reason: 'Not scored yet: score the board first.',
      });
    } finally {
      fresh.cleanup();
    }
  });

  it('makes formula-like text inert and keeps numbers as they are', () => {
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvText('-- fade out')).toBe("'-- fade out");
    expect(csvText('@cmd')).toBe("'@cmd");
    expect(csvText('plain, text')).toBe('"plain, text"');
  });

  it('renames a manifest column that clashes with one of ours', () => {
    const view: BoardView = structuredClone(board.view);
    view.board.manifest = { ...view.board.manifest!, extraColumns: ['lens', 'model'] };
    for (const f of view.board.frames) f.extra = [...f.extra, { name: 'model', value: 'Arri Alexa' }];
    const model = buildExportModel(view, new Date());
    expect(extraColumnNames(model).map((e) => e.header)).toEqual(['lens', 'model (manifest)']);
    const { header: clashing, rows: clashRows } = readRows(renderCsv(model).slice(1));
    expect(clashing.slice(-2)).toEqual(['lens', 'model (manifest)']);
    expect(clashRows.get('1')).toMatchObject({ model: board.view.model?.id, 'model (manifest)': 'Arri Alexa' });
  });
});
