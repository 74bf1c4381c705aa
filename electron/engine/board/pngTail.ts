// The chunks between a PNG's image data and IEND, found from the end of the file. Encoders split
// the image data into many IDAT chunks (libvips and libpng: 8 KB each, 1,200 for a 10 MB frame),
// so walking header by header to reach text written after them (ExifTool does) costs one read
// per IDAT. Instead: one read of the file's tail, and the chunk chain that ends at IEND worked out
// backwards inside it. A chunk counts only when its type is four letters, it ends exactly where
// the next chunk of the chain starts, and its CRC matches, so bytes of compressed image data are
// never taken for a chunk (a false match needs a 32-bit CRC collision on top of the rest).
import { crc32 } from 'node:zlib';

/** One read of this many bytes from the end covers the text chunks tools append after the image. */
export const TAIL_BYTES = 64 * 1024;

export interface TailChunk {
  type: string;
  data: Buffer;
}

const isLetter = (byte: number) => (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);

function typeAt(tail: Buffer, p: number): string | null {
  for (let i = p + 4; i < p + 8; i++) if (!isLetter(tail[i] as number)) return null;
  return tail.toString('latin1', p + 4, p + 8);
}

/**
 * The chunks after the last IDAT, in file order, when the tail holds the end of the image data;
 * null when it does not (no IEND at the very end, or the chunks after the image are larger than
 * the tail): the caller walks the file instead.
 */
export function chunksAfterImageData(tail: Buffer): TailChunk[] | null {
  const iend = tail.length - 12;
  if (iend < 0 || tail.readUInt32BE(iend) !== 0 || typeAt(tail, iend) !== 'IEND') return null;
  // next[p]: where the chunk starting at p ends, when it is a valid chunk chained to IEND; else 0.
  const next = new Int32Array(tail.length);
  next[iend] = tail.length;
  let lastImageData = -1;
  for (let p = iend - 12; p >= 0; p--) {
    const type = typeAt(tail, p);
    if (type === null) continue;
    const end = p + 12 + tail.readUInt32BE(p);
    if (end > iend || next[end] === 0) continue;
    if (crc32(tail.subarray(p + 4, end - 4)) !== tail.readUInt32BE(end - 4)) continue;
    next[p] = end;
    if (type === 'IDAT') {
      lastImageData = p;
      break;
    }
  }
  if (lastImageData < 0) return null;
  const chunks: TailChunk[] = [];
  for (let p = next[lastImageData] as number; p < iend; p = next[p] as number) {
    chunks.push({ type: typeAt(tail, p) as string, data: tail.subarray(p + 8, (next[p] as number) - 4) });
  }
  return chunks;
}
