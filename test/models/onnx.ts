// Encoders for the subset of onnx.proto3 these test models need. Field numbers are from onnx.proto3.
import { endianness } from 'node:os';
import { ProtoWriter } from './protobuf.ts';

export const IR_VERSION = 8;
export const OPSET_VERSION = 17;

export type ElemType = 'float' | 'int64' | 'int32' | 'int8' | 'uint8';
const DATA_TYPE: Record<ElemType, number> = { float: 1, int64: 7, int32: 6, int8: 3, uint8: 2 };

/** A static size, or a symbolic one such as "batch". */
export type Dim = number | string;

export type TensorData = Float32Array | BigInt64Array | Int8Array | Uint8Array;

export interface TensorSpec {
  name: string;
  dims: readonly number[];
  data: TensorData;
}

function elemTypeOf(data: TensorData): ElemType {
  return data instanceof Float32Array ? 'float' : data instanceof BigInt64Array ? 'int64' : data instanceof Int8Array ? 'int8' : 'uint8';
}

/**
 * Where large initializers go instead of raw_data: a file next to the model (ONNX external data, as
 * torch.onnx and optimum write for models over 2 GB). Appended to in order; offsets are kept.
 */
export class ExternalData {
  readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(
    /** The file name recorded in the model, relative to the model's folder. */
    readonly location: string,
    /** Tensors smaller than this stay inline. */
    readonly minBytes = 1024,
  ) {}

  add(bytes: Uint8Array): { offset: number; length: number } {
    const offset = this.size;
    this.chunks.push(bytes);
    this.size += bytes.byteLength;
    return { offset, length: bytes.byteLength };
  }
}

export type AttributeValue =
  | { type: 'int'; value: number }
  | { type: 'ints'; value: readonly number[] }
  | { type: 'float'; value: number }
  | { type: 'tensor'; value: TensorSpec };

export const attr = {
  int: (value: number): AttributeValue => ({ type: 'int', value }),
  ints: (value: readonly number[]): AttributeValue => ({ type: 'ints', value }),
  float: (value: number): AttributeValue => ({ type: 'float', value }),
  tensor: (value: TensorSpec): AttributeValue => ({ type: 'tensor', value }),
};

export interface NodeSpec {
  opType: string;
  inputs: readonly string[];
  outputs: readonly string[];
  name?: string;
  attributes?: Readonly<Record<string, AttributeValue>>;
}

export interface ValueInfoSpec {
  name: string;
  elemType: ElemType;
  dims: readonly Dim[];
}

export interface GraphSpec {
  name: string;
  nodes: readonly NodeSpec[];
  initializers: readonly TensorSpec[];
  inputs: readonly ValueInfoSpec[];
  outputs: readonly ValueInfoSpec[];
}

export interface ModelSpec {
  graph: GraphSpec;
  producerName?: string;
  producerVersion?: string;
  docString?: string;
}

// raw_data is defined as little-endian; byte-swap only on the (unlikely) big-endian host.
const HOST_IS_LE = endianness() === 'LE';

function rawBytes(data: TensorData): Uint8Array {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (HOST_IS_LE) return view;
  const swapped = new Uint8Array(view);
  const width = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < swapped.length; i += width) swapped.subarray(i, i + width).reverse();
  return swapped;
}

export function encodeTensor(t: TensorSpec, external?: ExternalData): ProtoWriter {
  const count = t.dims.reduce((a, b) => a * b, 1);
  if (count !== t.data.length) {
    throw new Error(`tensor ${t.name}: dims [${t.dims.join(',')}] hold ${count} values, data has ${t.data.length}`);
  }
  const w = new ProtoWriter();
  if (t.dims.length > 0) w.packedVarints(1, t.dims); // dims
  w.varint(2, DATA_TYPE[elemTypeOf(t.data)]); // data_type
  w.string(8, t.name); // name
  const bytes = rawBytes(t.data);
  if (external && bytes.byteLength >= external.minBytes) {
    const { offset, length } = external.add(bytes);
    const entry = (key: string, value: string) => new ProtoWriter().string(1, key).string(2, value);
    w.message(13, entry('location', external.location)); // external_data
    w.message(13, entry('offset', String(offset)));
    w.message(13, entry('length', String(length)));
    w.varint(14, 1); // data_location = EXTERNAL
  } else {
    w.bytes(9, bytes); // raw_data
  }
  return w;
}

function encodeAttribute(name: string, a: AttributeValue): ProtoWriter {
  const w = new ProtoWriter();
  w.string(1, name); // name
  switch (a.type) {
    case 'float':
      w.float(2, a.value); // f
      w.varint(20, 1); // type = FLOAT
      break;
    case 'int':
      w.varint(3, a.value); // i
      w.varint(20, 2); // type = INT
      break;
    case 'tensor':
      w.message(5, encodeTensor(a.value)); // t
      w.varint(20, 4); // type = TENSOR
      break;
    case 'ints':
      w.packedVarints(8, a.value); // ints
      w.varint(20, 7); // type = INTS
      break;
  }
  return w;
}

export function encodeNode(n: NodeSpec): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name !== undefined) w.string(3, n.name);
  w.string(4, n.opType);
  for (const [key, value] of Object.entries(n.attributes ?? {})) w.message(5, encodeAttribute(key, value));
  return w;
}

export function encodeValueInfo(v: ValueInfoSpec): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.dims) {
    const dim = new ProtoWriter();
    if (typeof d === 'number')
      dim.varint(1, d); // dim_value
    else dim.string(2, d); // dim_param
    shape.message(1, dim);
  }
  const tensorType = new ProtoWriter().varint(1, DATA_TYPE[v.elemType]).message(2, shape);
  const type = new ProtoWriter().message(1, tensorType); // TypeProto.tensor_type
  return new ProtoWriter().string(1, v.name).message(2, type);
}

export function encodeGraph(g: GraphSpec, external?: ExternalData): ProtoWriter {
  const w = new ProtoWriter();
  for (const n of g.nodes) w.message(1, encodeNode(n));
  w.string(2, g.name);
  for (const t of g.initializers) w.message(5, encodeTensor(t, external));
  for (const i of g.inputs) w.message(11, encodeValueInfo(i));
  for (const o of g.outputs) w.message(12, encodeValueInfo(o));
  return w;
}

/** Encodes a ModelProto; returns chunks that reference the initializer data without copying it. */
export function encodeModel(m: ModelSpec, external?: ExternalData): Uint8Array[] {
  const w = new ProtoWriter();
  w.varint(1, IR_VERSION); // ir_version
  if (m.producerName !== undefined) w.string(2, m.producerName);
  if (m.producerVersion !== undefined) w.string(3, m.producerVersion);
  if (m.docString !== undefined) w.string(6, m.docString);
  w.message(7, encodeGraph(m.graph, external)); // graph
  w.message(8, new ProtoWriter().string(1, '').varint(2, OPSET_VERSION)); // opset_import
  // quantize_dynamic's integer ops (MatMulInteger) are in the default domain; com.microsoft is
  // declared as it does, for the contrib ops an optimized graph may hold.
  w.message(8, new ProtoWriter().string(1, 'com.microsoft').varint(2, 1));
  return w.finish();
}
