// Text chunks from a PNG, read straight from the file: Stable Diffusion front ends (A1111
// `parameters`, ComfyUI `prompt`/`workflow`) and other tools (`Description`, `Comment`, XMP in
// iTXt `XML:com.adobe.xmp`). Generators put them before the image data, but the spec allows them
// anywhere before IEND and some tools (ExifTool) append them after it, so the walk goes to IEND:
// it reads each chunk header (8 bytes) and seeks past every chunk it does not want; at the image
// data it reads the file's tail once and takes the chunks after the image from there (pngTail.ts),
// so a 50 MB frame costs a few small reads and its image data is never read. PNG spec:
// https://www.w3.org/TR/png-3/#11textinfo
import { open, type FileHandle } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { chunksAfterImageData, TAIL_BYTES } from './pngTail.ts';

export interface PngTextChunk {
  keyword: string;
  text: string;
}

/** A text chunk left unread because it (or what it inflates to) is over MAX_CHUNK_BYTES. */
export interface SkippedTextChunk {
  type: string;
  /** Null when the chunk was too large to read even its keyword. */
  keyword: string | null;
  /** The bytes in the file. */
  storedBytes: number;
}

export interface PngHeaderText {
  texts: PngTextChunk[];
  /** The raw TIFF bytes of an eXIf chunk. */
  exif: Buffer | null;
  skipped: SkippedTextChunk[];
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// ComfyUI workflows reach a few MB; anything larger is not a caption worth reading, and a small
// compressed chunk can inflate to gigabytes (zlib stops at this many bytes of output).
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
const MAX_CHUNKS = 10_000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

function latin1OrUtf8(bytes: Buffer): string {
  // tEXt is Latin-1 by the spec, but several tools write UTF-8 into it; valid UTF-8 wins.
  try {
    return utf8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Thrown by parseTextChunk when a compressed chunk inflates past MAX_CHUNK_BYTES. */
export class ChunkTooLarge extends Error {
  constructor(readonly keyword: string) {
    super(`the text chunk "${keyword}" inflates to more than ${MAX_CHUNK_BYTES} bytes`);
  }
}

function inflate(bytes: Buffer, keyword: string): Buffer {
  try {
    return inflateSync(bytes, { maxOutputLength: MAX_CHUNK_BYTES });
  } catch (error) {
    if (error instanceof RangeError && (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ChunkTooLarge(keyword);
    throw error;
  }
}

export function parseTextChunk(type: string, data: Buffer): PngTextChunk | null {
  const nul = data.indexOf(0);
  if (nul <= 0) return null;
  const keyword = data.subarray(0, nul).toString('latin1');
  if (type === 'tEXt') return { keyword, text: latin1OrUtf8(data.subarray(nul + 1)) };
  if (type === 'zTXt') return { keyword, text: latin1OrUtf8(inflate(data.subarray(nul + 2), keyword)) };
  // iTXt: keyword, compression flag, method, language tag\0, translated keyword\0, UTF-8 text.
  const compressed = data[nul + 1] === 1;
  const languageEnd = data.indexOf(0, nul + 3);
  if (languageEnd < 0) return null;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const body = data.subarray(translatedEnd + 1);
  return { keyword, text: (compressed ? inflate(body, keyword) : body).toString('utf8') };
}

const TEXT_TYPES = new Set(['tEXt', 'zTXt', 'iTXt']);
// A keyword is 1-79 bytes and its NUL: enough to name a chunk too large to read.
const KEYWORD_BYTES = 80;

async function readAt(handle: FileHandle, length: number, position: number): Promise<Buffer | null> {
  const data = Buffer.alloc(length);
  const { bytesRead } = await handle.read(data, 0, length, position);
  return bytesRead === length ? data : null;
}

async function keywordAt(handle: FileHandle, position: number): Promise<string | null> {
  const head = await readAt(handle, KEYWORD_BYTES, position);
  const nul = head?.indexOf(0) ?? -1;
  return head && nul > 0 ? head.subarray(0, nul).toString('latin1') : null;
}

function take(result: PngHeaderText, type: string, data: Buffer): void {
  if (type === 'eXIf') {
    result.exif = data;
    return;
  }
  try {
    const chunk = parseTextChunk(type, data);
    if (chunk) result.texts.push(chunk);
  } catch (error) {
    if (!(error instanceof ChunkTooLarge)) throw error;
    result.skipped.push({ type, keyword: error.keyword, storedBytes: data.length });
  }
}

const wanted = (type: string) => TEXT_TYPES.has(type) || type === 'eXIf';

/** Null when the file is not a PNG. Throws on read errors and damaged compressed chunks. */
export async function readPngHeaderText(path: string): Promise<PngHeaderText | null> {
  const handle = await open(path, 'r');
  try {
    const head = await readAt(handle, 8, 0);
    if (!head?.equals(SIGNATURE)) return null;
    const { size } = await handle.stat();
    const result: PngHeaderText = { texts: [], exif: null, skipped: [] };
    let position = 8;
    let triedTail = false;
    const header = Buffer.alloc(8);
    for (let count = 0; count < MAX_CHUNKS; count++) {
      const got = await handle.read(header, 0, 8, position);
      if (got.bytesRead < 8) break;
      const length = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (type === 'IEND') break;
      if (type === 'IDAT' && !triedTail && size - position > 2 * TAIL_BYTES) {
        triedTail = true;
        const tail = await readAt(handle, TAIL_BYTES, size - TAIL_BYTES);
        const after = tail ? chunksAfterImageData(tail) : null;
        if (after) {
          for (const chunk of after) if (wanted(chunk.type)) take(result, chunk.type, chunk.data);
          break;
        }
      }
      const dataAt = position + 8;
      position = dataAt + length + 4;
      if (!wanted(type)) continue;
      if (length > MAX_CHUNK_BYTES) {
        if (type !== 'eXIf') result.skipped.push({ type, keyword: await keywordAt(handle, dataAt), storedBytes: length });
        continue;
      }
      const data = await readAt(handle, length, dataAt);
      if (!data) break; // Cut short: what was read so far stands.
      take(result, type, data);
    }
    return result;
  } finally {
    await handle.close();
  }
}
