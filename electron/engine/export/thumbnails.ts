// Small images of the frames for the HTML report and the PDF contact sheet: about 320 px wide JPEG,
// so a 200-frame board stays a few megabytes instead of embedding every full-size PNG.
import sharp from 'sharp';
import type { Frame } from '../../common/api.ts';

export const THUMBNAIL_WIDTH_PX = 320;
const THUMBNAIL_CONCURRENCY = 4;

export type ThumbnailMaker = (frame: Frame) => Promise<Buffer>;

export interface Thumbnail {
  bytes: Buffer;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  widthPx: number;
  heightPx: number;
}

/** A thumbnail, or why there is none (the frame's own image could not be read). */
export type ThumbnailResult = { ok: true; thumbnail: Thumbnail } | { ok: false; reason: string };

/** Upright (EXIF orientation applied), transparent parts on white as CLIP sees them, never enlarged. */
export function thumbnailMaker(widthPx: number): ThumbnailMaker {
  return (frame) =>
    sharp(frame.path, { failOn: 'none' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .resize({ width: widthPx, height: widthPx * 2, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer();
}

export const defaultThumbnail: ThumbnailMaker = thumbnailMaker(THUMBNAIL_WIDTH_PX);

function sniffMime(bytes: Buffer): Thumbnail['mime'] | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/**
 * Checks what a thumbnail maker returned: JPEG, PNG and WebP are kept as they are; anything else
 * sharp reads becomes JPEG. `accept` narrows the kinds (pdfkit embeds JPEG and PNG only).
 */
async function normalize(bytes: Buffer, accept: readonly Thumbnail['mime'][]): Promise<Thumbnail> {
  const mime = sniffMime(bytes);
  if (mime && accept.includes(mime)) {
    const meta = await sharp(bytes).metadata();
    if (meta.width && meta.height) return { bytes, mime, widthPx: meta.width, heightPx: meta.height };
  }
  const converted = await sharp(bytes, { failOn: 'none' })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { bytes: converted.data, mime: 'image/jpeg', widthPx: converted.info.width, heightPx: converted.info.height };
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `The image could not be read (${message.replace(/\s+/g, ' ').trim()}).`;
}

export async function makeThumbnails(
  frames: readonly Frame[],
  maker: ThumbnailMaker,
  accept: readonly Thumbnail['mime'][],
): Promise<ThumbnailResult[]> {
  const results = new Array<ThumbnailResult>(frames.length);
  let next = 0;
  // A few at a time: a board may hold thousands of frames, and each decode holds a full-size image.
  const worker = async (): Promise<void> => {
    while (next < frames.length) {
      const index = next++;
      const frame = frames[index] as Frame;
      try {
        results[index] = { ok: true, thumbnail: await normalize(await maker(frame), accept) };
      } catch (error) {
        results[index] = { ok: false, reason: reasonOf(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(THUMBNAIL_CONCURRENCY, frames.length) }, worker));
  return results;
}
