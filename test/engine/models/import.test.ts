// Importing local model folders (Xenova and Immich layouts), removing models, and --model ID|DIR.
import { copyFile, cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ClipModel } from '../../../electron/engine/clip/embedder.ts';
import { parseCatalog } from '../../../electron/engine/models/catalog.ts';
import { resolveModelArg } from '../../../electron/engine/models/manager.ts';
import { exists, failure, testCatalog, testCatalogJson, testManager, TINY_DIM, tinyFiles, tinyModelDir } from './helpers.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { GOLDEN } from '../../paths.ts';

let tiny: string;
let files: Map<string, Buffer>;
let dataDir: string;

beforeAll(async () => {
  tiny = await tinyModelDir();
  files = await tinyFiles();
});

beforeEach(async () => {
  dataDir = tempFolder('frameproof-import-');
});

const manager = () => testManager(dataDir, testCatalog(files, { origin: 'https://example.invalid' }));

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).sort();
}

/** The tiny model rearranged as Immich ships models: textual/ and visual/ with open_clip configs. */
async function immichFolder(options: { resizeMode?: string } = {}): Promise<string> {
  const dir = join(tempFolder('frameproof-immich-'), 'ViT-B-32__openai');
  await mkdir(join(dir, 'textual'), { recursive: true });
  await mkdir(join(dir, 'visual'), { recursive: true });
  await copyFile(join(tiny, 'onnx', 'text_model.onnx'), join(dir, 'textual', 'model.onnx'));
  await copyFile(join(tiny, 'onnx', 'vision_model.onnx'), join(dir, 'visual', 'model.onnx'));
  await copyFile(join(tiny, 'tokenizer.json'), join(dir, 'textual', 'tokenizer.json'));
  await copyFile(join(tiny, 'tokenizer_config.json'), join(dir, 'textual', 'tokenizer_config.json'));
  const preprocess = {
    size: [224, 224],
    mode: 'RGB',
    mean: [0.48145466, 0.4578275, 0.40821073],
    std: [0.26862954, 0.26130258, 0.27577711],
    interpolation: 'bicubic',
    resize_mode: options.resizeMode ?? 'shortest',
    fill_color: 0,
  };
  await writeFile(join(dir, 'visual', 'preprocess_cfg.json'), JSON.stringify(preprocess));
  await writeFile(join(dir, 'config.json'), JSON.stringify({ embed_dim: TINY_DIM, text_cfg: { context_length: 77 } }));
  return dir;
}

describe('importing a Hugging Face/Xenova folder', () => {
  it('validates it and registers it in place, storing nothing of its own', async () => {
    const before = await listing(tiny);
    const model = await manager().import(tiny, { name: 'Storyboard CLIP' });
    expect(model).toMatchObject({
      id: 'storyboard-clip',
      name: 'Storyboard CLIP',
      source: 'import',
      layout: 'xenova',
      path: tiny,
      importedFrom: tiny,
      embeddingDim: TINY_DIM,
    });
    expect(model.files.map((f) => f.path)).toEqual(
      expect.arrayContaining(['onnx/text_model.onnx', 'onnx/vision_model.onnx', 'tokenizer.json', 'preprocessor_config.json']),
    );
    expect(await listing(tiny)).toEqual(before);
    const entry = (await manager().list()).models.find((m) => m.id === 'storyboard-clip');
    expect(entry).toMatchObject({ status: 'installed', source: 'import', diskBytes: 0, path: tiny });
    expect(await manager().resolve('storyboard-clip')).toMatchObject({
      dir: tiny,
      id: 'storyboard-clip',
      source: 'import',
      calibration: null,
    });
  });

  it('names the id after the folder by default, and refuses a taken id or the same folder twice', async () => {
    const copy = join(tempFolder('frameproof-copy-'), 'My Model');
    await cp(tiny, copy, { recursive: true });
    expect((await manager().import(copy)).id).toBe('my-model');
    expect(await failure(manager().import(copy, { name: 'other' }))).toMatchObject({
      code: 'MODEL_ID_TAKEN',
      message: expect.stringMatching(/already imported as "my-model"/),
    });
    expect(await failure(manager().import(tiny, { name: 'My model' }))).toMatchObject({
      code: 'MODEL_ID_TAKEN',
      fix: expect.stringMatching(/--name/),
    });
    // A catalog id cannot be taken by an import: --model tiny must keep meaning the catalog model.
    expect((await failure(manager().import(tiny, { name: 'tiny' }))).code).toBe('MODEL_ID_TAKEN');
  });

  it('lists everything a folder lacks at once', async () => {
    const empty = tempFolder('frameproof-empty-');
    const error = await failure(manager().import(empty));
    expect(error.code).toBe('MODEL_FILE_MISSING');
    expect(error.message).toMatch(/onnx\/text_model\.onnx, onnx\/vision_model\.onnx, tokenizer\.json/);
    expect(await exists(join(dataDir, 'models', 'registry.json'))).toBe(false);
  });

  it('refuses a folder whose encoder is not a readable ONNX model', async () => {
    const broken = join(tempFolder('frameproof-broken-'), 'broken');
    await cp(tiny, broken, { recursive: true });
    await writeFile(join(broken, 'onnx', 'vision_model.onnx'), 'not a model');
    const error = await failure(manager().import(broken));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.file).toBe(join(broken, 'onnx', 'vision_model.onnx'));
    expect(await exists(join(dataDir, 'models', 'registry.json'))).toBe(false);
  });

  it('refuses a folder that is missing or a file', async () => {
    expect((await failure(manager().import(join(dataDir, 'nowhere')))).code).toBe('FOLDER_NOT_FOUND');
    expect((await failure(manager().import(join(tiny, 'config.json')))).code).toBe('MODEL_INVALID');
  });
});

describe('importing an Immich folder', () => {
  it('builds an adapter that links to the originals and embeds exactly like the same model in Xenova layout', async () => {
    const immich = await immichFolder();
    const before = await listing(immich);
    const model = await manager().import(immich);
    expect(model).toMatchObject({
      id: 'vit-b-32__openai',
      layout: 'immich',
      importedFrom: immich,
      path: join(dataDir, 'models', 'vit-b-32__openai'),
      embeddingDim: TINY_DIM,
    });
    expect(model.files.map((f) => f.path).sort()).toEqual([
      'config.json',
      'textual/model.onnx',
      'textual/tokenizer.json',
      'textual/tokenizer_config.json',
      'visual/model.onnx',
      'visual/preprocess_cfg.json',
    ]);
    expect(await listing(immich)).toEqual(before);
    expect(await exists(join(dataDir, 'models', '.staging'))).toBe(true);
    expect(await readdir(join(dataDir, 'models', '.staging'))).toEqual([]);

    const resolved = await manager().resolve(model.id);
    const viaAdapter = await ClipModel.load(resolved.dir, { provider: 'cpu' });
    const direct = await ClipModel.load(tiny, { provider: 'cpu' });
    try {
      const [a] = await viaAdapter.embedTexts(['a lighthouse at dusk']);
      const [b] = await direct.embedTexts(['a lighthouse at dusk']);
      expect(Array.from(a!.embedding)).toEqual(Array.from(b!.embedding));
      expect(viaAdapter.preprocessConfig).toEqual(direct.preprocessConfig);
    } finally {
      await viaAdapter.release();
      await direct.release();
    }
    // The adapter holds links, so the model costs no disk space of its own.
    expect((await manager().list()).models.find((m) => m.id === model.id)?.diskBytes).toBeLessThan(10_000);

    const { removed } = await manager().remove(model.id);
    expect(removed?.id).toBe(model.id);
    expect(await exists(join(dataDir, 'models', model.id))).toBe(false);
    expect(await listing(immich)).toEqual(before);
  });

  it('refuses preprocessing the engine does not do, naming the setting, and leaves nothing behind', async () => {
    const immich = await immichFolder({ resizeMode: 'squash' });
    const error = await failure(manager().import(immich));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/do_center_crop false is not supported/);
    expect(await exists(join(dataDir, 'models', 'vit-b-32__openai'))).toBe(false);
    expect(await readdir(join(dataDir, 'models', '.staging'))).toEqual([]);
    expect(await exists(join(dataDir, 'models', 'registry.json'))).toBe(false);
  });

  it('names the Immich files that are missing', async () => {
    const immich = await immichFolder();
    await rm(join(immich, 'textual', 'tokenizer.json'));
    const error = await failure(manager().import(immich));
    expect(error).toMatchObject({
      code: 'MODEL_FILE_MISSING',
      message: expect.stringMatching(/lacks textual\/tokenizer\.json/),
      file: immich,
    });
  });
});

/** The int8 tiny model as transformers.js caches Xenova/clip-vit-base-patch32: only the q8 pair and the JSON files. */
async function transformersJsCache(towers: readonly ('text' | 'vision')[] = ['text', 'vision']): Promise<string> {
  const int8 = await ensureTestModel('tiny', undefined, { flavour: 'int8' });
  const dir = join(tempFolder('frameproof-tjs-'), 'Xenova', 'clip-vit-base-patch32');
  await mkdir(join(dir, 'onnx'), { recursive: true });
  for (const tower of towers) await copyFile(join(int8, 'onnx', `${tower}_model.onnx`), join(dir, 'onnx', `${tower}_model_quantized.onnx`));
  for (const f of ['tokenizer.json', 'tokenizer_config.json', 'preprocessor_config.json', 'config.json'])
    await copyFile(join(int8, f), join(dir, f));
  return dir;
}

describe('importing a transformers.js cache folder', () => {
  it('opens the q8 pair in place as a fast variant whose embeddings do not depend on the batch', async () => {
    const cache = await transformersJsCache();
    const before = await listing(cache);
    const model = await manager().import(cache);
    expect(model).toMatchObject({ id: 'clip-vit-base-patch32', layout: 'xenova', path: cache, variant: 'fast', embeddingDim: TINY_DIM });
    expect(model.files.map((f) => f.path)).toEqual([
      'onnx/text_model_quantized.onnx',
      'onnx/vision_model_quantized.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
      'preprocessor_config.json',
      'config.json',
    ]);
    expect(model.warnings).toEqual([expect.stringMatching(/int8 \(q8\) encoders only .* fast variant, one frame and caption at a time/)]);
    expect((await manager().list()).models.find((m) => m.id === model.id)).toMatchObject({ status: 'installed', variant: 'fast' });
    expect(await listing(cache)).toEqual(before);

    const clip = await ClipModel.load((await manager().resolve(model.id)).dir, { provider: 'cpu', threads: 1 });
    try {
      const images = ['tiny_64x48', 'palette_400x300', 'strokes_200x300'].map((n) => join(GOLDEN, 'images', `${n}.png`));
      const board = (await clip.embedImages(images, { batchSize: 3 })).map((r) => Array.from(r.embedding!));
      for (const [i, image] of images.entries()) expect(Array.from((await clip.embedImages([image]))[0]!.embedding!)).toEqual(board[i]);
      const captions = ['a photo of a cat', 'CUT TO BLACK.'];
      const together = await clip.embedTexts(captions, 2);
      for (const [i, caption] of captions.entries())
        expect(Array.from((await clip.embedTexts([caption], 1))[0]!.embedding)).toEqual(Array.from(together[i]!.embedding));
    } finally {
      await clip.release();
    }
  });

  it('names the tower a cache that loaded only one of them lacks', async () => {
    const error = await failure(manager().import(await transformersJsCache(['text'])));
    expect(error.code).toBe('MODEL_FILE_MISSING');
    expect(error.message).toBe(
      'The model folder lacks onnx/vision_model_quantized.onnx (it has onnx/text_model_quantized.onnx: the transformers.js cache keeps only the towers a program loaded).',
    );
    expect(error.fix).toMatch(/^Copy onnx\/vision_model_quantized\.onnx from the same repository and revision/);
    expect(await exists(join(dataDir, 'models', 'registry.json'))).toBe(false);
  });

  it('names the dtype it does not open, and what it would open instead', async () => {
    const cache = await transformersJsCache();
    for (const tower of ['text', 'vision'])
      await rename(join(cache, 'onnx', `${tower}_model_quantized.onnx`), join(cache, 'onnx', `${tower}_model_fp16.onnx`));
    await rm(join(cache, 'tokenizer.json'));
    const error = await failure(manager().import(cache));
    expect(error.message).toBe(
      'The model folder lacks onnx/text_model.onnx, onnx/vision_model.onnx, tokenizer.json (or vocab.json + merges.txt). ' +
        'It has only onnx/text_model_fp16.onnx, onnx/vision_model_fp16.onnx (transformers.js dtype fp16), which Frameproof does not open; ' +
        'the q8 pair onnx/text_model_quantized.onnx + onnx/vision_model_quantized.onnx would do instead of the fp32 one.',
    );
  });

  it('prefers the fp32 pair when the folder has both', async () => {
    const cache = await transformersJsCache();
    for (const tower of ['text', 'vision'])
      await copyFile(join(tiny, 'onnx', `${tower}_model.onnx`), join(cache, 'onnx', `${tower}_model.onnx`));
    const model = await manager().import(cache);
    expect(model.variant).toBeUndefined();
    expect(model.files.map((f) => f.path).slice(0, 2)).toEqual(['onnx/text_model.onnx', 'onnx/vision_model.onnx']);
  });
});

describe('removing', () => {
  it('forgets an imported folder without touching it', async () => {
    const before = await listing(tiny);
    await manager().import(tiny, { name: 'mine' });
    const { removed, freedBytes } = await manager().remove('mine');
    expect(removed?.id).toBe('mine');
    expect(freedBytes).toBe(0);
    expect(await listing(tiny)).toEqual(before);
    expect((await manager().installed()).map((m) => m.id)).toEqual([]);
  });

  it('says when there is nothing to remove', async () => {
    expect((await failure(manager().remove('tiny'))).code).toBe('MODEL_NOT_INSTALLED');
    expect((await failure(manager().remove('nothing'))).code).toBe('MODEL_UNKNOWN');
  });
});

describe('resolveModelArg (--model ID or DIR)', () => {
  const options = () => ({
    dataDir,
    catalog: parseCatalog(testCatalogJson(files, { origin: 'https://example.invalid' }), 'test'),
    env: {},
  });

  it('offers the default model, with its size, when nothing is installed', async () => {
    const error = await failure(resolveModelArg(undefined, options()));
    expect(error.code).toBe('MODEL_NOT_INSTALLED');
    expect(error.fix).toMatch(/Download the default model, Tiny CLIP \(full\) \(about \d+(\.\d)? MB\): frameproof models download tiny/);
    expect(error.fix).toMatch(/frameproof models import DIR/);
  });

  it('takes a folder as it is, an installed id, or the only installed model by default', async () => {
    expect(await resolveModelArg(tiny, options())).toEqual({
      dir: tiny,
      id: null,
      name: tiny,
      source: 'folder',
      calibration: null,
      embeddingDim: null,
    });
    await manager().import(tiny, { name: 'mine' });
    expect(await resolveModelArg('mine', options())).toMatchObject({ dir: tiny, id: 'mine', source: 'import', embeddingDim: TINY_DIM });
    expect(await resolveModelArg(undefined, options())).toMatchObject({ id: 'mine' });
  });

  it('explains a catalog model that is not downloaded, an unknown id, a missing folder', async () => {
    expect(await failure(resolveModelArg('tiny-fast', options()))).toMatchObject({
      code: 'MODEL_NOT_INSTALLED',
      fix: expect.stringMatching(/frameproof models download tiny-fast/),
    });
    expect(await failure(resolveModelArg('nope', options()))).toMatchObject({ code: 'MODEL_UNKNOWN' });
    expect(await failure(resolveModelArg('./nope', options()))).toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('says so when an imported folder has gone', async () => {
    const copy = join(tempFolder('frameproof-gone-'), 'gone');
    await cp(tiny, copy, { recursive: true });
    await manager().import(copy);
    await rm(copy, { recursive: true });
    expect(await failure(resolveModelArg('gone', options()))).toMatchObject({
      code: 'MODEL_FILE_MISSING',
      file: copy,
      fix: expect.stringMatching(/Put the folder back/),
    });
    expect((await manager().list()).models.find((m) => m.id === 'gone')?.status).toBe('missing');
    expect(JSON.parse(await readFile(join(dataDir, 'models', 'registry.json'), 'utf8')).models).toHaveLength(1);
  });
});
