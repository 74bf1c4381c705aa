// Small builder that keeps node/initializer bookkeeping out of the model definitions.
import type { AttributeValue, GraphSpec, NodeSpec, TensorData, TensorSpec, ValueInfoSpec } from './onnx.ts';
import { getWeight, type Weights } from './weights.ts';

export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: TensorSpec[] = [];
  private readonly taken = new Set<string>();
  private readonly constants = new Map<string, string>();

  constructor(
    private readonly weights: Weights,
    /** Linear layers as onnxruntime's quantize_dynamic writes them (DynamicQuantizeLinear + MatMulInteger). */
    readonly dynamicInt8 = false,
  ) {}

  /** Adds a node with several outputs, named after the hint. */
  multi(opType: string, inputs: readonly string[], count: number, hint: string): string[] {
    const outputs = Array.from({ length: count }, (_, i) => this.fresh(`${hint}_${i}`));
    this.nodes.push({ opType, inputs, outputs, name: this.fresh(hint) });
    return outputs;
  }

  /** The named weight quantized to int8 (symmetric, one scale per tensor, zero point 0); returns [q, scale, zeroPoint]. */
  int8Weight(name: string): [string, string, string] {
    const w = getWeight(this.weights, name);
    let max = 0;
    for (const v of w.data) max = Math.max(max, Math.abs(v));
    const scale = max / 127 || 1;
    const q = Int8Array.from(w.data, (v) => Math.max(-127, Math.min(127, Math.round(v / scale))));
    const qName = this.fresh(`${name}_quantized`);
    this.initializers.push({ name: qName, dims: w.dims, data: q });
    return [qName, this.constFloat([scale], [], `${name}_scale`), this.constant(`${name}_zero_point`, [], new Int8Array(1))];
  }

  /** Adds a single-output node; returns the output's name. */
  op(opType: string, inputs: readonly string[], attributes?: Record<string, AttributeValue>, hint?: string): string {
    const output = this.fresh(hint ?? opType);
    this.nodes.push({ opType, inputs, outputs: [output], name: output, attributes });
    return output;
  }

  /** Adds (once) the named weight as an initializer, optionally viewed with other dims of the same size. */
  weight(name: string, dims?: readonly number[]): string {
    if (this.taken.has(name)) return name;
    const w = getWeight(this.weights, name);
    this.taken.add(name);
    this.initializers.push({ name, dims: dims ?? w.dims, data: w.data });
    return name;
  }

  constFloat(values: readonly number[] | Float32Array, dims: readonly number[], hint = 'const'): string {
    return this.constant(hint, dims, Float32Array.from(values));
  }

  constInt64(values: readonly number[], dims: readonly number[] = [values.length], hint = 'const'): string {
    return this.constant(
      hint,
      dims,
      BigInt64Array.from(values, (v) => BigInt(v)),
    );
  }

  build(name: string, inputs: readonly ValueInfoSpec[], outputs: readonly ValueInfoSpec[]): GraphSpec {
    // Names are made unique by suffixing, so a clash would silently rename an output; catch it here.
    const produced = new Set(this.nodes.flatMap((n) => n.outputs));
    for (const i of inputs) if (produced.has(i.name)) throw new Error(`graph input ${i.name} is also a node output`);
    for (const o of outputs) if (!produced.has(o.name)) throw new Error(`graph output ${o.name} is produced by no node`);
    return { name, nodes: this.nodes, initializers: this.initializers, inputs, outputs };
  }

  // Identical small constants are shared instead of repeated per layer.
  private constant(hint: string, dims: readonly number[], data: TensorData): string {
    const key = `${data.constructor.name}|${dims.join(',')}|${data.join(',')}`;
    const existing = this.constants.get(key);
    if (existing !== undefined) return existing;
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, data });
    this.constants.set(key, name);
    return name;
  }

  private fresh(hint: string): string {
    let name = hint;
    for (let i = 1; this.taken.has(name); i++) name = `${hint}_${i}`;
    this.taken.add(name);
    return name;
  }
}
