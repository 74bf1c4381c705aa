// The PNG text reader on real files: chunks anywhere before IEND (ExifTool appends them after the
// image data), image data seeked past rather than read, and compressed chunks inflated only up to
// the limit.
import { randomBytes } from 'node:crypto';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_CHUNK_BYTES, readPngHeaderText } from '../../../electron/engine/board/pngText.ts';
import { TAIL_BYTES } from '../../../electron/engine/board/pngTail.ts';
import { chunk, pngWithText, removeTempBoards, tempBoard, textChunk, withTextBeforeIend } from './helpers.ts';

afterAll(removeTempBoards);

/** Every byte asked of any FileHandle while `work` runs (the reader's only way to the file). */
async function bytesRequested<T>(work: () => Promise<T>): Promise<{ result: T; bytes: number; reads: number }> {
  const probe: FileHandle = await openFile(__filename, 'r');
  const proto = Object.getPrototypeOf(probe) as { read: FileHandle['read'] };
  await probe.close();
  const original = proto.read;
  let bytes = 0;
  let reads = 0;
  proto.read = function (this: FileHandle, ...args: unknown[]) {
    reads++;
    const length = args[2];
    bytes += typeof length === 'number' ? length : 0;
    return (original as (...a: unknown[]) => ReturnType<FileHandle['read']>).apply(this, args);
  } as FileHandle['read'];
  try {
    return { result: await work(), bytes, reads };
  } finally {
    proto.read = original;
  }
}

describe('PNG text chunks', () => {
  it('reads a tEXt chunk that comes after the image data, as ExifTool writes it', async () => {
    const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const path = join(tempBoard(), 'exiftool.png');
    writeFileSync(path, withTextBeforeIend(png, [textChunk({ type: 'tEXt', keyword: 'Description', text: 'a lighthouse at dusk' })]));
    const read = await readPngHeaderText(path);
    expect(read?.texts).toEqual([{ keyword: 'Description', text: 'a lighthouse at dusk' }]);
    // libvips still decodes it: the file is a valid PNG.
    expect((await sharp(path).metadata()).width).toBe(64);
  });

  it('seeks past the image data: a 9 MB frame costs a few small reads', async () => {
    // Noise does not compress, so the image data is about as large as the pixels.
    const side = 1800;
    const noise = randomBytes(side * side * 3);
    const png = await sharp(noise, { raw: { width: side, height: side, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer();
    expect(png.length).toBeGreaterThan(8_000_000);
    const path = join(tempBoard(), 'large.png');
    writeFileSync(path, withTextBeforeIend(png, [textChunk({ type: 'tEXt', keyword: 'Comment', text: 'after the pixels' })]));

    const { result, bytes, reads } = await bytesRequested(() => readPngHeaderText(path));
    expect(result?.texts).toEqual([{ keyword: 'Comment', text: 'after the pixels' }]);
    // libvips writes 8 KB IDAT chunks (1,200 here): a header walk alone would read each of them.
    expect(reads).toBeLessThanOrEqual(5);
    expect(bytes).toBeLessThan(TAIL_BYTES + 1024);
  });

  it('still finds text after the image data when it is larger than the tail read', async () => {
    const png = await sharp(randomBytes(400 * 400 * 3), { raw: { width: 400, height: 400, channels: 3 } })
      .png()
      .toBuffer();
    const path = join(tempBoard(), 'long-tail.png');
    const text = 'w'.repeat(2 * TAIL_BYTES);
    writeFileSync(
      path,
      withTextBeforeIend(png, [
        textChunk({ type: 'tEXt', keyword: 'Comment', text }),
        textChunk({ type: 'tEXt', keyword: 'Description', text: 'last' }),
      ]),
    );
    const read = await readPngHeaderText(path);
    expect(read?.texts.map((t) => [t.keyword, t.text.length])).toEqual([
      ['Comment', text.length],
      ['Description', 4],
    ]);
  });

  it('skips a zTXt chunk that inflates past the limit, names it, and keeps reading the others', async () => {
    const bomb = Buffer.alloc(30 * 1024 * 1024, 'a photo of a cat '); // 30 MB of text
    const compressed = deflateSync(bomb, { level: 9 });
    const zTXt = chunk('zTXt', Buffer.concat([Buffer.from('parameters\0', 'latin1'), Buffer.from([0]), compressed]));
    const png = await pngWithText([{ type: 'tEXt', keyword: 'Description', text: 'a red door' }]);
    const path = join(tempBoard(), 'bomb.png');
    writeFileSync(path, withTextBeforeIend(png, [zTXt]));

    const read = await readPngHeaderText(path);
    expect(read?.texts).toEqual([{ keyword: 'Description', text: 'a red door' }]);
    expect(read?.skipped).toEqual([{ type: 'zTXt', keyword: 'parameters', storedBytes: zTXt.length - 12 }]);
    expect(MAX_CHUNK_BYTES).toBeLessThan(bomb.length);
  });

  it('skips a compressed iTXt chunk past the limit the same way', async () => {
    const path = join(tempBoard(), 'itxt-bomb.png');
    writeFileSync(
      path,
      await pngWithText([{ type: 'iTXt', keyword: 'workflow', text: 'x'.repeat(MAX_CHUNK_BYTES + 1), compressed: true }]),
    );
    const read = await readPngHeaderText(path);
    expect(read?.texts).toEqual([]);
    expect(read?.skipped).toMatchObject([{ type: 'iTXt', keyword: 'workflow' }]);
  });

  it('reads a compressed chunk just under the limit (a ComfyUI workflow of a few MB)', async () => {
    const path = join(tempBoard(), 'workflow.png');
    const workflow = JSON.stringify({ nodes: 'n'.repeat(4 * 1024 * 1024) });
    writeFileSync(path, await pngWithText([{ type: 'iTXt', keyword: 'workflow', text: workflow, compressed: true }]));
    const read = await readPngHeaderText(path);
    expect(read?.texts[0]?.text.length).toBe(workflow.length);
    expect(read?.skipped).toEqual([]);
  });

  it('stops at a chunk cut short, keeping what came before', async () => {
    const png = await pngWithText([{ type: 'tEXt', keyword: 'Description', text: 'kept' }]);
    const cut = withTextBeforeIend(png, [textChunk({ type: 'tEXt', keyword: 'Comment', text: 'x'.repeat(1000) })]);
    const path = join(tempBoard(), 'cut.png');
    writeFileSync(path, cut.subarray(0, cut.length - 500));
    expect((await readPngHeaderText(path))?.texts).toEqual([{ keyword: 'Description', text: 'kept' }]);
  });
});
