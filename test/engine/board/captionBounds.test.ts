// Bounds on what a board's text can cost: every caption source is cut to 10,000 characters with a
// problem naming the file and its length, and an image whose text chunk inflates to 30 MB opens
// with a problem instead of a 30 MB caption.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { Board } from '../../../electron/common/api.ts';
import { openBoard } from '../../../electron/engine/board/index.ts';
import { chunk, imageBytes, pngWithText, removeTempBoards, tempBoard, withTextBeforeIend, writeImage, writeText } from './helpers.ts';

afterAll(removeTempBoards);

const cacheDir = () => join(tempBoard('frameproof-cache-'), 'cache');
const LONG = 'a rider crosses the dunes at noon. '.repeat(600); // 21,000 characters

async function boardWith(files: Record<string, string | Buffer>, images: string[] = []): Promise<Board> {
  const dir = tempBoard();
  for (const image of images) await writeImage(join(dir, image));
  for (const [name, content] of Object.entries(files)) writeText(join(dir, name), content);
  return openBoard(dir, { cacheDir: cacheDir() });
}

function expectCut(board: Board, file: string): void {
  const frame = board.frames[0];
  expect(frame?.caption).toBe(LONG.trim().slice(0, 10_000));
  const cut = board.problems.filter((p) => p.code === 'CAPTION_LARGE');
  expect(cut).toHaveLength(1);
  expect(cut[0]).toMatchObject({ severity: 'warning', file, frameId: frame?.id });
  expect(cut[0]?.message).toContain(`${LONG.trim().length.toLocaleString('en-US')} characters`);
  expect(cut[0]?.message).toContain('10,000');
  expect(frame?.problems).toContainEqual(cut[0]);
}

describe('caption length', () => {
  it('cuts a shots.csv caption', async () => {
    expectCut(await boardWith({ 'shots.csv': `file,caption\nshot1.png,${LONG.trim()}\n` }, ['shot1.png']), 'shots.csv');
  });

  it('cuts a storyboard.json caption', async () => {
    expectCut(
      await boardWith({ 'storyboard.json': JSON.stringify({ version: 1, shots: [{ file: 'shot1.png', caption: LONG.trim() }] }) }, [
        'shot1.png',
      ]),
      'storyboard.json',
    );
  });

  it('cuts a sidecar caption', async () => {
    expectCut(await boardWith({ 'shot1.txt': LONG.trim() }, ['shot1.png']), 'shot1.txt');
  });

  it('cuts a Storyboarder action', async () => {
    const project = { aspectRatio: 1, boards: [{ uid: 'AAAAA', url: 'board-1-AAAAA.png', number: 1, action: LONG.trim() }] };
    const dir = tempBoard();
    writeText(join(dir, 'film.storyboarder'), JSON.stringify(project));
    await writeImage(join(dir, 'images', 'board-1-AAAAA-posterframe.jpg'));
    expectCut(await openBoard(dir, { cacheDir: cacheDir() }), 'film.storyboarder');
  });

  it('cuts a caption from image metadata', async () => {
    expectCut(
      await boardWith({ 'shot1.png': await pngWithText([{ type: 'tEXt', keyword: 'Description', text: LONG.trim() }]) }),
      'shot1.png',
    );
  });

  it('leaves a caption of exactly 10,000 characters alone, and never splits a surrogate pair', async () => {
    const exact = await boardWith({ 'shot1.txt': 'x'.repeat(10_000) }, ['shot1.png']);
    expect(exact.frames[0]?.caption?.length).toBe(10_000);
    expect(exact.problems).toEqual([]);
    const emoji = await boardWith({ 'shot1.txt': `${'x'.repeat(9_999)}\u{1F600}tail` }, ['shot1.png']);
    expect(emoji.frames[0]?.caption).toBe('x'.repeat(9_999));
  });

  it('does not read a sidecar over 1 MB at all', async () => {
    const board = await boardWith({ 'shot1.txt': 'x'.repeat(1024 * 1024 + 1) }, ['shot1.png']);
    expect(board.frames[0]?.caption).toBeNull();
    expect(board.problems).toMatchObject([{ code: 'CAPTION_LARGE', severity: 'warning', file: 'shot1.txt' }]);
    expect(board.problems[0]?.message).toContain('not read');
  });
});

describe('compressed image text', () => {
  it('opens a small PNG whose zTXt inflates to 30 MB with a problem, not a 30 MB caption', async () => {
    const bomb = deflateSync(Buffer.alloc(30 * 1024 * 1024, 'masterpiece, best quality, a cat, '));
    const zTXt = chunk('zTXt', Buffer.concat([Buffer.from('parameters\0', 'latin1'), Buffer.from([0]), bomb]));
    const png = withTextBeforeIend(await imageBytes('png'), [zTXt]);
    expect(png.length).toBeLessThan(200 * 1024);
    const dir = tempBoard();
    writeFileSync(join(dir, 'bomb.png'), png);

    const board = await openBoard(dir, { cacheDir: cacheDir() });
    const frame = board.frames[0];
    expect(frame).toMatchObject({ id: 'bomb.png', caption: null, captionSource: { kind: 'none' } });
    expect(board.problems).toMatchObject([{ code: 'METADATA_TOO_LARGE', severity: 'warning', file: 'bomb.png', frameId: 'bomb.png' }]);
    expect(board.problems[0]?.message).toContain('"parameters"');
    expect(board.problems[0]?.message).toContain('not read');
    expect(JSON.stringify(board).length).toBeLessThan(10_000);
  });
});
