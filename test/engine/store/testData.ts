// Deterministic vectors and hashes: the same in the test process and in its child processes
// (no vitest here, so a child script can import it).
import { createHash } from 'node:crypto';

/** Mulberry32: the same seed gives the same numbers in every process. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal values (Box-Muller) from a seeded source. */
export function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function unitVector(seed: number, dims = 512): Float32Array {
  const normal = gaussian(seededRandom(seed));
  const values = Array.from({ length: dims }, normal);
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
}

export function fakeHash(label: string | number): string {
  return createHash('sha256').update(String(label)).digest('hex');
}

/** Byte equality: NaN payloads and -0 included, which toEqual would blur. */
export function sameBits(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
