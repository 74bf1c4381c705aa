// The view is computed once per change: frame and thumbnail lookups run no analysis, a caption
// edit runs it once; the app's own writes start no rescan; scores and thumbnails arrive as
// scoring goes. Real engine, real watcher, real ONNX sessions on the tiny test model.
import { cpSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../../electron/common/api.ts';
import { Engine } from '../../../electron/engine/engine.ts';
import { thumbnailPath, thumbnailStats } from '../../../electron/engine/scoring/index.ts';
import { AppSession } from '../../../electron/engine/session/appSession.ts';
import { watchBoard } from '../../../electron/engine/session/watchBoard.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';

let model: string;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

function sampleBoard(): string {
  const board = join(tempFolder('frameproof-view-'), 'sample');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  return board;
}

function session(): AppSession {
  return new AppSession({
    host: 'web',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir: tempFolder('frameproof-view-data-'),
    model,
    provider: 'cpu',
    watch: false,
  });
}

const scoredCount = (view: BoardView) => Object.values(view.scores).filter((s) => s.score).length;

describe('the view, once per change', () => {
  it('serves frames and thumbnails of a scored board without analysing it; a caption edit analyses once', async () => {
    const board = sampleBoard();
    const app = session();
    await app.openBoard(board);
    const scored = await app.scoreBoard();
    expect(scoredCount(scored)).toBe(16);
    const runs = app.engineStats.analysisRuns;
    const made = thumbnailStats.made;
    for (let i = 0; i < 5; i++) {
      for (const frame of scored.board.frames) {
        expect(await app.frameImage(frame.id, 'thumbnail')).toMatch(/\.webp$/);
        await app.frameImage(frame.id, 'full');
      }
    }
    await app.currentView();
    await app.currentView();
    expect(app.engineStats.analysisRuns).toBe(runs);
    // Scoring wrote every thumbnail from the bytes it read: none was encoded for these lookups.
    expect(thumbnailStats.made).toBe(made);

    // The edit answers with the new score at once; the analysis follows as one boardChanged.
    const analysed = new Promise<BoardView>((resolve) => app.subscribe((e) => e.type === 'boardChanged' && resolve(e.view)));
    const quick = await app.setCaption('scene-1-desert/shot02.png', 'A rider on a camel climbs a dune.');
    expect(quick.scores['scene-1-desert/shot02.png']!.score).not.toEqual(scored.scores['scene-1-desert/shot02.png']!.score);
    const view = await analysed;
    expect(view.analysis!.frames.find((f) => f.frameId === 'scene-1-desert/shot02.png')!.scoredCaption).toBe(
      'A rider on a camel climbs a dune.',
    );
    expect(app.engineStats.analysisRuns).toBe(runs + 1);
    await app.currentView();
    await app.frameImage('scene-1-desert/shot02.png', 'thumbnail');
    expect(app.engineStats.analysisRuns).toBe(runs + 1);
    await app.close();
  });

  it('analyses an engine caption edit once, and not again for the views after it', async () => {
    const board = sampleBoard();
    const engine = new Engine({ dataDir: tempFolder('frameproof-view-data-'), model, provider: 'cpu', threads: 1 });
    await engine.openBoard(board);
    await engine.scoreBoard();
    const runs = engine.stats.analysisRuns;
    await engine.setCaption('scene-1-desert/shot01.png', 'A lone rider at noon.');
    expect(engine.stats.analysisRuns).toBe(runs + 1);
    await engine.currentView();
    await engine.frameImageFile('scene-1-desert/shot01.png');
    expect(engine.stats.analysisRuns).toBe(runs + 1);
    await engine.updateSettings((s) => ({ ...s, thresholds: { ...s.thresholds, captionOutlierZ: 3 } }));
    expect(engine.stats.analysisRuns).toBe(runs + 2);
    await engine.close();
  });
});

describe('scores stream', () => {
  it('emits views with growing scored counts before the end, and leaves every scored frame a thumbnail', async () => {
    const board = sampleBoard();
    const dataDir = tempFolder('frameproof-view-data-');
    const engine = new Engine({ dataDir, model, provider: 'cpu', threads: 1, gridThumbnails: true });
    const made = thumbnailStats.made;
    const fromDecode = thumbnailStats.fromDecode;
    await engine.openBoard(board);
    // Opening reads and hashes the frames but decodes none: no thumbnail yet.
    expect(thumbnailStats.made).toBe(made);
    const views: BoardView[] = [];
    const final = await engine.scoreBoard({ chunkSize: 4, onView: (view) => views.push(view) });
    const counts = views.map(scoredCount);
    expect(views.length).toBeGreaterThan(1);
    expect(new Set(counts.filter((c) => c > 0)).size).toBeGreaterThan(1);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThanOrEqual(counts[i - 1]!);
    expect(counts.at(-1)).toBe(scoredCount(final));
    // The decode CLIP needs made each thumbnail too (16:9 frames: CLIP's resize is wider than a
    // thumbnail); the grid finds them all.
    expect(thumbnailStats.made - made).toBe(16);
    expect(thumbnailStats.fromDecode - fromDecode).toBe(16);
    for (const frame of final.board.frames)
      expect(existsSync(thumbnailPath(frame.path, statSync(frame.path), engine.thumbnailDir))).toBe(true);
    await engine.close();
  });
});

describe("the folder watcher and the app's own writes", () => {
  it('starts no rescan for a caption the engine wrote, and one for an outside edit of the same file after it', async () => {
    const board = sampleBoard();
    const engine = new Engine({ dataDir: tempFolder('frameproof-view-data-'), model, provider: 'cpu', threads: 1 });
    await engine.openBoard(board);
    await engine.scoreBoard();
    let rescans = 0;
    const settled: Array<(rescanned: boolean) => void> = [];
    const nextBurst = () => new Promise<boolean>((resolve) => settled.push(resolve));
    const watcher = watchBoard(engine.boardFolder!, () => rescans++, {
      isOwnWrite: (path) => engine.ownWrites.matches(path),
      onSettled: (rescanned) => settled.shift()?.(rescanned),
    });
    try {
      const own = nextBurst();
      await engine.setCaption('scene-1-desert/shot02.png', 'A rider on a camel climbs a dune.');
      expect(await own).toBe(false);
      expect(rescans).toBe(0);

      const outside = nextBurst();
      const csv = join(board, 'shots.csv');
      writeFileSync(csv, `${readFileSync(csv, 'utf8')}\n`);
      expect(await outside).toBe(true);
      expect(rescans).toBe(1);

      const settings = nextBurst();
      await engine.updateSettings((s) => ({ ...s, stylePrompt: 'pencil sketch' }));
      expect(await settings).toBe(false);
      expect(rescans).toBe(1);
    } finally {
      watcher.close();
      await engine.close();
    }
  });
});
