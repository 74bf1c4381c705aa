// The few TIFF/EXIF tags that hold a caption, read from the IFDs directly: sharp's
// metadata().exif hands over the raw EXIF block (JPEG APP1, WebP/AVIF Exif, PNG eXIf) and a TIFF
// file is itself an IFD structure. Reads are bounded, so a damaged offset cannot run away.
// Tags: TIFF 6.0 (ImageDescription 0x010E), EXIF 2.32 (ExifIFD 0x8769, UserComment 0x9286),
// Windows (XPComment 0x9C9C, UCS-2LE).
import { open } from 'node:fs/promises';

export interface TiffText {
  imageDescription: string | null;
  userComment: string | null;
  xpComment: string | null;
}

/** Random access to the bytes of a TIFF structure. */
type ReadAt = (offset: number, length: number) => Promise<Buffer>;

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4 };
const MAX_VALUE_BYTES = 16 * 1024 * 1024;
const TAG_IMAGE_DESCRIPTION = 0x010e;
const TAG_EXIF_IFD = 0x8769;
const TAG_USER_COMMENT = 0x9286;
const TAG_XP_COMMENT = 0x9c9c;

const utf8 = new TextDecoder('utf-8', { fatal: true });

interface Entry {
  tag: number;
  type: number;
  count: number;
  valueField: Buffer;
}

function trimNulls(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0 || text.charCodeAt(end - 1) <= 32)) end--;
  return text.slice(0, end);
}

function decodeAscii(bytes: Buffer): string {
  const nul = bytes.indexOf(0);
  const body = nul >= 0 ? bytes.subarray(0, nul) : bytes;
  // "ASCII" tags often carry UTF-8 in practice (exiftool, Lightroom).
  try {
    return utf8.decode(body);
  } catch {
    return body.toString('latin1');
  }
}

function decodeUcs2(bytes: Buffer, littleEndianHint: boolean): string {
  const even = bytes.length - (bytes.length % 2);
  let littleEndian = littleEndianHint;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2, even).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) littleEndian = false;
  else {
    // piexif (used by A1111) writes UNICODE comments big-endian whatever the TIFF byte order;
    // ASCII-heavy text has its zero bytes on the high side, which tells the order.
    let zeroEven = 0;
    let zeroOdd = 0;
    for (let i = 0; i < Math.min(even, 2048); i += 2) {
      if (bytes[i] === 0) zeroEven++;
      if (bytes[i + 1] === 0) zeroOdd++;
    }
    if (zeroEven !== zeroOdd) littleEndian = zeroOdd > zeroEven;
  }
  const body = Buffer.from(bytes.subarray(0, even));
  if (!littleEndian) body.swap16();
  return body.toString('utf16le');
}

/** EXIF UserComment: an 8-byte character code, then the text. */
export function decodeUserComment(bytes: Buffer, littleEndian: boolean): string {
  const code = bytes.subarray(0, 8).toString('latin1');
  const body = bytes.subarray(8);
  if (code.startsWith('UNICODE')) return trimNulls(decodeUcs2(body, littleEndian));
  if (code.startsWith('JIS')) {
    try {
      return trimNulls(new TextDecoder('shift_jis').decode(body));
    } catch {
      return '';
    }
  }
  // 'ASCII\0\0\0' or undefined (8 zero bytes): take it as UTF-8 where it is valid.
  return trimNulls(decodeAscii(Buffer.concat([body, Buffer.from([0])])));
}

async function readIfd(readAt: ReadAt, offset: number, littleEndian: boolean): Promise<Entry[]> {
  const countBytes = await readAt(offset, 2);
  if (countBytes.length < 2) return [];
  const count = littleEndian ? countBytes.readUInt16LE(0) : countBytes.readUInt16BE(0);
  const table = await readAt(offset + 2, count * 12);
  const entries: Entry[] = [];
  for (let i = 0; i + 12 <= table.length; i += 12) {
    const u16 = (at: number) => (littleEndian ? table.readUInt16LE(at) : table.readUInt16BE(at));
    const u32 = (at: number) => (littleEndian ? table.readUInt32LE(at) : table.readUInt32BE(at));
    entries.push({ tag: u16(i), type: u16(i + 2), count: u32(i + 4), valueField: table.subarray(i + 8, i + 12) });
  }
  return entries;
}

async function entryBytes(readAt: ReadAt, entry: Entry, littleEndian: boolean): Promise<Buffer | null> {
  const size = (TYPE_SIZES[entry.type] ?? 0) * entry.count;
  if (size === 0 || size > MAX_VALUE_BYTES) return null;
  if (size <= 4) return entry.valueField.subarray(0, size);
  const offset = littleEndian ? entry.valueField.readUInt32LE(0) : entry.valueField.readUInt32BE(0);
  const bytes = await readAt(offset, size);
  return bytes.length === size ? bytes : null;
}

async function readTiffText(readAt: ReadAt): Promise<TiffText> {
  const result: TiffText = { imageDescription: null, userComment: null, xpComment: null };
  const header = await readAt(0, 8);
  if (header.length < 8) return result;
  const order = header.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return result;
  const littleEndian = order === 'II';
  if ((littleEndian ? header.readUInt16LE(2) : header.readUInt16BE(2)) !== 42) return result;
  const ifd0 = await readIfd(readAt, littleEndian ? header.readUInt32LE(4) : header.readUInt32BE(4), littleEndian);
  for (const entry of ifd0) {
    if (entry.tag === TAG_IMAGE_DESCRIPTION) {
      const bytes = await entryBytes(readAt, entry, littleEndian);
      if (bytes) result.imageDescription = trimNulls(decodeAscii(bytes)) || null;
    } else if (entry.tag === TAG_XP_COMMENT) {
      const bytes = await entryBytes(readAt, entry, littleEndian);
      if (bytes) result.xpComment = trimNulls(decodeUcs2(bytes, true)) || null;
    } else if (entry.tag === TAG_EXIF_IFD) {
      const offset = littleEndian ? entry.valueField.readUInt32LE(0) : entry.valueField.readUInt32BE(0);
      for (const sub of await readIfd(readAt, offset, littleEndian)) {
        if (sub.tag !== TAG_USER_COMMENT) continue;
        const bytes = await entryBytes(readAt, sub, littleEndian);
        if (bytes && bytes.length > 8) result.userComment = decodeUserComment(bytes, littleEndian) || null;
      }
    }
  }
  return result;
}

/** From sharp's metadata().exif: 'Exif\0\0' + TIFF (JPEG, WebP, AVIF) or bare TIFF (PNG eXIf). */
export function readExifText(exif: Buffer): Promise<TiffText> {
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  return readTiffText(async (offset, length) => tiff.subarray(offset, offset + length));
}

/** From a .tif file, reading only the IFDs and the values asked for. */
export async function readTiffFileText(path: string): Promise<TiffText> {
  const handle = await open(path, 'r');
  try {
    return await readTiffText(async (offset, length) => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    });
  } finally {
    await handle.close();
  }
}
