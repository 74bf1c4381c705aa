// Embeddings on disk: float32 little-endian, whatever the machine's byte order.
import { endianness } from 'node:os';
import { crc32 } from 'node:zlib';
import { DamagedContent } from './sqliteErrors.ts';

const LITTLE_ENDIAN = endianness() === 'LE';

function swapEvery4(bytes: Uint8Array): void {
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const a = bytes[i]!;
    const b = bytes[i + 1]!;
    bytes[i] = bytes[i + 3]!;
    bytes[i + 1] = bytes[i + 2]!;
    bytes[i + 2] = b;
    bytes[i + 3] = a;
  }
}

/** The vector's bytes; a view, not a copy, on little-endian machines (SQLite copies on bind). */
export function vectorToBlob(vector: Float32Array): Buffer {
  const view = Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength);
  if (LITTLE_ENDIAN) return view;
  const copy = Buffer.from(view);
  swapEvery4(copy);
  return copy;
}

export function blobChecksum(blob: Uint8Array): number {
  return crc32(blob);
}

/**
 * A fresh, aligned Float32Array with the blob's values, after checking the blob against its crc32. Copied byte for byte (never through
 * float arithmetic) so NaN payloads and -0 survive; a Buffer from SQLite may sit at any offset.
 */
export function blobToVector(blob: Uint8Array, dims: number, checksum: number): Float32Array {
  if (blob.byteLength !== dims * 4 || crc32(blob) !== checksum) {
    throw new DamagedContent('an embedding does not match its checksum (the file was cut short or overwritten)');
  }
  const vector = new Float32Array(dims);
  const bytes = new Uint8Array(vector.buffer);
  bytes.set(blob);
  if (!LITTLE_ENDIAN) swapEvery4(bytes);
  return vector;
}
