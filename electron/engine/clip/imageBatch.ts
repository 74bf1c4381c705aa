// A batch of images decoded and preprocessed into one tensor, several images at a time. An image
// that cannot be read carries its error and leaves no row; the rest are packed without gaps.
import type { AppErrorData, FrameWarning } from '../../common/api.ts';
import { toErrorData } from '../../common/errors.ts';
import type { RawImage } from './pilResample.ts';
import { preprocessImage, type ResampleMethod } from './preprocess.ts';
import type { PreprocessConfig } from './preprocessConfig.ts';

/** An image source: a path, or bytes already read (with the name to show in errors). */
export type ImageSource = string | { name: string; bytes: Buffer };

export interface ImageEmbedding {
  source: string;
  /** L2-normalized; undefined when the image failed. */
  embedding?: Float32Array;
  error?: AppErrorData;
  warnings: FrameWarning[];
  resample?: ResampleMethod;
}

export interface PreparedBatch {
  results: ImageEmbedding[];
  /** Indexes into results of the images that made it into the tensor, in tensor order. */
  rows: number[];
  pixels: Float32Array;
}

export interface BatchOptions {
  /** The first source's index in the whole run (what inspect is told). */
  firstIndex?: number;
  /** Images decoded at once. */
  concurrency?: number;
  /** Sees each decoded image's pixels (what CLIP sees, 8-bit) while they are at hand, and the resized image when kept. */
  inspect?: (index: number, pixels: RawImage, resized?: RawImage) => void;
  /** Keep each image's resized whole where it shows what a viewer would (preprocessImage's keepResized). */
  keepResized?: boolean;
}

export async function prepareImageBatch(
  sources: readonly ImageSource[],
  config: PreprocessConfig,
  { firstIndex = 0, concurrency = 2, inspect, keepResized = false }: BatchOptions = {},
): Promise<PreparedBatch> {
  const plane = 3 * config.cropWidth * config.cropHeight;
  const staging = new Float32Array(plane * sources.length);
  const results: ImageEmbedding[] = sources.map((s) => ({ source: typeof s === 'string' ? s : s.name, warnings: [] }));
  const ok = new Array<boolean>(sources.length).fill(false);
  let next = 0;
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      const source = sources[i]!;
      const name = results[i]!.source;
      try {
        const bytes = typeof source === 'string' ? source : source.bytes;
        const done = await preprocessImage(bytes, config, staging, i * plane, name, { keepResized });
        results[i]!.warnings = done.warnings;
        results[i]!.resample = done.resample;
        inspect?.(firstIndex + i, done.pixels, done.resized);
        ok[i] = true;
      } catch (error) {
        results[i]!.error = toErrorData(error, { code: 'IMAGE_UNREADABLE', file: name });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), sources.length) }, worker));
  const rows = ok.flatMap((good, i) => (good ? [i] : []));
  if (rows.length === sources.length) return { results, rows, pixels: staging };
  // Close the gaps left by failed images so the tensor holds only real frames.
  const pixels = new Float32Array(plane * rows.length);
  rows.forEach((from, to) => pixels.set(staging.subarray(from * plane, (from + 1) * plane), to * plane));
  return { results, rows, pixels };
}
