// Which operators an ONNX file's main graph uses, read from the protobuf without loading the
// weights: ONNX Runtime does not say, and a dynamically quantized graph (DynamicQuantizeLinear)
// must be run one item at a time. Initializers are skipped by their length, so this reads a few
// hundred KB of a multi-GB model. Field numbers are from onnx.proto3.
import { open, type FileHandle } from 'node:fs/promises';

const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const NODE_OP_TYPE = 4;
const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LEN = 2;
const WIRE_FIXED32 = 5;
const BLOCK = 64 * 1024;

class FileReader {
  private block = Buffer.alloc(0);
  private blockStart = 0;
  pos = 0;

  constructor(
    private readonly file: FileHandle,
    readonly size: number,
  ) {}

  private async fill(length: number): Promise<void> {
    if (this.pos >= this.blockStart && this.pos + length <= this.blockStart + this.block.length) return;
    const want = Math.max(BLOCK, length);
    const buffer = Buffer.alloc(Math.min(want, this.size - this.pos));
    const { bytesRead } = await this.file.read(buffer, 0, buffer.length, this.pos);
    this.block = buffer.subarray(0, bytesRead);
    this.blockStart = this.pos;
    if (bytesRead < length) throw new Error(`the file ends inside a protobuf field at byte ${this.pos}`);
  }

  async byte(): Promise<number> {
    await this.fill(1);
    return this.block[this.pos++ - this.blockStart]!;
  }

  async varint(): Promise<number> {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = await this.byte();
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    throw new Error(`a malformed varint at byte ${this.pos}`);
  }

  async bytes(length: number): Promise<Buffer> {
    await this.fill(length);
    const start = this.pos - this.blockStart;
    this.pos += length;
    return Buffer.from(this.block.subarray(start, start + length));
  }

  async skip(wire: number): Promise<void> {
    if (wire === WIRE_VARINT) await this.varint();
    else if (wire === WIRE_FIXED64) this.pos += 8;
    else if (wire === WIRE_FIXED32) this.pos += 4;
    else if (wire === WIRE_LEN) {
      const length = await this.varint();
      this.pos += length;
    } else throw new Error(`an unsupported protobuf wire type ${wire} at byte ${this.pos}`);
  }
}

/** Calls visit(field, wire) for each field of the message ending at `end`; visit consumes or skips it. */
async function fields(reader: FileReader, end: number, visit: (field: number, wire: number) => Promise<boolean>): Promise<void> {
  while (reader.pos < end) {
    const tag = await reader.varint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (!(await visit(field, wire))) await reader.skip(wire);
  }
}

/** The op types of the main graph's nodes (not of nested subgraphs, which CLIP exports do not use). */
export async function readGraphOpTypes(path: string): Promise<Set<string>> {
  const file = await open(path, 'r');
  try {
    const reader = new FileReader(file, (await file.stat()).size);
    const ops = new Set<string>();
    await fields(reader, reader.size, async (field, wire) => {
      if (field !== MODEL_GRAPH || wire !== WIRE_LEN) return false;
      const graphEnd = (await reader.varint()) + reader.pos;
      await fields(reader, graphEnd, async (graphField, graphWire) => {
        if (graphField !== GRAPH_NODE || graphWire !== WIRE_LEN) return false;
        const nodeEnd = (await reader.varint()) + reader.pos;
        await fields(reader, nodeEnd, async (nodeField, nodeWire) => {
          if (nodeField !== NODE_OP_TYPE || nodeWire !== WIRE_LEN) return false;
          ops.add((await reader.bytes(await reader.varint())).toString('utf8'));
          return true;
        });
        return true;
      });
      return true;
    });
    return ops;
  } finally {
    await file.close();
  }
}

/** Operators that quantize activations with a scale computed from the whole input tensor. */
export const DYNAMIC_QUANTIZATION_OPS: readonly string[] = ['DynamicQuantizeLinear', 'DynamicQuantizeMatMul'];
