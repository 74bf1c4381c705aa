// Text chunks from a PNG's header, read straight from the file: Stable Diffusion front ends
// (A1111 `parameters`, ComfyUI `prompt`/`workflow`) and other tools (`Description`, `Comment`,
// XMP in iTXt `XML:com.adobe.xmp`) put them before the image data, so reading stops at IDAT and
// a 50 MB frame costs a few small reads. PNG spec: https://www.w3.org/TR/png-3/#11textinfo
import { open } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';

export interface PngTextChunk {
  keyword: string;
  text: string;
}

export interface PngHeaderText {
  texts: PngTextChunk[];
  /** The raw TIFF bytes of an eXIf chunk. */
  exif: Buffer | null;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// ComfyUI workflows reach a few MB; anything far larger is not a caption worth reading.
const MAX_CHUNK_BYTES = 32 * 1024 * 1024;
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

function inflate(bytes: Buffer): Buffer {
  return inflateSync(bytes, { maxOutputLength: MAX_CHUNK_BYTES });
}

export function parseTextChunk(type: string, data: Buffer): PngTextChunk | null {
  const nul = data.indexOf(0);
  if (nul <= 0) return null;
  const keyword = data.subarray(0, nul).toString('latin1');
  if (type === 'tEXt') return { keyword, text: latin1OrUtf8(data.subarray(nul + 1)) };
  if (type === 'zTXt') return { keyword, text: latin1OrUtf8(inflate(data.subarray(nul + 2))) };
  // iTXt: keyword, compression flag, method, language tag\0, translated keyword\0, UTF-8 text.
  const compressed = data[nul + 1] === 1;
  const languageEnd = data.indexOf(0, nul + 3);
  if (languageEnd < 0) return null;
  const translatedEnd = data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  const body = data.subarray(translatedEnd + 1);
  return { keyword, text: (compressed ? inflate(body) : body).toString('utf8') };
}

/** Null when the file is not a PNG. Throws on read errors and damaged compressed chunks. */
export async function readPngHeaderText(path: string): Promise<PngHeaderText | null> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(8);
    const { bytesRead } = await handle.read(head, 0, 8, 0);
    if (bytesRead < 8 || !head.equals(SIGNATURE)) return null;
    const texts: PngTextChunk[] = [];
    let exif: Buffer | null = null;
    let position = 8;
    const header = Buffer.alloc(8);
    for (let count = 0; count < MAX_CHUNKS; count++) {
      const got = await handle.read(header, 0, 8, position);
      if (got.bytesRead < 8) break;
      const length = header.readUInt32BE(0);
      const type = header.toString('latin1', 4, 8);
      if (type === 'IDAT' || type === 'IEND') break;
      const wanted = type === 'tEXt' || type === 'zTXt' || type === 'iTXt' || type === 'eXIf';
      if (wanted && length <= MAX_CHUNK_BYTES) {
        const data = Buffer.alloc(length);
        await handle.read(data, 0, length, position + 8);
        if (type === 'eXIf') exif = data;
        else {
          const chunk = parseTextChunk(type, data);
          if (chunk) texts.push(chunk);
        }
      }
      position += 12 + length;
    }
    return { texts, exif };
  } finally {
    await handle.close();
  }
}
