// The generated test models must load in onnxruntime-node and agree with an independent forward pass.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getConfig } from './configs.ts';
import { generateModel, MARKER_FILE } from './generate.ts';
import { referenceImageEmbeds, referenceTextEmbeds } from './reference.ts';
import { generateWeights, type Weights } from './weights.ts';

const CONFIG = getConfig('tiny');
const SEED = 7;
const CONTEXT = CONFIG.text.contextLength;
const IMAGE = CONFIG.vision.imageSize;
const TOLERANCE = 1e-4;

const CAT = [49406, 320, 1125, 539, 320, 2368, 49407]; // 'a photo of a cat'
const CUT_TO_BLACK = [49406, 3032, 531, 1449, 269, 49407]; // 'CUT TO BLACK.'

const padTo = (ids: number[], length: number, value = 0): number[] => [...ids, ...new Array<number>(length - ids.length).fill(value)];
const maskFor = (ids: number[], length: number): number[] =>
  padTo(
    ids.map(() => 1),
    length,
  );

function int64Tensor(rows: number[][]): ort.Tensor {
  const width = rows[0]?.length ?? 0;
  return new ort.Tensor(
    'int64',
    BigInt64Array.from(rows.flat(), (v) => BigInt(v)),
    [rows.length, width],
  );
}

function rowsOf(t: ort.Tensor): Float32Array[] {
  const [batch, width] = t.dims;
  const data = t.data as Float32Array;
  return Array.from({ length: batch ?? 0 }, (_, b) => data.slice(b * width!, (b + 1) * width!));
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

function expectClose(actual: Float32Array[], expected: Float32Array[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    const want = expected[i]!;
    expect(row.length).toBe(want.length);
    for (let j = 0; j < row.length; j++) {
      if (!(Math.abs(row[j]! - want[j]!) <= TOLERANCE)) {
        throw new Error(`row ${i} element ${j}: onnx ${row[j]} vs reference ${want[j]}`);
      }
    }
  });
}

/** Smooth per-image patterns plus hashed noise, roughly the range of CLIP-normalized pixels. */
function testImages(batch: number): Float32Array {
  const px = new Float32Array(batch * 3 * IMAGE * IMAGE);
  let state = 12345;
  for (let i = 0; i < px.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    const b = Math.floor(i / (3 * IMAGE * IMAGE));
    const y = Math.floor(i / IMAGE) % IMAGE;
    const x = i % IMAGE;
    px[i] = 1.5 * Math.sin((x + 2 * y) * (0.02 + 0.05 * b)) + (state / 2 ** 32 - 0.5);
  }
  return px;
}

describe('generated tiny CLIP test model', () => {
  let dir: string;
  let weights: Weights;
  let text: ort.InferenceSession;
  let vision: ort.InferenceSession;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'frameproof-models-'));
    // The variant with attention_mask, so the mask's effect on padding can be checked here.
    await generateModel(join(dir, 'a'), 'tiny', { seed: SEED, flavour: 'xenova-mask' });
    weights = generateWeights(CONFIG, SEED);
    text = await ort.InferenceSession.create(join(dir, 'a', 'onnx', 'text_model.onnx'));
    vision = await ort.InferenceSession.create(join(dir, 'a', 'onnx', 'vision_model.onnx'));
  }, 60_000);

  afterAll(async () => {
    await text?.release();
    await vision?.release();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('declares the Xenova input/output names and shapes', () => {
    expect(text.inputNames).toEqual(['input_ids', 'attention_mask']);
    expect(text.outputNames).toEqual(['text_embeds']);
    expect(vision.inputNames).toEqual(['pixel_values']);
    expect(vision.outputNames).toEqual(['image_embeds']);
    const meta = (m: readonly ort.InferenceSession.ValueMetadata[]) => m.map((v) => (v.isTensor ? [v.name, v.type, v.shape] : [v.name]));
    expect(meta(text.inputMetadata)).toEqual([
      ['input_ids', 'int64', ['batch', 'sequence']],
      ['attention_mask', 'int64', ['batch', 'sequence']],
    ]);
    expect(meta(text.outputMetadata)).toEqual([['text_embeds', 'float32', ['batch', CONFIG.projectionDim]]]);
    expect(meta(vision.inputMetadata)).toEqual([['pixel_values', 'float32', ['batch', 3, IMAGE, IMAGE]]]);
    expect(meta(vision.outputMetadata)).toEqual([['image_embeds', 'float32', ['batch', CONFIG.projectionDim]]]);
  });

  it('text embeddings match the reference forward pass', async () => {
    const ids = [padTo(CAT, CONTEXT), padTo(CUT_TO_BLACK, CONTEXT)];
    const mask = [maskFor(CAT, CONTEXT), maskFor(CUT_TO_BLACK, CONTEXT)];
    const out = (await text.run({ input_ids: int64Tensor(ids), attention_mask: int64Tensor(mask) })).text_embeds!;
    expect(out.type).toBe('float32');
    expect(out.dims).toEqual([2, CONFIG.projectionDim]);
    const rows = rowsOf(out);
    expectClose(rows, referenceTextEmbeds(weights, CONFIG, ids, mask));
    // Guards against a degenerate model that would make the comparison vacuous.
    expect(Math.max(...rows[0]!.map(Math.abs))).toBeGreaterThan(0.1);
    expect(maxAbsDiff(rows[0]!, rows[1]!)).toBeGreaterThan(0.05);
  });

  it('handles other sequence lengths, right padding and masked tokens', async () => {
    // Unpadded length-7 batch: same result as the padded one (causal attention hides the padding).
    const short = (await text.run({ input_ids: int64Tensor([CAT]), attention_mask: int64Tensor([CAT.map(() => 1)]) })).text_embeds!;
    expectClose(rowsOf(short), referenceTextEmbeds(weights, CONFIG, [CAT]));
    const padded = (await text.run({ input_ids: int64Tensor([padTo(CAT, 12)]), attention_mask: int64Tensor([maskFor(CAT, 12)]) }))
      .text_embeds!;
    expect(maxAbsDiff(rowsOf(short)[0]!, rowsOf(padded)[0]!)).toBeLessThan(TOLERANCE);

    // A zero in the mask before the end token must change the result, as the reference says.
    const holed = [[1, 1, 0, 1, 1, 1, 1]];
    const masked = (await text.run({ input_ids: int64Tensor([CAT]), attention_mask: int64Tensor(holed) })).text_embeds!;
    expectClose(rowsOf(masked), referenceTextEmbeds(weights, CONFIG, [CAT], holed));
    expect(maxAbsDiff(rowsOf(masked)[0]!, rowsOf(short)[0]!)).toBeGreaterThan(1e-3);

    // Left padding leaves fully masked query rows; they must not leak into the pooled token.
    const leftIds = [[0, 0, ...CAT]];
    const leftMask = [[0, 0, ...CAT.map(() => 1)]];
    const left = (await text.run({ input_ids: int64Tensor(leftIds), attention_mask: int64Tensor(leftMask) })).text_embeds!;
    const leftRows = rowsOf(left);
    expect(leftRows[0]!.every(Number.isFinite)).toBe(true);
    expectClose(leftRows, referenceTextEmbeds(weights, CONFIG, leftIds, leftMask));
  });

  it('image embeddings match the reference forward pass', async () => {
    const pixels = testImages(2);
    const out = (await vision.run({ pixel_values: new ort.Tensor('float32', pixels, [2, 3, IMAGE, IMAGE]) })).image_embeds!;
    expect(out.type).toBe('float32');
    expect(out.dims).toEqual([2, CONFIG.projectionDim]);
    const rows = rowsOf(out);
    expectClose(rows, referenceImageEmbeds(weights, CONFIG, pixels, 2));
    expect(Math.max(...rows[0]!.map(Math.abs))).toBeGreaterThan(0.1);
    expect(maxAbsDiff(rows[0]!, rows[1]!)).toBeGreaterThan(0.05);
  });

  it('is deterministic per seed', async () => {
    await generateModel(join(dir, 'b'), 'tiny', { seed: SEED, flavour: 'xenova-mask' });
    await generateModel(join(dir, 'c'), 'tiny', { seed: SEED + 1, flavour: 'xenova-mask' });
    for (const file of ['text_model.onnx', 'vision_model.onnx']) {
      const a = await readFile(join(dir, 'a', 'onnx', file));
      const b = await readFile(join(dir, 'b', 'onnx', file));
      const c = await readFile(join(dir, 'c', 'onnx', file));
      expect(a.equals(b)).toBe(true);
      expect(a.equals(c)).toBe(false);
    }
    const other = await ort.InferenceSession.create(join(dir, 'c', 'onnx', 'vision_model.onnx'));
    try {
      const pixels = testImages(1);
      const feeds = { pixel_values: new ort.Tensor('float32', pixels, [1, 3, IMAGE, IMAGE]) };
      const mine = rowsOf((await vision.run(feeds)).image_embeds!)[0]!;
      const theirs = rowsOf((await other.run(feeds)).image_embeds!)[0]!;
      expect(maxAbsDiff(mine, theirs)).toBeGreaterThan(0.05);
    } finally {
      await other.release();
    }
    expect(JSON.parse(await readFile(join(dir, 'c', MARKER_FILE), 'utf8'))).toMatchObject({ config: 'tiny', seed: SEED + 1 });
  }, 60_000);

  it('writes the CLIP vocabulary and tokenizer files', async () => {
    const vocab = JSON.parse(await readFile(join(dir, 'a', 'vocab.json'), 'utf8')) as Record<string, number>;
    expect(Object.keys(vocab)).toHaveLength(49408);
    expect(new Set(Object.values(vocab)).size).toBe(49408);
    expect(vocab['<|startoftext|>']).toBe(49406);
    expect(vocab['<|endoftext|>']).toBe(49407);
    expect(vocab['!']).toBe(0);
    expect(vocab['!</w>']).toBe(256);
    // Ids the real CLIP tokenizer gives 'a photo of a cat'.
    expect([vocab['a</w>'], vocab['photo</w>'], vocab['of</w>'], vocab['cat</w>']]).toEqual([320, 1125, 539, 2368]);

    const merges = (await readFile(join(dir, 'a', 'merges.txt'), 'utf8')).trimEnd().split('\n');
    expect(merges[0]).toBe('#version: 0.2');
    expect(merges).toHaveLength(48894 + 1);
    expect(merges[1]).toBe('i n');

    const tokenizer = JSON.parse(await readFile(join(dir, 'a', 'tokenizer.json'), 'utf8')) as {
      model: { type: string; vocab: Record<string, number>; merges: string[]; end_of_word_suffix: string };
      added_tokens: { id: number; content: string }[];
    };
    expect(tokenizer.model.type).toBe('BPE');
    expect(tokenizer.model.end_of_word_suffix).toBe('</w>');
    expect(tokenizer.model.vocab).toEqual(vocab);
    expect(tokenizer.model.merges).toEqual(merges.slice(1));
    expect(tokenizer.added_tokens.map((t) => [t.id, t.content])).toEqual([
      [49406, '<|startoftext|>'],
      [49407, '<|endoftext|>'],
    ]);

    const config = JSON.parse(await readFile(join(dir, 'a', 'config.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(config.text_config).toMatchObject({ hidden_size: 32, vocab_size: 49408, eos_token_id: 49407, max_position_embeddings: 77 });
    expect(config.vision_config).toMatchObject({ image_size: 224, patch_size: 32 });
  });
});
