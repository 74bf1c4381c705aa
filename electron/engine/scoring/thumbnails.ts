// Thumbnails for the board grid: small WebP files cached by path, size and mtime, so a grid of
// thousands of frames never loads a full-size image. Scoring writes them from the bytes it read
// for CLIP (embedBoard), so a board scored once shows every tile at once; a frame that scoring
// did not read (a cache hit) gets its thumbnail on first request.
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';

export const THUMBNAIL_WIDTH = 384;

/** Thumbnails encoded by this process: tests and the benchmark see that a lookup made none. */
export const thumbnailStats = { made: 0 };

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

/** The thumbnail of an image whose bytes scoring already holds (read at that size and mtime). */
export async function writeThumbnailFromBytes(
  image: string,
  info: { size: number; mtimeMs: number },
  bytes: Buffer,
  cacheDir: string,
): Promise<void> {
  await once(thumbnailPath(image, info, cacheDir), () => encode(bytes));
}
