// Folder layout: which files are frames, their order, their scenes, and what does not stop a scan.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openBoard } from '../../../electron/engine/board/index.ts';
import { toId } from '../../../electron/engine/board/frameFiles.ts';
import { removeTempBoards, tempBoard, writeImage, writeText } from './helpers.ts';

afterAll(removeTempBoards);

const cacheDir = () => join(tempBoard('frameproof-cache-'), 'cache');

describe('scanning a storyboard folder', () => {
  it('takes every frame format by extension in any case, in natural order, top-level frames first as their own scene', async () => {
    const dir = tempBoard();
    for (const name of ['shot10.png', 'Shot2.JPG', 'shot1.jpeg', 'shot3.webp', 'shot4.TIFF', 'shot5.tif', 'shot6.gif', 'shot7.avif'])
      await writeImage(join(dir, name));
    await writeImage(join(dir, 'Scene 10', 'a.png'));
    await writeImage(join(dir, 'scene 2', 'b2.png'));
    await writeImage(join(dir, 'scene 2', 'b10.png'));
    await writeImage(join(dir, 'scene 2', 'B1.png'));

    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(board.scenes.map((s) => [s.id, s.name])).toEqual([
      ['.', board.name],
      ['scene 2', 'scene 2'],
      ['Scene 10', 'Scene 10'],
    ]);
    expect(board.frames.map((f) => f.id)).toEqual([
      'shot1.jpeg',
      'Shot2.JPG',
      'shot3.webp',
      'shot4.TIFF',
      'shot5.tif',
      'shot6.gif',
      'shot7.avif',
      'shot10.png',
      'scene 2/B1.png',
      'scene 2/b2.png',
      'scene 2/b10.png',
      'Scene 10/a.png',
    ]);
    const frame = board.frames.find((f) => f.id === 'scene 2/b10.png');
    expect(frame).toMatchObject({
      name: 'b10.png',
      sceneId: 'scene 2',
      path: join(dir, 'scene 2', 'b10.png'),
      shot: { number: 10, label: 'b10' },
    });
    expect(frame?.sizeBytes).toBeGreaterThan(0);
    expect(frame?.mtimeMs).toBeGreaterThan(0);
    expect(board.problems).toEqual([]);
  });

  it('ignores hidden files and folders, thumbnail folders, non-images and deeper folders', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot1.png'));
    await writeImage(join(dir, '.hidden.png'));
    for (const folder of ['.thumbnails', 'thumbs', 'Thumbnails', '@eaDir', '__MACOSX', '.git'])
      await writeImage(join(dir, folder, 'shot1.png'));
    await writeImage(join(dir, 'scene', '.DS_Store.png'));
    await writeImage(join(dir, 'scene', 'thumbs', 'x.png'));
    await writeImage(join(dir, 'scene', 'deeper', 'y.png'));
    await writeImage(join(dir, 'scene', 's1.png'));
    writeText(join(dir, 'notes.md'), '# notes');
    writeText(join(dir, 'shot1.psd'), 'not a frame');
    writeText(join(dir, 'Thumbs.db'), 'windows');

    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(board.frames.map((f) => f.id)).toEqual(['shot1.png', 'scene/s1.png']);
  });

  it('keeps two frames whose names differ only in case, with distinct ids and their own sidecars', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'Shot1.png'), '#ff0000');
    await writeImage(join(dir, 'shot1.png'), '#00ff00');
    writeText(join(dir, 'Shot1.txt'), 'the red one');
    writeText(join(dir, 'shot1.txt'), 'the green one');

    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(board.frames.map((f) => [f.id, f.caption])).toEqual([
      ['Shot1.png', 'the red one'],
      ['shot1.png', 'the green one'],
    ]);
  });

  it('records a symlink loop, a link back to the board and a broken link as problems and opens the rest', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot1.png'));
    await writeImage(join(dir, 'scene', 's1.png'));
    symlinkSync(dir, join(dir, 'back-to-board'));
    symlinkSync(join(dir, 'scene'), join(dir, 'same-scene'));
    symlinkSync('loop', join(dir, 'loop'));
    symlinkSync(join(dir, 'gone.png'), join(dir, 'broken.png'));
    mkdirSync(join(dir, 'scene', 'nested'));
    symlinkSync(join(dir, 'scene'), join(dir, 'scene', 'nested', 'up'));

    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(board.frames.map((f) => f.id)).toEqual(['shot1.png', 'scene/s1.png']);
    const byFile = new Map(board.problems.map((p) => [p.file, p]));
    expect(byFile.get('back-to-board')).toMatchObject({ code: 'SYMLINK_LOOP', severity: 'warning' });
    expect(byFile.get('loop')).toMatchObject({ code: 'SYMLINK_LOOP' });
    expect(byFile.get('same-scene')).toMatchObject({ code: 'SYMLINK_LOOP', severity: 'info' });
    expect(byFile.get('broken.png')).toMatchObject({ code: 'IMAGE_UNREADABLE' });
    for (const p of board.problems) expect(p.fix ?? p.message).toBeTruthy();
  });

  // Only Windows separates paths with a backslash; elsewhere it is a letter of the file name.
  it.skipIf(process.platform === 'win32')('keeps a backslash in a file name as the file system has it', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'back\\slash.png'));
    writeText(join(dir, 'back\\slash.txt'), 'a caption beside it');
    await writeImage(join(dir, 'scene', 'a\\b.png'));
    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(board.frames.map((f) => [f.id, f.name, f.caption])).toEqual([
      ['back\\slash.png', 'back\\slash.png', 'a caption beside it'],
      ['scene/a\\b.png', 'a\\b.png', null],
    ]);
    expect(board.frames[0]?.path).toBe(join(dir, 'back\\slash.png'));
    expect(toId('scene\\shot1.png', 'win32')).toBe('scene/shot1.png');
    expect(toId('back\\slash.png', 'linux')).toBe('back\\slash.png');
  });

  it('does not list the cache folder when the caller keeps it inside the board', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot1.png'));
    await writeImage(join(dir, 'frameproof-cache', 'composite.png'));
    const board = await openBoard(dir, { cacheDir: join(dir, 'frameproof-cache') });
    expect(board.frames.map((f) => f.id)).toEqual(['shot1.png']);
  });

  it('throws an error a person can act on for a missing folder or a file', async () => {
    const dir = tempBoard();
    writeFileSync(join(dir, 'file.png'), 'x');
    await expect(openBoard(join(dir, 'nope'), { cacheDir: cacheDir() })).rejects.toMatchObject({
      code: 'FOLDER_NOT_FOUND',
      file: join(dir, 'nope'),
    });
    await expect(openBoard(join(dir, 'file.png'), { cacheDir: cacheDir() })).rejects.toMatchObject({ code: 'FOLDER_NOT_FOUND' });
  });

  it('returns plain data that survives structured cloning (IPC)', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'shot1.png'));
    writeText(join(dir, 'shot1.txt'), 'a caption');
    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(structuredClone(board)).toEqual(board);
    expect(JSON.parse(JSON.stringify(board))).toEqual(board);
  });
});
