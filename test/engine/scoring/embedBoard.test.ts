// embedBoard against a real store and the tiny test model: one cache lookup per chunk, and the
// whole of a wide frame embedded from the very bytes read for its center crop.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.ts';
import { embedBoard, type EmbeddingContext } from '../../../electron/engine/scoring/index.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';

let model: string;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

async function openSample(): Promise<{ engine: Engine; context: EmbeddingContext; board: string }> {
  const board = join(tempFolder('frameproof-embed-'), 'sample');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  const engine = new Engine({ dataDir: tempFolder('frameproof-embed-data-'), model, provider: 'cpu', threads: 1 });
  await engine.openBoard(board);
  const context = await (engine as unknown as { context: () => Promise<EmbeddingContext> }).context();
  return { engine, context, board };
}

describe('embedBoard', () => {
  it('looks the chunk up in the embedding cache once, cold and warm', async () => {
    const { engine, context } = await openSample();
    const { board } = await engine.currentView();
    const chunks = Math.ceil(board.frames.length / 4);
    const before = context.store.lookups.imageEmbeddings;
    const cold = await embedBoard(board, context, { chunkSize: 4 });
    expect(context.store.lookups.imageEmbeddings - before).toBe(chunks);
    expect([...cold.values()].every((e) => e.image)).toBe(true);
    const middle = context.store.lookups.imageEmbeddings;
    const warm = await embedBoard(board, context, { chunkSize: 4 });
    expect(context.store.lookups.imageEmbeddings - middle).toBe(chunks);
    expect([...warm.values()].every((e) => e.image)).toBe(true);
    await engine.close();
  });

  it('embeds the whole of a wide frame from the bytes read for its center, though the file changes meanwhile', async () => {
    const { engine, context, board: folder } = await openSample();
    const { board } = await engine.currentView();
    const target = join(folder, 'scene-1-desert', 'shot01.png');
    const original = readFileSync(target);
    const replacement = await sharp({ create: { width: 1280, height: 720, channels: 3, background: '#1144aa' } })
      .png()
      .toBuffer();
    let swapped = false;
    // The model is asked for once the chunk was read and hashed: replace the file then.
    const racing: EmbeddingContext = {
      ...context,
      model: (encoder) => {
        if (!swapped) writeFileSync(target, replacement);
        swapped = true;
        return context.model(encoder);
      },
    };
    const embeddings = await embedBoard(board, racing, { chunkSize: 256, wideFrames: 'crops' });
    expect(swapped).toBe(true);
    const frame = embeddings.get('scene-1-desert/shot01.png')!;
    expect(frame.imageHash).toBe(createHash('sha256').update(original).digest('hex'));
    // Reading the file again would have found other bytes and left the whole frame unscored.
    expect(frame.fullFrame).toBeDefined();
    const stored = context.store.getImageEmbeddings(context.modelId, `${context.prepVersion}|whole-crops`, [frame.imageHash!]);
    expect(stored.get(frame.imageHash!)).toEqual(frame.fullFrame);
    await engine.close();
  });
});
