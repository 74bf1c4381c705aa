// Plain TypeScript CLIP forward pass (float64), written from the architecture rather than from the
// ONNX graph, so agreement between the two is evidence that the graph is right.
// One sequence / image at a time, rows of a [tokens, width] matrix stored flat.
import { LAYER_NORM_EPS, visionSequenceLength, type ClipConfig } from './configs.ts';
import { getWeight, layerPrefix, PROJECTION_NAME, TOWER_PREFIX, type Tower, type Weights } from './weights.ts';

type Matrix = { rows: number; cols: number; data: Float64Array };

function matrix(rows: number, cols: number): Matrix {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

function layerNorm(x: Matrix, weights: Weights, prefix: string): Matrix {
  const gamma = getWeight(weights, `${prefix}.weight`).data;
  const beta = getWeight(weights, `${prefix}.bias`).data;
  const out = matrix(x.rows, x.cols);
  for (let r = 0; r < x.rows; r++) {
    const row = x.data.subarray(r * x.cols, (r + 1) * x.cols);
    let mean = 0;
    for (const v of row) mean += v;
    mean /= x.cols;
    let variance = 0;
    for (const v of row) variance += (v - mean) ** 2;
    variance /= x.cols;
    const inv = 1 / Math.sqrt(variance + LAYER_NORM_EPS);
    for (let c = 0; c < x.cols; c++) out.data[r * x.cols + c] = (row[c]! - mean) * inv * gamma[c]! + beta[c]!;
  }
  return out;
}

/** x [rows, in] times the [in, out] weight, plus bias when the layer has one. */
function linear(x: Matrix, weights: Weights, prefix: string, withBias = true): Matrix {
  const w = getWeight(weights, `${prefix}.weight`);
  const [inputs, outputs] = w.dims;
  if (inputs !== x.cols || outputs === undefined) throw new Error(`${prefix}: expects ${inputs} inputs, got ${x.cols}`);
  const bias = withBias ? getWeight(weights, `${prefix}.bias`).data : undefined;
  const out = matrix(x.rows, outputs);
  for (let r = 0; r < x.rows; r++) {
    const acc = out.data.subarray(r * outputs, (r + 1) * outputs);
    if (bias) for (let o = 0; o < outputs; o++) acc[o] = bias[o]!;
    for (let i = 0; i < inputs; i++) {
      const xv = x.data[r * inputs + i]!;
      const wRow = i * outputs;
      for (let o = 0; o < outputs; o++) acc[o]! += xv * w.data[wRow + o]!;
    }
  }
  return out;
}

function add(a: Matrix, b: Matrix): Matrix {
  const out = matrix(a.rows, a.cols);
  for (let i = 0; i < out.data.length; i++) out.data[i] = a.data[i]! + b.data[i]!;
  return out;
}

/**
 * Multi-head self-attention where query i may look at key j only if canAttend(i, j). A query with no
 * visible key yields zeros (such rows never reach the pooled output).
 */
function attention(x: Matrix, weights: Weights, prefix: string, heads: number, canAttend: (i: number, j: number) => boolean): Matrix {
  const q = linear(x, weights, `${prefix}.q_proj`);
  const k = linear(x, weights, `${prefix}.k_proj`);
  const v = linear(x, weights, `${prefix}.v_proj`);
  const width = x.cols;
  const headDim = width / heads;
  const scale = 1 / Math.sqrt(headDim);
  const context = matrix(x.rows, width);
  const scores = new Float64Array(x.rows);
  for (let h = 0; h < heads; h++) {
    const base = h * headDim;
    for (let i = 0; i < x.rows; i++) {
      let max = -Infinity;
      for (let j = 0; j < x.rows; j++) {
        if (!canAttend(i, j)) {
          scores[j] = -Infinity;
          continue;
        }
        let dot = 0;
        for (let d = 0; d < headDim; d++) dot += q.data[i * width + base + d]! * k.data[j * width + base + d]!;
        scores[j] = dot * scale;
        max = Math.max(max, scores[j]!);
      }
      if (max === -Infinity) continue;
      let total = 0;
      for (let j = 0; j < x.rows; j++) {
        scores[j] = scores[j] === -Infinity ? 0 : Math.exp(scores[j]! - max);
        total += scores[j]!;
      }
      for (let j = 0; j < x.rows; j++) {
        const p = scores[j]! / total;
        if (p === 0) continue;
        for (let d = 0; d < headDim; d++) context.data[i * width + base + d]! += p * v.data[j * width + base + d]!;
      }
    }
  }
  return linear(context, weights, `${prefix}.out_proj`);
}

function quickGelu(x: Matrix): Matrix {
  const out = matrix(x.rows, x.cols);
  for (let i = 0; i < x.data.length; i++) {
    const v = x.data[i]!;
    out.data[i] = v / (1 + Math.exp(-1.702 * v));
  }
  return out;
}

function encoder(
  h: Matrix,
  weights: Weights,
  tower: Tower,
  layers: number,
  heads: number,
  canAttend: (i: number, j: number) => boolean,
): Matrix {
  for (let l = 0; l < layers; l++) {
    const p = layerPrefix(tower, l);
    h = add(h, attention(layerNorm(h, weights, `${p}layer_norm1`), weights, `${p}self_attn`, heads, canAttend));
    const hidden = quickGelu(linear(layerNorm(h, weights, `${p}layer_norm2`), weights, `${p}mlp.fc1`));
    h = add(h, linear(hidden, weights, `${p}mlp.fc2`));
  }
  return h;
}

function row(x: Matrix, r: number): Matrix {
  return { rows: 1, cols: x.cols, data: x.data.slice(r * x.cols, (r + 1) * x.cols) };
}

/** Unnormalized text embeddings, one per row of inputIds (rows may differ in length). */
export function referenceTextEmbeds(
  weights: Weights,
  config: ClipConfig,
  inputIds: number[][],
  attentionMask?: number[][],
): Float32Array[] {
  const t = config.text;
  const p = TOWER_PREFIX.text;
  const tokenTable = getWeight(weights, `${p}embeddings.token_embedding.weight`).data;
  const positionTable = getWeight(weights, `${p}embeddings.position_embedding.weight`).data;
  return inputIds.map((ids, b) => {
    const keep = attentionMask?.[b] ?? ids.map(() => 1);
    if (keep.length !== ids.length) throw new Error(`row ${b}: mask length ${keep.length} != ${ids.length} ids`);
    if (ids.length > t.contextLength) throw new Error(`row ${b}: ${ids.length} tokens exceed context ${t.contextLength}`);
    const h = matrix(ids.length, t.width);
    ids.forEach((id, s) => {
      if (!Number.isInteger(id) || id < 0 || id >= t.vocabSize) throw new Error(`row ${b}: token id ${id} out of range`);
      for (let c = 0; c < t.width; c++) h.data[s * t.width + c] = tokenTable[id * t.width + c]! + positionTable[s * t.width + c]!;
    });
    // Causal, and padding keys (mask 0) are invisible.
    const encoded = encoder(h, weights, 'text', t.layers, t.heads, (i, j) => j <= i && keep[j] !== 0);
    // The end-of-text token has the largest id; the first maximum wins, as in torch.argmax.
    let eos = 0;
    ids.forEach((id, s) => {
      if (id > ids[eos]!) eos = s;
    });
    const pooled = layerNorm(row(encoded, eos), weights, `${p}final_layer_norm`);
    return Float32Array.from(linear(pooled, weights, PROJECTION_NAME.text.replace(/\.weight$/, ''), false).data);
  });
}

/** Unnormalized image embeddings for pixelValues laid out [batch, 3, imageSize, imageSize]. */
export function referenceImageEmbeds(weights: Weights, config: ClipConfig, pixelValues: Float32Array, batch: number): Float32Array[] {
  const v = config.vision;
  const p = TOWER_PREFIX.vision;
  const size = v.imageSize;
  const patch = v.patchSize;
  const grid = size / patch;
  const imageLength = 3 * size * size;
  if (pixelValues.length !== batch * imageLength)
    throw new Error(`pixelValues holds ${pixelValues.length} values, expected ${batch * imageLength}`);
  const kernel = getWeight(weights, `${p}embeddings.patch_embedding.weight`).data; // [width, 3, patch, patch]
  const classEmbedding = getWeight(weights, `${p}embeddings.class_embedding`).data;
  const positions = getWeight(weights, `${p}embeddings.position_embedding.weight`).data;
  const tokens = visionSequenceLength(v);

  const embeds: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const image = pixelValues.subarray(b * imageLength, (b + 1) * imageLength);
    const h = matrix(tokens, v.width);
    for (let c = 0; c < v.width; c++) h.data[c] = classEmbedding[c]! + positions[c]!;
    // Token 1 + gy * grid + gx is the patch whose top-left pixel is (gy * patch, gx * patch).
    for (let gy = 0; gy < grid; gy++) {
      for (let gx = 0; gx < grid; gx++) {
        const token = 1 + gy * grid + gx;
        for (let o = 0; o < v.width; o++) {
          let sum = 0;
          for (let ch = 0; ch < 3; ch++) {
            for (let ky = 0; ky < patch; ky++) {
              const pixelRow = ch * size * size + (gy * patch + ky) * size + gx * patch;
              const kernelRow = ((o * 3 + ch) * patch + ky) * patch;
              for (let kx = 0; kx < patch; kx++) sum += image[pixelRow + kx]! * kernel[kernelRow + kx]!;
            }
          }
          h.data[token * v.width + o] = sum + positions[token * v.width + o]!;
        }
      }
    }
    const encoded = encoder(layerNorm(h, weights, `${p}pre_layrnorm`), weights, 'vision', v.layers, v.heads, () => true);
    const pooled = layerNorm(row(encoded, 0), weights, `${p}post_layernorm`);
    embeds.push(Float32Array.from(linear(pooled, weights, PROJECTION_NAME.vision.replace(/\.weight$/, ''), false).data));
  }
  return embeds;
}
