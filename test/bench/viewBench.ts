// The interactive paths at board scale, in their own process (`npm run bench` runs it): a board
// whose cache is seeded with 512-dimension embeddings (the analysis bench's synthetic board, so
// no hours of scoring first), then through AppSession as the app uses it: frame and thumbnail
// requests, a reopen, a caption edit with the real text encoder of the ViT-B/32-size model.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardView } from '../../electron/common/api.ts';
import { Engine } from '../../electron/engine/engine.ts';
import { thumbnailFile } from '../../electron/engine/scoring/index.ts';
import type { EmbeddingContext } from '../../electron/engine/scoring/index.ts';
import { AppSession } from '../../electron/engine/session/appSession.ts';
import { CACHE, REPO_ROOT } from '../paths.ts';
import { seededRandom, syntheticBoard } from './analysisBench.ts';
import { benchBoard } from './boardFixture.ts';
import { median } from './stats.ts';

const frames = Number(process.argv[2] ?? 5000);
const model = process.argv[3]!;
const requests = Number(process.env.BENCH_VIEW_REQUESTS ?? 200);
const threads = Number(process.env.BENCH_THREADS ?? 2);

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Fills the cache as a finished scoring run would: every frame's image, caption and palette. */
async function seed(board: string, dataDir: string): Promise<void> {
  const engine = new Engine({ dataDir, model, provider: 'cpu', threads });
  const view = await engine.openBoard(board); // hashes every frame into the file index
  const context = await (engine as unknown as { context: () => Promise<EmbeddingContext> }).context();
  const synthetic = syntheticBoard({ frames: view.board.frames.length });
  const images: Array<{ hash: string; vector: Float32Array }> = [];
  const texts: Array<{ text: string; vector: Float32Array }> = [];
  const facts: Array<{ hash: string; facts: { warnings: []; statistics: unknown } }> = [];
  view.board.frames.forEach((frame, i) => {
    const info = statSync(frame.path);
    const hash = engine.store.lookupFileHash(frame.path, info.size, info.mtimeMs)!;
    images.push({ hash, vector: synthetic[i]!.imageEmbedding! });
    facts.push({ hash, facts: { warnings: [], statistics: synthetic[i]!.palette } });
    if (frame.caption) texts.push({ text: frame.caption, vector: synthetic[i]!.captionEmbedding! });
  });
  engine.store.putImageEmbeddings(context.modelId, context.prepVersion, images);
  engine.store.putImageFacts(context.prepVersion, facts as never);
  engine.store.putTextEmbeddings(context.modelId, texts);
  await engine.close();
}

function analysed(app: AppSession): Promise<BoardView> {
  return new Promise((resolve) => {
    const off = app.subscribe((e) => {
      if (e.type === 'boardChanged' && e.view.analysis) {
        off();
        resolve(e.view);
      }
    });
  });
}

const board = await benchBoard(join(CACHE, 'bench', `board-${frames}`), frames);
const dataDir = mkdtempSync(join(tmpdir(), 'frameproof-bench-view-'));
const session = () =>
  new AppSession({
    host: 'web',
    version: 'bench',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir,
    model,
    provider: 'cpu',
    threads,
    watch: false,
  });

try {
  await seed(board, dataDir);
  const random = seededRandom(3);

  // Requests on a scored board whose thumbnails scoring made (made here for the frames asked for).
  const app = session();
  const first = analysed(app);
  const opened = await app.openBoard(board);
  await first;
  const asked = Array.from({ length: requests }, () => opened.board.frames[Math.floor(random() * opened.board.frames.length)]!);
  // The first screen's too: a scored board has every thumbnail (scoring writes them), the seeded cache none.
  const firstScreen = opened.board.frames.slice(0, 40);
  for (const frame of [...asked, ...firstScreen]) await thumbnailFile(frame.path, join(dataDir, 'thumbnails'));
  const runs = app.engineStats.analysisRuns;
  const thumbnailMs: number[] = [];
  const fullMs: number[] = [];
  for (const frame of asked) {
    let start = performance.now();
    await app.frameImage(frame.id, 'thumbnail');
    thumbnailMs.push(performance.now() - start);
    start = performance.now();
    await app.frameImage(frame.id, 'full');
    fullMs.push(performance.now() - start);
  }
  const analysesDuringRequests = app.engineStats.analysisRuns - runs;
  await app.close();

  // Reopen: the first screen is the scores plus a grid's worth of thumbnails; the flags follow.
  const again = session();
  let start = performance.now();
  const flags = analysed(again);
  const reopened = await again.openBoard(board);
  const reopenMs = performance.now() - start;
  // The page asks for thumbnails once the reply has reached it: a turn of the event loop at least.
  await new Promise((resolve) => setImmediate(resolve));
  for (const frame of reopened.board.frames.slice(0, 40)) await again.frameImage(frame.id, 'thumbnail');
  const firstScreenMs = performance.now() - start;
  await flags;
  const analysedMs = performance.now() - start;
  const scoredOnReopen = Object.values(reopened.scores).filter((s) => s.score).length;

  // A caption edit with the text encoder loaded (AppSession loads it after opening; the first,
  // untimed edit waits for it), then timed to the new score and to the analysis after it.
  const frame = reopened.board.frames[Math.floor(frames / 2)]!;
  const captionMs: number[] = [];
  const captionAnalysedMs: number[] = [];
  for (let i = 0; i < 4; i++) {
    start = performance.now();
    const done = analysed(again);
    const edited = await again.setCaption(frame.id, `${frame.caption} take ${i} at night`);
    if (!edited.scores[frame.id]?.score) throw new Error('The edit came back without a score.');
    const scoredMs = performance.now() - start;
    await done;
    if (i > 0) {
      captionMs.push(scoredMs);
      captionAnalysedMs.push(performance.now() - start);
    }
    const undone = analysed(again);
    await again.undoCaption();
    await undone;
  }
  await again.close();

  console.log(
    JSON.stringify({
      frames,
      thumbnailP95Ms: percentile(thumbnailMs, 95),
      thumbnailMedianMs: median(thumbnailMs),
      fullP95Ms: percentile(fullMs, 95),
      analysesDuringRequests,
      reopenMs,
      firstScreenMs,
      analysedMs,
      scoredOnReopen,
      captionMs: median(captionMs),
      captionAnalysedMs: median(captionAnalysedMs),
    }),
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
