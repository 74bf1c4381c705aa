// Thumbnails for the board grid: small WebP files cached by path, size and mtime, so a grid of
// thousands of frames never loads a full-size image. Scoring writes them as it reads the frames
// for CLIP (embedBoard): from the image it resized for CLIP where that is wide enough (one
// decode, two uses), else from the bytes it read. A board scored once shows every tile at once;
// a frame that scoring did not read (a cache hit) gets its thumbnail on first request.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';
import type { RawImage } from '../clip/index.ts';

export const THUMBNAIL_WIDTH = 384;

/** Thumbnails encoded by this process (fromDecode: of them, made from scoring's own decode). */
export const thumbnailStats = { made: 0, fromDecode: 0 };

const inFlight = new Map<string, Promise<string>>();

/** Where the thumbnail of this version of the image lives (the key changes with size and mtime). */
export function thumbnailPath(image: string, info: { size: number; mtimeMs: number }, cacheDir: string): string {
  const key = createHash('sha256').update(`${image}\0${info.size}\0${info.mtimeMs}`).digest('hex').slice(0, 32);
  return join(cacheDir, key.slice(0, 2), `${key}.webp`);
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Encodes once per file at a time: the grid and scoring may ask for the same one together. */
async function once(file: string, make: () => Promise<Buffer>): Promise<string> {
  const existing = inFlight.get(file);
  if (existing) return existing;
  const made = (async () => {
    if (await exists(file)) return file;
    await mkdir(dirname(file), { recursive: true });
    const webp = await make();
    thumbnailStats.made++;
    await writeFileAtomic(file, webp);
    return file;
  })();
  inFlight.set(file, made);
  try {
    return await made;
  } finally {
    inFlight.delete(file);
  }
}

// Shown as the person sees the photo (EXIF orientation applied); CLIP's input is not.
function encode(source: string | Buffer): Promise<Buffer> {
  return sharp(source, { failOn: 'none' })
    .autoOrient()
    .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
    .webp({ quality: 78 })
    .toBuffer();
}

export async function thumbnailFile(image: string, cacheDir: string): Promise<string> {
  // The grid asks for dozens at once: a thumbnail that exists is found without queueing behind
  // the thread pool's reads and decodes (two stats, microseconds).
  const file = thumbnailPath(image, statSync(image), cacheDir);
  if (existsSync(file)) return file;
  return once(file, () => encode(image));
}

/**
 * The thumbnail from the image scoring just resized for CLIP (shorter side at the model's size,
 * before its crop), when that is at least a thumbnail wide: a wide frame is decoded once for both.
 * False when it is too small (a portrait or 4:3 frame): the caller makes it from the bytes.
 */
export function writeThumbnailFromResized(
  image: string,
  info: { size: number; mtimeMs: number },
  resized: RawImage,
  cacheDir: string,
): Promise<boolean> {
  if (resized.width < THUMBNAIL_WIDTH) return Promise.resolve(false);
  const { data, width, height, channels } = resized;
  return once(thumbnailPath(image, info, cacheDir), async () => {
    thumbnailStats.fromDecode++;
    return sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
      .resize({ width: THUMBNAIL_WIDTH })
      .webp({ quality: 78 })
      .toBuffer();
  }).then(() => true);
}

/** The thumbnail of an image whose bytes scoring already holds (read at that size and mtime). */
export async function writeThumbnailFromBytes(
  image: string,
  info: { size: number; mtimeMs: number },
  bytes: Buffer,
  cacheDir: string,
): Promise<void> {
  await once(thumbnailPath(image, info, cacheDir), () => encode(bytes));
}
