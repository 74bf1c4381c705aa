// shots.csv and storyboard.json: parsing, matching rows to frames, order, scenes and extras.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBoard } from '../../../electron/engine/board/index.ts';
import { removeTempBoards, tempBoard, writeImage, writeText } from './helpers.ts';

afterAll(removeTempBoards);

const cacheDir = () => join(tempBoard('frameproof-cache-'), 'cache');

async function boardWith(files: Record<string, string | Buffer>, images: string[]) {
  const dir = tempBoard();
  for (const image of images) await writeImage(join(dir, image));
  for (const [name, content] of Object.entries(files)) writeText(join(dir, name), content);
  return { dir, board: await openBoard(dir, { cacheDir: cacheDir() }) };
}

describe('shots.csv', () => {
  it('reads a BOM, semicolons, CRLF and quoted newlines, matches columns in any case and keeps the other columns in order', async () => {
    const csv =
      '\uFEFFShot;Lens;FILE;Description;Scene;Notes\r\n1A;35mm;shot1.png;"A rider;\r\ncrosses the ""dunes""";Desert;keep\r\n2;50mm;shot2.png;Close on the eyes;Desert;\r\n';
    const { board } = await boardWith({ 'shots.csv': csv }, ['shot1.png', 'shot2.png']);
    expect(board.problems).toEqual([]);
    expect(board.manifest).toMatchObject({
      file: 'shots.csv',
      format: 'csv',
      encoding: 'utf-8-bom',
      separator: ';',
      columns: ['Shot', 'Lens', 'FILE', 'Description', 'Scene', 'Notes'],
      extraColumns: ['Lens', 'Notes'],
      rowCount: 2,
    });
    const [first, second] = board.frames;
    expect(first).toMatchObject({
      id: 'shot1.png',
      caption: 'A rider;\r\ncrosses the "dunes"',
      captionSource: { kind: 'manifest-csv', file: 'shots.csv', row: 1, line: 2, column: 'Description' },
      shot: { number: 1, label: '1A' },
      extra: [
        { name: 'Lens', value: '35mm' },
        { name: 'Notes', value: 'keep' },
      ],
      captionFromImageMetadata: false,
    });
    expect(second).toMatchObject({ caption: 'Close on the eyes', captionSource: { row: 2, line: 4 } });
    expect(board.scenes.map((s) => [s.id, s.name, s.folder])).toEqual([['manifest:Desert', 'Desert', null]]);
  });

  it('reads tab-separated files', async () => {
    const { board } = await boardWith({ 'shots.csv': 'file\tprompt\nshot1.png\ta red door\n' }, ['shot1.png']);
    expect(board.frames[0]).toMatchObject({ caption: 'a red door', captionSource: { column: 'prompt' } });
    expect(board.manifest?.separator).toBe('\t');
  });

  it('reports a row naming a missing file, with the row and the file, and leaves it off the board', async () => {
    const { board } = await boardWith({ 'shots.csv': 'file,caption\nshot1.png,one\nshot9.png,nine\n' }, ['shot1.png']);
    expect(board.frames.map((f) => f.id)).toEqual(['shot1.png']);
    expect(board.problems).toHaveLength(1);
    expect(board.problems[0]).toMatchObject({ code: 'MANIFEST_FILE_MISSING', file: 'shot9.png' });
    expect(board.problems[0]?.message).toContain('shots.csv row 2 (line 3)');
    expect(board.problems[0]?.message).toContain('shot9.png');
    expect(board.problems[0]?.fix).toBeTruthy();
  });

  it('follows the manifest order, then the frames it does not name, which fall through to their sidecars', async () => {
    const { board } = await boardWith(
      {
        'shots.csv': 'file,caption\nscene/b.png,bee\nshot2.png,two\n',
        'shot10.txt': 'ten from a sidecar',
        'shot2.txt': 'ignored: the manifest wins',
      },
      ['shot2.png', 'shot10.png', 'scene/b.png', 'scene/a.png'],
    );
    expect(board.frames.map((f) => [f.id, f.caption, f.captionSource.kind])).toEqual([
      ['scene/b.png', 'bee', 'manifest-csv'],
      ['scene/a.png', null, 'none'],
      ['shot2.png', 'two', 'manifest-csv'],
      ['shot10.png', 'ten from a sidecar', 'sidecar'],
    ]);
    expect(board.scenes.map((s) => s.id)).toEqual(['scene', '.']);
  });

  it('matches file names case-insensitively and with backslashes, and flags a file named twice', async () => {
    const { board } = await boardWith({ 'shots.csv': 'image,caption\nScene\\SHOT1.PNG,one\nscene/shot1.png,again\n' }, ['scene/shot1.png']);
    expect(board.frames[0]).toMatchObject({ id: 'scene/shot1.png', caption: 'one' });
    expect(board.problems.map((p) => p.code)).toEqual(['MANIFEST_ROW_INVALID']);
  });

  it('lets an empty caption cell fall through but still writes back to that row later (entry)', async () => {
    const { board } = await boardWith({ 'shots.csv': 'file,caption\nshot1.png,\n', 'shot1.txt': 'from the sidecar' }, ['shot1.png']);
    expect(board.frames[0]).toMatchObject({
      caption: 'from the sidecar',
      captionSource: { kind: 'sidecar' },
      entry: { kind: 'manifest-csv', row: 1 },
    });
  });

  it('refuses a manifest without a file column, saying which columns it found', async () => {
    const { board } = await boardWith({ 'shots.csv': 'name,caption\nshot1.png,x\n', 'shot1.txt': 'sidecar' }, ['shot1.png']);
    expect(board.problems[0]).toMatchObject({ code: 'MANIFEST_INVALID', severity: 'error', file: 'shots.csv' });
    expect(board.problems[0]?.message).toContain('"name"');
    expect(board.frames[0]?.caption).toBe('sidecar');
  });

  it("keeps a frame missing from shots.csv in its folder's scene, with a note, instead of a scene of its own", async () => {
    const { board } = await boardWith(
      { 'shots.csv': 'file,scene,caption\nshot1.png,Desert,one\nshot3.png,Desert,three\nscene/b.png,Night,bee\n' },
      ['shot1.png', 'shot2.png', 'shot3.png', 'scene/a.png', 'scene/b.png', 'loose/c.png'],
    );
    expect(board.scenes.map((s) => [s.name, s.frameIds])).toEqual([
      ['Desert', ['shot1.png', 'shot3.png', 'shot2.png']],
      ['Night', ['scene/b.png', 'scene/a.png']],
      ['loose', ['loose/c.png']],
    ]);
    const note = (id: string) => board.frames.find((f) => f.id === id)?.problems;
    expect(note('shot2.png')).toMatchObject([
      { code: 'MANIFEST_FRAME_UNLISTED', severity: 'info', frameId: 'shot2.png', file: 'shots.csv' },
    ]);
    expect(note('shot2.png')?.[0]?.message).toContain('not in shots.csv');
    expect(note('shot2.png')?.[0]?.message).toContain('Desert');
    expect(note('shot1.png')).toEqual([]);
    // Told once on the board as well, naming the frames.
    expect(board.problems).toMatchObject([{ code: 'MANIFEST_FRAME_UNLISTED', severity: 'info', file: 'shots.csv' }]);
    expect(board.problems[0]?.message).toContain('3 frames are not in shots.csv (shot2.png, scene/a.png, loose/c.png)');
  });

  it('adds no notes when the manifest could not be used', async () => {
    const { board } = await boardWith({ 'shots.csv': 'name,caption\nshot1.png,x\n' }, ['shot1.png']);
    expect(board.frames[0]?.problems).toEqual([]);
    expect(board.problems.map((p) => p.code)).toEqual(['MANIFEST_INVALID']);
  });

  it('takes a frame the manifest names in a deeper folder', async () => {
    const { board } = await boardWith({ 'shots.csv': 'file,caption\nact1/sc1/shot1.png,deep\n' }, ['act1/sc1/shot1.png']);
    expect(board.frames.map((f) => [f.id, f.caption])).toEqual([['act1/sc1/shot1.png', 'deep']]);
  });
});

describe('storyboard.json', () => {
  it('reads the documented schema, keeping extra keys in order as text', async () => {
    const json = JSON.stringify(
      {
        version: 1,
        shots: [
          { file: 'b.png', caption: 'bee', shot: 12, lens: '35mm', meta: { take: 2 } },
          { file: 'a.png', caption: null, scene: 'Intro' },
        ],
      },
      null,
      2,
    );
    const { board } = await boardWith({ 'storyboard.json': json, 'a.txt': 'a from sidecar' }, ['a.png', 'b.png']);
    expect(board.problems).toEqual([]);
    expect(board.manifest).toMatchObject({
      format: 'json',
      columns: ['file', 'caption', 'shot', 'lens', 'meta', 'scene'],
      extraColumns: ['lens', 'meta'],
    });
    expect(board.frames.map((f) => [f.id, f.caption, f.captionSource.kind, f.shot.label])).toEqual([
      ['b.png', 'bee', 'manifest-json', '12'],
      ['a.png', 'a from sidecar', 'sidecar', 'a'],
    ]);
    expect(board.frames[0]?.extra).toEqual([
      { name: 'lens', value: '35mm' },
      { name: 'meta', value: '{"take":2}' },
    ]);
    expect(board.frames[1]?.entry).toEqual({ kind: 'manifest-json', file: 'storyboard.json', index: 1 });
  });

  it('reports invalid JSON with its line, and opens the folder without it', async () => {
    const { board } = await boardWith(
      { 'storyboard.json': '{\n  "version": 1,\n  "shots": [\n    { "file": "a.png", }\n  ]\n}', 'a.txt': 'sidecar' },
      ['a.png'],
    );
    expect(board.problems[0]).toMatchObject({ code: 'MANIFEST_INVALID', file: 'storyboard.json' });
    expect(board.problems[0]?.message).toMatch(/line 4/);
    expect(board.frames[0]?.caption).toBe('sidecar');
  });

  it('prefers shots.csv and says that storyboard.json was not read', async () => {
    const { board } = await boardWith(
      { 'shots.csv': 'file,caption\na.png,csv\n', 'storyboard.json': '{"version":1,"shots":[{"file":"a.png","caption":"json"}]}' },
      ['a.png'],
    );
    expect(board.frames[0]?.caption).toBe('csv');
    expect(board.problems).toMatchObject([{ code: 'MANIFEST_INVALID', severity: 'info', file: 'storyboard.json' }]);
  });
});
