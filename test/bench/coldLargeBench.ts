// A cold 2,000-frame board through the CLI, whole process: the images phase's steady rate (the
// progress line's rate, over its last 10 s) against the engine's own end-to-end rate on the same
// frames (ClipModel.embedImages with the model loaded, in this process), and the run's peak RSS.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClipModel } from '../../electron/engine/clip/embedder.ts';
import { REPO_ROOT } from '../paths.ts';

/** Reports the process's peak resident memory (all threads) on stderr as it exits. */
const PEAK_RSS_REPORTER = `data:text/javascript,process.on('exit',()=>process.stderr.write('peak-rss-kib '+process.resourceUsage().maxRSS+'\\n'))`;

export interface ColdLargeRun {
  frames: number;
  wallMs: number;
  /** The images phase's rate in its last progress line (frames per second over the last 10 s). */
  imagesRate: number;
  peakRssMiB: number;
}

/** The CLI's last images progress line: "images: 2000/2000, 14.8/s, 0 s left". */
export function finalImagesRate(stderr: string, frames: number): number {
  const line = stderr.split('\n').find((l) => l.startsWith(`images: ${frames}/${frames},`));
  const rate = line?.match(/, ([\d.]+)\/s/)?.[1];
  if (!rate) throw new Error(`no final images progress line for ${frames} frames in:\n${stderr}`);
  return Number(rate);
}

export function peakRssOf(stderr: string): number {
  const kib = stderr.match(/^peak-rss-kib (\d+)$/m)?.[1];
  if (!kib) throw new Error(`no peak RSS line in:\n${stderr}`);
  return Number(kib) / 1024;
}

export function coldLargeRun(modelDir: string, board: string, frames: number, threads: number): Promise<ColdLargeRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frameproof-cold-large-'));
  const args = ['--import', PEAK_RSS_REPORTER, join(REPO_ROOT, 'bin', 'frameproof.js'), 'score', board];
  args.push('--model', modelDir, '--provider', 'cpu', '--threads', `${threads}`);
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, FRAMEPROOF_DATA_DIR: dataDir } });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      rmSync(dataDir, { recursive: true, force: true });
      if (code !== 0 && code !== 1) return reject(new Error(`frameproof score ${board} failed (${code}): ${stderr}`));
      try {
        resolve({ frames, wallMs: performance.now() - start, imagesRate: finalImagesRate(stderr, frames), peakRssMiB: peakRssOf(stderr) });
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** The board's frames, in story order (scene folders, then file names). */
export function boardFrames(board: string): string[] {
  return readdirSync(board, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((scene) =>
      readdirSync(join(board, scene))
        .filter((f) => f.endsWith('.jpg'))
        .sort()
        .map((f) => join(board, scene, f)),
    );
}

/** ClipModel.embedImages on `files` with the image encoder open: the rate the scoring pipeline is held to. */
export async function engineImageRate(modelDir: string, files: readonly string[], threads: number): Promise<number> {
  const model = await ClipModel.load(modelDir, { provider: 'cpu', threads, open: ['vision'] });
  try {
    await model.embedImages(files.slice(0, 16)); // warm-up
    const start = performance.now();
    await model.embedImages(files);
    return (files.length * 1000) / (performance.now() - start);
  } finally {
    await model.release();
  }
}
