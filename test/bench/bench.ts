// `npm run bench`: speed and memory of the engine on the ViT-B/32-size test model (real
// architecture and sizes, random weights; speed does not depend on weight values), CPU provider.
// Medians over repeated runs, measured side by side in one process. `npm run bench -- variants` runs
// only the fast (int8) vs fp32 comparison (BENCH_VARIANT_CONFIG=tiny for a quick one).
import { statSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { ClipModel } from '../../electron/engine/clip/embedder.ts';
import { preprocessImage } from '../../electron/engine/clip/preprocess.ts';
import { CLIP_PREPROCESS } from '../../electron/engine/clip/preprocessConfig.ts';
import { ClipTokenizer } from '../../electron/engine/clip/tokenizer.ts';
import { ensureTestModel } from '../models/cache.ts';
import { BPE_FILE, CACHE, REPO_ROOT } from '../paths.ts';
import { benchAnalysis } from './analysisBench.ts';
import { coldBoard, coldComparison } from './coldBench.ts';
import { boardFrames, coldLargeRun, engineImageRate } from './coldLargeBench.ts';
import { benchBoard } from './boardFixture.ts';
import { benchmarkStore } from './storeBench.ts';
import { benchTokenizerWorstCase } from './tokenizerBench.ts';
import { captions, jpegFrames } from './fixtures.ts';
import { median, peakRssMiB, row, timeRuns } from './stats.ts';
import { benchVariants } from './variantBench.ts';
import { isConfigName } from '../models/configs.ts';

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
  benchTokenizerWorstCase();
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
  row(
    '(d) preprocess 1920x1080 JPEG, one core',
    `${median(times).toFixed(2)} ms`,
    `target <= 10 ms per image; JPEGs of ${kib.toFixed(0)} KiB on average`,
  );
}

async function rawVision(modelDir: string): Promise<Map<number, number>> {
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', 'vision_model.onnx'), {
    executionProviders: ['cpu'],
    intraOpNumThreads: THREADS,
    graphOptimizationLevel: 'all',
  });
  const rates = new Map<number, number>();
  for (const batch of [1, 8, 32]) {
    const pixels = new ort.Tensor(
      'float32',
      new Float32Array(batch * 3 * 224 * 224).map(() => Math.random() * 2 - 1),
      [batch, 3, 224, 224],
    );
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
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', 'text_model.onnx'), {
    executionProviders: ['cpu'],
    intraOpNumThreads: THREADS,
  });
  const tokenizer = ClipTokenizer.fromModelDir(modelDir);
  const batch = texts.slice(0, 32).map((t) => tokenizer.tokenize(t));
  const ids = new ort.Tensor(
    'int64',
    BigInt64Array.from(
      batch.flatMap((t) => t.contextIds),
      BigInt,
    ),
    [32, 77],
  );
  const mask = new ort.Tensor(
    'int64',
    BigInt64Array.from(
      batch.flatMap((t) => t.contextIds.map((_, i) => (i < t.tokenCount ? 1 : 0))),
      BigInt,
    ),
    [32, 77],
  );
  await session.run({ input_ids: ids, attention_mask: mask });
  const rawTimes = await timeRuns(RUNS + 2, () => session.run({ input_ids: ids, attention_mask: mask }));
  row('(c) raw ONNX Runtime text, batch 32, padded to 77', `${((32 * 1000) / median(rawTimes)).toFixed(1)} texts/s`);
  await session.release();
  const model = await ClipModel.load(modelDir, { provider: 'cpu', threads: THREADS });
  await model.embedTexts(texts.slice(0, 32), 32);
  const times = await timeRuns(RUNS, () => model.embedTexts(texts, 32));
  row(
    '(c) engine text, batch 32 (padding cut to the batch)',
    `${((texts.length * 1000) / median(times)).toFixed(1)} texts/s`,
    '20-word captions',
  );
  await model.release();
}

function boardBench(modelDir: string, frames: number, script = 'boardBench.ts'): Promise<Record<string, number>> {
  // Its own process, so its peak RSS is the board's alone.
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test/bench', script), String(frames), modelDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>)
        : reject(new Error(`board bench exited ${code}`)),
    );
  });
}

async function boardSection(modelDir: string): Promise<void> {
  const frames = Number(process.env.BENCH_BOARD_FRAMES ?? 500);
  const b = await boardBench(modelDir, frames);
  const engineRate = (b.frames! * 1000) / b.engineMs!;
  const imagesRate = (b.frames! * 1000) / b.imagesMs!;
  row(
    `board of ${frames} frames, cold (images, captions, analysis)`,
    `${(b.coldMs! / 1000).toFixed(1)} s`,
    `${((b.frames! * 1000) / b.coldMs!).toFixed(1)} frames/s overall, model loads included`,
  );
  row(
    '  its images phase, incl. loading the image encoder',
    `${imagesRate.toFixed(1)} img/s`,
    `${(imagesRate / engineRate).toFixed(3)} x the engine's own rate on the same files (${engineRate.toFixed(1)} img/s); target >= 0.9`,
  );
  row(
    '  reopened: every score from the cache',
    `${b.reopenMs!.toFixed(0)} ms`,
    `${b.scoredOnReopen} of ${frames} scored; target < 1000 ms`,
  );
  row('  one caption changed and rescored', `${b.captionMs!.toFixed(0)} ms`, 'target < 150 ms');
  row('  peak RSS of that process', `${b.peakRssMiB!.toFixed(0)} MiB`);
  const large = Number(process.env.BENCH_RSS_FRAMES ?? 2000);
  if (large > 0) {
    const big = await boardBench(modelDir, large);
    row(
      `board of ${large} frames, cold: peak RSS`,
      `${big.peakRssMiB!.toFixed(0)} MiB`,
      `target < 1024 MiB; scored in ${(big.coldMs! / 1000).toFixed(0)} s`,
    );
  }
}

/** The interactive paths (test/bench/viewBench.ts): frame requests and a reopen at 5,000 frames, a caption edit at 2,000. */
async function interactiveSection(modelDir: string): Promise<void> {
  const large = Number(process.env.BENCH_VIEW_FRAMES ?? 5000);
  const v = await boardBench(modelDir, large, 'viewBench.ts');
  row(
    `thumbnail request, scored ${large}-frame board`,
    `${v.thumbnailP95Ms!.toFixed(1)} ms p95`,
    `median ${v.thumbnailMedianMs!.toFixed(1)} ms; analyses run meanwhile: ${v.analysesDuringRequests}; target p95 < 15 ms`,
  );
  row(`full-frame request, scored ${large}-frame board`, `${v.fullP95Ms!.toFixed(1)} ms p95`);
  row(`reopen a scored ${large}-frame board: scores`, `${v.reopenMs!.toFixed(0)} ms`, `${v.scoredOnReopen} of ${large} scored`);
  row('  ... and its first 40 thumbnails (first screen)', `${v.firstScreenMs!.toFixed(0)} ms`, 'target < 1500 ms');
  row('  ... and its analysis (flags) pushed', `${v.analysedMs!.toFixed(0)} ms`);
  const edit = Number(process.env.BENCH_EDIT_FRAMES ?? 2000);
  const e = await boardBench(modelDir, edit, 'viewBench.ts');
  row(
    `caption edit to its new score, ${edit}-frame board`,
    `${e.captionMs!.toFixed(0)} ms`,
    'median of 3, text encoder included; target < 100 ms',
  );
  row('  ... to the analysis after it', `${e.captionAnalysedMs!.toFixed(0)} ms`);
}

/** A cold 2,000-frame board (test/bench/coldLargeBench.ts): the pipeline's images rate against the engine's own, and peak RSS. */
async function coldLargeSection(modelDir: string): Promise<void> {
  const frames = Number(process.env.BENCH_COLD_FRAMES ?? 2000);
  const board = await benchBoard(join(CACHE, 'bench', `board-${frames}`), frames);
  // The engine's own rate before and after the run, averaged: this machine's speed drifts over minutes.
  const sample = boardFrames(board).slice(0, 256);
  const before = await engineImageRate(modelDir, sample, THREADS);
  const run = await coldLargeRun(modelDir, board, frames, THREADS);
  const after = await engineImageRate(modelDir, sample, THREADS);
  const engineRate = (before + after) / 2;
  row(
    `cold ${frames}-frame board: images phase, steady rate`,
    `${run.imagesRate.toFixed(1)} img/s`,
    `${(run.imagesRate / engineRate).toFixed(2)} x the engine's own end to end (${engineRate.toFixed(1)} img/s on the same frames: ${before.toFixed(1)} before, ${after.toFixed(1)} after); target >= 0.95`,
  );
  row(`  ... peak RSS, whole process`, `${run.peakRssMiB.toFixed(0)} MiB`, `target < 1024 MiB; ${(run.wallMs / 1000).toFixed(0)} s in all`);
}

/** Whole-process start of the commands that load no engine, through the installed command and through npm. */
function startupSection(): void {
  const time = (command: string, args: string[]) =>
    median(
      Array.from({ length: 5 }, () => {
        const start = performance.now();
        const run = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
        return performance.now() - start;
      }),
    );
  const bin = join(REPO_ROOT, 'bin', 'frameproof.js');
  for (const [args, target] of [
    [['--version'], 150],
    [['models', 'list'], 300],
  ] as const) {
    row(
      `frameproof ${args.join(' ')}, whole process`,
      `${time(process.execPath, [bin, ...args]).toFixed(0)} ms`,
      `median of 5; target < ${target} ms`,
    );
    row(
      `  ... through npm run -s frameproof`,
      `${time('npm', ['run', '-s', 'frameproof', '--', ...args]).toFixed(0)} ms`,
      "npm's own start included",
    );
  }
}

/** Whole process on a cold 60-frame board: the README's command against a transformers.js script (test/bench/coldBench.ts). */
async function coldSection(modelDir: string): Promise<void> {
  const board = await coldBoard(join(CACHE, 'bench', 'cold-60'));
  const c = await coldComparison(modelDir, board, THREADS, RUNS);
  row(
    'cold 60-frame board, whole process: npm run -s frameproof -- score',
    `${(c.frameproofMs / 1000).toFixed(2)} s`,
    `median of ${c.runs}`,
  );
  row('  ... a transformers.js script, same weights, batches of 8', `${(c.peerMs / 1000).toFixed(2)} s`, `median of ${c.runs}`);
  row(
    '  ... Frameproof / transformers.js speed',
    `${(c.peerMs / c.frameproofMs).toFixed(2)}x`,
    `target >= 1.4x; mean cosine ${c.frameproofMeanCosine.toFixed(4)} vs ${c.peerMeanCosine.toFixed(4)} (same work)`,
  );
}

function analysisAndStore(): void {
  const analysis = benchAnalysis({ frames: 2000 });
  row('analysis of a 2,000-frame board (every detector)', `${analysis.medianMs.toFixed(0)} ms`, `${analysis.captionSearch}`);
  const store = benchmarkStore({ count: 2000 });
  row('cache: insert 2,000 image embeddings', `${store.insertMs.toFixed(0)} ms`);
  row('cache: look up 2,000 embeddings (batched)', `${store.batchedLookupMs.toFixed(0)} ms`);
}

function variantSection(files: string[]): Promise<void> {
  const config = process.env.BENCH_VARIANT_CONFIG ?? 'vit-b-32';
  if (!isConfigName(config)) throw new Error(`BENCH_VARIANT_CONFIG=${config} is not a test model configuration`);
  return benchVariants({
    config,
    files: files.slice(0, Number(process.env.BENCH_VARIANT_FRAMES ?? 32)),
    captionCount: 64,
    threads: THREADS,
    runs: RUNS,
    batch: ENGINE_BATCH,
  });
}

async function main(): Promise<void> {
  console.log(
    `Frameproof benchmark: node ${process.version}, onnxruntime-node ${ort.env.versions.common}, ${THREADS} threads, CPU provider`,
  );
  // BENCH_ONLY=interactive | cold | large: one section (the machine is shared; the whole takes many minutes).
  if (process.env.BENCH_ONLY === 'interactive') {
    await interactiveSection(await ensureTestModel('vit-b-32'));
    return;
  }
  if (process.env.BENCH_ONLY === 'cold') {
    startupSection();
    await coldSection(await ensureTestModel('vit-b-32'));
    return;
  }
  if (process.env.BENCH_ONLY === 'large') {
    await coldLargeSection(await ensureTestModel('vit-b-32'));
    return;
  }
  const files = await jpegFrames(join(CACHE, 'bench', 'frames-1920x1080'), FRAMES);
  if (process.argv[2] === 'variants') return variantSection(files);
  const modelDir = await ensureTestModel('vit-b-32');
  row('model', 'vit-b-32 test model', modelDir);
  await tokenizerBench();
  await preprocessBench(files);
  const raw = await rawVision(modelDir);
  const engine = await engineImages(modelDir, files);
  const ceiling = raw.get(ENGINE_BATCH)!;
  row(`(b)/(a) at batch ${ENGINE_BATCH}`, `${(engine / ceiling).toFixed(3)}`, 'target >= 0.95');
  await textBench(modelDir);
  row('peak RSS of this process (raw sessions and engine side by side)', `${peakRssMiB().toFixed(0)} MiB`);
  await variantSection(files);
  analysisAndStore();
  await boardSection(modelDir);
  await interactiveSection(modelDir);
  startupSection();
  await coldSection(modelDir);
  await coldLargeSection(modelDir);
}

await main();
