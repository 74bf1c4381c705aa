// The board benchmark, run in its own process so its peak RSS is its own: a board scored cold
// with the ViT-B/32-size model, reopened from the cache, one caption changed; plus the engine's
// own end-to-end rate on the same frames, side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClipModel } from '../../electron/engine/clip/embedder.ts';
import { Engine } from '../../electron/engine/engine.ts';
import { CACHE } from '../paths.ts';
import { benchBoard } from './boardFixture.ts';

const frames = Number(process.argv[2] ?? 500);
const model = process.argv[3]!;
const threads = Number(process.env.BENCH_THREADS ?? 2);
const board = await benchBoard(join(CACHE, 'bench', `board-${frames}`), frames);
const dataDir = mkdtempSync(join(tmpdir(), 'frameproof-bench-data-'));

try {
  const engine = new Engine({ dataDir, model, provider: 'cpu', threads });
  await engine.openBoard(board);
  let start = performance.now();
  let imagesMs = 0;
  const cold = await engine.scoreBoard({
    onProgress: (p) => {
      if (p.phase === 'images' && p.done === p.total) imagesMs = performance.now() - start;
    },
  });
  const coldMs = performance.now() - start;
  const flagged = cold.analysis?.flaggedFrames ?? 0;
  await engine.close();

  const reopened = new Engine({ dataDir, model, provider: 'cpu', threads });
  start = performance.now();
  const view = await reopened.openBoard(board);
  const reopenMs = performance.now() - start;
  const scored = Object.values(view.scores).filter((s) => s.score).length;

  const frame = view.board.frames[Math.floor(frames / 2)]!;
  // The app loads the text encoder right after opening a board (AppSession); so does this.
  await reopened.prepareModel();
  start = performance.now();
  await reopened.setCaption(frame.id, `${frame.caption} at night`);
  const captionMs = performance.now() - start;
  await reopened.undoCaption();
  await reopened.close();
  // Peak memory of scoring the board, before the comparison below loads a second model.
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;

  // The engine's own end-to-end rate on the same files, in the same process.
  const clip = await ClipModel.load(model, { provider: 'cpu', threads });
  const files = view.board.frames.map((f) => f.path);
  start = performance.now();
  await clip.embedImages(files);
  const engineMs = performance.now() - start;
  await clip.release();

  console.log(JSON.stringify({ frames, coldMs, imagesMs, reopenMs, scoredOnReopen: scored, captionMs, engineMs, flagged, peakRssMiB }));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
