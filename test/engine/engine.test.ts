// The Engine on real boards: incremental scoring through the cache, a frame replaced while it is
// being scored, the database deleted while the board is open, and watching the folder.
import { cpSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, FrameproofEvent } from '../../electron/common/api.ts';
import { AppSession } from '../../electron/engine/session/appSession.ts';
import { ClipModel } from '../../electron/engine/clip/embedder.ts';
import { Engine } from '../../electron/engine/engine.ts';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempFolder } from '../fixtures/tempFolder.ts';

let model: string;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

function sampleBoard(): string {
  const board = join(tempFolder('frameproof-engine-'), 'sample');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  return board;
}

function engine(dataDir = tempFolder('frameproof-engine-data-')): Engine {
  return new Engine({ dataDir, model, provider: 'cpu', threads: 1 });
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
}

describe('Engine', () => {
  it('scores only what the cache lacks: a reopened board runs no inference, a changed frame only that frame', async () => {
    const board = sampleBoard();
    const dataDir = tempFolder('frameproof-engine-data-');
    const first = engine(dataDir);
    await first.openBoard(board);
    const cold = await first.scoreBoard();
    expect(Object.values(cold.scores).every((s) => s.score)).toBe(true);
    const before = first.store.stats();
    await first.close();

    const second = engine(dataDir);
    const reopened = await second.openBoard(board);
    expect(reopened.unscored).toBe(0);
    expect(reopened.model?.embeddingSize).toBeNull(); // the model was never loaded
    expect(reopened.scores['scene-1-desert/shot03.png']!.score).toEqual(cold.scores['scene-1-desert/shot03.png']!.score);

    // Redraw one frame: exactly one new image embedding; the rest come from the cache.
    await sharp({ create: { width: 640, height: 360, channels: 3, background: '#884422' } })
      .png()
      .toFile(join(board, 'scene-1-desert', 'shot03.png'));
    await second.openBoard(board);
    const changed = await second.scoreBoard();
    expect(second.store.stats().imageEmbeddings.rows).toBe(before.imageEmbeddings.rows + 1);
    expect(second.store.stats().textEmbeddings.rows).toBe(before.textEmbeddings.rows);
    expect(changed.scores['scene-1-desert/shot03.png']!.score).not.toEqual(cold.scores['scene-1-desert/shot03.png']!.score);
    expect(changed.scores['scene-1-desert/shot01.png']!.score).toEqual(cold.scores['scene-1-desert/shot01.png']!.score);
    await second.close();
  });

  it('never files an embedding under the hash of a frame replaced while it was being scored', async () => {
    const board = sampleBoard();
    const target = join(board, 'scene-2-kitchen', 'shot04.png');
    const original = readFileSync(target);
    const replacement = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#1144aa' } })
      .png()
      .toBuffer();
    // Scoring reads each file once and embeds those very bytes.
    const reference = await ClipModel.load(model, { provider: 'cpu' });
    const [embeddedOriginal] = await reference.embedImages([{ name: 'original', bytes: original }]);
    const [embeddedReplacement] = await reference.embedImages([{ name: 'replacement', bytes: replacement }]);
    await reference.release();

    const dataDir = tempFolder('frameproof-engine-data-');
    const racing = new Engine({ dataDir, model, provider: 'cpu', threads: 1 });
    await racing.openBoard(board);
    let swapped = false;
    const { embedBoard } = await import('../../electron/engine/scoring/embedBoard.ts');
    const context = await (racing as unknown as { context: () => Promise<Parameters<typeof embedBoard>[1]> }).context();
    const view = (await racing.currentView()) as BoardView;
    // One chunk: every file is read (and hashed) before the first frame is decoded.
    // The model is asked for after the chunk was read and hashed, before it is decoded: replace
    // the file on disk then, once.
    const racingContext = {
      ...context,
      model: (encoder: 'text' | 'vision') => {
        if (!swapped) {
          writeFileSync(target, replacement);
          swapped = true;
        }
        return context.model(encoder);
      },
    };
    const embeddings = await embedBoard(view.board, racingContext, { chunkSize: 256 });
    expect(swapped).toBe(true);
    const hashOf = (bytes: Buffer) => import('node:crypto').then((c) => c.createHash('sha256').update(bytes).digest('hex'));
    const stored = racing.store.getImageEmbeddings(context.modelId, context.prepVersion, [
      await hashOf(original),
      await hashOf(replacement),
    ]);
    // The bytes that were read are the bytes embedded and the hash they are filed under, though
    // the file changed on disk meanwhile: nothing of the replacement is stored under the old hash.
    const frame = embeddings.get('scene-2-kitchen/shot04.png')!;
    expect(frame.imageHash).toBe(await hashOf(original));
    expect(maxDiff(stored.get(await hashOf(original))!, embeddedOriginal!.embedding!)).toBeLessThan(1e-5);
    expect(stored.has(await hashOf(replacement))).toBe(false);
    // The next run sees the new file (size and mtime changed) and embeds it under its own hash.
    const next = await embedBoard(view.board, context, {});
    const rescored = next.get('scene-2-kitchen/shot04.png')!;
    expect(rescored.imageHash).toBe(await hashOf(replacement));
    expect(maxDiff(rescored.image!, embeddedReplacement!.embedding!)).toBeLessThan(1e-5);
    await racing.close();
  });

  it('keeps working when its database file is deleted while the board is open', async () => {
    const board = sampleBoard();
    const dataDir = tempFolder('frameproof-engine-data-');
    const e = engine(dataDir);
    await e.openBoard(board);
    await e.scoreBoard();
    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `frameproof.sqlite${suffix}`), { force: true });
    const again = await e.scoreBoard();
    expect(Object.values(again.scores).every((s) => s.score)).toBe(true);
    expect(e.store.notices.map((n) => n.kind)).toContain('reopened');
    await e.close();
  });
});

describe('wide frames', () => {
  it('scores the whole of a wide frame from overlapping squares, and caches it', async () => {
    const board = sampleBoard();
    const e = engine();
    await e.openBoard(board);
    // Saving the setting is quick and runs no inference; scoring then embeds the whole frames.
    const saved = await e.updateSettings((s) => ({ ...s, wideFrames: 'crops' }));
    expect(saved.analysis).toBeNull(); // nothing was scored yet, and saving scored nothing
    const view = await e.scoreBoard();
    const frame = view.analysis!.frames.find((f) => f.frameId === 'scene-1-desert/shot01.png')!;
    expect(frame.fullFrameScore).not.toBeNull();
    // Recomputed independently: the 1280x720 frame's three 720-px squares, averaged.
    const reference = await ClipModel.load(model, { provider: 'cpu' });
    const bytes = readFileSync(join(board, 'scene-1-desert', 'shot01.png'));
    const [center] = await reference.embedImages([{ name: 'shot01', bytes }]);
    const sides = await reference.embedRegions(bytes, [
      { kind: 'crop', left: 0, top: 0, size: 720 },
      { kind: 'crop', left: 560, top: 0, size: 720 },
    ]);
    const [caption] = await reference.embedTexts([view.board.frames[0]!.caption!]);
    await reference.release();
    const mean = new Float32Array(center!.embedding!.length).map((_, k) => center!.embedding![k]! + sides[0]![k]! + sides[1]![k]!);
    const norm = Math.hypot(...mean);
    const cosine = mean.reduce((sum, v, k) => sum + (v / norm) * caption!.embedding[k]!, 0);
    expect(frame.fullFrameScore!.cosine).toBeCloseTo(cosine, 3);
    // A second analysis comes from the cache: two more image rows per wide frame, no more.
    const rows = e.store.stats().imageEmbeddings.rows;
    await e.scoreBoard();
    expect(e.store.stats().imageEmbeddings.rows).toBe(rows);
    expect(rows).toBe(32);
    await e.close();
  });
});

describe('watching an open board', () => {
  it('rescores a caption changed on disk and pushes the new board', async () => {
    const board = sampleBoard();
    const session = new AppSession({
      host: 'web',
      version: 'test',
      resourcesDir: join(REPO_ROOT, 'resources'),
      dataDir: tempFolder('frameproof-watch-'),
      model,
      provider: 'cpu',
    });
    await session.openBoard(board);
    await session.scoreBoard();
    const changed = new Promise<BoardView>((resolve) => {
      session.subscribe((event: FrameproofEvent) => {
        // Views stream while the rescan scores; the one wanted has the new caption scored.
        if (event.type === 'boardChanged' && event.view.board.frames[0]!.caption?.includes('at sunset') && event.view.unscored === 0)
          resolve(event.view);
      });
    });
    const csv = join(board, 'shots.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('at dawn, the sun low', 'at sunset, the sun low'));
    const view = await changed;
    expect(view.scores['scene-1-desert/shot01.png']!.scoredCaption).toMatch(/at sunset/);
    expect(view.scores['scene-1-desert/shot01.png']!.score).not.toBeNull();
    await session.close();
  });

  it('keeps undo after its own caption write, which starts no rescan', async () => {
    const board = sampleBoard();
    const csv = join(board, 'shots.csv');
    const before = readFileSync(csv);
    const session = new AppSession({
      host: 'web',
      version: 'test',
      resourcesDir: join(REPO_ROOT, 'resources'),
      dataDir: tempFolder('frameproof-watch-'),
      model,
      provider: 'cpu',
    });
    await session.openBoard(board);
    await session.scoreBoard();
    await session.setCaption('scene-1-desert/shot02.png', 'A rider on a camel climbs a dune.');
    await session.undoCaption();
    expect(readFileSync(csv).equals(before)).toBe(true);
    await session.close();
  });
});

describe('a hostile board', () => {
  async function boardWithOutside(): Promise<{ board: string; outside: string }> {
    const root = tempFolder('frameproof-hostile-');
    const board = join(root, 'board');
    const outside = join(root, 'outside');
    mkdirSync(board);
    mkdirSync(outside);
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#2255aa' } })
      .png()
      .toFile(join(board, 'shot1.png'));
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } })
      .png()
      .toFile(join(outside, 'secret.png'));
    writeFileSync(join(board, 'shot1.txt'), 'a blue square');
    return { board, outside };
  }

  it('serves the contained real path of a frame, and refuses one swapped for a link out (full and thumbnail)', async () => {
    const { board, outside } = await boardWithOutside();
    symlinkSync(join(outside, 'secret.png'), join(board, 'shot4.png'));
    const session = new AppSession({
      host: 'web',
      version: 'test',
      resourcesDir: join(REPO_ROOT, 'resources'),
      dataDir: tempFolder('frameproof-hostile-data-'),
      model,
      provider: 'cpu',
      watch: false,
    });
    const view = await session.openBoard(board);
    expect(view.board.frames.map((f) => f.id)).toEqual(['shot1.png']);
    expect(view.board.problems).toMatchObject([{ code: 'LINK_OUTSIDE_BOARD', file: 'shot4.png' }]);
    await expect(session.frameImage('shot4.png', 'full')).rejects.toMatchObject({ code: 'FRAME_NOT_FOUND' });
    expect(await session.frameImage('shot1.png', 'full')).toBe(join(realpathSync(board), 'shot1.png'));
    expect(await session.frameImage('shot1.png', 'thumbnail')).toMatch(/\.webp$/);

    rmSync(join(board, 'shot1.png'));
    symlinkSync(join(outside, 'secret.png'), join(board, 'shot1.png'));
    await expect(session.frameImage('shot1.png', 'full')).rejects.toMatchObject({ code: 'LINK_OUTSIDE_BOARD', file: 'shot1.png' });
    await expect(session.frameImage('shot1.png', 'thumbnail')).rejects.toMatchObject({ code: 'LINK_OUTSIDE_BOARD' });
    await session.close();
  });

  it('does not read a frameproof.json that links outside, and saving does not write through it', async () => {
    const { board, outside } = await boardWithOutside();
    const secret = `${JSON.stringify({ stylePrompt: 'SECRET TEXT FROM OUTSIDE' })}\n`;
    writeFileSync(join(outside, 'settings.json'), secret);
    symlinkSync(join(outside, 'settings.json'), join(board, 'frameproof.json'));
    const e = engine();
    const view = await e.openBoard(board);
    expect(view.settings.stylePrompt).toBeNull();
    expect(view.notices).toMatchObject([{ code: 'LINK_OUTSIDE_BOARD', file: join(board, 'frameproof.json') }]);
    expect(JSON.stringify(view)).not.toContain('SECRET TEXT');
    await e.updateSettings((s) => ({ ...s, stylePrompt: 'a blue mood' }));
    expect(readFileSync(join(outside, 'settings.json'), 'utf8')).toBe(secret);
    expect(readFileSync(join(board, 'frameproof.json'), 'utf8')).toContain('a blue mood');
    await e.close();
  });

  // Only Windows separates paths with a backslash; elsewhere it is part of the name.
  it.skipIf(process.platform === 'win32')('lists, scores and exports back\\slash.png under its own name', async () => {
    const { board } = await boardWithOutside();
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#22aa55' } })
      .png()
      .toFile(join(board, 'back\\slash.png'));
    writeFileSync(join(board, 'back\\slash.txt'), 'a green square');
    const e = engine();
    await e.openBoard(board);
    const view = await e.scoreBoard();
    expect(view.board.frames.map((f) => f.id)).toEqual(['back\\slash.png', 'shot1.png']);
    expect(view.scores['back\\slash.png']?.score).toBeTruthy();
    const file = join(tempFolder('frameproof-hostile-export-'), 'shots.csv');
    await e.exportView(view, file);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('back\\slash.png');
    expect(csv).not.toContain('back/slash.png');
    await e.close();
  });
});
