// Storyboarder projects: the real projects in ../shared/fixtures/storyboarder, read in place;
// temp copies only where a test has to change or remove files.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { openBoard } from '../../../electron/engine/board/index.ts';
import { SHARED } from '../../paths.ts';
import { removeTempBoards, tempBoard, writeImage } from './helpers.ts';

afterAll(removeTempBoards);

const FIXTURES = join(SHARED, 'fixtures', 'storyboarder');
const cacheDir = () => join(tempBoard('frameproof-cache-'), 'cache');

async function meanAbsDifference(a: string, b: string): Promise<number> {
  const first = await sharp(a).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const second = await sharp(b).resize(first.info.width, first.info.height, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  let sum = 0;
  for (let i = 0; i < second.length; i++) sum += Math.abs((first.data[i] as number) - (second[i] as number));
  return sum / second.length;
}

describe('Storyboarder projects', () => {
  it('opens the single-scene example: boards in project order, posterframes, shot labels, no captions', async () => {
    const board = await openBoard(join(FIXTURES, 'example'), { cacheDir: cacheDir() });
    expect(board.problems).toEqual([]);
    expect(board.scenes).toEqual([{ id: '.', name: 'example', folder: '.', frameIds: board.frames.map((f) => f.id) }]);
    // images/ also holds posterframes of boards the project no longer lists: those are not frames.
    expect(board.frames.map((f) => [f.id, f.shot.label, f.storyboarder?.image])).toEqual([
      ['images/board-1-UDRF3.png', '1A', 'posterframe'],
      ['images/board-2-RRO6K.png', '2A', 'posterframe'],
      ['images/board-3-DRAPP.png', '3A', 'posterframe'],
      ['images/board-4-TSIOW.png', '4A', 'posterframe'],
    ]);
    expect(board.frames[0]?.path).toBe(join(FIXTURES, 'example', 'images', 'board-1-UDRF3-posterframe.jpg'));
    for (const frame of board.frames) {
      expect(frame.caption).toBeNull();
      expect(frame.captionSource).toEqual({ kind: 'none' });
      expect(frame.entry).toMatchObject({
        kind: 'storyboarder',
        file: 'example.storyboarder',
        boardUid: frame.storyboarder?.boardUid,
        field: 'action',
      });
    }
  });

  it('opens the multi-scene printable project as one scene per storyboards/<scene> folder, captions action > dialogue > notes', async () => {
    const board = await openBoard(join(FIXTURES, 'printable'), { cacheDir: cacheDir() });
    expect(board.problems).toEqual([]);
    expect(board.scenes.map((s) => [s.name, s.frameIds.length])).toEqual([
      ['Scene-1-EXT-A-PLACE-DAY-1-7BUNG', 3],
      ['Scene-2-INT-A-PLACE-DAY-2-50YWC', 3],
      ['Scene-3-EXT-HOUSE-DAY-3-0VAZK', 4],
    ]);
    const byUid = new Map(board.frames.map((f) => [f.storyboarder?.boardUid, f]));
    expect(byUid.get('ZCKAZ')).toMatchObject({
      caption: 'Waving',
      captionSource: {
        kind: 'storyboarder',
        file: 'storyboards/Scene-1-EXT-A-PLACE-DAY-1-7BUNG/Scene-1-EXT-A-PLACE-DAY-1-7BUNG.storyboarder',
        boardUid: 'ZCKAZ',
        boardIndex: 2,
        field: 'action',
      },
      shot: { number: 3, label: '3A' },
      storyboarder: { durationMs: 2000, image: 'posterframe' },
    });
    expect(byUid.get('TDIC0')).toMatchObject({ caption: 'Waving back to say hi.', storyboarder: { durationMs: 1300 } });
    expect(byUid.get('XXWEA')).toMatchObject({ caption: 'Outside again. The caller waves.', shot: { label: '1A' } });
    // Empty strings everywhere, or no text fields at all: no caption, and the board's action is where one goes.
    expect(byUid.get('P4OP7')).toMatchObject({
      caption: null,
      captionSource: { kind: 'none' },
      entry: { field: 'action' },
      storyboarder: { durationMs: 1500 },
    });
    expect(byUid.get('EOQXI')).toMatchObject({ caption: null, shot: { label: '2A' }, storyboarder: { durationMs: 2000 } });
  });

  it('falls back to dialogue, then notes, when the action is empty', async () => {
    const dir = tempBoard();
    cpSync(join(FIXTURES, 'printable', 'storyboards', 'Scene-2-INT-A-PLACE-DAY-2-50YWC'), dir, { recursive: true });
    const file = join(dir, 'Scene-2-INT-A-PLACE-DAY-2-50YWC.storyboarder');
    const project = JSON.parse(readFileSync(file, 'utf8')) as { boards: Record<string, unknown>[] };
    const tdic0 = project.boards.find((b) => b.uid === 'TDIC0') as Record<string, unknown>;
    tdic0.action = '';
    writeFileSync(file, JSON.stringify(project, null, 2));
    let frame = (await openBoard(dir, { cacheDir: cacheDir() })).frames.find((f) => f.storyboarder?.boardUid === 'TDIC0');
    expect(frame).toMatchObject({ caption: 'PERSON B: Привет!', captionSource: { field: 'dialogue' } });
    delete tdic0.dialogue;
    writeFileSync(file, JSON.stringify(project, null, 2));
    frame = (await openBoard(dir, { cacheDir: cacheDir() })).frames.find((f) => f.storyboarder?.boardUid === 'TDIC0');
    expect(frame).toMatchObject({
      caption: 'The background should be very dark because this person lives in a cave.',
      captionSource: { field: 'notes' },
    });
  });

  it('composites the layers into the cache when there is no posterframe, close to what Storyboarder drew', async () => {
    const dir = tempBoard();
    const source = join(FIXTURES, 'printable', 'storyboards', 'Scene-1-EXT-A-PLACE-DAY-1-7BUNG');
    cpSync(source, dir, { recursive: true });
    for (const name of readdirSync(join(dir, 'images'))) if (name.endsWith('-posterframe.jpg')) rmSync(join(dir, 'images', name));
    const cache = cacheDir();
    const before = readdirSync(join(dir, 'images')).sort();
    const board = await openBoard(dir, { cacheDir: cache });
    expect(board.problems).toEqual([]);
    expect(readdirSync(join(dir, 'images')).sort()).toEqual(before);
    expect(board.frames).toHaveLength(3);
    const white = join(tempBoard(), 'white.png');
    await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#ffffff' } })
      .png()
      .toFile(white);
    for (const frame of board.frames) {
      expect(frame.storyboarder?.image).toBe('composite');
      expect(frame.path.startsWith(cache)).toBe(true);
      expect(await sharp(frame.path).metadata()).toMatchObject({ width: 1600, height: 900 });
      const poster = join(source, 'images', frame.name.replace('.png', '-posterframe.jpg'));
      // Storyboarder's JPEG posterframe vs our PNG: JPEG noise only. A blank page is 4.5+ away.
      expect(await meanAbsDifference(frame.path, poster)).toBeLessThan(1);
      expect(await meanAbsDifference(white, poster)).toBeGreaterThan(4);
    }
    const again = await openBoard(dir, { cacheDir: cache });
    expect(again.frames.map((f) => [f.path, f.mtimeMs])).toEqual(board.frames.map((f) => [f.path, f.mtimeMs]));
  });

  it('draws layers in Storyboarder order with their opacity on white', async () => {
    const dir = tempBoard();
    const red = { create: { width: 160, height: 90, channels: 4 as const, background: { r: 255, g: 0, b: 0, alpha: 1 } } };
    mkdirSync(join(dir, 'images'));
    await sharp(red)
      .png()
      .toFile(join(dir, 'images', 'board-1-AAAAA-fill.png'));
    // A blue half-transparent reference layer sits under the fill: fully covered, it must not show.
    await sharp({ create: { width: 160, height: 90, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 1 } } })
      .png()
      .toFile(join(dir, 'images', 'board-1-AAAAA-reference.png'));
    // Notes on top at 50%: black over red gives dark red.
    await sharp({ create: { width: 160, height: 90, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } })
      .png()
      .toFile(join(dir, 'images', 'board-1-AAAAA-notes.png'));
    const project = {
      version: '2.1.0',
      aspectRatio: 2,
      boards: [
        {
          uid: 'AAAAA',
          url: 'board-1-AAAAA.png',
          layers: {
            notes: { url: 'board-1-AAAAA-notes.png', opacity: 0.5 },
            fill: { url: 'board-1-AAAAA-fill.png' },
            reference: { url: 'board-1-AAAAA-reference.png', opacity: 0.5 },
          },
          number: 1,
          shot: '1A',
        },
      ],
    };
    writeFileSync(join(dir, 'p.storyboarder'), JSON.stringify(project, null, 2));
    const board = await openBoard(dir, { cacheDir: cacheDir() });
    const frame = board.frames[0];
    expect(frame?.storyboarder?.image).toBe('composite');
    const { data, info } = await sharp(frame?.path).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1800, 900]);
    expect([...data.subarray(0, 3)].map((v) => Math.round(v / 10))).toEqual([13, 0, 0]);
  });

  it('reports a corrupt .storyboarder with the file and what to do, and opens the rest of the folder', async () => {
    const dir = tempBoard();
    writeFileSync(join(dir, 'broken.storyboarder'), '{\n  "version": "2.1.0",\n  "boards": [\n    { "uid": "AB');
    await writeImage(join(dir, 'sketch1.png'));
    await writeImage(join(dir, 'scene', 'sketch2.png'));
    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(board.frames.map((f) => f.id)).toEqual(['sketch1.png', 'scene/sketch2.png']);
    expect(board.problems).toHaveLength(1);
    expect(board.problems[0]).toMatchObject({ code: 'STORYBOARDER_INVALID', severity: 'error', file: 'broken.storyboarder' });
    expect(board.problems[0]?.message).toMatch(/not valid JSON at line 4/);
    expect(board.problems[0]?.fix).toMatch(/Storyboarder/);
  });

  it('reports a board with neither a posterframe nor layer images, and lists the others', async () => {
    const dir = tempBoard();
    await writeImage(join(dir, 'images', 'board-2-BBBBB-posterframe.jpg'));
    const project = {
      boards: [
        { uid: 'AAAAA', url: 'board-1-AAAAA.png', layers: { fill: { url: 'board-1-AAAAA-fill.png' } } },
        { uid: 'BBBBB', url: 'board-2-BBBBB.png' },
        { url: 'no-uid.png' },
      ],
    };
    writeFileSync(join(dir, 'p.storyboarder'), JSON.stringify(project));
    const board = await openBoard(dir, { cacheDir: cacheDir() });
    expect(board.frames.map((f) => f.storyboarder?.boardUid)).toEqual(['BBBBB']);
    expect(board.problems.map((p) => p.code)).toEqual(['STORYBOARDER_INVALID', 'STORYBOARDER_IMAGE_MISSING']);
    expect(board.problems[1]?.message).toContain('AAAAA');
  });
});
