// How long ONNX Runtime takes to open each encoder of the ViT-B/32-size test model, from the
// .onnx as exported against a saved optimized copy (SessionOptions.optimizedModelFilePath), each
// open in a fresh process (as a CLI run meets it), medians of RUNS.
//   npx tsx test/bench/modelLoadBench.ts [RUNS]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { locateModelFiles } from '../../electron/engine/clip/modelFolder.ts';
import { ensureTestModel } from '../models/cache.ts';
import { median, row } from './stats.ts';

const threads = Number(process.env.BENCH_THREADS ?? 2);
type Level = 'all' | 'extended' | 'basic' | 'disabled';

/** One open in this process: milliseconds for InferenceSession.create and the first run's shape check. */
async function openOnce(file: string, level: Level, save?: string): Promise<number> {
  const start = performance.now();
  const session = await ort.InferenceSession.create(file, {
    executionProviders: ['cpu'],
    graphOptimizationLevel: level,
    intraOpNumThreads: threads,
    logSeverityLevel: 3,
    ...(save && { optimizedModelFilePath: save }),
  });
  const ms = performance.now() - start;
  await session.release();
  return ms;
}

if (process.argv[2] === '--child') {
  const [, , , file, level, save] = process.argv;
  process.stdout.write(`${await openOnce(file!, level as Level, save || undefined)}\n`);
  process.exit(0);
}

function inChild(file: string, level: Level, save = ''): number {
  const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--child', file, level, save], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return Number(child.stdout.trim());
}

const runs = Number(process.argv[2] ?? 5);
const files = locateModelFiles(await ensureTestModel('vit-b-32'));
const work = mkdtempSync(join(tmpdir(), 'frameproof-optimized-'));
try {
  console.log(`Opening encoders: onnxruntime-node ${ort.env.versions.common}, ${threads} threads, CPU, ${runs} fresh processes each`);
  for (const [kind, file] of [
    ['vision', files.visionModel],
    ['text', files.textModel],
  ] as const) {
    for (const level of ['all'] as const) {
      const saved = join(work, `${kind}-${level}.onnx`);
      const saveMs = inChild(file, level, saved);
      const plain = Array.from({ length: runs }, () => inChild(file, level));
      const fromSaved = Array.from({ length: runs }, () => inChild(saved, 'disabled'));
      const mib = (f: string) => (statSync(f).size / 2 ** 20).toFixed(0);
      row(
        `${kind}: ${level}-level optimization at every open`,
        `${median(plain).toFixed(0)} ms`,
        `${mib(file)} MiB .onnx; runs ${plain.map((t) => t.toFixed(0)).join(' ')}`,
      );
      row(
        `${kind}: saved ${level}-optimized copy, opened unoptimized`,
        `${median(fromSaved).toFixed(0)} ms`,
        `${mib(saved)} MiB; saving took ${saveMs.toFixed(0)} ms; runs ${fromSaved.map((t) => t.toFixed(0)).join(' ')}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
