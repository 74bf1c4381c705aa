// Writing captions back: every source keeps every byte outside the caption, undo restores the
// exact original bytes, and a write that cannot happen changes nothing.
import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Board } from '../../../electron/common/api.ts';
import { openBoard, undoCaption, writeCaption } from '../../../electron/engine/board/index.ts';
import { nodeFs, type Fs } from '../../../electron/platform/atomicWrite.ts';
import { SHARED } from '../../paths.ts';
import { imageBytes, pngWithText, removeTempBoards, tempBoard, writeImage, writeText } from './helpers.ts';

const readOnly: string[] = [];
afterAll(() => {
  for (const path of readOnly) chmodSync(path, 0o755);
  removeTempBoards();
});

const cacheDir = () => join(tempBoard('frameproof-cache-'), 'cache');
const open = (dir: string) => openBoard(dir, { cacheDir: cacheDir() });
const bytesOf = (path: string) => readFileSync(path);
const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.includes('.frameproof-'));

function failing(method: 'open' | 'rename', code: string): Fs {
  const error = Object.assign(new Error(`${code}: simulated`), { code });
  return {
    ...nodeFs,
    [method]: async (...args: Parameters<typeof fsPromises.open>) => {
      // Fail only the temp file, as a read-only disk or a failing rename would.
      if (String(args[0]).includes('.frameproof-')) throw error;
      return (fsPromises[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  } as Fs;
}

async function reopenedCaption(dir: string, frameId: string): Promise<string | null | undefined> {
  return (await open(dir)).frames.find((f) => f.id === frameId)?.caption;
}

describe('writing to a sidecar', () => {
  it('keeps UTF-16 with its BOM and CRLF ending, and undo restores the exact bytes', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot1.png'));
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('old caption\r\n', 'utf16le')]);
    writeFileSync(join(dir, 'shot1.txt'), original);
    const board = await open(dir);
    const edit = await writeCaption(board, 'shot1.png', 'Un café, la nuit');
    expect(edit).toMatchObject({
      previousText: 'old caption',
      createdFile: false,
      encoding: 'utf-16le',
      target: { kind: 'sidecar', file: 'shot1.txt' },
    });
    expect(bytesOf(join(dir, 'shot1.txt'))).toEqual(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Un café, la nuit\r\n', 'utf16le')]),
    );
    expect(await reopenedCaption(dir, 'shot1.png')).toBe('Un café, la nuit');
    expect(edit.frame).toMatchObject({ caption: 'Un café, la nuit', captionSource: { kind: 'sidecar', encoding: 'utf-16le' } });
    const restored = await undoCaption(board, edit);
    expect(bytesOf(join(dir, 'shot1.txt'))).toEqual(original);
    expect(restored.caption).toBe('old caption');
    expect(leftovers(dir)).toEqual([]);
  });

  it('keeps Latin-1 where it can, turns the file into UTF-8 where it cannot, and undo brings the Latin-1 bytes back', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'a.png'));
    const original = Buffer.from('Crème brûlée\n', 'latin1');
    writeFileSync(join(dir, 'a.txt'), original);
    chmodSync(join(dir, 'a.txt'), 0o640);
    const board = await open(dir);
    const first = await writeCaption(board, 'a.png', 'Déjà vu');
    expect(bytesOf(join(dir, 'a.txt'))).toEqual(Buffer.from('Déjà vu\n', 'latin1'));
    expect(statSync(join(dir, 'a.txt')).mode & 0o777).toBe(0o640);
    await undoCaption(board, first);
    expect(bytesOf(join(dir, 'a.txt'))).toEqual(original);

    const second = await writeCaption(board, 'a.png', 'Привет, café');
    expect(second).toMatchObject({ encoding: 'utf-8', previousEncoding: 'windows-1252' });
    expect(bytesOf(join(dir, 'a.txt'))).toEqual(Buffer.from('Привет, café\n', 'utf8'));
    await undoCaption(board, second);
    expect(bytesOf(join(dir, 'a.txt'))).toEqual(original);
  });
});

describe('writing to shots.csv', () => {
  const header = '\uFEFFshot;file;caption;lens\r\n';
  const rows = [
    '1;shot1.png;"a ""quoted""\r\ncaption";35mm\r\n',
    '2;shot2.png;plain caption;50mm\r\n',
    '3;shot3.png\r\n',
    '4;shot4.png;last;85mm\r\n',
  ];
  const csv = header + rows.join('');

  async function csvBoard() {
    const dir = tempBoard();
    for (const n of [1, 2, 3, 4]) await writeImage(join(dir, `shot${n}.png`));
    writeText(join(dir, 'shots.csv'), csv);
    return { dir, board: await open(dir) };
  }

  it('replaces one cell, keeping BOM, separator, quoting, CRLF and every other row byte for byte', async () => {
    const { dir, board } = await csvBoard();
    // The cell was quoted, so it stays quoted though the new text would not need it.
    const quoted = await writeCaption(board, 'shot1.png', 'a rider at dawn');
    expect(quoted.previousText).toBe('a "quoted"\r\ncaption');
    const afterFirst = header + ['1;shot1.png;"a rider at dawn";35mm\r\n', ...rows.slice(1)].join('');
    expect(bytesOf(join(dir, 'shots.csv'))).toEqual(Buffer.from(afterFirst, 'utf8'));

    // An unquoted cell gets quotes only because the new text has quotes and a separator.
    const plain = await writeCaption(board, 'shot2.png', 'she says "go"; leaves');
    const afterSecond =
      header + ['1;shot1.png;"a rider at dawn";35mm\r\n', '2;shot2.png;"she says ""go""; leaves";50mm\r\n', ...rows.slice(2)].join('');
    expect(bytesOf(join(dir, 'shots.csv'))).toEqual(Buffer.from(afterSecond, 'utf8'));
    expect(await reopenedCaption(dir, 'shot2.png')).toBe('she says "go"; leaves');

    await undoCaption(board, plain);
    await undoCaption(board, quoted);
    expect(bytesOf(join(dir, 'shots.csv'))).toEqual(Buffer.from(csv, 'utf8'));
  });

  it('undoes edits out of order (one frame at a time) back to the exact bytes, though the later edit moved them', async () => {
    const { dir, board } = await csvBoard();
    // shot4's cell comes after shot1's, so shot1's shorter caption moves shot4's bytes.
    const fourth = await writeCaption(board, 'shot4.png', 'the last shot, longer now');
    const first = await writeCaption(board, 'shot1.png', 'short');
    await undoCaption(board, fourth);
    expect(bytesOf(join(dir, 'shots.csv')).toString('utf8')).toBe(header + ['1;shot1.png;"short";35mm\r\n', ...rows.slice(1)].join(''));
    await undoCaption(board, first);
    expect(bytesOf(join(dir, 'shots.csv'))).toEqual(Buffer.from(csv, 'utf8'));
  });

  it('refuses an out-of-order undo when the caption cell itself was changed by someone else', async () => {
    const { dir, board } = await csvBoard();
    const fourth = await writeCaption(board, 'shot4.png', 'mine');
    await writeCaption(board, 'shot1.png', 'short');
    const edited = bytesOf(join(dir, 'shots.csv')).toString('utf8').replace(';mine;', ';theirs;');
    writeText(join(dir, 'shots.csv'), edited);
    await expect(undoCaption(board, fourth)).rejects.toMatchObject({ code: 'CAPTION_SOURCE_CHANGED', file: 'shots.csv' });
    expect(bytesOf(join(dir, 'shots.csv')).toString('utf8')).toBe(edited);
  });

  it('fills in a row that has no caption cell, and undo takes the cells away again', async () => {
    const { dir, board } = await csvBoard();
    expect(board.frames.find((f) => f.id === 'shot3.png')).toMatchObject({ caption: null, entry: { kind: 'manifest-csv', row: 3 } });
    const edit = await writeCaption(board, 'shot3.png', 'new shot');
    expect(edit).toMatchObject({ previousText: null, target: { kind: 'manifest-csv', row: 3, line: 5 } });
    expect(bytesOf(join(dir, 'shots.csv')).toString('utf8')).toBe(csv.replace('3;shot3.png\r\n', '3;shot3.png;new shot\r\n'));
    await undoCaption(board, edit);
    expect(bytesOf(join(dir, 'shots.csv'))).toEqual(Buffer.from(csv, 'utf8'));
  });

  it('keeps both of two edits to the same file made at once', async () => {
    const { dir, board } = await csvBoard();
    await Promise.all([writeCaption(board, 'shot2.png', 'second'), writeCaption(board, 'shot4.png', 'fourth')]);
    expect(bytesOf(join(dir, 'shots.csv')).toString('utf8')).toBe(csv.replace('plain caption', 'second').replace(';last;', ';fourth;'));
  });

  it('finds the row by its file when rows moved since opening, and refuses when the row is gone', async () => {
    const { dir, board } = await csvBoard();
    const moved = header + [rows[3], rows[1], rows[0], rows[2]].join('');
    writeText(join(dir, 'shots.csv'), moved);
    await writeCaption(board, 'shot4.png', 'still found');
    expect(bytesOf(join(dir, 'shots.csv')).toString('utf8')).toBe(moved.replace(';last;', ';still found;'));
    const without = header + rows[1];
    writeText(join(dir, 'shots.csv'), without);
    await expect(writeCaption(board, 'shot1.png', 'x')).rejects.toMatchObject({ code: 'CAPTION_SOURCE_CHANGED', file: 'shots.csv' });
    expect(bytesOf(join(dir, 'shots.csv')).toString('utf8')).toBe(without);
  });
});

describe('writing to storyboard.json', () => {
  it('replaces the caption string or adds the key, keeping indentation and key order', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'a.png'));
    await writeImage(join(dir, 'b.png'));
    const json =
      '{\n    "version": 1,\n    "shots": [\n        {\n            "file": "a.png",\n            "caption": "old",\n            "lens": "35mm"\n        },\n        {\n            "file": "b.png",\n            "shot": 2\n        }\n    ]\n}\n';
    writeText(join(dir, 'storyboard.json'), json);
    const board = await open(dir);
    const first = await writeCaption(board, 'a.png', 'new "caption" é');
    expect(bytesOf(join(dir, 'storyboard.json')).toString('utf8')).toBe(json.replace('"old"', '"new \\"caption\\" é"'));
    const second = await writeCaption(board, 'b.png', 'added');
    expect(bytesOf(join(dir, 'storyboard.json')).toString('utf8')).toBe(
      json.replace('"old"', '"new \\"caption\\" é"').replace('"shot": 2\n', '"shot": 2,\n            "caption": "added"\n'),
    );
    expect((await open(dir)).frames.map((f) => f.caption)).toEqual(['new "caption" é', 'added']);
    await undoCaption(board, second);
    await undoCaption(board, first);
    expect(bytesOf(join(dir, 'storyboard.json')).toString('utf8')).toBe(json);
  });

  it('rewrites the caption the board shows when a key is repeated (the last, as JSON.parse reads it)', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'a.png'));
    const json = '{"version": 1, "shots": [{"file": "a.png", "caption": "draft", "caption": "fin\\u0061l"}]}\r\n';
    writeText(join(dir, 'storyboard.json'), json);
    const board = await open(dir);
    expect(board.frames[0]?.caption).toBe('final');
    const edit = await writeCaption(board, 'a.png', 'shipped');
    expect(edit.previousText).toBe('final');
    expect(bytesOf(join(dir, 'storyboard.json')).toString('utf8')).toBe(json.replace('"fin\\u0061l"', '"shipped"'));
    expect(await reopenedCaption(dir, 'a.png')).toBe('shipped');
  });

  it('refuses a file that stopped being JSON (a comment added) and leaves it as it is', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'a.png'));
    writeText(join(dir, 'storyboard.json'), '{"version": 1, "shots": [{"file": "a.png", "caption": "old"}]}');
    const board = await open(dir);
    const commented = '{"version": 1, "shots": [{"file": "a.png", "caption": "old"} // checked\n]}';
    writeText(join(dir, 'storyboard.json'), commented);
    await expect(writeCaption(board, 'a.png', 'new')).rejects.toMatchObject({ code: 'CAPTION_SOURCE_CHANGED', file: 'storyboard.json' });
    expect(bytesOf(join(dir, 'storyboard.json')).toString('utf8')).toBe(commented);
  });
});

describe('writing to a Storyboarder project', () => {
  const scene = join(SHARED, 'fixtures', 'storyboarder', 'printable', 'storyboards', 'Scene-2-INT-A-PLACE-DAY-2-50YWC');
  const projectName = 'Scene-2-INT-A-PLACE-DAY-2-50YWC.storyboarder';

  it('changes only the field that supplied the caption, adds an action to a board with none, and undo restores the fixture bytes', async () => {
    const dir = tempBoard();
    cpSync(scene, dir, { recursive: true });
    // The shared fixtures are read-only (and would be refused as such); the copy is a working project.
    chmodSync(join(dir, projectName), 0o644);
    const original = bytesOf(join(scene, projectName));
    const board = await open(dir);
    const tdic0 = board.frames.find((f) => f.storyboarder?.boardUid === 'TDIC0');
    const sixTxv5 = board.frames.find((f) => f.storyboarder?.boardUid === '6TXV5');
    if (!tdic0 || !sixTxv5) throw new Error('fixture boards missing');

    const first = await writeCaption(board, tdic0.id, 'Waving back, Привет');
    expect(first).toMatchObject({
      previousText: 'Waving back to say hi.',
      target: { kind: 'storyboarder', boardUid: 'TDIC0', field: 'action' },
    });
    const text = original.toString('utf8');
    const afterFirst = text.replace('"action": "Waving back to say hi."', '"action": "Waving back, Привет"');
    expect(bytesOf(join(dir, projectName)).toString('utf8')).toBe(afterFirst);

    const second = await writeCaption(board, sixTxv5.id, 'A door opens');
    const written = bytesOf(join(dir, projectName)).toString('utf8');
    expect(written).toBe(
      afterFirst.replace('"lineMileage": 2147.486279108791\n', '"lineMileage": 2147.486279108791,\n      "action": "A door opens"\n'),
    );
    const reopened = await open(dir);
    expect(reopened.frames.find((f) => f.storyboarder?.boardUid === '6TXV5')).toMatchObject({
      caption: 'A door opens',
      captionSource: { field: 'action' },
    });

    await undoCaption(board, second);
    await undoCaption(board, first);
    expect(bytesOf(join(dir, projectName))).toEqual(original);
  });
});

describe('frames whose caption came from the image or from nowhere', () => {
  it('get a new UTF-8 sidecar; the image is untouched; undo deletes the sidecar', async () => {
    const dir = tempBoard();
    const png = await pngWithText([{ type: 'tEXt', keyword: 'parameters', text: 'from the prompt\nSteps: 20, Seed: 1' }]);
    writeFileSync(join(dir, 'gen.png'), png);
    const board = await open(dir);
    const edit = await writeCaption(board, 'gen.png', 'a proper caption');
    expect(edit).toMatchObject({
      createdFile: true,
      previousText: null,
      target: { kind: 'sidecar', file: 'gen.txt', encoding: 'utf-8' },
      previousFrame: { caption: 'from the prompt', captionFromImageMetadata: true },
    });
    expect(bytesOf(join(dir, 'gen.txt'))).toEqual(Buffer.from('a proper caption\n'));
    expect(bytesOf(join(dir, 'gen.png'))).toEqual(png);
    expect(await reopenedCaption(dir, 'gen.png')).toBe('a proper caption');
    const restored = await undoCaption(board, edit);
    expect(readdirSync(dir)).toEqual(['gen.png']);
    expect(restored).toMatchObject({
      caption: 'from the prompt',
      captionSource: { kind: 'image-metadata' },
      captionFromImageMetadata: true,
    });
  });

  it('name the sidecar after the whole file name when another frame shares the stem', async () => {
    const dir = tempBoard();
    writeFileSync(join(dir, 'shot1.png'), await imageBytes('png'));
    writeFileSync(join(dir, 'shot1.jpg'), await imageBytes('jpeg'));
    const board = await open(dir);
    const edit = await writeCaption(board, 'shot1.jpg', 'the jpeg one');
    expect(edit.target).toMatchObject({ file: 'shot1.jpg.txt' });
    const reopened = await open(dir);
    expect(reopened.frames.map((f) => [f.id, f.caption])).toEqual([
      ['shot1.jpg', 'the jpeg one'],
      ['shot1.png', null],
    ]);
  });
});

describe('when the caption cannot be written', () => {
  async function sidecarBoard() {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot1.png'));
    writeText(join(dir, 'shot1.txt'), 'keep me\n');
    return { dir, board: await open(dir) };
  }

  it('refuses a read-only folder, saying which file and that nothing changed (also as root)', async () => {
    const { dir, board } = await sidecarBoard();
    chmodSync(dir, 0o555);
    readOnly.push(dir);
    const error = await writeCaption(board, 'shot1.png', 'lost?').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'FOLDER_READ_ONLY', file: 'shot1.txt' });
    expect((error as Error).message).toMatch(/Nothing was changed/);
    expect((error as { fix?: string }).fix).toMatch(/writable/);
    expect(bytesOf(join(dir, 'shot1.txt')).toString()).toBe('keep me\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses a read-only file', async () => {
    const { dir, board } = await sidecarBoard();
    chmodSync(join(dir, 'shot1.txt'), 0o444);
    await expect(writeCaption(board, 'shot1.png', 'x')).rejects.toMatchObject({ code: 'FILE_READ_ONLY', file: 'shot1.txt' });
    expect(bytesOf(join(dir, 'shot1.txt')).toString()).toBe('keep me\n');
  });

  it('maps a read-only file system (EROFS on the temp file) to FOLDER_READ_ONLY with the original intact', async () => {
    const { dir, board } = await sidecarBoard();
    await expect(writeCaption(board, 'shot1.png', 'x', { fs: failing('open', 'EROFS') })).rejects.toMatchObject({
      code: 'FOLDER_READ_ONLY',
    });
    expect(bytesOf(join(dir, 'shot1.txt')).toString()).toBe('keep me\n');
  });

  it('leaves the original intact and no temp file behind when the rename fails', async () => {
    const { dir, board } = await sidecarBoard();
    const error = await writeCaption(board, 'shot1.png', 'x', { fs: failing('rename', 'EIO') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CAPTION_WRITE_FAILED', file: 'shot1.txt' });
    expect((error as Error).message).toMatch(/EIO.*Nothing was changed/);
    expect(bytesOf(join(dir, 'shot1.txt')).toString()).toBe('keep me\n');
    expect(leftovers(dir)).toEqual([]);
  });

  it('refuses when the sidecar name is taken by a folder', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot1.png'));
    mkdirSync(join(dir, 'shot1.txt'));
    const board = await open(dir);
    await expect(writeCaption(board, 'shot1.png', 'x')).rejects.toMatchObject({ code: 'CAPTION_WRITE_FAILED', file: 'shot1.txt' });
    expect(readdirSync(join(dir, 'shot1.txt'))).toEqual([]);
  });

  it('refuses an undo that would lose a later edit, and an unknown frame', async () => {
    const { dir, board } = await sidecarBoard();
    const edit = await writeCaption(board, 'shot1.png', 'mine');
    writeText(join(dir, 'shot1.txt'), 'someone else\n');
    await expect(undoCaption(board, edit)).rejects.toMatchObject({ code: 'CAPTION_SOURCE_CHANGED' });
    expect(bytesOf(join(dir, 'shot1.txt')).toString()).toBe('someone else\n');
    await expect(writeCaption(board as Board, 'nope.png', 'x')).rejects.toMatchObject({ code: 'FRAME_NOT_FOUND' });
  });
});
