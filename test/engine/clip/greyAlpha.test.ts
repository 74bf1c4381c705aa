// Grey+alpha (LA) PNGs, common for line art on a transparent background. CLIP's reference opens them
// with PIL in mode LA; Image.resize converts LA to premultiplied La in 8 bits, resizes, converts back
// (Convert.c: la2lA keeps L where alpha is 0 or 255, else 255*L/alpha), then CenterCrop, then
// convert('RGB') copies L into R, G and B and drops alpha. shared/clip/golden has no LA image, so the
// expected tensor is built here from that recipe with the project's Pillow port (pilResample.ts,
// bit-exact against Pillow's 8-bit bicubic on the RGB goldens), step by step and in PIL's order.
// Tolerance: the 8-bit pixels CLIP sees are identical; the tensor within 1e-6 (float32 rounding of
// (v/255 - mean)/std, computed here in float64).
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { clipGeometry, preprocessImage } from '../../../electron/engine/clip/preprocess.ts';
import { CLIP_PREPROCESS } from '../../../electron/engine/clip/preprocessConfig.ts';
import { premultiply, resizeBicubic, unpremultiply, type RawImage } from '../../../electron/engine/clip/pilResample.ts';

const WIDTH = 400;
const HEIGHT = 300;
const SIZE = 224;
const PLANE = SIZE * SIZE;

/** Dark strokes with soft edges over a transparent ground whose stored grey is 200 (what an eraser leaves). */
function lineArt(): Uint8Array {
  const data = new Uint8Array(WIDTH * HEIGHT * 2);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const i = (y * WIDTH + x) * 2;
      const stroke = Math.min(Math.abs(((x * 3 + y * 2) % 97) - 48), Math.abs(Math.hypot(x - 260, y - 140) - 90));
      const alpha = stroke < 3 ? 255 : stroke < 9 ? Math.round((255 * (9 - stroke)) / 6) : 0;
      data[i] = alpha === 0 ? 200 : 20 + ((x + y) % 40);
      data[i + 1] = alpha;
    }
  }
  return data;
}

async function laPng(): Promise<Buffer> {
  return sharp(lineArt(), { raw: { width: WIDTH, height: HEIGHT, channels: 2 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

function crop(image: RawImage, left: number, top: number): RawImage {
  const { channels } = image;
  const out = new Uint8Array(SIZE * SIZE * channels);
  for (let y = 0; y < SIZE; y++)
    out.set(
      image.data.subarray(((y + top) * image.width + left) * channels, ((y + top) * image.width + left + SIZE) * channels),
      y * SIZE * channels,
    );
  return { data: out, width: SIZE, height: SIZE, channels };
}

/** clip._transform the PIL way: resize in LA (via La), crop, then L copied to RGB. */
function pilWay(decoded: RawImage): { la: RawImage; tensor: Float64Array } {
  const g = clipGeometry(WIDTH, HEIGHT, CLIP_PREPROCESS);
  const la = crop(unpremultiply(resizeBicubic(premultiply(decoded), g.resizedWidth, g.resizedHeight)), g.left, g.top);
  const tensor = new Float64Array(3 * PLANE);
  for (let ch = 0; ch < 3; ch++) {
    for (let p = 0; p < PLANE; p++) tensor[ch * PLANE + p] = (la.data[p * 2]! / 255 - CLIP_PREPROCESS.mean[ch]!) / CLIP_PREPROCESS.std[ch]!;
  }
  return { la, tensor };
}

describe('grey+alpha (LA) PNGs', () => {
  it('preprocess as PIL does: resized as premultiplied LA, cropped, then grey copied to RGB', async () => {
    const png = await laPng();
    expect(png[25]).toBe(4); // IHDR colour type 4: grey with alpha
    // PNG is lossless: PIL decodes exactly the bytes written, in mode LA.
    const expected = pilWay({ data: lineArt(), width: WIDTH, height: HEIGHT, channels: 2 });

    const tensor = new Float32Array(3 * PLANE);
    const result = await preprocessImage(png, CLIP_PREPROCESS, tensor);
    expect(result.resample).toBe('pillow-bicubic');
    // sharp hands the engine grey+alpha as RGBA with R = G = B: the same arithmetic on each copy.
    const { data: seen, channels } = result.pixels;
    const wrong = [...Array(PLANE).keys()].filter(
      (p) =>
        [0, 1, 2].some((ch) => seen[p * channels + ch] !== expected.la.data[p * 2]) ||
        seen[p * channels + channels - 1] !== expected.la.data[p * 2 + 1],
    );
    expect(wrong).toEqual([]);
    let max = 0;
    for (let i = 0; i < tensor.length; i++) max = Math.max(max, Math.abs(tensor[i]! - expected.tensor[i]!));
    expect(max).toBeLessThan(1e-6);
    // Transparent ground far from any stroke comes out black (premultiplied to 0), not its stored 200.
    const transparent = [...Array(PLANE).keys()].filter((p) => expected.la.data[p * 2 + 1] === 0 && expected.la.data[p * 2] === 0);
    expect(transparent.length).toBeGreaterThan(PLANE / 10);
    expect(result.warnings.map((w) => w.code)).toContain('TRANSPARENCY');
  });

  it("is an image on which libvips' own premultiplied shrink misses that tolerance (the test can fail)", async () => {
    const png = await laPng();
    const expected = pilWay({ data: lineArt(), width: WIDTH, height: HEIGHT, channels: 2 });
    const g = clipGeometry(WIDTH, HEIGHT, CLIP_PREPROCESS);
    const vips = await sharp(png)
      .resize(g.resizedWidth, g.resizedHeight, { kernel: 'cubic', fit: 'fill', fastShrinkOnLoad: false })
      .extract({ left: g.left, top: g.top, width: SIZE, height: SIZE })
      .raw()
      .toBuffer({ resolveWithObject: true });
    let differing = 0;
    for (let p = 0; p < PLANE; p++) if (vips.data[p * vips.info.channels] !== expected.la.data[p * 2]) differing++;
    expect(differing).toBeGreaterThan(PLANE / 100);
  });
});
