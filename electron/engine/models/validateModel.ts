// Does a folder hold a working CLIP model? Both encoders open, two test images and two captions
// embed (as one batch each, so a batch shape the model cannot take fails here) to finite, distinct
// vectors, and the two embeddings have the same size. Run once, when a model is imported or
// downloaded, so a broken model is refused there rather than met halfway through a board.
import type { ProviderName } from '../../common/api.ts';
import { ClipModel, sharpLibrary } from '../clip/index.ts';
import { AppError } from '../../common/errors.ts';

export interface ModelCheck {
  embeddingDim: number;
  provider: ProviderName;
}

export interface ValidateOptions {
  /** The embedding size the catalog promises. */
  expectedDim?: number;
  /** What to call the model in messages (its id or folder). */
  label?: string;
}

// Of different lengths, so a text graph that cannot take padding shows it.
const TEST_CAPTIONS = ['A wide shot of a lighthouse at dusk.', 'Close-up: a hand turns the key.'];

/** Noisy test cards: flat colour would let a broken normalisation pass unnoticed. */
function testImage(background: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharpLibrary()({ create: { width: 96, height: 64, channels: 3, background, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .png()
    .toBuffer();
}

/** A model that runs one item but not two has a batch size its inputs do not declare. */
function batchFailure(error: unknown, dir: string, what: string): unknown {
  if (!(error instanceof AppError) || error.code !== 'INFERENCE_FAILED') return error;
  return new AppError(
    'MODEL_INVALID',
    `The ${what} encoder fails on a batch of two (${error.message.replace(/^The model failed to run \((.*)\)\.$/, '$1')}): its graph has a fixed batch size that its input shape does not declare.`,
    {
      file: error.file ?? dir,
      fix: 'Export the model with a dynamic batch dimension, or with the fixed one declared on its inputs (as Immich does, [1, ...]).',
      cause: error,
    },
  );
}

const same = (a: Float32Array, b: Float32Array) => a.every((v, i) => v === b[i]);

function allFinite(vector: Float32Array | undefined): vector is Float32Array {
  return vector !== undefined && vector.length > 0 && vector.every(Number.isFinite);
}

export async function validateModelFolder(dir: string, options: ValidateOptions = {}): Promise<ModelCheck> {
  const label = options.label ?? dir;
  // The CPU always exists; a GPU that fails here would say nothing about the model.
  const model = await ClipModel.load(dir, { provider: 'cpu' });
  try {
    const sources = [
      { name: 'test image 1', bytes: await testImage({ r: 180, g: 110, b: 60 }) },
      { name: 'test image 2', bytes: await testImage({ r: 40, g: 90, b: 200 }) },
    ];
    const images = await model
      .embedImages(sources, { batchSize: 2 })
      .catch((error: unknown) => Promise.reject(batchFailure(error, dir, 'image')));
    const failed = images.find((i) => i.error);
    if (failed?.error) throw AppError.fromData(failed.error);
    const texts = await model.embedTexts(TEST_CAPTIONS, 2).catch((error: unknown) => Promise.reject(batchFailure(error, dir, 'text')));
    const [image, otherImage] = images;
    const [text, otherText] = texts;
    const problems: string[] = [];
    if (!allFinite(image?.embedding) || !allFinite(otherImage?.embedding)) problems.push('a test image');
    if (!allFinite(text?.embedding) || !allFinite(otherText?.embedding)) problems.push('a test caption');
    if (problems.length > 0) {
      throw new AppError('MODEL_INVALID', `The model gives non-finite embeddings (NaN or infinity) for ${problems.join(' and ')}.`, {
        file: dir,
        fix: 'Its weights are damaged or it is not a CLIP export: download or export it again.',
      });
    }
    const alike = [
      same(image!.embedding!, otherImage!.embedding!) && 'two different test images',
      same(text!.embedding, otherText!.embedding) && 'two different test captions',
    ].filter(Boolean);
    if (alike.length > 0) {
      throw new AppError('MODEL_INVALID', `The model gives the same embedding for ${alike.join(' and for ')}: it ignores its input.`, {
        file: dir,
        fix: 'Its weights are damaged or it is not a CLIP export: download or export it again.',
      });
    }
    const imageDim = image!.embedding!.length;
    const textDim = text!.embedding.length;
    if (imageDim !== textDim) {
      throw new AppError(
        'MODEL_MISMATCH',
        `The image encoder gives ${imageDim}-number embeddings and the text encoder ${textDim}: they are not from the same model.`,
        {
          file: dir,
          fix: 'Put the text and vision ONNX files of one export together in the folder.',
        },
      );
    }
    if (options.expectedDim !== undefined && imageDim !== options.expectedDim) {
      throw new AppError('MODEL_MISMATCH', `${label} gives ${imageDim}-number embeddings; the catalog expects ${options.expectedDim}.`, {
        file: dir,
        fix: 'The files belong to another model: download again, or check the mirror in HF_ENDPOINT.',
      });
    }
    return { embeddingDim: imageDim, provider: model.provider.used };
  } finally {
    await model.release();
  }
}
