import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../../electron/common/api.ts';
import { analysisExportRow } from '../../../electron/engine/analysis/index.ts';
import { flagLabel } from '../../../electron/common/flags.ts';
import { parseCsv } from '../../../electron/engine/board/csv.ts';
import { csvText, renderCsv } from '../../../electron/engine/export/csv.ts';
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

  it("has the manifest's columns in their order and names, then Frameproof's, each with the prefix", () => {
    expect(header).toEqual(['shot', 'scene', 'file', 'caption', 'lens', ...CSV_COLUMNS]);
    expect(CSV_COLUMNS.every((c) => c.startsWith('Frameproof: '))).toBe(true);
    // One score pair, clearly named.
    expect(header.filter((h) => /cosine|clip.?score/i.test(h))).toEqual(['Frameproof: cosine', 'Frameproof: CLIPScore']);
    expect(header).toEqual(
      expect.arrayContaining(['Frameproof: severity', 'Frameproof: acknowledged', 'Frameproof: status', 'Frameproof: comment']),
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
    expect(Number(row['Frameproof: cosine'])).toBeCloseTo(score!.cosine, 4);
    expect(Number(row['Frameproof: CLIPScore'])).toBeCloseTo(score!.clipScore, 2);
    const sceneName = board.view.board.scenes.find((s) => s.id === frame.sceneId)!.name;
    const shotOf = (id: string) => board.view.board.frames.find((f) => f.id === id)?.shot.label;
    const expected = analysisExportRow(analysis!, { sceneName, shotOf });
    expect(row).toMatchObject({
      'Frameproof: flags': expected.flags,
      'Frameproof: notes': expected.notes,
      'Frameproof: reasons': expected.reason,
      'Frameproof: best other shot': expected.best_other_shot,
      'Frameproof: style similarity': expected.style_similarity,
      'Frameproof: palette distance': expected.palette_distance,
      'Frameproof: severity': 'Warning',
    });
    expect(row['Frameproof: flags']).not.toBe('');
    expect(row).toMatchObject({ file: frame.id, 'Frameproof: model': board.view.model?.id });
    expect(rows.get(board.view.board.frames[0]!.shot.label)).toMatchObject({
      scene: 'Scene 1 - Desert',
      file: 'scene-1-desert/shot01.png',
      'Frameproof: caption source': 'shots.csv, row 1',
    });
  });

  it('leaves the score cells of unscored frames empty and says why', () => {
    const noCaption = rows.get(NO_CAPTION_SHOT)!;
    expect(noCaption).toMatchObject({ 'Frameproof: cosine': '', 'Frameproof: CLIPScore': '', caption: '' });
    expect(noCaption['Frameproof: reasons']).toMatch(/no caption/i);
    const unreadable = rows.get(UNREADABLE_SHOT)!;
    expect(unreadable).toMatchObject({
      'Frameproof: cosine': '',
      'Frameproof: CLIPScore': '',
      'Frameproof: style similarity': '',
      'Frameproof: palette distance': '',
    });
    expect(unreadable['Frameproof: reasons']).toMatch(/^Not scored: .*image/);
  });

  it('says "not scored yet" for a board opened but not scored', async () => {
    const fresh = await scoredSampleBoard({ score: false });
    try {
      const { rows: unscored } = readRows(renderCsv(buildExportModel(fresh.view, new Date())).slice(1));
      expect(unscored.size).toBe(16);
      expect(unscored.get('1')).toMatchObject({
        'Frameproof: cosine': '',
        'Frameproof: CLIPScore': '',
        'Frameproof: flags': '',
        'Frameproof: severity': '',
        'Frameproof: reasons': 'Not scored yet: score the board first.',
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
    expect(csvText('-2')).toBe('-2');
    expect(csvText('+1.5')).toBe('+1.5');
  });

  it('writes the review status and comment, and the acknowledged flags apart from the active ones', () => {
    const view: BoardView = structuredClone(board.view);
    const frame = view.analysis!.frames.find((a) => a.flags.length > 0)!;
    const flag = frame.flags[0]!;
    flag.acknowledged = true;
    view.reviews = { [frame.frameId]: { frameId: frame.frameId, status: 'needs-changes', comment: '=wider, please' } };
    const { rows: reviewed } = readRows(renderCsv(buildExportModel(view, new Date())).slice(1));
    const row = reviewed.get(frame.shot)!;
    expect(row).toMatchObject({
      'Frameproof: status': 'Needs changes',
      'Frameproof: comment': "'=wider, please",
      'Frameproof: acknowledged': flagLabel(flag.kind),
    });
    expect(row['Frameproof: reasons']).not.toContain(flag.reason);
    expect(reviewed.get(frame.shot === '1' ? '2' : '1')).toMatchObject({ 'Frameproof: status': '', 'Frameproof: comment': '' });
  });
});
