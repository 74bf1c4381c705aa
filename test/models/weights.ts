// Deterministic random CLIP weights. Each tensor draws from its own stream seeded by (seed, name), so
// the values don't depend on generation order and text/vision can be generated separately.
//
// Names follow Hugging Face's CLIPModel state dict, except that linear weights are stored
// input-major, [in, out] (HF's weight transposed), so ONNX MatMul and the reference read them as is.
import type { ClipConfig } from './configs.ts';

export const DEFAULT_SEED = 1;

export interface WeightTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

export type Weights = ReadonlyMap<string, WeightTensor>;

export type Tower = 'text' | 'vision';

export const TOWER_PREFIX: Readonly<Record<Tower, string>> = { text: 'text_model.', vision: 'vision_model.' };
export const PROJECTION_NAME: Readonly<Record<Tower, string>> = {
  text: 'text_projection.weight',
  vision: 'visual_projection.weight',
};

export function layerPrefix(tower: Tower, layer: number): string {
  return `${TOWER_PREFIX[tower]}encoder.layers.${layer}.`;
}

export function getWeight(weights: Weights, name: string): WeightTensor {
  const w = weights.get(name);
  if (!w) throw new Error(`missing weight ${name}`);
  return w;
}

export function countParameters(weights: Weights): number {
  let n = 0;
  for (const w of weights.values()) n += w.dims.reduce((a, b) => a * b, 1);
  return n;
}

export function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new Error(`seed must be an integer in [0, 2^32), got ${seed}`);
  }
}

// FNV-1a, so the tensor name picks the stream.
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// splitmix32 step, used to expand one 32-bit seed into the xoshiro state.
function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_PI = 2 * Math.PI;
const INV_2_24 = 1 / 16777216;

/** Fills `out` with mean + std * N(0,1), xoshiro128** + Box-Muller, state kept in locals for speed. */
function fillNormal(out: Float32Array, seed: number, name: string, mean: number, std: number): void {
  const init = { s: (seed ^ Math.imul(hashName(name), 0x9e3779b1)) | 0 };
  let s0 = splitmix32(init) | 0;
  let s1 = splitmix32(init) | 0;
  let s2 = splitmix32(init) | 0;
  let s3 = splitmix32(init) | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // all-zero state would be stuck
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    let r = Math.imul(s1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    let t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const u1 = ((r >>> 8) + 0.5) * INV_2_24; // (0, 1): log stays finite

    r = Math.imul(s1, 5);
    r = Math.imul((r << 7) | (r >>> 25), 9);
    t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    const u2 = (r >>> 8) * INV_2_24;

    const radius = std * Math.sqrt(-2 * Math.log(u1));
    const angle = TWO_PI * u2;
    out[i] = mean + radius * Math.cos(angle);
    if (i + 1 < n) out[i + 1] = mean + radius * Math.sin(angle);
  }
}

class WeightSet {
  readonly map = new Map<string, WeightTensor>();
  /** With `shapesOnly`, tensors get empty data: enough to count parameters without drawing them. */
  constructor(
    private readonly seed: number,
    private readonly shapesOnly = false,
  ) {}

  normal(name: string, dims: readonly number[], std: number, mean = 0): void {
    if (this.map.has(name)) throw new Error(`duplicate weight ${name}`);
    const data = new Float32Array(this.shapesOnly ? 0 : dims.reduce((a, b) => a * b, 1));
    if (!this.shapesOnly) fillNormal(data, this.seed, name, mean, std);
    this.map.set(name, { dims: [...dims], data });
  }

  // Gamma near 1 and beta near 0, but perturbed so a LayerNorm wired wrongly shows up in the output.
  layerNorm(prefix: string, width: number): void {
    this.normal(`${prefix}.weight`, [width], 0.05, 1);
    this.normal(`${prefix}.bias`, [width], 0.02);
  }

  // Biases are zero in CLIP's init; small noise here so a dropped bias changes the result.
  linear(prefix: string, inputs: number, outputs: number, std: number): void {
    this.normal(`${prefix}.weight`, [inputs, outputs], std);
    this.normal(`${prefix}.bias`, [outputs], 0.02);
  }

  // Standard deviations follow CLIP's initialize_parameters (attn width^-0.5, residual-path
  // projections further scaled by (2 * layers)^-0.5, fc (2 * width)^-0.5).
  encoder(tower: Tower, width: number, layers: number, mlpWidth: number): void {
    const attnStd = width ** -0.5;
    const projStd = attnStd * (2 * layers) ** -0.5;
    const fcStd = (2 * width) ** -0.5;
    for (let l = 0; l < layers; l++) {
      const p = layerPrefix(tower, l);
      this.layerNorm(`${p}layer_norm1`, width);
      for (const proj of ['q_proj', 'k_proj', 'v_proj']) this.linear(`${p}self_attn.${proj}`, width, width, attnStd);
      this.linear(`${p}self_attn.out_proj`, width, width, projStd);
      this.layerNorm(`${p}layer_norm2`, width);
      this.linear(`${p}mlp.fc1`, width, mlpWidth, fcStd);
      this.linear(`${p}mlp.fc2`, mlpWidth, width, projStd);
    }
  }
}

export function generateTextWeights(config: ClipConfig, seed: number = DEFAULT_SEED, shapesOnly = false): Weights {
  checkSeed(seed);
  const t = config.text;
  const ws = new WeightSet(seed, shapesOnly);
  const p = TOWER_PREFIX.text;
  ws.normal(`${p}embeddings.token_embedding.weight`, [t.vocabSize, t.width], 0.02);
  ws.normal(`${p}embeddings.position_embedding.weight`, [t.contextLength, t.width], 0.01);
  ws.encoder('text', t.width, t.layers, t.mlpWidth);
  ws.layerNorm(`${p}final_layer_norm`, t.width);
  ws.normal(PROJECTION_NAME.text, [t.width, config.projectionDim], t.width ** -0.5);
  return ws.map;
}

export function generateVisionWeights(config: ClipConfig, seed: number = DEFAULT_SEED, shapesOnly = false): Weights {
  checkSeed(seed);
  const v = config.vision;
  const ws = new WeightSet(seed, shapesOnly);
  const p = TOWER_PREFIX.vision;
  const scale = v.width ** -0.5;
  const patches = (v.imageSize / v.patchSize) ** 2;
  ws.normal(`${p}embeddings.class_embedding`, [v.width], scale);
  // Unit-variance pixels then give unit-scale patch embeddings.
  ws.normal(`${p}embeddings.patch_embedding.weight`, [v.width, 3, v.patchSize, v.patchSize], (3 * v.patchSize ** 2) ** -0.5);
  ws.normal(`${p}embeddings.position_embedding.weight`, [patches + 1, v.width], scale);
  ws.layerNorm(`${p}pre_layrnorm`, v.width);
  ws.encoder('vision', v.width, v.layers, v.mlpWidth);
  ws.layerNorm(`${p}post_layernorm`, v.width);
  ws.normal(PROJECTION_NAME.vision, [v.width, config.projectionDim], scale);
  return ws.map;
}

export function generateWeights(config: ClipConfig, seed: number = DEFAULT_SEED): Weights {
  return new Map([...generateTextWeights(config, seed), ...generateVisionWeights(config, seed)]);
}

/** Parameter count of a config, computed from the weight shapes without drawing any values. */
export function configParameterCount(config: ClipConfig): number {
  return countParameters(generateTextWeights(config, 0, true)) + countParameters(generateVisionWeights(config, 0, true));
}
