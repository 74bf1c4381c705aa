// A model exported as Immich ships it (text int32 -> embedding, image -> embedding, no mask), with
// dynamic shapes, with current exports' static ones (text [1, 77], image [1, 3, S, S]) and with its
// weights in model.onnx_data files, imports, validates and embeds a board of several frames exactly
// like the Hugging Face export of the same weights.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipModel } from '../../../electron/engine/clip/embedder.ts';
import { ModelManager } from '../../../electron/engine/models/index.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { generateImmichModel, type ImmichOptions } from '../../models/generate.ts';
import { DEFAULT_SEED } from '../../models/weights.ts';
import { GOLDEN } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const EXPORTS: Array<[string, ImmichOptions]> = [
  ['dynamic shapes', {}],
  ['static shapes, batch 1', { staticShapes: true }],
  ['static shapes and weights in model.onnx_data', { staticShapes: true, externalData: true }],
];

describe("Immich's exports", () => {
  it.each(EXPORTS)(
    '%s: imports and embeds like the Hugging Face export of the same weights',
    async (_, options) => {
      const immich = join(tempFolder('frameproof-immich-'), 'ViT-tiny__test');
      await generateImmichModel(immich, 'tiny', { seed: DEFAULT_SEED, ...options });
      const manager = new ModelManager({ dataDir: tempFolder('frameproof-immich-data-'), env: {} });
      const installed = await manager.import(immich, { name: 'immich tiny' });
      expect(installed.layout).toBe('immich');
      const resolved = await manager.resolve(installed.id);

      const fromImmich = await ClipModel.load(resolved.dir, { provider: 'cpu' });
      const fromHf = await ClipModel.load(await ensureTestModel('tiny'), { provider: 'cpu' });
      const images = ['tiny_64x48', 'palette_400x300', 'strokes_200x300'].map((n) => join(GOLDEN, `images/${n}.png`));
      const texts = ['a photo of a cat', 'EXT. DESERT - DAY. A lone rider crosses the dunes.', 'CUT TO BLACK.'];
      const [a, b] = [await fromImmich.embedImages(images, { batchSize: 3 }), await fromHf.embedImages(images, { batchSize: 3 })];
      const [c, d] = [await fromImmich.embedTexts(texts, 3), await fromHf.embedTexts(texts, 3)];
      expect(a.every((e) => e.embedding !== undefined)).toBe(true);
      const diff = (x: Float32Array, y: Float32Array) => Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i]!)));
      a.forEach((e, i) => expect(diff(e.embedding!, b[i]!.embedding!)).toBeLessThan(1e-5));
      // Immich pads every caption to 77 tokens with no mask; causal attention makes that irrelevant.
      c.forEach((e, i) => expect(diff(e.embedding, d[i]!.embedding)).toBeLessThan(1e-5));
      await Promise.all([fromImmich.release(), fromHf.release()]);
    },
    60_000,
  );
});
