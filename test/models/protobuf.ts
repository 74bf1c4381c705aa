// Minimal protobuf wire-format writer. Output is a list of chunks rather than one buffer so that
// multi-hundred-MB tensor payloads are referenced, never copied, on their way to disk.

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;

// Payloads at least this large are kept as their own chunk instead of being copied into scratch.
const ZERO_COPY_MIN = 512;
const SCRATCH_INITIAL = 64;
const SCRATCH_MAX = 64 * 1024;

export class ProtoWriter {
  private readonly chunks: Uint8Array[] = [];
  private chunkBytes = 0;
  private scratch = new Uint8Array(SCRATCH_INITIAL);
  private view = new DataView(this.scratch.buffer);
  private pos = 0;

  /** Total encoded size in bytes so far. */
  get length(): number {
    return this.chunkBytes + this.pos;
  }

  /** The encoded message as chunks; valid until the writer is written to again. */
  finish(): Uint8Array[] {
    this.flush();
    return this.chunks;
  }

  varint(field: number, value: number | bigint): this {
    this.tag(field, WIRE_VARINT);
    this.rawVarint(value);
    return this;
  }

  float(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.reserve(4);
    this.view.setFloat32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  fixed32(field: number, value: number): this {
    this.tag(field, WIRE_FIXED32);
    this.reserve(4);
    this.view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
    return this;
  }

  double(field: number, value: number): this {
    this.tag(field, WIRE_FIXED64);
    this.reserve(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** Length-delimited bytes; large payloads are referenced, so don't mutate them before writing out. */
  bytes(field: number, data: Uint8Array): this {
    this.tag(field, WIRE_LEN);
    this.rawVarint(data.byteLength);
    this.append(data);
    return this;
  }

  /** Embedded message; the child's chunks are adopted, not copied. */
  message(field: number, child: ProtoWriter): this {
    const parts = child.finish();
    this.tag(field, WIRE_LEN);
    this.rawVarint(child.length);
    for (const part of parts) this.append(part);
    return this;
  }

  packedVarints(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ProtoWriter();
    for (const v of values) inner.rawVarint(v);
    return this.message(field, inner);
  }

  packedFloats(field: number, values: readonly number[]): this {
    const bytes = new Uint8Array(values.length * 4);
    const dv = new DataView(bytes.buffer);
    values.forEach((v, i) => dv.setFloat32(i * 4, v, true));
    return this.bytes(field, bytes);
  }

  private tag(field: number, wire: number): void {
    if (!Number.isInteger(field) || field < 1) throw new Error(`bad field number ${field}`);
    this.rawVarint(field * 8 + wire);
  }

  private rawVarint(value: number | bigint): void {
    this.reserve(10);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) throw new Error(`varint needs a safe integer, got ${value}`);
      if (value >= 0) {
        // Division instead of >>> so values above 2^32 survive.
        while (value >= 0x80) {
          this.scratch[this.pos++] = (value % 0x80) | 0x80;
          value = Math.floor(value / 0x80);
        }
        this.scratch[this.pos++] = value;
        return;
      }
      value = BigInt(value);
    }
    // Negative int64 is encoded as its 64-bit two's complement: always 10 bytes.
    let v = BigInt.asUintN(64, value);
    while (v >= 0x80n) {
      this.scratch[this.pos++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.scratch[this.pos++] = Number(v);
  }

  private append(data: Uint8Array): void {
    if (data.byteLength >= ZERO_COPY_MIN) {
      this.flush();
      this.chunks.push(data);
      this.chunkBytes += data.byteLength;
      return;
    }
    this.reserve(data.byteLength);
    this.scratch.set(data, this.pos);
    this.pos += data.byteLength;
  }

  private reserve(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.scratch.length) return;
    // Grow while small (most messages are a few bytes), flush once large.
    if (needed > SCRATCH_MAX) this.flush();
    const size = Math.max(this.pos + n, Math.min(this.scratch.length * 2, SCRATCH_MAX));
    if (size <= this.scratch.length) return;
    const grown = new Uint8Array(size);
    grown.set(this.scratch.subarray(0, this.pos));
    this.scratch = grown;
    this.view = new DataView(grown.buffer);
  }

  private flush(): void {
    if (this.pos === 0) return;
    // Copy out so the scratch can be reused without touching chunks already handed out.
    this.chunks.push(this.scratch.slice(0, this.pos));
    this.chunkBytes += this.pos;
    this.pos = 0;
  }
}

/** Joins chunks into one buffer; for small messages and tests only. */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((n, c) => n + c.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}
