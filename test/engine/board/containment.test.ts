// Containment on real folders with real symbolic links: nothing outside the board folder is read
// or written, each link out is told once, and links that stay inside work as any other file.
import { mkdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Board } from '../../../electron/common/api.ts';
import {
  boardBoundary,
  boardRelativeRef,
  frameImageFile,
  isInsideBoard,
  openBoard,
  writeCaption,
} from '../../../electron/engine/board/index.ts';
import { removeTempBoards, tempBoard, writeImage, writeText } from './helpers.ts';

afterAll(removeTempBoards);

const cacheDir = () => join(tempBoard('frameproof-cache-'), 'cache');
const open = (dir: string) => openBoard(dir, { cacheDir: cacheDir() });
const outsideProblems = (board: Board) => board.problems.filter((p) => p.code === 'LINK_OUTSIDE_BOARD');

/** A board with one ordinary frame, and a folder beside it holding what must never be read. */
async function boardAndOutside(): Promise<{ dir: string; outside: string }> {
  const dir = tempBoard();
  const outside = tempBoard('frameproof-outside-');
  await writeImage(join(dir, 'shot1.png'));
  await writeImage(join(outside, 'secret.png'), '#ff0000');
  writeText(join(outside, 'secret.txt'), 'SECRET TEXT FROM OUTSIDE');
  return { dir, outside };
}

describe('the board boundary', () => {
  it('decides by real path: the folder itself and what is under it are inside, a sibling with the same prefix is not', async () => {
    const dir = tempBoard();
    mkdirSync(join(dir, 'board'));
    mkdirSync(join(dir, 'board-2'));
    const boundary = await boardBoundary(join(dir, 'board'));
    expect(isInsideBoard(boundary, boundary.real)).toBe(true);
    expect(isInsideBoard(boundary, join(boundary.real, 'scene', '..notes.png'))).toBe(true);
    expect(isInsideBoard(boundary, join(boundary.real, '..', 'board-2', 'x.png'))).toBe(false);
    expect(isInsideBoard(boundary, `${boundary.real}-2`)).toBe(false);
    expect(isInsideBoard(boundary, join(boundary.real, '..'))).toBe(false);
  });

  it('refuses written paths that are absolute or climb out, and keeps the rest relative', () => {
    expect(boardRelativeRef('../../somewhere/x.png')).toBeNull();
    expect(boardRelativeRef('/etc/passwd')).toBeNull();
    expect(boardRelativeRef('C:\\Windows\\x.png')).toBeNull();
    expect(boardRelativeRef('..\\x.png')).toBeNull();
    expect(boardRelativeRef('scene/../shot1.png')).toBe('shot1.png');
    expect(boardRelativeRef('./scene\\shot1.png')).toBe('scene/shot1.png');
  });
});

describe('links that leave the board', () => {
  it('does not list an image that links outside, and says so once, naming the link', async () => {
    const { dir, outside } = await boardAndOutside();
    symlinkSync(join(outside, 'secret.png'), join(dir, 'shot4.png'));
    const board = await open(dir);
    expect(board.frames.map((f) => f.id)).toEqual(['shot1.png']);
    expect(outsideProblems(board)).toHaveLength(1);
    expect(outsideProblems(board)[0]).toMatchObject({ severity: 'warning', file: 'shot4.png' });
    expect(outsideProblems(board)[0]?.message).toMatch(/^shot4\.png links outside the board \(to .*secret\.png\): not read\.$/);
    expect(outsideProblems(board)[0]?.fix).toBeTruthy();
  });

  it('does not read a sidecar that links outside, and does not save a caption through it', async () => {
    const { dir, outside } = await boardAndOutside();
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'shot1.txt'));
    const board = await open(dir);
    expect(board.frames[0]).toMatchObject({ id: 'shot1.png', caption: null, captionSource: { kind: 'none' } });
    expect(JSON.stringify(board)).not.toContain('SECRET TEXT');
    expect(outsideProblems(board)).toMatchObject([{ file: 'shot1.txt' }]);

    await expect(writeCaption(board, 'shot1.png', 'a new caption')).rejects.toMatchObject({
      code: 'LINK_OUTSIDE_BOARD',
      file: 'shot1.txt',
    });
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('SECRET TEXT FROM OUTSIDE');
  });

  it('refuses to save through a sidecar swapped for a link out after the board was opened', async () => {
    const { dir, outside } = await boardAndOutside();
    writeText(join(dir, 'shot1.txt'), 'the caption');
    const board = await open(dir);
    expect(board.frames[0]?.caption).toBe('the caption');
    // The file the board listed is now a link out: saving must not write through it.
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'shot1.txt.link'));
    renameSync(join(dir, 'shot1.txt.link'), join(dir, 'shot1.txt'));
    await expect(writeCaption(board, 'shot1.png', 'overwritten?')).rejects.toMatchObject({ code: 'LINK_OUTSIDE_BOARD' });
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('SECRET TEXT FROM OUTSIDE');
  });

  it('does not take a scene folder that links outside', async () => {
    const { dir, outside } = await boardAndOutside();
    symlinkSync(outside, join(dir, 'linked'));
    const board = await open(dir);
    expect(board.frames.map((f) => f.id)).toEqual(['shot1.png']);
    expect(board.scenes.map((s) => s.id)).toEqual(['.']);
    expect(outsideProblems(board)).toMatchObject([{ file: 'linked' }]);
    expect(outsideProblems(board)[0]?.message).toMatch(/^The folder linked links outside the board/);
  });

  it('does not read a shots.csv that links outside, nor a row reaching a frame through a linked folder', async () => {
    const { dir, outside } = await boardAndOutside();
    writeText(join(outside, 'shots.csv'), 'file,caption\nshot1.png,SECRET TEXT FROM OUTSIDE\n');
    symlinkSync(join(outside, 'shots.csv'), join(dir, 'shots.csv'));
    const linkedManifest = await open(dir);
    expect(linkedManifest.manifest).toBeUndefined();
    expect(JSON.stringify(linkedManifest)).not.toContain('SECRET TEXT');
    expect(outsideProblems(linkedManifest)).toMatchObject([{ file: 'shots.csv' }]);

    const other = tempBoard();
    await writeImage(join(other, 'shot1.png'));
    mkdirSync(join(other, 'deep'));
    symlinkSync(outside, join(other, 'deep', 'out'));
    writeText(join(other, 'shots.csv'), 'file,caption\nshot1.png,one\ndeep/out/secret.png,stolen\n');
    const board = await open(other);
    expect(board.frames.map((f) => f.id)).toEqual(['shot1.png']);
    expect(outsideProblems(board)).toHaveLength(1);
    expect(outsideProblems(board)[0]).toMatchObject({ file: 'deep/out/secret.png' });
    expect(outsideProblems(board)[0]?.message).toContain('shots.csv row 2 (line 3) names deep/out/secret.png');
    expect(board.problems.map((p) => p.code)).not.toContain('MANIFEST_FILE_MISSING');
  });

  it('refuses Storyboarder urls that climb out or are absolute, and layer or posterframe files that link outside', async () => {
    const { dir, outside } = await boardAndOutside();
    const images = join(dir, 'images');
    mkdirSync(images);
    await writeImage(join(images, 'board-4-LINK0-fill.png'));
    symlinkSync(join(outside, 'secret.png'), join(images, 'board-4-LINK0-ink.png'));
    symlinkSync(join(outside, 'secret.png'), join(images, 'board-5-POST0-posterframe.jpg'));
    const project = {
      aspectRatio: 1,
      boards: [
        { uid: 'UP000', url: '../../somewhere/x.png', number: 1 },
        { uid: 'ABS00', url: join(outside, 'secret.png'), number: 2 },
        {
          uid: 'LAYER',
          url: 'board-3-LAYER.png',
          number: 3,
          layers: { fill: { url: '../../secret.png' }, ink: { url: join(outside, 'secret.png') } },
        },
        {
          uid: 'LINK0',
          url: 'board-4-LINK0.png',
          number: 4,
          layers: { fill: { url: 'board-4-LINK0-fill.png' }, ink: { url: 'board-4-LINK0-ink.png' } },
        },
        { uid: 'POST0', url: 'board-5-POST0.png', number: 5 },
      ],
    };
    writeText(join(dir, 'hostile.storyboarder'), JSON.stringify(project));
    const board = await open(dir);

    // Only board 4 is drawn, from its one layer inside the project.
    expect(board.frames.filter((f) => f.storyboarder).map((f) => [f.id, f.storyboarder?.image])).toEqual([
      ['images/board-4-LINK0.png', 'composite'],
    ]);
    const files = outsideProblems(board).map((p) => p.file);
    expect(files).toEqual([
      'hostile.storyboarder',
      'hostile.storyboarder',
      'hostile.storyboarder',
      'hostile.storyboarder',
      'images/board-4-LINK0-ink.png',
      'images/board-5-POST0-posterframe.jpg',
    ]);
    const messages = outsideProblems(board)
      .map((p) => p.message)
      .join('\n');
    expect(messages).toContain(
      'Board 1 in hostile.storyboarder names the image "../../somewhere/x.png", which is outside the project: not read.',
    );
    expect(messages).toContain('The fill layer of board 3 in hostile.storyboarder');
    expect(messages).toContain('The ink layer of board 4 (images/board-4-LINK0-ink.png) links outside the board');
    // Boards 3 and 5 had only refused images: told once, not also as "missing".
    expect(board.problems.filter((p) => p.code === 'STORYBOARDER_IMAGE_MISSING')).toEqual([]);
  });

  it('refuses to serve a frame whose file was swapped for a link out after the board was opened', async () => {
    const { dir, outside } = await boardAndOutside();
    const board = await open(dir);
    const frame = board.frames[0]!;
    expect(await frameImageFile(board, frame)).toBe(join((await boardBoundary(dir)).real, 'shot1.png'));
    rmSync(join(dir, 'shot1.png'));
    symlinkSync(join(outside, 'secret.png'), join(dir, 'shot1.png'));
    await expect(frameImageFile(board, frame)).rejects.toMatchObject({ code: 'LINK_OUTSIDE_BOARD', file: 'shot1.png' });
  });
});

describe('links that stay inside the board', () => {
  it('work as today: an image, a sidecar and a scene folder linked within the board', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'archive', 'takes', 'take1.png'));
    await writeImage(join(dir, 'archive', 'best.png'));
    writeText(join(dir, 'archive', 'best.txt'), 'the best take');
    symlinkSync(join(dir, 'archive', 'best.png'), join(dir, 'shot1.png'));
    symlinkSync(join(dir, 'archive', 'best.txt'), join(dir, 'shot1.txt'));
    symlinkSync(join(dir, 'archive', 'takes'), join(dir, 'takes'));
    const board = await open(dir);
    expect(board.frames.map((f) => [f.id, f.caption])).toEqual([
      ['shot1.png', 'the best take'],
      ['archive/best.png', 'the best take'],
      ['takes/take1.png', null],
    ]);
    expect(outsideProblems(board)).toEqual([]);
    const shot1 = board.frames[0]!;
    expect(await frameImageFile(board, shot1)).toBe(join((await boardBoundary(dir)).real, 'archive', 'best.png'));
  });
});
