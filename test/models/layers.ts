// ONNX building blocks shared by the text and vision towers (HF CLIPEncoderLayer and friends).
import { LAYER_NORM_EPS } from './configs.ts';
import type { GraphBuilder } from './graph.ts';
import { attr } from './onnx.ts';
import { layerPrefix, type Tower } from './weights.ts';

export function layerNorm(g: GraphBuilder, x: string, prefix: string): string {
  return g.op(
    'LayerNormalization',
    [x, g.weight(`${prefix}.weight`), g.weight(`${prefix}.bias`)],
    { axis: attr.int(-1), epsilon: attr.float(LAYER_NORM_EPS) },
    `${prefix}.out`,
  );
}

/** x @ W (+ b); W is stored [in, out]. */
export function linear(g: GraphBuilder, x: string, prefix: string, bias = true): string {
  const product = g.dynamicInt8
    ? dynamicInt8MatMul(g, x, `${prefix}.weight`, prefix)
    : g.op('MatMul', [x, g.weight(`${prefix}.weight`)], undefined, `${prefix}.matmul`);
  if (!bias) return product;
  return g.op('Add', [product, g.weight(`${prefix}.bias`)], undefined, `${prefix}.out`);
}

/**
 * x @ W as onnxruntime's quantize_dynamic emits it: x quantized to uint8 with one scale and zero
 * point computed from the whole tensor (the whole batch), W int8, an integer product rescaled.
 */
function dynamicInt8MatMul(g: GraphBuilder, x: string, weight: string, prefix: string): string {
  const [xq, xScale, xZero] = g.multi('DynamicQuantizeLinear', [x], 3, `${prefix}.input_quantized`);
  const [wq, wScale, wZero] = g.int8Weight(weight);
  const integer = g.op('MatMulInteger', [xq!, wq, xZero!, wZero], undefined, `${prefix}.matmul_integer`);
  const asFloat = g.op('Cast', [integer], { to: attr.int(1) }, `${prefix}.matmul_float`);
  const scale = g.op('Mul', [xScale!, wScale], undefined, `${prefix}.matmul_scale`);
  return g.op('Mul', [asFloat, scale], undefined, `${prefix}.matmul`);
}

/** CLIP's activation: x * sigmoid(1.702 x). */
function quickGelu(g: GraphBuilder, x: string, prefix: string): string {
  const scaled = g.op('Mul', [x, g.constFloat([1.702], [], 'quick_gelu_alpha')], undefined, `${prefix}.scaled`);
  const gate = g.op('Sigmoid', [scaled], undefined, `${prefix}.gate`);
  return g.op('Mul', [x, gate], undefined, `${prefix}.out`);
}

/**
 * Multi-head self-attention on x [batch, seq, width]. `mask`, when given, is additive and
 * broadcastable to [batch, heads, seq, seq].
 */
function selfAttention(g: GraphBuilder, x: string, prefix: string, width: number, heads: number, mask?: string): string {
  const headDim = width / heads;
  const splitShape = g.constInt64([0, 0, heads, headDim], [4], 'split_heads_shape');
  // HF scales the projected query (bias included) rather than the scores; same maths.
  const qScaled = g.op(
    'Mul',
    [linear(g, x, `${prefix}.q_proj`), g.constFloat([headDim ** -0.5], [], 'attn_scale')],
    undefined,
    `${prefix}.q_scaled`,
  );
  const heads4 = (t: string, perm: number[], name: string): string =>
    g.op(
      'Transpose',
      [g.op('Reshape', [t, splitShape], undefined, `${prefix}.${name}_split`)],
      { perm: attr.ints(perm) },
      `${prefix}.${name}_heads`,
    );
  const q = heads4(qScaled, [0, 2, 1, 3], 'q'); // [b, h, s, d]
  const kT = heads4(linear(g, x, `${prefix}.k_proj`), [0, 2, 3, 1], 'k'); // [b, h, d, s]
  const v = heads4(linear(g, x, `${prefix}.v_proj`), [0, 2, 1, 3], 'v'); // [b, h, s, d]

  let scores = g.op('MatMul', [q, kT], undefined, `${prefix}.scores`);
  if (mask !== undefined) scores = g.op('Add', [scores, mask], undefined, `${prefix}.masked_scores`);
  const probs = g.op('Softmax', [scores], { axis: attr.int(-1) }, `${prefix}.probs`);
  const context = g.op('MatMul', [probs, v], undefined, `${prefix}.context`);
  const merged = g.op(
    'Reshape',
    [
      g.op('Transpose', [context], { perm: attr.ints([0, 2, 1, 3]) }, `${prefix}.context_t`),
      g.constInt64([0, 0, width], [3], 'merge_heads_shape'),
    ],
    undefined,
    `${prefix}.context_merged`,
  );
  return linear(g, merged, `${prefix}.out_proj`);
}

/** One pre-LN transformer block: x + attn(ln1(x)), then + mlp(ln2(x)). */
export function encoderLayer(g: GraphBuilder, x: string, tower: Tower, layer: number, width: number, heads: number, mask?: string): string {
  const p = layerPrefix(tower, layer);
  const attnOut = selfAttention(g, layerNorm(g, x, `${p}layer_norm1`), `${p}self_attn`, width, heads, mask);
  const afterAttn = g.op('Add', [x, attnOut], undefined, `${p}attn_residual`);
  const hidden = quickGelu(g, linear(g, layerNorm(g, afterAttn, `${p}layer_norm2`), `${p}mlp.fc1`), `${p}mlp.act`);
  const mlpOut = linear(g, hidden, `${p}mlp.fc2`);
  return g.op('Add', [afterAttn, mlpOut], undefined, `${p}mlp_residual`);
}
