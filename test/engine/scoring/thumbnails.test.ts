// Grid thumbnails from scoring's own decode (one decode, two uses) where CLIP's resize is wide
// enough, and from the file's bytes where it is not; both look the same to a person.
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { preprocessImage } from '../../../electron/engine/clip/preprocess.ts';
import { CLIP_PREPROCESS } from '../../../electron/engine/clip/preprocessConfig.ts';
import { Engine } from '../../../electron/engine/engine.ts';
import { thumbnailFile, thumbnailPath, thumbnailStats, THUMBNAIL_WIDTH } from '../../../electron/engine/scoring/index.ts';
import { writeThumbnailFromResized } from '../../../electron/engine/scoring/thumbnails.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

async function sketch(file: string, width: number, height: number, hue: number): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="hsl(${hue},40%,80%)"/>
    <circle cx="${width / 3}" cy="${height / 2}" r="${height / 4}" fill="hsl(${hue + 120},60%,45%)" stroke="#222" stroke-width="6"/>
    <path d="M0,${height * 0.7} Q${width / 2},${height * 0.4} ${width},${height * 0.75}" stroke="#333" stroke-width="5" fill="none"/></svg>`;
  writeFileSync(file, await sharp(Buffer.from(svg)).jpeg({ quality: 90 }).toBuffer());
}

async function pixelsOf(file: string): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

let model: string;
beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

describe('thumbnails from the resize CLIP makes', () => {
  it('look like the ones made from the file, at the same size', async () => {
    const dir = tempFolder('frameproof-thumbs-');
    const frame = join(dir, 'wide.jpg');
    await sketch(frame, 1280, 720, 30);
    const done = await preprocessImage(frame, CLIP_PREPROCESS, new Float32Array(3 * 224 * 224), 0, frame, { keepResized: true });
    expect(done.resized!.width).toBeGreaterThanOrEqual(THUMBNAIL_WIDTH);
    const fromDecodeDir = tempFolder('frameproof-thumbs-decode-');
    expect(await writeThumbnailFromResized(frame, statSync(frame), done.resized!, fromDecodeDir)).toBe(true);
    const a = await pixelsOf(thumbnailPath(frame, statSync(frame), fromDecodeDir));
    const b = await pixelsOf(await thumbnailFile(frame, tempFolder('frameproof-thumbs-bytes-')));
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    expect(a.width).toBe(THUMBNAIL_WIDTH);
    let sum = 0;
    for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
    // Two resamplings instead of one: within a couple of 8-bit levels on average.
    expect(sum / a.data.length).toBeLessThan(2.5);
  });

  it('are not made from a resize narrower than a thumbnail (portrait, 4:3)', async () => {
    const dir = tempFolder('frameproof-thumbs-');
    const frame = join(dir, 'tall.jpg');
    await sketch(frame, 720, 1280, 200);
    const done = await preprocessImage(frame, CLIP_PREPROCESS, new Float32Array(3 * 224 * 224), 0, frame, { keepResized: true });
    expect(done.resized!.width).toBe(224);
    const out = tempFolder('frameproof-thumbs-out-');
    expect(await writeThumbnailFromResized(frame, statSync(frame), done.resized!, out)).toBe(false);
  });
});

describe('scoring a board with thumbnails', () => {
  it('makes wide frames their thumbnails from its own decode and the others from their bytes, every frame one', async () => {
    const board = tempFolder('frameproof-thumbs-board-');
    const frames = [
      ['shot01.jpg', 1280, 720],
      ['shot02.jpg', 720, 1280],
      ['shot03.jpg', 1024, 768],
      ['shot04.jpg', 1920, 800],
    ] as const;
    for (const [i, [name, width, height]] of frames.entries()) {
      await sketch(join(board, name), width, height, i * 70);
      writeFileSync(join(board, name.replace('.jpg', '.txt')), `shot ${i + 1}\n`);
    }
    const engine = new Engine({ dataDir: tempFolder('frameproof-thumbs-data-'), model, provider: 'cpu', threads: 1, gridThumbnails: true });
    const before = { ...thumbnailStats };
    await engine.openBoard(board);
    const view = await engine.scoreBoard();
    expect(thumbnailStats.made - before.made).toBe(4);
    // 16:9 and 2.4:1 from the decode; portrait and 4:3 resize narrower than a thumbnail.
    expect(thumbnailStats.fromDecode - before.fromDecode).toBe(2);
    for (const frame of view.board.frames) {
      const thumb = await sharp(thumbnailPath(frame.path, statSync(frame.path), engine.thumbnailDir)).metadata();
      expect(thumb.width).toBe(THUMBNAIL_WIDTH);
    }
    await engine.close();
  });
});
