// A cold 60-frame board, whole process, side by side: the README's command (`npm run -s frameproof
// -- score BOARD`, its table, a fresh data folder each run so nothing is cached) against a transformers.js script
// doing the same work on the same weights (test/bench/peer). The peer's package is installed into
// test/bench/peer/node_modules on first use, so it is a dependency of this benchmark only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { REPO_ROOT } from '../paths.ts';
import { captions } from './fixtures.ts';
import { median } from './stats.ts';

const PEER = join(REPO_ROOT, 'test', 'bench', 'peer');

/** 60 distinct 1280x720 JPEG sketches with a caption sidecar each, made once. */
export async function coldBoard(dir: string, count = 60): Promise<string> {
  const marker = join(dir, `.complete-${count}`);
  if (existsSync(marker)) return dir;
  await mkdir(dir, { recursive: true });
  const texts = captions(count, 14);
  for (let i = 0; i < count; i++) {
    const name = `shot${String(i + 1).padStart(3, '0')}`;
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1280" height="720"><rect width="100%" height="100%" fill="hsl(${(i * 41) % 360},30%,88%)"/>
      <path d="M0,${420 + (i % 7) * 10} Q320,${300 + (i % 11) * 12} 640,${410 + (i % 5) * 9} T1280,${380 + (i % 13) * 6}" stroke="#333" stroke-width="5" fill="none"/>
      <circle cx="${200 + ((i * 97) % 880)}" cy="${180 + ((i * 53) % 300)}" r="${50 + (i % 9) * 12}" stroke="#444" stroke-width="4" fill="hsl(${(i * 29) % 360},45%,60%)"/></svg>`;
    await writeFile(join(dir, `${name}.jpg`), await sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer());
    await writeFile(join(dir, `${name}.txt`), `${texts[i]}\n`);
  }
  await writeFile(marker, '');
  return dir;
}

function ensurePeer(): void {
  if (existsSync(join(PEER, 'node_modules', '@huggingface', 'transformers'))) return;
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: PEER,
    stdio: 'inherit',
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  if (install.status !== 0) throw new Error(`installing the transformers.js peer in ${PEER} failed`);
}

function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): { ms: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync(command, args, { cwd: REPO_ROOT, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...env } });
  const ms = performance.now() - start;
  if (run.status !== 0 && run.status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return { ms, stdout: run.stdout };
}

/** The mean of the table's cosine column (printed to 4 decimals, with a true minus sign). */
export function meanCosineOfTable(table: string): number {
  const lines = table.split('\n');
  const column = lines[0]!.split(/\s{2,}/).indexOf('cosine');
  const cosines = lines
    .slice(1)
    .map((line) => line.split(/\s{2,}/))
    .filter((cells) => /^shot\d+$/.test(cells[0]!))
    .map((cells) => Number(cells[column]!.replace('\u2212', '-')));
  if (column < 0 || cosines.length === 0 || cosines.some((c) => !Number.isFinite(c))) throw new Error(`no cosine column in:\n${table}`);
  return cosines.reduce((a, b) => a + b, 0) / cosines.length;
}

export interface ColdResult {
  frames: number;
  frameproofMs: number;
  peerMs: number;
  runs: number;
  /** The same work done: each side's mean cosine over the board (preprocessing differs slightly). */
  frameproofMeanCosine: number;
  peerMeanCosine: number;
}

/** Medians of `runs` alternating runs of each; the CLI built beforehand so no run pays for a build. */
export async function coldComparison(modelDir: string, board: string, threads: number, runs: number): Promise<ColdResult> {
  ensurePeer();
  const frameproof = () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'frameproof-cold-'));
    try {
      const args = ['run', '-s', 'frameproof', '--', 'score', board, '--model', modelDir, '--provider', 'cpu', '--threads', `${threads}`];
      return timed('npm', args, { FRAMEPROOF_DATA_DIR: dataDir });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
  const peer = () => timed('node', [join(PEER, 'transformersPeer.mjs'), modelDir, board, `${threads}`]);
  // Uncounted: builds the CLI when stale, and reads both into the page cache with the weights.
  const first = frameproof();
  const firstPeer = peer();
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(frameproof().ms);
    theirs.push(peer().ms);
  }
  return {
    frames: 60,
    frameproofMs: median(ours),
    peerMs: median(theirs),
    runs,
    frameproofMeanCosine: meanCosineOfTable(first.stdout),
    peerMeanCosine: (JSON.parse(firstPeer.stdout) as { meanCosine: number }).meanCosine,
  };
}
