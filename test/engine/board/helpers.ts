// Real files for the board tests: sharp-made images in every frame format, PNG text chunks,
// EXIF blocks and a baseline TIFF written byte by byte where sharp has no switch for them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

const made: string[] = [];

export function tempBoard(prefix = 'frameproof-board-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempBoards(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'tiff' | 'gif' | 'avif';

export async function imageBytes(format: ImageFormat, color = '#3366cc', size = 16): Promise<Buffer> {
  const image = sharp({ create: { width: size, height: size, channels: 3, background: color } });
  return image.toFormat(format).toBuffer();
}

/** Writes a real image (format from the extension) and any parent folders. */
export async function writeImage(path: string, color = '#3366cc'): Promise<void> {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const format: ImageFormat = ext === 'jpg' || ext === 'jpeg' ? 'jpeg' : ext === 'tif' || ext === 'tiff' ? 'tiff' : (ext as ImageFormat);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, await imageBytes(format, color));
}

export function writeText(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}

export function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

export type TextChunkSpec =
  | { type: 'tEXt'; keyword: string; text: string }
  | { type: 'zTXt'; keyword: string; text: string }
  | { type: 'iTXt'; keyword: string; text: string; compressed?: boolean };

export function textChunk(spec: TextChunkSpec): Buffer {
  const keyword = Buffer.from(`${spec.keyword}\0`, 'latin1');
  if (spec.type === 'tEXt') return chunk('tEXt', Buffer.concat([keyword, Buffer.from(spec.text, 'latin1')]));
  if (spec.type === 'zTXt') return chunk('zTXt', Buffer.concat([keyword, Buffer.from([0]), deflateSync(Buffer.from(spec.text, 'latin1'))]));
  const text = Buffer.from(spec.text, 'utf8');
  const body = spec.compressed ? deflateSync(text) : text;
  return chunk('iTXt', Buffer.concat([keyword, Buffer.from([spec.compressed ? 1 : 0, 0]), Buffer.from('\0\0'), body]));
}

/** A sharp-made PNG with text chunks inserted after IHDR, where generators put them. */
export async function pngWithText(chunks: TextChunkSpec[]): Promise<Buffer> {
  const png = await imageBytes('png');
  const ihdrEnd = 8 + 8 + png.readUInt32BE(8) + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), ...chunks.map(textChunk), png.subarray(ihdrEnd)]);
}

/** A PNG with text chunks after the image data, just before IEND, as ExifTool writes them. */
export function withTextBeforeIend(png: Buffer, chunks: Buffer[]): Buffer {
  const iend = png.length - 12;
  if (png.toString('latin1', iend + 4, iend + 8) !== 'IEND') throw new Error('not a PNG ending in IEND');
  return Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)]);
}

interface IfdEntry {
  tag: number;
  type: number;
  value: Buffer;
  count?: number;
}

/** A little-endian TIFF structure: IFD0 entries plus an optional EXIF sub-IFD. */
export function tiffStructure(ifd0: IfdEntry[], exifIfd: IfdEntry[] = [], bigEndian = false): Buffer {
  const parts: Buffer[] = [];
  let size = 8;
  const u16 = (v: number) => {
    const b = Buffer.alloc(2);
    if (bigEndian) b.writeUInt16BE(v);
    else b.writeUInt16LE(v);
    return b;
  };
  const u32 = (v: number) => {
    const b = Buffer.alloc(4);
    if (bigEndian) b.writeUInt32BE(v);
    else b.writeUInt32LE(v);
    return b;
  };
  const ifdSize = (n: number) => 2 + n * 12 + 4;
  const ifd0Offset = 8;
  const exifOffset = ifd0Offset + ifdSize(ifd0.length + (exifIfd.length ? 1 : 0));
  let dataOffset = exifOffset + (exifIfd.length ? ifdSize(exifIfd.length) : 0);
  const data: Buffer[] = [];
  const writeIfd = (entries: IfdEntry[]) => {
    const table: Buffer[] = [u16(entries.length)];
    for (const e of [...entries].sort((a, b) => a.tag - b.tag)) {
      const count = e.count ?? e.value.length;
      table.push(u16(e.tag), u16(e.type), u32(count));
      if (e.value.length <= 4) table.push(Buffer.concat([e.value, Buffer.alloc(4 - e.value.length)]));
      else {
        table.push(u32(dataOffset));
        data.push(e.value);
        dataOffset += e.value.length;
      }
    }
    table.push(u32(0));
    return Buffer.concat(table);
  };
  const ifd0Entries = exifIfd.length ? [...ifd0, { tag: 0x8769, type: 4, value: u32(exifOffset), count: 1 }] : ifd0;
  parts.push(Buffer.from(bigEndian ? 'MM' : 'II', 'latin1'), u16(42), u32(ifd0Offset), writeIfd(ifd0Entries));
  if (exifIfd.length) parts.push(writeIfd(exifIfd));
  size = parts.reduce((n, p) => n + p.length, 0);
  if (size !== exifOffset + (exifIfd.length ? ifdSize(exifIfd.length) : 0)) throw new Error('TIFF layout mismatch');
  return Buffer.concat([...parts, ...data]);
}

export const ascii = (text: string) => Buffer.from(`${text}\0`, 'utf8');

/** UserComment with the UNICODE code, text as big-endian UCS-2, as piexif (A1111) writes it. */
export function unicodeUserComment(text: string): Buffer {
  return Buffer.concat([Buffer.from('UNICODE\0', 'latin1'), Buffer.from(text, 'utf16le').swap16()]);
}

/** A JPEG with the given TIFF structure as its EXIF APP1 segment (sharp cannot set UNICODE comments). */
export async function jpegWithExif(tiff: Buffer): Promise<Buffer> {
  const jpeg = await imageBytes('jpeg');
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
}

/** A baseline 2x2 RGB TIFF with an ImageDescription, written by hand and decodable by libvips. */
export function tiffWithDescription(description: string): Buffer {
  const pixels = Buffer.from([200, 30, 30, 200, 30, 30, 30, 200, 30, 30, 200, 30]);
  const short = (v: number) => Buffer.from([v & 0xff, v >> 8]);
  const long = (v: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    return b;
  };
  const bits = Buffer.from([8, 0, 8, 0, 8, 0]);
  const entries = (stripOffset: number) => [
    { tag: 256, type: 3, value: short(2), count: 1 },
    { tag: 257, type: 3, value: short(2), count: 1 },
    { tag: 258, type: 3, value: bits, count: 3 },
    { tag: 259, type: 3, value: short(1), count: 1 },
    { tag: 262, type: 3, value: short(2), count: 1 },
    { tag: 270, type: 2, value: ascii(description) },
    { tag: 273, type: 4, value: long(stripOffset), count: 1 },
    { tag: 277, type: 3, value: short(3), count: 1 },
    { tag: 278, type: 3, value: short(2), count: 1 },
    { tag: 279, type: 4, value: long(pixels.length), count: 1 },
  ];
  const withoutPixels = tiffStructure(entries(0));
  return Buffer.concat([tiffStructure(entries(withoutPixels.length)), pixels]);
}

export const XMP = (description: string) =>
  `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="de">Deutsch</rdf:li><rdf:li xml:lang="x-default">${description}</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`;
