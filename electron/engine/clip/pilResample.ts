// Pillow's 8-bit separable resampling (libImaging/Resample.c), reproduced so that CLIP's
// reference preprocessing can be matched where sharp cannot: libvips places samples half a pixel
// away from Pillow when enlarging, and palette images are resized with nearest neighbour.

const PRECISION_BITS = 32 - 8 - 2;
const ONE = 1 << PRECISION_BITS;
const HALF = 1 << (PRECISION_BITS - 1);
const BICUBIC_A = -0.5;
const BICUBIC_SUPPORT = 2;

function bicubic(x: number): number {
  const a = BICUBIC_A;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

interface Coefficients {
  /** First input index of each output sample. */
  bounds: Int32Array;
  /** Taps per output sample. */
  counts: Int32Array;
  /** Fixed-point weights, `taps` per output sample. */
  weights: Int32Array;
  taps: number;
}

// precompute_coeffs + normalize_coeffs_8bpc: float weights, normalized, then rounded to
// fixed point away from zero, exactly as Pillow does.
function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = BICUBIC_SUPPORT * filterScale;
  const taps = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize);
  const counts = new Int32Array(outSize);
  const weights = new Int32Array(outSize * taps);
  const k = new Float64Array(taps);
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const ss = 1 / filterScale;
    let xmin = Math.trunc(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    let xmax = Math.trunc(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      const w = bicubic((x + xmin - center + 0.5) * ss);
      k[x] = w;
      sum += w;
    }
    for (let x = 0; x < xmax; x++) {
      const w = sum !== 0 ? k[x]! / sum : k[x]!;
      weights[xx * taps + x] = w < 0 ? Math.trunc(-0.5 + w * ONE) : Math.trunc(0.5 + w * ONE);
    }
    bounds[xx] = xmin;
    counts[xx] = xmax;
  }
  return { bounds, counts, weights, taps };
}

function clip8(value: number): number {
  const v = value >> PRECISION_BITS;
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

function resampleHorizontal(src: RawImage, outWidth: number, rowFrom: number, rowTo: number): RawImage {
  const { width, channels } = src;
  const c = coefficients(width, outWidth);
  const rows = rowTo - rowFrom;
  const out = new Uint8Array(outWidth * rows * channels);
  for (let y = 0; y < rows; y++) {
    const inRow = (y + rowFrom) * width * channels;
    const outRow = y * outWidth * channels;
    for (let xx = 0; xx < outWidth; xx++) {
      const first = c.bounds[xx]!;
      const count = c.counts[xx]!;
      const wBase = xx * c.taps;
      for (let ch = 0; ch < channels; ch++) {
        let acc = HALF;
        for (let x = 0; x < count; x++) acc += src.data[inRow + (first + x) * channels + ch]! * c.weights[wBase + x]!;
        out[outRow + xx * channels + ch] = clip8(acc);
      }
    }
  }
  return { data: out, width: outWidth, height: rows, channels };
}

function resampleVertical(src: RawImage, outHeight: number, inHeight: number, rowOffset: number): RawImage {
  const { width, channels } = src;
  const c = coefficients(inHeight, outHeight);
  const stride = width * channels;
  const out = new Uint8Array(outHeight * stride);
  for (let yy = 0; yy < outHeight; yy++) {
    const first = c.bounds[yy]! - rowOffset;
    const count = c.counts[yy]!;
    const wBase = yy * c.taps;
    for (let i = 0; i < stride; i++) {
      let acc = HALF;
      for (let y = 0; y < count; y++) acc += src.data[(first + y) * stride + i]! * c.weights[wBase + y]!;
      out[yy * stride + i] = clip8(acc);
    }
  }
  return { data: out, width, height: outHeight, channels };
}

/** Image.resize(size, BICUBIC) on an 8-bit image without alpha (premultiply first if it has one). */
export function resizeBicubic(src: RawImage, outWidth: number, outHeight: number): RawImage {
  let image = src;
  if (outWidth !== src.width) {
    // Pillow runs the horizontal pass only over the rows the vertical pass will read.
    let rowFrom = 0;
    let rowTo = src.height;
    if (outHeight !== src.height) {
      const v = coefficients(src.height, outHeight);
      rowFrom = v.bounds[0]!;
      rowTo = v.bounds[outHeight - 1]! + v.counts[outHeight - 1]!;
    }
    image = resampleHorizontal(image, outWidth, rowFrom, rowTo);
    if (outHeight !== src.height) return resampleVertical(image, outHeight, src.height, rowFrom);
    return image;
  }
  if (outHeight !== src.height) return resampleVertical(image, outHeight, src.height, 0);
  return image;
}

// Pillow's ImagingScaleAffine steps the source coordinate by repeated addition from half a
// step in; computing (x + 0.5) * scale directly picks other pixels on some rows and columns.
function nearestIndices(inSize: number, outSize: number): Int32Array {
  const step = inSize / outSize;
  const indices = new Int32Array(outSize);
  let position = step * 0.5;
  for (let i = 0; i < outSize; i++) {
    indices[i] = Math.min(inSize - 1, Math.trunc(position));
    position += step;
  }
  return indices;
}

/** Image.resize(size, NEAREST), as Pillow resizes palette images. */
export function resizeNearest(src: RawImage, outWidth: number, outHeight: number): RawImage {
  const { channels } = src;
  const out = new Uint8Array(outWidth * outHeight * channels);
  const xs = nearestIndices(src.width, outWidth);
  const ys = nearestIndices(src.height, outHeight);
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const from = (ys[y]! * src.width + xs[x]!) * channels;
      const to = (y * outWidth + x) * channels;
      for (let ch = 0; ch < channels; ch++) out[to + ch] = src.data[from + ch]!;
    }
  }
  return { data: out, width: outWidth, height: outHeight, channels };
}

// Pillow's RGBA -> RGBa and back (Convert.c): resize works on premultiplied colour.
function muldiv255(a: number, b: number): number {
  const t = a * b + 128;
  return ((t >> 8) + t) >> 8;
}

export function premultiply(image: RawImage): RawImage {
  const { data, channels } = image;
  const out = new Uint8Array(data.length);
  const alphaAt = channels - 1;
  for (let i = 0; i < data.length; i += channels) {
    const alpha = data[i + alphaAt]!;
    for (let ch = 0; ch < alphaAt; ch++) out[i + ch] = alpha === 255 ? data[i + ch]! : muldiv255(data[i + ch]!, alpha);
    out[i + alphaAt] = alpha;
  }
  return { ...image, data: out };
}

export function unpremultiply(image: RawImage): RawImage {
  const { data, channels } = image;
  const out = new Uint8Array(data.length);
  const alphaAt = channels - 1;
  for (let i = 0; i < data.length; i += channels) {
    const alpha = data[i + alphaAt]!;
    for (let ch = 0; ch < alphaAt; ch++) {
      const v = data[i + ch]!;
      out[i + ch] = alpha === 255 || alpha === 0 ? v : Math.min(255, Math.trunc((255 * v) / alpha));
    }
    out[i + alphaAt] = alpha;
  }
  return { ...image, data: out };
}
