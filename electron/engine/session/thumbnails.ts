// Thumbnails for the board grid: small WebP files cached by path, size and mtime, so a grid of
// thousands of frames never loads a full-size image.
import { createHash } from 'node:crypto';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { writeFileAtomic } from '../../platform/atomicWrite.ts';

export const THUMBNAIL_WIDTH = 384;

const inFlight = new Map<string, Promise<string>>();

export async function thumbnailFile(image: string, cacheDir: string): Promise<string> {
  const info = await stat(image);
  const key = createHash('sha256').update(`${image}\0${info.size}\0${info.mtimeMs}`).digest('hex').slice(0, 32);
  const file = join(cacheDir, key.slice(0, 2), `${key}.webp`);
  const existing = inFlight.get(file);
  if (existing) return existing;
  const made = (async () => {
    try {
      await stat(file);
      return file;
    } catch {
      await mkdir(join(cacheDir, key.slice(0, 2)), { recursive: true });
      // Shown as the person sees the photo (EXIF orientation applied); CLIP's input is not.
      const webp = await sharp(image, { failOn: 'none' })
        .autoOrient()
        .resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer();
      await writeFileAtomic(file, webp);
      return file;
    }
  })();
  inFlight.set(file, made);
  try {
    return await made;
  } finally {
    inFlight.delete(file);
  }
}
