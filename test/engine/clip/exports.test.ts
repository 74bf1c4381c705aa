// The engine on test models exported like the real ones: Xenova's text model (input_ids only), the
// optimum-style one with attention_mask (int64 or int32), weights in external data files, and the
// dynamically quantized int8 export, whose embeddings must not depend on their batch.
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipModel } from '../../../electron/engine/clip/embedder.ts';
import { locateModelFiles } from '../../../electron/engine/clip/modelFolder.ts';
import { openEncoder } from '../../../electron/engine/clip/session.ts';
import { dot } from '../../../electron/engine/clip/vectors.ts';
import { ensureTestModel } from '../../models/cache.ts';
import type { ModelFlavour } from '../../models/generate.ts';
import { GOLDEN } from '../../paths.ts';

const IMAGES = ['tiny_64x48', 'palette_400x300', 'strokes_200x300', 'cropround_229x224'].map((n) => join(GOLDEN, 'images', `${n}.png`));
const CAPTIONS = ['a photo of a cat', 'EXT. DESERT - DAY. Wide shot of a lone rider crossing the dunes at dawn.', 'CUT TO BLACK.'];

const models: Partial<Record<ModelFlavour, ClipModel>> = {};
async function model(flavour: ModelFlavour): Promise<ClipModel> {
  models[flavour] ??= await ClipModel.load(await ensureTestModel('tiny', undefined, { flavour }), { provider: 'cpu', threads: 1 });
  return models[flavour];
}

async function encoder(flavour: ModelFlavour, kind: 'text' | 'vision') {
  const opened = await openEncoder(kind, 'cpu', locateModelFiles(await ensureTestModel('tiny', undefined, { flavour })), { threads: 1 });
  await opened.session.release();
  return opened;
}

const maxDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

async function imageEmbeddings(m: ClipModel, batchSize: number): Promise<Float32Array[]> {
  return (await m.embedImages(IMAGES, { batchSize })).map((r) => r.embedding!);
}

beforeAll(async () => {
  for (const flavour of ['xenova', 'xenova-mask', 'xenova-mask-int32', 'external-data', 'int8'] as const) await model(flavour);
}, 120_000);

afterAll(async () => {
  await Promise.all(Object.values(models).map((m) => m.release()));
});

describe('text encoders with and without attention_mask', () => {
  it('the default (Xenova) text model takes input_ids only; the optimum-style ones take a mask whose type is read from the session', async () => {
    expect((await encoder('xenova', 'text')).maskName).toBeUndefined();
    expect(await encoder('xenova-mask', 'text')).toMatchObject({
      maskName: 'attention_mask',
      maskType: 'int64',
      inputShape: ['batch', 'sequence'],
    });
    expect(await encoder('xenova-mask-int32', 'text')).toMatchObject({ maskName: 'attention_mask', maskType: 'int32' });
  });

  it('embeds captions the same with or without a mask, in one batch', async () => {
    const plain = await (await model('xenova')).embedTexts(CAPTIONS, 3);
    for (const flavour of ['xenova-mask', 'xenova-mask-int32'] as const) {
      const masked = await (await model(flavour)).embedTexts(CAPTIONS, 3);
      masked.forEach((m, i) => expect(maxDiff(m.embedding, plain[i]!.embedding)).toBeLessThan(1e-5));
    }
  });
});

describe('weights in external data files', () => {
  it('loads onnx/*.onnx with their .onnx_data beside them and embeds like the inline model', async () => {
    const files = locateModelFiles(await ensureTestModel('tiny', undefined, { flavour: 'external-data' }));
    expect(files.textModel).toMatch(/text_model\.onnx$/);
    const inline = await imageEmbeddings(await model('xenova'), 4);
    const external = await imageEmbeddings(await model('external-data'), 4);
    external.forEach((e, i) => expect(maxDiff(e, inline[i]!)).toBe(0));
    const [text] = await (await model('external-data')).embedTexts([CAPTIONS[0]!]);
    const [inlineText] = await (await model('xenova')).embedTexts([CAPTIONS[0]!]);
    expect(maxDiff(text!.embedding, inlineText!.embedding)).toBe(0);
  });
});

describe('a dynamically quantized (int8) export', () => {
  it('is detected from its graph and capped at one item per run', async () => {
    for (const kind of ['text', 'vision'] as const)
      expect(await encoder('int8', kind)).toMatchObject({ dynamicQuantization: true, maxBatch: 1 });
    expect(await encoder('xenova', 'vision')).toMatchObject({ dynamicQuantization: false });
    expect((await encoder('xenova', 'vision')).maxBatch).toBeUndefined();
  });

  it('would give a frame another embedding in another batch if run batched (why the cap exists)', async () => {
    const session = await ort.InferenceSession.create(
      join(await ensureTestModel('tiny', undefined, { flavour: 'int8' }), 'onnx', 'vision_model.onnx'),
    );
    try {
      const plane = 3 * 224 * 224;
      const pixels = new Float32Array(2 * plane);
      for (let i = 0; i < plane; i++) pixels[i] = Math.sin(i * 0.001) * 0.5;
      for (let i = plane; i < 2 * plane; i++) pixels[i] = Math.cos(i * 0.003) * 2.5;
      const alone = (await session.run({ pixel_values: new ort.Tensor('float32', pixels.slice(0, plane), [1, 3, 224, 224]) })).image_embeds!
        .data as Float32Array;
      const batched = (await session.run({ pixel_values: new ort.Tensor('float32', pixels, [2, 3, 224, 224]) })).image_embeds!
        .data as Float32Array;
      expect(maxDiff(alone, batched.subarray(0, alone.length))).toBeGreaterThan(1e-4);
    } finally {
      await session.release();
    }
  });

  it('gives a frame the same embedding alone or on a board with others', async () => {
    const int8 = await model('int8');
    const alone = await Promise.all(IMAGES.map(async (image) => (await int8.embedImages([image]))[0]!.embedding!));
    const board = await imageEmbeddings(int8, 4);
    board.forEach((e, i) => expect(maxDiff(e, alone[i]!)).toBe(0));
    // And in the other order, beside other frames.
    const reversed = (await int8.embedImages([...IMAGES].reverse(), { batchSize: 4 })).map((r) => r.embedding!).reverse();
    reversed.forEach((e, i) => expect(maxDiff(e, alone[i]!)).toBe(0));
  });

  it('gives a caption the same embedding alone or beside longer captions', async () => {
    const int8 = await model('int8');
    const together = await int8.embedTexts(CAPTIONS, 3);
    for (const [i, caption] of CAPTIONS.entries()) {
      const [alone] = await int8.embedTexts([caption], 1);
      expect(maxDiff(together[i]!.embedding, alone!.embedding)).toBe(0);
    }
  });

  it('stays close to the fp32 model it was quantized from', async () => {
    const full = await imageEmbeddings(await model('xenova'), 4);
    const int8 = await imageEmbeddings(await model('int8'), 4);
    int8.forEach((e, i) => expect(dot(e, full[i]!)).toBeGreaterThan(0.9));
  });
});
