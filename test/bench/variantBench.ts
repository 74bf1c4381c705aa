// The fast (int8, dynamically quantized) variant against fp32 on the CPU, through the engine as a
// board uses it: fp32 at the engine's batch, int8 one item at a time (the engine runs a dynamically
// quantized graph at batch 1 so an embedding never depends on its neighbours). fp32 at batch 1 is
// shown too, to tell the quantization's gain from the batching it gives up.
import { ClipModel } from '../../electron/engine/clip/embedder.ts';
import { ensureTestModel } from '../models/cache.ts';
import type { ConfigName } from '../models/configs.ts';
import { captions } from './fixtures.ts';
import { median, row, timeRuns } from './stats.ts';

export interface VariantBenchOptions {
  config: ConfigName;
  files: readonly string[];
  captionCount: number;
  threads: number;
  runs: number;
  batch: number;
}

interface Rates {
  images: number;
  captions: number;
}

async function rates(dir: string, options: VariantBenchOptions, batch: number): Promise<Rates> {
  const { files, runs, threads } = options;
  const texts = captions(options.captionCount);
  const model = await ClipModel.load(dir, { provider: 'cpu', threads });
  try {
    await model.embedImages(files.slice(0, Math.min(files.length, batch)), { batchSize: batch }); // warm-up
    await model.embedTexts(texts.slice(0, Math.min(texts.length, batch)), batch);
    const imageTimes = await timeRuns(runs, () => model.embedImages(files, { batchSize: batch }));
    const textTimes = await timeRuns(runs, () => model.embedTexts(texts, batch));
    return { images: (files.length * 1000) / median(imageTimes), captions: (texts.length * 1000) / median(textTimes) };
  } finally {
    await model.release();
  }
}

export async function benchVariants(options: VariantBenchOptions): Promise<void> {
  const full = await ensureTestModel(options.config);
  const fast = await ensureTestModel(options.config, undefined, { flavour: 'int8' });
  row(
    `fast (int8) vs fp32, ${options.config} test models`,
    '',
    `${options.files.length} JPEGs 1920x1080, ${options.captionCount} twenty-word captions, medians of ${options.runs}`,
  );
  const fp32 = await rates(full, options, options.batch);
  const fp32One = await rates(full, options, 1);
  const int8 = await rates(fast, options, options.batch);
  const line = (label: string, r: Rates, note = '') =>
    row(`  ${label}`, `${r.images.toFixed(1)} img/s`, `${r.captions.toFixed(1)} captions/s${note}`);
  line(`fp32, batch ${options.batch}`, fp32);
  line('fp32, batch 1', fp32One);
  line(
    "int8, batch 1 (the engine's rule for it)",
    int8,
    `; ${(int8.images / fp32.images).toFixed(2)}x / ${(int8.captions / fp32.captions).toFixed(2)}x fp32 at batch ${options.batch}`,
  );
}
