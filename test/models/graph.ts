// Small builder that keeps node/initializer bookkeeping out of the model definitions.
import type { AttributeValue, GraphSpec, NodeSpec, TensorSpec, ValueInfoSpec } from './onnx.ts';
import { getWeight, type Weights } from './weights.ts';

export class GraphBuilder {
  private readonly nodes: NodeSpec[] = [];
  private readonly initializers: TensorSpec[] = [];
  private readonly taken = new Set<string>();
  private readonly constants = new Map<string, string>();

  constructor(private readonly weights: Weights) {}

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
    return this.constant(hint, dims, BigInt64Array.from(values, (v) => BigInt(v)));
  }

  build(name: string, inputs: readonly ValueInfoSpec[], outputs: readonly ValueInfoSpec[]): GraphSpec {
    // Names are made unique by suffixing, so a clash would silently rename an output; catch it here.
    const produced = new Set(this.nodes.flatMap((n) => n.outputs));
    for (const i of inputs) if (produced.has(i.name)) throw new Error(`graph input ${i.name} is also a node output`);
    for (const o of outputs) if (!produced.has(o.name)) throw new Error(`graph output ${o.name} is produced by no node`);
    return { name, nodes: this.nodes, initializers: this.initializers, inputs, outputs };
  }

  // Identical small constants are shared instead of repeated per layer.
  private constant(hint: string, dims: readonly number[], data: Float32Array | BigInt64Array): string {
    const key = `${data instanceof Float32Array ? 'f' : 'i'}|${dims.join(',')}|${data.join(',')}`;
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
