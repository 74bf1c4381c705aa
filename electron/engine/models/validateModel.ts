// Does a folder hold a working CLIP model? Both encoders open, a test image and a caption embed to
// finite vectors, and the two embeddings have the same size. Run once, when a model is imported or
// downloaded, so a broken model is refused there rather than met halfway through a board.
import sharp from 'sharp';
import type { ProviderName } from '../../common/api.ts';
import { ClipModel } from '../clip/index.ts';
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

const TEST_CAPTION = 'A wide shot of a lighthouse at dusk.';

/** A noisy test card: flat colour would let a broken normalisation pass unnoticed. */
function testImage(): Promise<Buffer> {
  return sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 180, g: 110, b: 60 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .png()
    .toBuffer();
}

function allFinite(vector: Float32Array | undefined): vector is Float32Array {
  return vector !== undefined && vector.length > 0 && vector.every(Number.isFinite);
}

export async function validateModelFolder(dir: string, options: ValidateOptions = {}): Promise<ModelCheck> {
  const label = options.label ?? dir;
  // The CPU always exists; a GPU that fails here would say nothing about the model.
  const model = await ClipModel.load(dir, { provider: 'cpu' });
  try {
    const [image] = await model.embedImages([{ name: 'test image', bytes: await testImage() }]);
    if (image?.error) throw AppError.fromData(image.error);
    const [text] = await model.embedTexts([TEST_CAPTION]);
    const problems: string[] = [];
    if (!allFinite(image?.embedding)) problems.push('a test image');
    if (!allFinite(text?.embedding)) problems.push('a test caption');
    if (problems.length > 0) {
      throw new AppError('MODEL_INVALID', `The model gives non-finite embeddings (NaN or infinity) for ${problems.join(' and ')}.`, {
        file: dir,
        fix: 'Its weights are damaged or it is not a CLIP export: download or export it again.',
      });
    }
    const imageDim = image!.embedding!.length;
    const textDim = text!.embedding.length;
    if (imageDim !== textDim) {
      throw new AppError('MODEL_MISMATCH', `The image encoder gives ${imageDim}-number embeddings and the text encoder ${textDim}: they are not from the same model.`, {
        file: dir,
        fix: 'Put the text and vision ONNX files of one export together in the folder.',
      });
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
