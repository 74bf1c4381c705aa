// CLIP's image preprocessing (clip._transform on PIL.Image.open), built on sharp:
// shorter side to the model's size with bicubic, long side truncated; center crop with
// round-half-to-even; RGB taken after resize and crop; alpha dropped; EXIF orientation ignored.
// Shrinking runs in libvips (fast, within 0.004 mean of Pillow); enlarging, palette and grey+alpha
// images go through our Pillow resampler (bit-exact), because libvips samples half a pixel off when
// enlarging, Pillow resizes palette images with nearest neighbour, and it resizes LA images as 8-bit
// premultiplied La (rounded at each step), which libvips' float premultiplication misses by more
// than the tolerance on line art with soft edges.
import { readFile } from 'node:fs/promises';
import type { Metadata, Sharp } from 'sharp';
import type { FrameWarning } from '../../common/api.ts';
import { AppError, errnoOf } from '../../common/errors.ts';
import { decodeWithOwnError } from '../../platform/decodeLock.ts';
import { premultiply, resizeBicubic, resizeNearest, unpremultiply, type RawImage } from './pilResample.ts';
import type { PreprocessConfig } from './preprocessConfig.ts';
import { sharpLibrary } from './native.ts';

/** Frames larger than this are refused from the header, before any pixel is decoded. */
export const MAX_IMAGE_PIXELS = 100_000_000;
/** Crop loss above this share of the long side is worth telling the user (16:9 loses 44%). */
export const CROP_LOSS_WARNING = 0.3;

export type ResampleMethod = 'none' | 'libvips-cubic' | 'pillow-bicubic' | 'pillow-nearest';

export interface PreprocessedImage {
  width: number;
  height: number;
  resample: ResampleMethod;
  warnings: FrameWarning[];
  /** The 8-bit pixels CLIP sees (after resize and crop, the image's own channels), for statistics. */
  pixels: RawImage;
  /** With keepResized: the resized image the crop is cut from, where it shows what a viewer would (see resizedIsShowable). */
  resized?: RawImage;
}

export interface PreprocessOptions {
  /** Keep the resized image before the crop (the grid thumbnail is made from it: one decode, two uses). */
  keepResized?: boolean;
}

/**
 * Whether the resized image is what a viewer shows: no colour profile (a viewer converts it, CLIP
 * ignores it) and no EXIF turn (a viewer shows the photo upright, CLIP as stored).
 */
function resizedIsShowable(meta: Metadata): boolean {
  return !meta.hasProfile && (meta.orientation ?? 1) === 1;
}

interface Geometry {
  resizedWidth: number;
  resizedHeight: number;
  left: number;
  top: number;
}

function roundHalfToEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

export function clipGeometry(width: number, height: number, config: PreprocessConfig): Geometry {
  const short = Math.min(width, height);
  const long = Math.max(width, height);
  // torchvision: int(size * long / short), truncated.
  const resizedLong = Math.trunc((config.shortestEdge * long) / short);
  const [resizedWidth, resizedHeight] = width <= height ? [config.shortestEdge, resizedLong] : [resizedLong, config.shortestEdge];
  return {
    resizedWidth,
    resizedHeight,
    left: roundHalfToEven((resizedWidth - config.cropWidth) / 2),
    top: roundHalfToEven((resizedHeight - config.cropHeight) / 2),
  };
}

async function readImageBytes(source: string | Buffer): Promise<Buffer> {
  if (typeof source !== 'string') return source;
  try {
    return await readFile(source);
  } catch (cause) {
    const code = errnoOf(cause);
    if (code === 'ENOENT') throw new AppError('FILE_NOT_FOUND', 'The image file does not exist.', { file: source, cause });
    throw new AppError('IMAGE_UNREADABLE', `The image cannot be read (${code ?? (cause as Error).message}).`, {
      file: source,
      fix: 'Check that the file is a readable image and that you have permission to read it.',
      cause,
    });
  }
}

function openImage(bytes: Buffer, limitInputPixels: number | false = MAX_IMAGE_PIXELS): Sharp {
  // PIL ignores embedded ICC profiles and EXIF orientation; so must we for the same pixels.
  return sharpLibrary()(bytes, { failOn: 'truncated', limitInputPixels, ignoreIcc: true, autoOrient: false });
}

function decodeError(error: unknown, file: string | undefined): AppError {
  const detail = (error as Error).message ?? String(error);
  if (/unsupported image format/i.test(detail)) {
    return new AppError('IMAGE_UNSUPPORTED', 'This file is not an image Frameproof can read.', {
      file,
      fix: 'Save the frame as PNG, JPEG, WebP, TIFF, GIF or AVIF.',
      cause: error,
    });
  }
  return new AppError('IMAGE_UNREADABLE', `The image is damaged or incomplete (${detail.trim().split('\n')[0]}).`, {
    file,
    fix: 'Export the frame again from your drawing tool.',
    cause: error,
  });
}

function warningsFor(meta: Metadata, geometry: Geometry, config: PreprocessConfig, transparentShare: number): FrameWarning[] {
  const warnings: FrameWarning[] = [];
  if (transparentShare > 0) {
    warnings.push({
      code: 'TRANSPARENCY',
      message: `${Math.round(transparentShare * 100)}% of what CLIP sees is transparent; CLIP sees those pixels as their stored colour (often black), not as the background you see.`,
    });
  }
  if (meta.orientation !== undefined && meta.orientation > 1) {
    warnings.push({
      code: 'EXIF_ROTATED',
      message: `The photo carries EXIF orientation ${meta.orientation}; CLIP scores it as stored, not as displayed.`,
    });
  }
  const lostWidth = 1 - config.cropWidth / geometry.resizedWidth;
  const lostHeight = 1 - config.cropHeight / geometry.resizedHeight;
  const lost = Math.max(lostWidth, lostHeight);
  if (lost > CROP_LOSS_WARNING) {
    warnings.push({
      code: 'CROP_LOSS',
      message: `CLIP sees only the center square: ${Math.round(lost * 100)}% of the frame's ${lostWidth >= lostHeight ? 'width' : 'height'} is cropped away.`,
    });
  }
  return warnings;
}

/** Pixels after resize and crop, still in the image's own channels (1-4). */
async function resizeAndCrop(
  bytes: Buffer,
  meta: Metadata,
  g: Geometry,
  config: PreprocessConfig,
  keepResized = false,
): Promise<{ image: RawImage; resample: ResampleMethod; resized?: RawImage }> {
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  const crop = { left: g.left, top: g.top, width: config.cropWidth, height: config.cropHeight };
  const unchanged = g.resizedWidth === width && g.resizedHeight === height;
  const palette = meta.isPalette === true || meta.format === 'gif' || meta.bitsPerSample === 1;
  const greyAlpha = meta.channels === 2;
  if (!unchanged && !palette && !greyAlpha && g.resizedWidth < width) {
    const resize = openImage(bytes).resize(g.resizedWidth, g.resizedHeight, { kernel: 'cubic', fit: 'fill', fastShrinkOnLoad: false });
    if (keepResized && resizedIsShowable(meta)) {
      // The whole resized image, cropped here: the same pixels as libvips' extract.
      const { data, info } = await resize.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
      const resized: RawImage = { data, width: info.width, height: info.height, channels: info.channels };
      return { image: cropRaw(resized, crop), resample: 'libvips-cubic', resized };
    }
    const { data, info } = await resize.extract(crop).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    return { image: { data, width: info.width, height: info.height, channels: info.channels }, resample: 'libvips-cubic' };
  }
  const { data, info } = await openImage(bytes).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  let image: RawImage = { data, width: info.width, height: info.height, channels: info.channels };
  let resample: ResampleMethod = 'none';
  if (!unchanged && palette) {
    image = resizeNearest(image, g.resizedWidth, g.resizedHeight);
    resample = 'pillow-nearest';
  } else if (!unchanged) {
    // Pillow resizes RGBA and LA with premultiplied alpha.
    const alpha = image.channels === 2 || image.channels === 4;
    image = resizeBicubic(alpha ? premultiply(image) : image, g.resizedWidth, g.resizedHeight);
    if (alpha) image = unpremultiply(image);
    resample = 'pillow-bicubic';
  }
  return { image: cropRaw(image, crop), resample };
}

function cropRaw(image: RawImage, crop: { left: number; top: number; width: number; height: number }): RawImage {
  if (crop.left === 0 && crop.top === 0 && crop.width === image.width && crop.height === image.height) return image;
  const { channels } = image;
  const out = new Uint8Array(crop.width * crop.height * channels);
  const rowBytes = crop.width * channels;
  for (let y = 0; y < crop.height; y++) {
    const from = ((y + crop.top) * image.width + crop.left) * channels;
    out.set(image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return { data: out, width: crop.width, height: crop.height, channels };
}

// torchvision computes x / 255, then (x - mean) / std, each in float32; a table per channel
// reproduces those roundings and spares the arithmetic per pixel.
function channelTables(config: PreprocessConfig): Float32Array[] {
  const f = Math.fround;
  const divisor = 1 / config.rescaleFactor;
  const exactDivisor = Math.abs(divisor - Math.round(divisor)) < 1e-9 ? Math.round(divisor) : divisor;
  return [0, 1, 2].map((ch) => {
    const table = new Float32Array(256);
    for (let v = 0; v < 256; v++) table[v] = f(f(f(v / exactDivisor) - f(config.mean[ch]!)) / f(config.std[ch]!));
    return table;
  });
}

const tableCache = new WeakMap<PreprocessConfig, Float32Array[]>();

/** Writes normalized CHW float32 RGB into target at offset; returns the share of transparent pixels. */
function writeTensor(image: RawImage, config: PreprocessConfig, target: Float32Array, offset: number): number {
  const { data, channels, width, height } = image;
  let tables = tableCache.get(config);
  if (!tables) tableCache.set(config, (tables = channelTables(config)));
  const plane = width * height;
  const gray = channels <= 2;
  for (let ch = 0; ch < 3; ch++) {
    const table = tables[ch]!;
    const source = gray ? 0 : ch;
    const base = offset + ch * plane;
    for (let p = 0; p < plane; p++) target[base + p] = table[data[p * channels + source]!]!;
  }
  let transparent = 0;
  if (channels === 2 || channels === 4) {
    for (let p = 0; p < plane; p++) if (data[p * channels + channels - 1]! < 255) transparent++;
  }
  return transparent / plane;
}

/**
 * Decodes and preprocesses one image into target[offset .. offset + 3*H*W).
 * `source` is a path or the file's bytes; `file` names it in errors.
 */
export async function preprocessImage(
  source: string | Buffer,
  config: PreprocessConfig,
  target: Float32Array,
  offset = 0,
  file: string | undefined = typeof source === 'string' ? source : undefined,
  options: PreprocessOptions = {},
): Promise<PreprocessedImage> {
  const bytes = await readImageBytes(source);
  if (bytes.length === 0) {
    throw new AppError('IMAGE_EMPTY', 'The image file is empty (0 bytes).', {
      file,
      fix: 'Export the frame again; the file was not written completely.',
    });
  }
  // The header only: the size check below must see the dimensions to name them.
  const meta: Metadata = await decodeWithOwnError(
    () => openImage(bytes, false).metadata(),
    (error) => decodeError(error, file),
  );
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > MAX_IMAGE_PIXELS) {
    throw new AppError(
      'IMAGE_TOO_LARGE',
      `The image is ${width}×${height} pixels, more than Frameproof decodes (${MAX_IMAGE_PIXELS / 1e6} megapixels).`,
      {
        file,
        fix: 'Export the frame at a smaller size; CLIP sees it at 224×224 anyway.',
      },
    );
  }
  if (width < 1 || height < 1) throw decodeError(new Error('no image dimensions'), file);
  const geometry = clipGeometry(width, height, config);
  const cropped = await decodeWithOwnError(
    () => resizeAndCrop(bytes, meta, geometry, config, options.keepResized),
    (error) => decodeError(error, file),
  );
  const transparentShare = writeTensor(cropped.image, config, target, offset);
  return {
    width,
    height,
    resample: cropped.resample,
    warnings: warningsFor(meta, geometry, config, transparentShare),
    pixels: cropped.image,
    ...(cropped.resized && { resized: cropped.resized }),
  };
}
