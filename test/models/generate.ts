// Writes a complete CLIP model folder in the Hugging Face / Xenova layout, with random weights.
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { buildTextGraph, type TowerOptions } from './clipText.ts';
import { buildVisionGraph } from './clipVision.ts';
import { BOS_TOKEN_ID, EOS_TOKEN_ID, getConfig, isConfigName, LAYER_NORM_EPS, type ClipConfig, type ConfigName } from './configs.ts';
import { writeFileAtomic } from './files.ts';
import { encodeModel, ExternalData, type GraphSpec } from './onnx.ts';
import { BPE_FILE } from '../paths.ts';
import { writeTokenizerFiles } from './tokenizerFiles.ts';
import { checkSeed, DEFAULT_SEED, generateTextWeights, generateVisionWeights, type Weights } from './weights.ts';

/** Bump whenever the output for a given (config, seed) changes, so cached folders get rebuilt. */
export const GENERATOR_VERSION = 2;
export const MARKER_FILE = 'frameproof-test-model.json';

/**
 * How the model is exported, like the real files:
 * 'xenova': Xenova's onnx/*.onnx (the text model takes input_ids only);
 * 'xenova-mask' / 'xenova-mask-int32': the text model also takes attention_mask (int64 / int32);
 * 'int8': both towers dynamically quantized, as Xenova's *_quantized.onnx;
 * 'external-data': the weights in onnx/<name>.onnx_data next to each model file.
 */
export type ModelFlavour = 'xenova' | 'xenova-mask' | 'xenova-mask-int32' | 'int8' | 'external-data';

const FLAVOURS: Readonly<Record<ModelFlavour, TowerOptions & { externalData?: boolean }>> = {
  xenova: {},
  'xenova-mask': { mask: 'int64' },
  'xenova-mask-int32': { mask: 'int32' },
  int8: { dynamicInt8: true },
  'external-data': { externalData: true },
};

export function isModelFlavour(name: string): name is ModelFlavour {
  return Object.hasOwn(FLAVOURS, name);
}

export interface GenerateOptions {
  seed?: number;
  /** OpenAI's bpe_simple_vocab_16e6.txt.gz; defaults to test/paths.ts's BPE_FILE (../shared/clip, or $FRAMEPROOF_SHARED/clip). */
  bpePath?: string;
  flavour?: ModelFlavour;
}

export interface ModelMarker {
  config: ConfigName;
  seed: number;
  generatorVersion: number;
  flavour: ModelFlavour;
}

export function expectedMarker(config: ConfigName, seed: number = DEFAULT_SEED, flavour: ModelFlavour = 'xenova'): ModelMarker {
  return { config, seed, generatorVersion: GENERATOR_VERSION, flavour };
}

/** The folder's marker, or undefined when it's missing or unreadable. */
export async function readMarker(dir: string): Promise<ModelMarker | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, MARKER_FILE), 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as ModelMarker) : undefined;
  } catch {
    return undefined;
  }
}

export function markerMatches(found: ModelMarker | undefined, wanted: ModelMarker): boolean {
  return (
    found?.config === wanted.config &&
    found.seed === wanted.seed &&
    found.generatorVersion === wanted.generatorVersion &&
    found.flavour === wanted.flavour
  );
}

/** Writes <path>, and with externalData its large weights to <path>_data (the name torch.onnx uses). */
async function writeOnnx(path: string, graph: GraphSpec, externalData = false): Promise<void> {
  const external = externalData ? new ExternalData(`${basename(path)}_data`) : undefined;
  const model = encodeModel({ graph, producerName: 'frameproof-test-models', producerVersion: String(GENERATOR_VERSION) }, external);
  if (external) await writeFileAtomic(`${path}_data`, external.chunks);
  await writeFileAtomic(path, model);
}

type BuildTower = (c: ClipConfig, w: Weights, naming: 'hf', options: TowerOptions) => GraphSpec;

// One tower at a time, so only its weights (not both towers') are alive while writing.
async function writeTower(
  path: string,
  config: ClipConfig,
  makeWeights: () => Weights,
  build: BuildTower,
  flavour: ModelFlavour,
): Promise<void> {
  const { externalData, ...options } = FLAVOURS[flavour];
  await writeOnnx(path, build(config, makeWeights(), 'hf', options), externalData);
}

function hfConfig(c: ClipConfig): object {
  const common = { hidden_act: 'quick_gelu', layer_norm_eps: LAYER_NORM_EPS, projection_dim: c.projectionDim };
  return {
    architectures: ['CLIPModel'],
    model_type: 'clip',
    projection_dim: c.projectionDim,
    logit_scale_init_value: 2.6592,
    initializer_factor: 1.0,
    text_config: {
      model_type: 'clip_text_model',
      hidden_size: c.text.width,
      intermediate_size: c.text.mlpWidth,
      num_hidden_layers: c.text.layers,
      num_attention_heads: c.text.heads,
      max_position_embeddings: c.text.contextLength,
      vocab_size: c.text.vocabSize,
      bos_token_id: BOS_TOKEN_ID,
      eos_token_id: EOS_TOKEN_ID,
      pad_token_id: 1,
      ...common,
    },
    vision_config: {
      model_type: 'clip_vision_model',
      hidden_size: c.vision.width,
      intermediate_size: c.vision.mlpWidth,
      num_hidden_layers: c.vision.layers,
      num_attention_heads: c.vision.heads,
      image_size: c.vision.imageSize,
      patch_size: c.vision.patchSize,
      num_channels: 3,
      ...common,
    },
  };
}

function preprocessorConfig(c: ClipConfig): object {
  const size = c.vision.imageSize;
  return {
    crop_size: { height: size, width: size },
    do_center_crop: true,
    do_convert_rgb: true,
    do_normalize: true,
    do_rescale: true,
    do_resize: true,
    feature_extractor_type: 'CLIPFeatureExtractor',
    image_processor_type: 'CLIPImageProcessor',
    image_mean: [0.48145466, 0.4578275, 0.40821073],
    image_std: [0.26862954, 0.26130258, 0.27577711],
    resample: 3,
    rescale_factor: 1 / 255,
    size: { shortest_edge: size },
  };
}

const json = (value: object): string => `${JSON.stringify(value, null, 2)}\n`;

export async function generateModel(dir: string, config: ConfigName, options: GenerateOptions = {}): Promise<void> {
  const seed = options.seed ?? DEFAULT_SEED;
  checkSeed(seed);
  if (!isConfigName(config)) throw new Error(`unknown config ${String(config)}`);
  const c = getConfig(config);
  await mkdir(join(dir, 'onnx'), { recursive: true });
  // The marker goes first and comes back last, so an interrupted run never looks current.
  await rm(join(dir, MARKER_FILE), { force: true });

  await writeTokenizerFiles(dir, options.bpePath ?? BPE_FILE);
  await writeFileAtomic(join(dir, 'config.json'), json(hfConfig(c)));
  await writeFileAtomic(join(dir, 'preprocessor_config.json'), json(preprocessorConfig(c)));
  const flavour = options.flavour ?? 'xenova';
  await writeTower(join(dir, 'onnx', 'text_model.onnx'), c, () => generateTextWeights(c, seed), buildTextGraph, flavour);
  await writeTower(join(dir, 'onnx', 'vision_model.onnx'), c, () => generateVisionWeights(c, seed), buildVisionGraph, flavour);

  await writeFileAtomic(join(dir, MARKER_FILE), json(expectedMarker(config, seed, flavour)));
}

export interface ImmichOptions extends Omit<GenerateOptions, 'flavour'> {
  /** Every input dimension fixed, batch 1 included: text [1, 77], image [1, 3, S, S], as current Immich exports. */
  staticShapes?: boolean;
  /** Weights in model.onnx_data next to each model.onnx, as Immich's larger models ship. */
  externalData?: boolean;
}

/**
 * The same model as Immich exports it: textual/model.onnx (text int32 -> embedding) and
 * visual/model.onnx (image -> embedding), with the tokenizer in textual/ and open_clip's
 * preprocess_cfg.json in visual/. Same weights as generateModel with the same seed.
 */
export async function generateImmichModel(dir: string, config: ConfigName, options: ImmichOptions = {}): Promise<void> {
  const seed = options.seed ?? DEFAULT_SEED;
  checkSeed(seed);
  const c = getConfig(config);
  const staging = join(dir, '.tokenizer');
  await mkdir(staging, { recursive: true });
  await writeTokenizerFiles(staging, options.bpePath ?? BPE_FILE);
  await mkdir(join(dir, 'textual'), { recursive: true });
  await mkdir(join(dir, 'visual'), { recursive: true });
  for (const file of ['tokenizer.json', 'tokenizer_config.json'])
    await writeFileAtomic(join(dir, 'textual', file), await readFile(join(staging, file)));
  await rm(staging, { recursive: true, force: true });
  const tower = { staticShapes: options.staticShapes };
  await writeOnnx(
    join(dir, 'textual', 'model.onnx'),
    buildTextGraph(c, generateTextWeights(c, seed), 'immich', tower),
    options.externalData,
  );
  await writeOnnx(
    join(dir, 'visual', 'model.onnx'),
    buildVisionGraph(c, generateVisionWeights(c, seed), 'immich', tower),
    options.externalData,
  );
  const preprocess = {
    size: [224, 224],
    mode: 'RGB',
    mean: [0.48145466, 0.4578275, 0.40821073],
    std: [0.26862954, 0.26130258, 0.27577711],
    interpolation: 'bicubic',
    resize_mode: 'shortest',
    fill_color: 0,
  };
  await writeFileAtomic(join(dir, 'visual', 'preprocess_cfg.json'), json(preprocess));
  await writeFileAtomic(join(dir, 'config.json'), json({ embed_dim: c.projectionDim, text_cfg: { context_length: c.text.contextLength } }));
}
