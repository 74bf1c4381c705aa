// Architecture sizes. vit-b-32 is OpenAI's ViT-B/32; tiny keeps the real vocabulary and image geometry
// (so real tokenizer ids and real preprocessing feed it) but shrinks everything else.

export type ConfigName = 'tiny' | 'tiny-wide' | 'vit-b-32';

export interface ClipTextConfig {
  width: number;
  layers: number;
  heads: number;
  mlpWidth: number;
  contextLength: number;
  vocabSize: number;
}

export interface ClipVisionConfig {
  width: number;
  layers: number;
  heads: number;
  mlpWidth: number;
  imageSize: number;
  patchSize: number;
}

export interface ClipConfig {
  name: ConfigName;
  text: ClipTextConfig;
  vision: ClipVisionConfig;
  projectionDim: number;
}

export const LAYER_NORM_EPS = 1e-5;
export const BOS_TOKEN_ID = 49406;
export const EOS_TOKEN_ID = 49407;

export const CONFIGS: Readonly<Record<ConfigName, ClipConfig>> = {
  tiny: {
    name: 'tiny',
    text: { width: 32, layers: 2, heads: 2, mlpWidth: 128, contextLength: 77, vocabSize: 49408 },
    vision: { width: 32, layers: 2, heads: 2, mlpWidth: 128, imageSize: 224, patchSize: 32 },
    projectionDim: 16,
  },
  // A second small model with another embedding size, for comparing models (test/engine/compare).
  'tiny-wide': {
    name: 'tiny-wide',
    text: { width: 48, layers: 2, heads: 2, mlpWidth: 192, contextLength: 77, vocabSize: 49408 },
    vision: { width: 48, layers: 2, heads: 2, mlpWidth: 192, imageSize: 224, patchSize: 32 },
    projectionDim: 24,
  },
  'vit-b-32': {
    name: 'vit-b-32',
    text: { width: 512, layers: 12, heads: 8, mlpWidth: 2048, contextLength: 77, vocabSize: 49408 },
    vision: { width: 768, layers: 12, heads: 12, mlpWidth: 3072, imageSize: 224, patchSize: 32 },
    projectionDim: 512,
  },
};

export function isConfigName(name: string): name is ConfigName {
  return Object.hasOwn(CONFIGS, name);
}

export function getConfig(name: ConfigName): ClipConfig {
  return CONFIGS[name];
}

/** Patch tokens plus the class token. */
export function visionSequenceLength(v: ClipVisionConfig): number {
  return (v.imageSize / v.patchSize) ** 2 + 1;
}
