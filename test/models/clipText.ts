// ONNX graph of HF CLIPTextModelWithProjection: input_ids (+ attention_mask) -> text_embeds (unnormalized).
import type { ClipConfig } from './configs.ts';
import { GraphBuilder } from './graph.ts';
import { encoderLayer, layerNorm } from './layers.ts';
import { attr, type GraphSpec } from './onnx.ts';
import { PROJECTION_NAME, TOWER_PREFIX, type Weights } from './weights.ts';

// Finite on purpose: -inf would turn fully masked rows (left padding) into NaN, which then leaks
// into every row through 0 * NaN in the next layer's attention.
export const MASK_NEGATIVE = -1e9;

function causalMask(size: number): Float32Array {
  const m = new Float32Array(size * size);
  for (let i = 0; i < size; i++) for (let j = i + 1; j < size; j++) m[i * size + j] = MASK_NEGATIVE;
  return m;
}

/**
 * 'hf': the Hugging Face/Xenova export (input_ids int64 -> text_embeds; Xenova's takes no mask).
 * 'immich': Immich's export of the same model (text int32 [batch, 77] -> embedding, no mask).
 */
export type GraphNaming = 'hf' | 'immich';

export interface TowerOptions {
  /** hf only: also take attention_mask, of this type (optimum's exports do; Xenova's do not). */
  mask?: 'int64' | 'int32';
  /** Every input dimension fixed, batch 1 included (current Immich exports). */
  staticShapes?: boolean;
  /** Linear layers dynamically quantized to int8, as the *_quantized.onnx exports are. */
  dynamicInt8?: boolean;
}

export function buildTextGraph(config: ClipConfig, weights: Weights, naming: GraphNaming = 'hf', options: TowerOptions = {}): GraphSpec {
  const t = config.text;
  const p = TOWER_PREFIX.text;
  const g = new GraphBuilder(weights, options.dynamicInt8);
  const float = { to: attr.int(1) };
  const batch = options.staticShapes ? 1 : 'batch';
  const hasMask = naming === 'hf' && options.mask !== undefined;
  if (naming === 'hf' && !hasMask) {
    // No padding mask: ones. Causal attention pooled at the end token never sees the padding after it.
    g.op(
      'ConstantOfShape',
      [g.op('Shape', ['input_ids'], undefined, 'ids_shape')],
      { value: attr.tensor({ name: 'one_i64', dims: [1], data: BigInt64Array.from([1n]) }) },
      'attention_mask',
    );
  }
  if (naming === 'immich') {
    // The same graph behind Immich's names: cast the int32 ids, and a mask of ones (no padding mask).
    g.op('Cast', ['text'], { to: attr.int(7) }, 'input_ids');
    g.op(
      'ConstantOfShape',
      [g.op('Shape', ['input_ids'], undefined, 'ids_shape')],
      { value: attr.tensor({ name: 'one_i64', dims: [1], data: BigInt64Array.from([1n]) }) },
      'attention_mask',
    );
  }

  const seqLen = g.op('Shape', ['input_ids'], { start: attr.int(1), end: attr.int(2) }, 'seq_len'); // [1]
  const zero = g.constInt64([0], [1], 'zero');

  const tokens = g.op('Gather', [g.weight(`${p}embeddings.token_embedding.weight`), 'input_ids'], { axis: attr.int(0) }, 'token_embeds');
  const positions = g.op('Slice', [g.weight(`${p}embeddings.position_embedding.weight`), zero, seqLen, zero], undefined, 'position_embeds');
  let h = g.op('Add', [tokens, positions], undefined, 'embeddings');

  // Additive mask [batch, 1, seq, seq] = causal [seq, seq] + padding [batch, 1, 1, seq].
  const seqSeq = g.op('Concat', [seqLen, seqLen], { axis: attr.int(0) }, 'seq_seq');
  const causal = g.op(
    'Slice',
    [
      g.constFloat(causalMask(t.contextLength), [t.contextLength, t.contextLength], 'causal_mask_full'),
      g.constInt64([0, 0]),
      seqSeq,
      g.constInt64([0, 1]),
    ],
    undefined,
    'causal_mask',
  );
  const keep = g.op('Cast', ['attention_mask'], float, 'attention_mask_float');
  const dropped = g.op('Sub', [g.constFloat([1], [], 'one'), keep], undefined, 'attention_mask_inverted');
  const padding = g.op('Mul', [dropped, g.constFloat([MASK_NEGATIVE], [], 'mask_negative')], undefined, 'padding_mask');
  const padding4 = g.op('Unsqueeze', [padding, g.constInt64([1, 2])], undefined, 'padding_mask_4d');
  const mask = g.op('Add', [causal, padding4], undefined, 'attention_bias');

  for (let l = 0; l < t.layers; l++) h = encoderLayer(g, h, 'text', l, t.width, t.heads, mask);
  const last = layerNorm(g, h, `${p}final_layer_norm`);

  // Pool at the end-of-text token: it has the largest id, so argmax finds it (as HF does).
  const idsFloat = g.op('Cast', ['input_ids'], float, 'input_ids_float');
  const eosIndex = g.op('ArgMax', [idsFloat], { axis: attr.int(-1), keepdims: attr.int(1) }, 'eos_index'); // [batch, 1]
  const pooled = g.op('GatherND', [last, eosIndex], { batch_dims: attr.int(1) }, 'pooled'); // [batch, width]
  g.op('MatMul', [pooled, g.weight(PROJECTION_NAME.text)], undefined, 'text_embeds');
  if (naming === 'immich') {
    g.op('Identity', ['text_embeds'], undefined, 'embedding');
    return g.build(
      'clip_text_model',
      [{ name: 'text', elemType: 'int32', dims: [batch, t.contextLength] }],
      [{ name: 'embedding', elemType: 'float', dims: [batch, config.projectionDim] }],
    );
  }

  const sequence = options.staticShapes ? t.contextLength : 'sequence';
  return g.build(
    'clip_text_model',
    [
      { name: 'input_ids', elemType: 'int64', dims: [batch, sequence] },
      ...(hasMask ? [{ name: 'attention_mask', elemType: options.mask!, dims: [batch, sequence] }] : []),
    ],
    [{ name: 'text_embeds', elemType: 'float', dims: [batch, config.projectionDim] }],
  );
}
