// The image processor settings of a model folder (preprocessor_config.json, as Hugging Face
// CLIPImageProcessor writes it). Read from the model, never assumed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../common/errors.ts';

export interface PreprocessConfig {
  /** The shorter side is resized to this. */
  shortestEdge: number;
  cropWidth: number;
  cropHeight: number;
  rescaleFactor: number;
  mean: [number, number, number];
  std: [number, number, number];
}

/** OpenAI CLIP's transform; used when a model folder has no preprocessor_config.json. */
export const CLIP_PREPROCESS: PreprocessConfig = {
  shortestEdge: 224,
  cropWidth: 224,
  cropHeight: 224,
  rescaleFactor: 1 / 255,
  mean: [0.48145466, 0.4578275, 0.40821073],
  std: [0.26862954, 0.26130258, 0.27577711],
};

const PIL_BICUBIC = 3;

function triple(value: unknown): [number, number, number] | undefined {
  return Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'number' && Number.isFinite(v))
    ? [value[0], value[1], value[2]]
    : undefined;
}

function sizeField(value: unknown, key: 'shortest_edge' | 'height' | 'width'): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'number') return v;
  }
  return undefined;
}

export function parsePreprocessConfig(json: unknown, file: string): PreprocessConfig {
  const problems: string[] = [];
  const c = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  const shortestEdge = sizeField(c.size, 'shortest_edge') ?? CLIP_PREPROCESS.shortestEdge;
  const cropHeight = sizeField(c.crop_size, 'height') ?? shortestEdge;
  const cropWidth = sizeField(c.crop_size, 'width') ?? shortestEdge;
  const mean = c.image_mean === undefined ? CLIP_PREPROCESS.mean : triple(c.image_mean);
  const std = c.image_std === undefined ? CLIP_PREPROCESS.std : triple(c.image_std);
  const rescaleFactor = typeof c.rescale_factor === 'number' ? c.rescale_factor : CLIP_PREPROCESS.rescaleFactor;
  if (!mean) problems.push('image_mean must be three numbers');
  if (!std || std.some((s) => s === 0)) problems.push('image_std must be three non-zero numbers');
  if (c.resample !== undefined && c.resample !== PIL_BICUBIC)
    problems.push(`resample is ${String(c.resample)}, only bicubic (3) is supported`);
  if (c.do_center_crop === false) problems.push('do_center_crop false is not supported');
  for (const [name, v] of [
    ['size.shortest_edge', shortestEdge],
    ['crop_size.height', cropHeight],
    ['crop_size.width', cropWidth],
  ] as const) {
    if (!Number.isInteger(v) || v < 1 || v > 4096) problems.push(`${name} is ${v}`);
  }
  if (cropWidth > shortestEdge && cropHeight > shortestEdge) problems.push('the crop is larger than the resized image');
  if (problems.length > 0 || !mean || !std) {
    throw new AppError('MODEL_INVALID', `Unsupported image preprocessing: ${problems.join('; ')}.`, {
      file,
      fix: 'Use a CLIP model exported with its CLIPImageProcessor settings.',
    });
  }
  return { shortestEdge, cropWidth, cropHeight, rescaleFactor, mean, std };
}

export function loadPreprocessConfig(modelDir: string): PreprocessConfig {
  const file = join(modelDir, 'preprocessor_config.json');
  if (!existsSync(file)) return CLIP_PREPROCESS;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('MODEL_INVALID', `Not readable as JSON (${(cause as Error).message}).`, {
      file,
      fix: 'Restore the file from the model export.',
    });
  }
  return parsePreprocessConfig(json, file);
}
