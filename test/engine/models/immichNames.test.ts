// A model exported as Immich ships it (text int32 -> embedding, image -> embedding, no mask)
// imports, validates and embeds exactly like the Hugging Face export of the same weights.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipModel } from '../../../electron/engine/clip/embedder.ts';
import { ModelManager } from '../../../electron/engine/models/index.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { generateImmichModel } from '../../models/generate.ts';
import { DEFAULT_SEED } from '../../models/weights.ts';
import { GOLDEN } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

describe("Immich's own input and output names", () => {
  it('imports and embeds like the Hugging Face export of the same weights', async () => {
    const immich = join(tempFolder('frameproof-immich-'), 'ViT-tiny__test');
    await generateImmichModel(immich, 'tiny', { seed: DEFAULT_SEED });
    const manager = new ModelManager({ dataDir: tempFolder('frameproof-immich-data-'), env: {} });
    const installed = await manager.import(immich, { name: 'immich tiny' });
    expect(installed.layout).toBe('immich');
    const resolved = await manager.resolve(installed.id);

    const fromImmich = await ClipModel.load(resolved.dir, { provider: 'cpu' });
    const fromHf = await ClipModel.load(await ensureTestModel('tiny'), { provider: 'cpu' });
    const images = [join(GOLDEN, 'images/tiny_64x48.png'), join(GOLDEN, 'images/palette_400x300.png')];
    const texts = ['a photo of a cat', 'EXT. DESERT - DAY. A lone rider crosses the dunes.'];
    const [a, b] = [await fromImmich.embedImages(images), await fromHf.embedImages(images)];
    const [c, d] = [await fromImmich.embedTexts(texts), await fromHf.embedTexts(texts)];
    const diff = (x: Float32Array, y: Float32Array) => Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i]!)));
    a.forEach((e, i) => expect(diff(e.embedding!, b[i]!.embedding!)).toBeLessThan(1e-5));
    // Immich pads every caption to 77 tokens with no mask; causal attention makes that irrelevant.
    c.forEach((e, i) => expect(diff(e.embedding, d[i]!.embedding)).toBeLessThan(1e-5));
    await Promise.all([fromImmich.release(), fromHf.release()]);
  });
});
