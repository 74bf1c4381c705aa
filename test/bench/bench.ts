// `npm run bench`: speed and memory of the engine on the ViT-B/32-size test model (real
// architecture and sizes, random weights; speed does not depend on weight values), CPU provider.
// Medians over repeated runs, measured side by side in one process.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { ClipModel } from '../../electron/engine/clip/embedder.ts';
import { preprocessImage } from '../../electron/engine/clip/preprocess.ts';
import { CLIP_PREPROCESS } from '../../electron/engine/clip/preprocessConfig.ts';
import { ClipTokenizer } from '../../electron/engine/clip/tokenizer.ts';
import { ensureTestModel } from '../models/cache.ts';
import { BPE_FILE, CACHE } from '../paths.ts';
import { captions, jpegFrames } from './fixtures.ts';
import { median, peakRssMiB, row, timeRuns } from './stats.ts';

const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const FRAMES = Number(process.env.BENCH_FRAMES ?? 64);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ENGINE_BATCH = 32;

async function tokenizerBench(): Promise<void> {
  const texts = captions(10_000);
  const times = await timeRuns(5, () => ClipTokenizer.fromBpeFile(BPE_FILE));
  row('tokenizer load (merges file)', `${median(times).toFixed(0)} ms`);
  const tokenizeTimes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const tokenizer = ClipTokenizer.fromBpeFile(BPE_FILE); // a cold BPE cache each run
    const start = performance.now();
    for (const text of texts) tokenizer.tokenize(text);
    tokenizeTimes.push(performance.now() - start);
  }
  row('tokenize 10,000 twenty-word captions', `${median(tokenizeTimes).toFixed(0)} ms`, 'target < 1000 ms');
}

async function preprocessBench(files: string[]): Promise<void> {
  sharp.concurrency(1); // one core, as the target states (the engine's setting too)
  const target = new Float32Array(3 * 224 * 224);
  const times: number[] = [];
  for (const file of files) {
    const start = performance.now();
    await preprocessImage(file, CLIP_PREPROCESS, target);
    times.push(performance.now() - start);
  }
  const kib = files.reduce((sum, f) => sum + statSync(f).size, 0) / files.length / 1024;
  row('(d) preprocess 1920x1080 JPEG, one core', `${median(times).toFixed(2)} ms`, `target <= 10 ms per image; JPEGs of ${kib.toFixed(0)} KiB on average`);
}

async function rawVision(modelDir: string): Promise<Map<number, number>> {
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', 'vision_model.onnx'), {
    executionProviders: ['cpu'],
    intraOpNumThreads: THREADS,
    graphOptimizationLevel: 'all',
  });
  const rates = new Map<number, number>();
  for (const batch of [1, 8, 32]) {
    const pixels = new ort.Tensor('float32', new Float32Array(batch * 3 * 224 * 224).map(() => Math.random() * 2 - 1), [batch, 3, 224, 224]);
    await session.run({ pixel_values: pixels }); // warm-up
    const times = await timeRuns(batch === 1 ? 10 : RUNS + 2, () => session.run({ pixel_values: pixels }));
    const rate = (batch * 1000) / median(times);
    rates.set(batch, rate);
    row(`(a) raw ONNX Runtime vision, batch ${batch}`, `${rate.toFixed(1)} img/s`, `${median(times).toFixed(0)} ms per batch`);
  }
  await session.release();
  return rates;
}

async function engineImages(modelDir: string, files: string[]): Promise<number> {
  const model = await ClipModel.load(modelDir, { provider: 'cpu', threads: THREADS });
  await model.embedImages(files.slice(0, ENGINE_BATCH), { batchSize: ENGINE_BATCH }); // warm-up
  const times = await timeRuns(RUNS, () => model.embedImages(files, { batchSize: ENGINE_BATCH }));
  const rate = (files.length * 1000) / median(times);
  row(`(b) engine end to end, ${files.length} JPEGs 1920x1080, batch ${ENGINE_BATCH}`, `${rate.toFixed(1)} img/s`);
  await model.release();
  return rate;
}

async function textBench(modelDir: string): Promise<void> {
  const texts = captions(256);
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', 'text_model.onnx'), { executionProviders: ['cpu'], intraOpNumThreads: THREADS });
  const tokenizer = ClipTokenizer.fromModelDir(modelDir);
  const batch = texts.slice(0, 32).map((t) => tokenizer.tokenize(t));
  const ids = new ort.Tensor('int64', BigInt64Array.from(batch.flatMap((t) => t.contextIds), BigInt), [32, 77]);
  const mask = new ort.Tensor('int64', BigInt64Array.from(batch.flatMap((t) => t.contextIds.map((_, i) => (i < t.tokenCount ? 1 : 0))), BigInt), [32, 77]);
  await session.run({ input_ids: ids, attention_mask: mask });
  const rawTimes = await timeRuns(RUNS + 2, () => session.run({ input_ids: ids, attention_mask: mask }));
  row('(c) raw ONNX Runtime text, batch 32, padded to 77', `${((32 * 1000) / median(rawTimes)).toFixed(1)} texts/s`);
  await session.release();
  const model = await ClipModel.load(modelDir, { provider: 'cpu', threads: THREADS });
  await model.embedTexts(texts.slice(0, 32), 32);
  const times = await timeRuns(RUNS, () => model.embedTexts(texts, 32));
  row('(c) engine text, batch 32 (padding cut to the batch)', `${((texts.length * 1000) / median(times)).toFixed(1)} texts/s`, '20-word captions');
  await model.release();
}

async function main(): Promise<void> {
  console.log(`Frameproof benchmark: node ${process.version}, onnxruntime-node ${ort.env.versions.common}, ${THREADS} threads, CPU provider`);
  const modelDir = await ensureTestModel('vit-b-32');
  const files = await jpegFrames(join(CACHE, 'bench', 'frames-1920x1080'), FRAMES);
  row('model', 'vit-b-32 test model', modelDir);
  await tokenizerBench();
  await preprocessBench(files);
  const raw = await rawVision(modelDir);
  const engine = await engineImages(modelDir, files);
  const ceiling = raw.get(ENGINE_BATCH)!;
  row(`(b)/(a) at batch ${ENGINE_BATCH}`, `${(engine / ceiling).toFixed(3)}`, 'target >= 0.95');
  await textBench(modelDir);
  row('peak RSS', `${peakRssMiB().toFixed(0)} MiB`);
}

await main();
