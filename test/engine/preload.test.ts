// Encoders open behind other work: the image encoder as soon as opening a board finds a frame the
// cache lacks, never for a board the cache already holds; a second encoder only where memory allows.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { roomToOpen, RUN_MEMORY_BUDGET_BYTES } from '../../electron/engine/clip/index.ts';
import { Engine } from '../../electron/engine/engine.ts';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';
import { tempFolder } from '../fixtures/tempFolder.ts';

let model: string;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

describe('opening encoders ahead of need', () => {
  it('opening an unscored board starts the image encoder; reopening it scored starts nothing', async () => {
    const board = join(tempFolder('frameproof-preload-'), 'sample');
    cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
    const dataDir = tempFolder('frameproof-preload-data-');
    const cold = new Engine({ dataDir, model, provider: 'cpu', threads: 1 });
    await cold.openBoard(board);
    // Started by the open, which does not wait for it: its view comes at once.
    expect(cold.stats.modelLoads).toBe(1);
    const scored = await cold.scoreBoard();
    expect(cold.stats.modelLoads).toBe(1);
    // Once loaded, a view reports the model (its embedding size).
    expect(scored.model?.embeddingSize).toEqual(expect.any(Number));
    await cold.close();
    const warm = new Engine({ dataDir, model, provider: 'cpu', threads: 1 });
    expect((await warm.openBoard(board)).model?.embeddingSize).toBeNull();
    expect(warm.stats.modelLoads).toBe(0);
    await warm.close();
  });

  it('a second encoder opens only inside the run budget and the free memory', () => {
    const file = join(model, 'onnx', 'text_model.onnx');
    expect(roomToOpen(file, 0, 2 ** 40)).toBe(true);
    expect(roomToOpen(file, RUN_MEMORY_BUDGET_BYTES, 2 ** 40)).toBe(false);
    expect(roomToOpen(file, 0, 0)).toBe(false);
    expect(roomToOpen(join(model, 'no-such.onnx'), 0, 2 ** 40)).toBe(false);
  });
});
