// How fast a model embeds this board's frames, and how much memory it takes, measured apart from
// scoring: the cache would make a second run look instant. One fresh vision encoder on the
// provider scoring uses, one untimed warm-up image (the first run of a session allocates), then
// one timed pass over the frames, with the batch size scoring uses.
import type { ModelMemory, ModelSpeed, ProviderChoice, ProviderName, ScoreProgress } from '../../../common/api.ts';
import { ClipModel } from '../../clip/index.ts';
import { providerBatchSizes } from '../../clip/index.ts';
import { ProgressTracker } from '../../scoring/index.ts';

/** Frames timed at most: enough for a steady rate, without embedding a 2,000-frame board twice. */
export const DEFAULT_SPEED_FRAME_LIMIT = 64;

export interface SpeedOptions {
  provider?: ProviderChoice;
  threads?: number;
  signal?: AbortSignal;
  onProgress?: (progress: ScoreProgress) => void;
}

export interface SpeedMeasurement {
  /** Null when there was no frame to time. */
  speed: ModelSpeed | null;
  memory: ModelMemory;
  provider: ProviderName;
  embeddingSize: number | null;
  notices: string[];
}

/** At most `limit` items spread evenly over the list, first one included, order kept. */
export function spreadSample<T>(items: readonly T[], limit: number): T[] {
  if (items.length <= limit) return [...items];
  return Array.from({ length: limit }, (_, k) => items[Math.floor((k * items.length) / limit)]!);
}

/**
 * One untimed pass of the first model's vision encoder over the frames to be timed, so that the
 * process's one-time set-up (onnxruntime's, libvips' decoding threads and cache) and the heap a
 * first pass grows are not counted as the first model's memory: every model is then measured in
 * the same state, after a pass like its own. A board that was all cached has decoded nothing
 * before this. It also warms the disk cache for the frames, so the first model is not timed
 * reading them cold.
 */
export async function primeRuntime(
  modelDir: string,
  images: readonly string[],
  options: Pick<SpeedOptions, 'provider' | 'threads' | 'signal'> = {},
): Promise<void> {
  const model = await ClipModel.load(modelDir, { provider: options.provider, threads: options.threads, open: ['vision'] });
  try {
    await model.embedImages(images, { batchSize: providerBatchSizes(model.provider.used).image, signal: options.signal });
  } finally {
    await model.release();
  }
}

export async function measureSpeed(modelDir: string, images: readonly string[], options: SpeedOptions = {}): Promise<SpeedMeasurement> {
  const rssBefore = process.memoryUsage.rss();
  let rssMax = rssBefore;
  // Between encoder calls: onnxruntime-node runs a session on the main thread, so a timer could
  // not sample during one anyway.
  const sample = () => {
    rssMax = Math.max(rssMax, process.memoryUsage.rss());
  };
  const loadStart = performance.now();
  const model = await ClipModel.load(modelDir, { provider: options.provider, threads: options.threads, open: ['vision'] });
  const loadSeconds = (performance.now() - loadStart) / 1000;
  sample();
  try {
    let speed: ModelSpeed | null = null;
    if (images.length > 0) {
      await model.embedImages(images.slice(0, 1), { batchSize: 1, signal: options.signal });
      sample();
      const batchSize = providerBatchSizes(model.provider.used).image;
      const progress = new ProgressTracker('images', images.length, options.onProgress);
      let reported = 0;
      const start = performance.now();
      const results = await model.embedImages(images, {
        batchSize,
        signal: options.signal,
        onProgress: ({ done }) => {
          sample();
          progress.advance(done - reported);
          reported = done;
        },
      });
      const seconds = (performance.now() - start) / 1000;
      const frames = results.filter((r) => r.embedding).length;
      speed = {
        imagesPerSecond: seconds > 0 ? frames / seconds : 0,
        frames,
        seconds,
        loadSeconds,
        batchSize,
        provider: model.provider.used,
      };
    }
    sample();
    return {
      speed,
      memory: { rssBeforeBytes: rssBefore, rssWithModelBytes: rssMax, deltaBytes: rssMax - rssBefore },
      provider: model.provider.used,
      embeddingSize: model.embeddingSize ?? null,
      notices: [...model.notices],
    };
  } finally {
    await model.release();
  }
}
