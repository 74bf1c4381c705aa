// The engine end to end on the generated tiny model: files on disk -> embeddings, checked against
// the independent TypeScript forward pass fed with OpenAI's golden tokens and pixel tensors.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipModel } from '../../../electron/engine/clip/embedder.ts';
import { prepareImageBatch } from '../../../electron/engine/clip/imageBatch.ts';
import { l2Normalize } from '../../../electron/engine/clip/vectors.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { getConfig } from '../../models/configs.ts';
import { referenceImageEmbeds, referenceTextEmbeds } from '../../models/reference.ts';
import { DEFAULT_SEED, generateWeights, type Weights } from '../../models/weights.ts';
import { GOLDEN } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const CONFIG = getConfig('tiny');
// Exact preprocessing paths (enlargement, palette, no resize): the golden tensor is our tensor.
const EXACT_IMAGES = ['tiny_64x48', 'palette_400x300', 'strokes_200x300', 'cropround_229x224'];
const goldenFile = (name: string) => join(GOLDEN, 'images', `${name}.png`);
const goldenTensor = (name: string) => new Float32Array(readFileSync(join(GOLDEN, 'expected', `${name}.f32`)).buffer.slice(0));

let model: ClipModel;
let weights: Weights;

beforeAll(async () => {
  model = await ClipModel.load(await ensureTestModel('tiny'), { provider: 'cpu', threads: 1 });
  weights = generateWeights(CONFIG, DEFAULT_SEED);
});

afterAll(async () => {
  await model.release();
});

function maxDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

describe('ClipModel on the tiny test model', () => {
  it('reports the provider and the embedding size read from the session', () => {
    expect(model.provider.used).toBe('cpu');
    expect(model.embeddingSize).toBe(CONFIG.projectionDim);
  });

  it('embeds images from files like the reference forward pass on the golden tensors', async () => {
    const results = await model.embedImages(EXACT_IMAGES.map(goldenFile), { batchSize: 3 });
    results.forEach((result, i) => {
      const [reference] = referenceImageEmbeds(weights, CONFIG, goldenTensor(EXACT_IMAGES[i]!), 1);
      expect(result.error).toBeUndefined();
      expect(maxDiff(result.embedding!, l2Normalize(reference!))).toBeLessThan(1e-4);
    });
  });

  it('embeds captions like the reference forward pass on the full 77-token input', async () => {
    const captions = ['a photo of a cat', 'EXT. DESERT - DAY. Wide shot of a lone rider crossing the dunes at dawn.', 'word '.repeat(120)];
    const results = await model.embedTexts(captions);
    for (const result of results) {
      const ids = result.tokens.contextIds;
      const mask = ids.map((_, i) => (i < result.tokens.tokenCount ? 1 : 0));
      const [reference] = referenceTextEmbeds(weights, CONFIG, [ids], [mask]);
      // The engine cuts padding past the longest caption; the pooled output must not notice.
      expect(maxDiff(result.embedding, l2Normalize(reference!))).toBeLessThan(1e-4);
    }
    expect(results[2]!.tokens.truncated).toBe(true);
  });

  it('gives the same embedding alone and inside a batch, and encodes duplicates once', async () => {
    const alone = await model.embedTexts(['a cat']);
    const batch = await model.embedTexts(['a dog on a long walk by the sea', 'a cat', 'a cat']);
    expect(maxDiff(alone[0]!.embedding, batch[1]!.embedding)).toBeLessThan(1e-6);
    expect(batch[2]!.embedding).toBe(batch[1]!.embedding);
    const one = await model.embedImages([goldenFile('tiny_64x48')]);
    const many = await model.embedImages([goldenFile('palette_400x300'), goldenFile('tiny_64x48')], { batchSize: 2 });
    expect(maxDiff(one[0]!.embedding!, many[1]!.embedding!)).toBeLessThan(1e-6);
  });

  it('keeps going past a bad image: its error is kept, the rest are embedded in order', async () => {
    const dir = tempFolder('frameproof-embed-');
    const broken = join(dir, 'shot02.png');
    writeFileSync(broken, 'not a png');
    const sources = [goldenFile('tiny_64x48'), broken, goldenFile('strokes_200x300')];
    const progress: number[] = [];
    const results = await model.embedImages(sources, { batchSize: 2, onProgress: (p) => progress.push(p.done) });
    expect(results.map((r) => r.source)).toEqual(sources);
    expect(results[1]!.error).toMatchObject({ code: 'IMAGE_UNSUPPORTED', file: broken });
    expect(results[1]!.embedding).toBeUndefined();
    const [clean] = await model.embedImages([goldenFile('strokes_200x300')]);
    expect(maxDiff(results[2]!.embedding!, clean!.embedding!)).toBeLessThan(1e-6);
    expect(progress).toEqual([2, 3]);
  });

  it('takes its first images already decoding (a head) and embeds the rest in batches after them', async () => {
    const names = ['tiny_64x48', 'palette_400x300', 'strokes_200x300', 'cropround_229x224', 'details_225x225'];
    const sources = names.map(goldenFile);
    const seen: number[] = [];
    const inspect = (index: number) => seen.push(index);
    const head = { count: 3, batch: prepareImageBatch(sources.slice(0, 3), model.preprocessConfig, { inspect }) };
    const progress: number[] = [];
    const withHead = await model.embedImages(sources, { batchSize: 2, head, inspect, onProgress: (p) => progress.push(p.done) });
    const plain = await model.embedImages(sources, { batchSize: 2 });
    // The head is one run (3 rows), then batches of 2 from where it ends.
    expect(progress).toEqual([3, 5]);
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4]);
    withHead.forEach((r, i) => {
      expect(r.source).toBe(sources[i]);
      expect(maxDiff(r.embedding!, plain[i]!.embedding!)).toBeLessThan(1e-6);
    });
  });

  it('stops between batches when cancelled', async () => {
    const controller = new AbortController();
    const sources = Array.from({ length: 6 }, () => goldenFile('tiny_64x48'));
    const run = model.embedImages(sources, {
      batchSize: 2,
      signal: controller.signal,
      onProgress: (p) => p.done === 2 && controller.abort(new Error('cancelled by test')),
    });
    await expect(run).rejects.toThrow('cancelled by test');
  });
});
