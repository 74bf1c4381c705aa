import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { clipGeometry, preprocessImage } from '../../../electron/engine/clip/preprocess.ts';
import { CLIP_PREPROCESS } from '../../../electron/engine/clip/preprocessConfig.ts';
import { AppError } from '../../../electron/common/errors.ts';
import { GOLDEN } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

interface GoldenImage {
  name: string;
  file: string;
  expected: string;
  mode: string;
  size: [number, number];
}

const manifest = JSON.parse(readFileSync(join(GOLDEN, 'manifest.json'), 'utf8')) as { images: GoldenImage[] };
// The tolerance, in normalized units (one 8-bit level is about 0.015).
const MEAN_TOLERANCE = 0.005;
const MAX_TOLERANCE = 0.5;
const PLANE = 3 * 224 * 224;

describe('preprocessing against CLIP PIL goldens', () => {
  const images = manifest.images.filter((im) => !/I;16|CMYK/.test(im.mode));

  it('covers enlargements, palette and alpha images', () => {
    expect(images.some((im) => Math.min(...im.size) < 224)).toBe(true);
    expect(images.some((im) => im.mode === 'P')).toBe(true);
    expect(images.some((im) => im.mode === 'RGBA')).toBe(true);
  });

  it.each(images.map((im) => [im.name, im] as const))('%s', async (_name, image) => {
    const tensor = new Float32Array(PLANE);
    const result = await preprocessImage(join(GOLDEN, image.file), CLIP_PREPROCESS, tensor);
    const expected = new Float32Array(readFileSync(join(GOLDEN, image.expected)).buffer.slice(0));
    let sum = 0;
    let max = 0;
    for (let i = 0; i < PLANE; i++) {
      const d = Math.abs(tensor[i]! - expected[i]!);
      sum += d;
      max = Math.max(max, d);
    }
    const mean = sum / PLANE;
    console.log(`${image.name.padEnd(28)} ${result.resample.padEnd(15)} mean ${mean.toFixed(5)} max ${max.toFixed(4)}`);
    expect(mean).toBeLessThanOrEqual(MEAN_TOLERANCE);
    expect(max).toBeLessThanOrEqual(MAX_TOLERANCE);
  });

  it('keeping the resized image (for the grid thumbnail) leaves the tensor as it is, and the crop is cut from it', async () => {
    const kept: string[] = [];
    for (const image of manifest.images) {
      const file = join(GOLDEN, image.file);
      const alone = new Float32Array(PLANE);
      const keeping = new Float32Array(PLANE);
      const a = await preprocessImage(file, CLIP_PREPROCESS, alone).catch(() => undefined);
      const b = await preprocessImage(file, CLIP_PREPROCESS, keeping, 0, file, { keepResized: true }).catch(() => undefined);
      expect(b?.resample, image.name).toBe(a?.resample);
      expect(Buffer.from(keeping.buffer).equals(Buffer.from(alone.buffer)), image.name).toBe(true);
      if (!b?.resized) continue;
      kept.push(image.name);
      const { resized, pixels } = b;
      const g = clipGeometry(image.size[0], image.size[1], CLIP_PREPROCESS);
      expect([resized.width, resized.height]).toEqual([g.resizedWidth, g.resizedHeight]);
      const row = (y: number) =>
        Buffer.from(
          resized.data.subarray(
            ((y + g.top) * resized.width + g.left) * resized.channels,
            ((y + g.top) * resized.width + g.left + 224) * resized.channels,
          ),
        );
      for (const y of [0, 111, 223])
        expect(row(y).equals(Buffer.from(pixels.data.subarray(y * 224 * pixels.channels, (y + 1) * 224 * pixels.channels)))).toBe(true);
    }
    // The libvips (shrinking) path only; an EXIF-turned photo shows otherwise than CLIP sees it.
    expect(kept).toEqual(expect.arrayContaining(['scene_1080x1920_baseline', 'gradient_1920x1080', 'lossy_512x384']));
    expect(kept).not.toContain('exif_orient6_600x400');
    expect(kept).not.toContain('strokes_200x300');
  });

  it('writes at the offset it is given and nowhere else', async () => {
    const batch = new Float32Array(PLANE * 2).fill(7);
    await preprocessImage(join(GOLDEN, 'images/tiny_64x48.png'), CLIP_PREPROCESS, batch, PLANE);
    expect(batch.subarray(0, PLANE).every((v) => v === 7)).toBe(true);
    expect(batch.subarray(PLANE).some((v) => v !== 7)).toBe(true);
  });
});

describe('geometry', () => {
  it('truncates the long side and rounds the crop half to even', () => {
    expect(clipGeometry(1920, 1080, CLIP_PREPROCESS)).toEqual({ resizedWidth: 398, resizedHeight: 224, left: 87, top: 0 });
    expect(clipGeometry(229, 224, CLIP_PREPROCESS).left).toBe(2); // 2.5 -> 2
    expect(clipGeometry(227, 224, CLIP_PREPROCESS).left).toBe(2); // 1.5 -> 2
  });
});

describe('warnings attached to a frame', () => {
  it('reports transparency, EXIF rotation and crop loss', async () => {
    const tensor = new Float32Array(PLANE);
    const codes = async (file: string) => (await preprocessImage(join(GOLDEN, file), CLIP_PREPROCESS, tensor)).warnings.map((w) => w.code);
    expect(await codes('images/rgba_224x224.png')).toContain('TRANSPARENCY');
    expect(await codes('images/exif_orient6_600x400.jpg')).toContain('EXIF_ROTATED');
    const wide = await preprocessImage(join(GOLDEN, 'images/gradient_1920x1080.png'), CLIP_PREPROCESS, tensor);
    expect(wide.warnings.find((w) => w.code === 'CROP_LOSS')?.message).toMatch(/44% of the frame's width/);
    expect(await codes('images/cropround_229x224.png')).toEqual([]);
  });

  it('says 58% for a 2.39:1 frame', async () => {
    const scope = await sharp({ create: { width: 956, height: 400, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const result = await preprocessImage(scope, CLIP_PREPROCESS, new Float32Array(PLANE), 0, 'scope.png');
    expect(result.warnings.find((w) => w.code === 'CROP_LOSS')?.message).toMatch(/58%/);
  });
});

function pngWithHeader(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  // A few rows of data only: the header alone must be enough to refuse it.
  const idat = deflateSync(Buffer.alloc(1 + width * 3 * 2));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', idat),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('bad images', () => {
  const dir = tempFolder('frameproof-bad-');
  const target = new Float32Array(PLANE);

  async function errorOf(file: string): Promise<AppError> {
    try {
      await preprocessImage(file, CLIP_PREPROCESS, target);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      return error as AppError;
    }
    throw new Error(`${file} was accepted`);
  }

  it('refuses a 0-byte image', async () => {
    const file = join(dir, 'empty.jpg');
    writeFileSync(file, '');
    const error = await errorOf(file);
    expect(error.code).toBe('IMAGE_EMPTY');
    expect(error.file).toBe(file);
  });

  it('refuses a truncated JPEG', async () => {
    const jpeg = readFileSync(join(GOLDEN, 'images/scene_1080x1920_baseline.jpg'));
    const file = join(dir, 'truncated.jpg');
    writeFileSync(file, jpeg.subarray(0, jpeg.length >> 1));
    const error = await errorOf(file);
    expect(error.code).toBe('IMAGE_UNREADABLE');
    expect(error.message).toMatch(/damaged or incomplete/);
  });

  it('refuses a text file named .png', async () => {
    const file = join(dir, 'notes.png');
    writeFileSync(file, 'INT. KITCHEN - NIGHT\nthis is not an image\n');
    expect((await errorOf(file)).code).toBe('IMAGE_UNSUPPORTED');
  });

  it('refuses a 30000x30000 PNG from its header, memory staying flat', async () => {
    const file = join(dir, 'huge.png');
    writeFileSync(file, pngWithHeader(30000, 30000));
    const before = process.memoryUsage().rss;
    const error = await errorOf(file);
    const grownMiB = (process.memoryUsage().rss - before) / 2 ** 20;
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toMatch(/30000×30000/);
    // Decoding it would take 2.7 GB; the header check allocates nothing of that order.
    expect(grownMiB).toBeLessThan(100);
  });

  it('names a missing file', async () => {
    expect((await errorOf(join(dir, 'gone.png'))).code).toBe('FILE_NOT_FOUND');
  });
});

describe('errors of frames decoded side by side', () => {
  // libvips keeps one error buffer per process: two broken frames decoded at once could swap
  // messages. Each error must name its own file and its own problem, however the decodes overlap.
  it('gives each broken frame its own file and its own problem, every time', async () => {
    const dir = tempFolder('frameproof-own-errors-');
    const cut = (name: string) => readFileSync(join(GOLDEN, 'images', name)).subarray(0, 2000);
    const broken: Array<{ name: string; bytes: Buffer; code: string; problem: RegExp }> = [
      { name: 'cut.png', bytes: cut('gradient_1920x1080.png'), code: 'IMAGE_UNREADABLE', problem: /png/i },
      { name: 'cut.jpg', bytes: cut('scene_1080x1920_baseline.jpg'), code: 'IMAGE_UNREADABLE', problem: /jpe?g/i },
      { name: 'cut.webp', bytes: cut('lossy_512x384.webp'), code: 'IMAGE_UNREADABLE', problem: /webp/i },
      { name: 'notes.webp', bytes: Buffer.from('INT. KITCHEN - NIGHT\n'), code: 'IMAGE_UNSUPPORTED', problem: /not an image/ },
      { name: 'empty.png', bytes: Buffer.alloc(0), code: 'IMAGE_EMPTY', problem: /0 bytes/ },
    ];
    for (const b of broken) writeFileSync(join(dir, b.name), b.bytes);
    const good = join(GOLDEN, 'images', 'gradient_1920x1080.png');
    const plane = 3 * 224 * 224;
    for (let round = 0; round < 5; round++) {
      const files = [...broken.map((b) => join(dir, b.name)), good, good];
      const target = new Float32Array(plane * files.length);
      const results = await Promise.allSettled(files.map((file, i) => preprocessImage(file, CLIP_PREPROCESS, target, i * plane)));
      broken.forEach((b, i) => {
        const result = results[i]!;
        expect(result.status, b.name).toBe('rejected');
        const error = (result as PromiseRejectedResult).reason as AppError;
        expect(error.file, b.name).toBe(join(dir, b.name));
        expect(error.code, b.name).toBe(b.code);
        expect(error.message, `${b.name}: ${error.message}`).toMatch(b.problem);
      });
      expect(results.slice(broken.length).every((r) => r.status === 'fulfilled')).toBe(true);
    }
  });
});
