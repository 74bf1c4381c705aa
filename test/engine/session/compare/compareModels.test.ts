// compareModels end to end on two generated models of different sizes (tiny: 16 values, tiny-wide:
// 24) and the small board of helpers.ts. The retrieval numbers are recomputed here from
// embeddings obtained independently, with ClipModel on the same files, and ranked by a loop
// written out in full, so a slip in the engine's retrieval (or in what it reads from the cache)
// shows up as a mismatch.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComparisonProgress, ModelComparison } from '../../../../electron/common/api.ts';
import { flagSentence } from '../../../../electron/common/flagSentences.ts';
import { escapeHtml } from '../../../../electron/engine/export/index.ts';
import { ClipModel } from '../../../../electron/engine/clip/embedder.ts';
import { loadPreprocessConfig } from '../../../../electron/engine/clip/preprocessConfig.ts';
import { compareModels, exportComparison, spearman } from '../../../../electron/engine/session/compare/index.ts';
import { AppError } from '../../../../electron/common/errors.ts';
import { preprocessVersion } from '../../../../electron/engine/scoring/modelIdentity.ts';
import { openStore } from '../../../../electron/engine/store/index.ts';
import { ensureTestModel } from '../../../models/cache.ts';
import { FRAMES, makeBoard, SCRIPT_CAPTION } from './helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'frameproof-compare-'));
const board = join(root, 'board');
const dataDir = join(root, 'data');
let paths: string[];
let models: string[];
let comparison: ModelComparison;
const events: ComparisonProgress[] = [];

/** Independently embedded: per model, the frames that have a caption and an image, in board order. */
interface Independent {
  frameIds: string[];
  images: Float32Array[];
  captions: Float32Array[];
}
const independent: Independent[] = [];

beforeAll(async () => {
  models = [await ensureTestModel('tiny'), await ensureTestModel('tiny-wide')];
  paths = await makeBoard(board);
  comparison = await compareModels(board, models, { dataDir, provider: 'cpu', threads: 1, onProgress: (p) => events.push(p) });
  const inSet = FRAMES.flatMap((f, k) => (f.caption && f.readable ? [k] : []));
  for (const dir of models) {
    const model = await ClipModel.load(dir, { provider: 'cpu', threads: 1 });
    try {
      const images = await model.embedImages(inSet.map((k) => paths[k]!));
      const captions = await model.embedTexts(inSet.map((k) => FRAMES[k]!.caption!));
      independent.push({
        frameIds: inSet.map((k) => FRAMES[k]!.file),
        images: images.map((r) => r.embedding!),
        captions: captions.map((r) => r.embedding),
      });
    } finally {
      await model.release();
    }
  }
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function cosine(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += a[k]! * b[k]!;
  return sum;
}

/** Rank of item i in `scores` (own score scores[i]): 1 + how many others score at least as high. */
function pessimisticRank(scores: number[], i: number): number {
  return 1 + scores.filter((s, j) => j !== i && s >= scores[i]!).length;
}

function expectedRanks(data: Independent): { i2c: number[]; c2i: number[] } {
  const n = data.frameIds.length;
  const matrix = data.images.map((image) => data.captions.map((caption) => cosine(image, caption)));
  const i2c = matrix.map((row, i) => pessimisticRank(row, i));
  const c2i = Array.from({ length: n }, (_, j) =>
    pessimisticRank(
      matrix.map((row) => row[j]!),
      j,
    ),
  );
  return { i2c, c2i };
}

describe('compareModels', () => {
  it('records its model id in every model summary, cell and correlation; the two models differ in embedding size', () => {
    expect(comparison.models.map((m) => m.id)).toEqual([
      expect.stringMatching(/^tiny-1@[0-9a-f]{16}$/),
      expect.stringMatching(/^tiny-wide-1@[0-9a-f]{16}$/),
    ]);
    expect(comparison.models.map((m) => m.embeddingSize)).toEqual([16, 24]);
    expect(comparison.models.map((m) => m.requested)).toEqual(models);
    expect(comparison.frames.map((f) => f.frameId)).toEqual(FRAMES.map((f) => f.file));
    for (const frame of comparison.frames) expect(frame.cells.map((c) => c.modelId)).toEqual(comparison.models.map((m) => m.id));
    expect(comparison.correlations).toEqual([
      { modelA: comparison.models[0]!.id, modelB: comparison.models[1]!.id, spearman: expect.any(Number), frames: 7 },
    ]);
  });

  it('keeps each model\u2019s embeddings apart in the cache, filed under its own id', () => {
    const store = openStore(join(dataDir, 'frameproof.sqlite'));
    try {
      const hashes = FRAMES.flatMap((f, k) => (f.readable ? [createHash('sha256').update(readFileSync(paths[k]!)).digest('hex')] : []));
      const texts = FRAMES.flatMap((f) => (f.caption ? [f.caption] : []));
      comparison.models.forEach((m, i) => {
        const prep = preprocessVersion(loadPreprocessConfig(models[i]!));
        const images = store.getImageEmbeddings(m.id, prep, hashes);
        expect(images.size).toBe(hashes.length);
        for (const vector of images.values()) expect(vector.length).toBe(m.embeddingSize);
        const captions = store.getTextEmbeddings(m.id, texts);
        expect(captions.size).toBe(new Set(texts).size);
        for (const vector of captions.values()) expect(vector.length).toBe(m.embeddingSize);
      });
    } finally {
      store.close();
    }
  });

  it('runs retrieval over the frames every model embedded, counting the ones left out', () => {
    expect(comparison.retrieval).toEqual({ frames: 7, excludedNoCaption: 1, excludedNotEmbedded: 1 });
    for (const file of ['frame08.png', 'frame09.png']) {
      const frame = comparison.frames.find((f) => f.frameId === file)!;
      for (const cell of frame.cells) expect([cell.imageToCaptionRank, cell.captionToImageRank, cell.cosine]).toEqual([null, null, null]);
    }
    const unreadable = comparison.frames.find((f) => f.frameId === 'frame09.png')!;
    for (const cell of unreadable.cells) expect(cell.error?.code).toMatch(/IMAGE_/);
  });

  it('gives the scores and the per-frame ranks an independent recomputation from the same files gives', () => {
    comparison.models.forEach((_, m) => {
      const data = independent[m]!;
      const { i2c, c2i } = expectedRanks(data);
      data.frameIds.forEach((id, i) => {
        const cell = comparison.frames.find((f) => f.frameId === id)!.cells[m]!;
        expect(cell.cosine).toBeCloseTo(cosine(data.images[i]!, data.captions[i]!), 5);
        expect([id, cell.imageToCaptionRank, cell.captionToImageRank]).toEqual([id, i2c[i], c2i[i]]);
      });
    });
  });

  it('reports recall@1 and @5 both ways as recomputed, out of the 7 frames', () => {
    comparison.models.forEach((model, m) => {
      const { i2c, c2i } = expectedRanks(independent[m]!);
      const recall = (ranks: number[], k: number) => ranks.filter((r) => r <= k).length;
      expect(model.retrieval.imageToCaption).toMatchObject({
        hitsAt1: recall(i2c, 1),
        hitsAt5: recall(i2c, 5),
        recallAt1: recall(i2c, 1) / 7,
        recallAt5: recall(i2c, 5) / 7,
      });
      expect(model.retrieval.captionToImage).toMatchObject({
        hitsAt1: recall(c2i, 1),
        hitsAt5: recall(c2i, 5),
        recallAt1: recall(c2i, 1) / 7,
        recallAt5: recall(c2i, 5) / 7,
      });
      expect(model.retrieval.imageToCaption.meanReciprocalRank).toBeCloseTo(i2c.reduce((s, r) => s + 1 / r, 0) / 7, 12);
    });
  });

  it('counts the exact tie of two identical captions against every model', () => {
    for (const file of ['frame06.png', 'frame07.png']) {
      for (const cell of comparison.frames.find((f) => f.frameId === file)!.cells)
        expect(cell.imageToCaptionRank).toBeGreaterThanOrEqual(2);
    }
  });

  it('correlates the two models\u2019 cosines by rank over the frames both scored', () => {
    const [a, b] = independent;
    const x = a!.images.map((image, i) => cosine(image, a!.captions[i]!));
    const y = b!.images.map((image, i) => cosine(image, b!.captions[i]!));
    expect(comparison.correlations[0]!.spearman).toBeCloseTo(spearman(x, y)!, 6);
    // The board's captions are chosen so rho is not 0, which a broken correlation could also give.
    expect(Math.abs(comparison.correlations[0]!.spearman!)).toBeGreaterThan(0.05);
  });

  it('lists exactly the frames and flag kinds one model raises and the other does not', () => {
    const expected = comparison.frames.flatMap((f) => {
      const [a, b] = f.cells.map((c) => new Set(c.flags.map((flag) => flag.kind)));
      return [...new Set([...a!, ...b!])]
        .filter((kind) => a!.has(kind) !== b!.has(kind))
        .map((kind) => `${f.frameId} ${kind} ${a!.has(kind) ? 'A' : 'B'}`);
    });
    const found = comparison.disagreements.map((d) => `${d.frameId} ${d.kind} ${d.flaggedBy[0] === comparison.models[0]!.id ? 'A' : 'B'}`);
    expect(found.sort()).toEqual(expected.sort());
    for (const d of comparison.disagreements)
      expect([...d.flaggedBy, ...d.notFlaggedBy].sort()).toEqual(comparison.models.map((m) => m.id).sort());
    // Both models see the same missing caption and the same unreadable image: no disagreement there.
    expect(comparison.disagreements.filter((d) => d.kind === 'no-caption')).toEqual([]);
  });

  it('times each model on the board\u2019s readable frames on the CPU and reports memory', () => {
    for (const m of comparison.models) {
      expect(m.provider).toBe('cpu');
      expect(m.speed).toMatchObject({ frames: 8, provider: 'cpu', batchSize: 16 });
      expect(m.speed!.imagesPerSecond).toBeCloseTo(8 / m.speed!.seconds, 6);
      expect(m.memory!.rssBeforeBytes).toBeGreaterThan(0);
      expect(m.memory!.deltaBytes).toBe(m.memory!.rssWithModelBytes - m.memory!.rssBeforeBytes);
      expect(m.memory!.deltaBytes).toBeGreaterThanOrEqual(0);
    }
  });

  it('reports progress per model: scoring through the cache, then the timed pass', () => {
    const steps = [...new Set(events.map((e) => `${e.modelIndex}/${e.modelCount} ${e.step} ${e.progress.phase}`))];
    expect(steps).toEqual([
      '0/2 scoring images',
      '0/2 scoring captions',
      '0/2 scoring analysis',
      '1/2 scoring images',
      '1/2 scoring captions',
      '1/2 scoring analysis',
      '0/2 speed images',
      '1/2 speed images',
    ]);
    expect(events.filter((e) => e.step === 'speed').at(-1)?.progress).toMatchObject({ done: 8, total: 8 });
  });

  it('exports a report that escapes the <script> caption', async () => {
    const file = join(root, 'comparison.html');
    await exportComparison(comparison, file);
    const html = readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('She reads &lt;script&gt;alert(1)&lt;/script&gt; aloud &amp; leaves.');
    expect(SCRIPT_CAPTION).toContain('<script>');
    for (const m of comparison.models) expect(html).toContain(m.id);
    // Each flag in plain words, as the board's report says it, never the detector's own text.
    const flagged = comparison.frames.flatMap((f) => f.cells).filter((c) => c.flags.length > 0);
    expect(flagged.length).toBeGreaterThan(0);
    for (const cell of flagged) {
      expect(cell.flagTexts).toHaveLength(cell.flags.length);
      cell.flags.forEach((flag, i) => {
        expect(cell.flagTexts[i]!.startsWith(flagSentence(flag).split(' ')[0]!)).toBe(true);
        expect(html).toContain(escapeHtml(cell.flagTexts[i]!));
        if (flag.reason !== cell.flagTexts[i]) expect(html).not.toContain(escapeHtml(flag.reason));
      });
    }
  });
});

describe('compareModels refuses', () => {
  const failure = async (promise: Promise<unknown>): Promise<AppError> => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof AppError) return error;
      throw error;
    }
    throw new Error('expected a failure');
  };

  it('fewer than two models', async () => {
    const error = await failure(compareModels(board, [models[0]!], { dataDir }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/at least two models/);
  });

  it('the same model twice, even named two ways', async () => {
    expect((await failure(compareModels(board, [models[0]!, models[0]!], { dataDir }))).message).toMatch(/named more than once/);
    const error = await failure(compareModels(board, [models[0]!, `${models[0]!}/`], { dataDir }));
    expect(error.message).toMatch(/are the same model \(tiny-1@/);
  });

  it('every model that cannot be used, all in one error, before scoring anything', async () => {
    const error = await failure(
      compareModels(board, [join(root, 'no-such-a'), models[0]!, join(root, 'no-such-b')], { dataDir: join(root, 'untouched') }),
    );
    expect(error.message).toMatch(/2 of the models cannot be used.*no-such-a.*no-such-b/);
  });
});
