import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureTestModel } from '../../models/cache.ts';
import { BPE_FILE, GOLDEN } from '../../paths.ts';
import { runCli } from './run.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { formatNumber } from '../../../electron/common/units.ts';

let model: string;
const work = tempFolder('frameproof-cli-');
const image = join(GOLDEN, 'images/tiny_64x48.png');
const otherImage = join(GOLDEN, 'images/palette_400x300.png');

beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

function norm(v: number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

describe('frameproof tokenize', () => {
  it('writes one JSON object per input line, from the BPE file and from a model folder alike', async () => {
    const input = ['"a photo of a cat"', JSON.stringify('word '.repeat(100))].join('\n');
    const fromBpe = await runCli(['tokenize', '--bpe', BPE_FILE, '--jsonl'], input);
    expect(fromBpe.code).toBe(0);
    const lines = fromBpe.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toEqual({
      text: 'a photo of a cat',
      ids: [49406, 320, 1125, 539, 320, 2368, 49407],
      ids77: expect.any(Array),
      truncated: false,
    });
    expect(lines[0].ids77).toHaveLength(77);
    expect(lines[1].truncated).toBe(true);
    expect(lines[1].ids).toHaveLength(102);
    expect(lines[1].ids77[76]).toBe(49407);
    const fromModel = await runCli(['tokenize', '--model', model, '--jsonl'], input);
    expect(fromModel.stdout).toBe(fromBpe.stdout);
  });

  it('names the bad line', async () => {
    const result = await runCli(['tokenize', '--bpe', BPE_FILE, '--jsonl'], '"fine"\nnot json\n');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line 2 is not JSON/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('frameproof preprocess', () => {
  it('writes the golden tensor for an exact image', async () => {
    const out = join(work, 'tensors');
    const result = await runCli(['preprocess', '--out-dir', out, image]);
    expect(result.code).toBe(0);
    const written = readFileSync(join(out, 'tiny_64x48.f32'));
    expect(written.equals(readFileSync(join(GOLDEN, 'expected/tiny_64x48.f32')))).toBe(true);
  });
});

describe('frameproof embed and score', () => {
  it('prints normalized embeddings in the order given, and a score that is their dot product', async () => {
    const result = await runCli([
      'embed',
      '--model',
      model,
      '--image',
      image,
      '--image',
      otherImage,
      '--text',
      'a cat',
      '--text',
      'a dog',
      '--json',
      '--provider',
      'cpu',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.provider).toBe('cpu');
    expect(json.images.map((i: { path: string }) => i.path)).toEqual([image, otherImage]);
    expect(json.texts.map((t: { text: string }) => t.text)).toEqual(['a cat', 'a dog']);
    for (const item of [...json.images, ...json.texts]) expect(norm(item.embedding)).toBeCloseTo(1, 5);
    expect(json.images[0].embedding).not.toEqual(json.images[1].embedding);

    const score = await runCli(['score', '--model', model, '--image', image, '--text', 'a cat', '--json', '--provider', 'cpu']);
    expect(score.code).toBe(0);
    const { cosine, clipScore } = JSON.parse(score.stdout);
    const dot = json.images[0].embedding.reduce((s: number, v: number, i: number) => s + v * json.texts[0].embedding[i], 0);
    expect(cosine).toBeCloseTo(dot, 5);
    expect(clipScore).toBeCloseTo(100 * Math.max(dot, 0), 3);

    const human = await runCli(['score', '--model', model, '--image', image, '--text', 'a cat', '--provider', 'cpu']);
    expect(human.stdout).toMatch(/CLIP score \(cosine\): \u2212?\d\.\d{4}\nCLIPScore: \d+\.\d{2}/);
    // The minus a person reads (common/units.ts), the JSON's number rounded the same way.
    expect(human.stdout).toContain(`CLIP score (cosine): ${formatNumber(cosine, 4)}\n`);
  });
});

describe('user errors: one line naming the file, exit code 2', () => {
  function expectUserError(result: { code: number | null; stderr: string }, pattern: RegExp) {
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(pattern);
  }

  it('an unreadable image', async () => {
    const bad = join(work, 'broken.png');
    writeFileSync(bad, 'not an image');
    expectUserError(await runCli(['score', '--model', model, '--image', bad, '--text', 'x']), /broken\.png: This file is not an image/);
  });

  it('a model folder missing a file', async () => {
    const partial = join(work, 'partial-model');
    cpSync(model, partial, { recursive: true });
    writeFileSync(join(partial, 'onnx', 'vision_model.onnx'), '');
    const missing = join(work, 'missing-model');
    cpSync(model, missing, { recursive: true, filter: (src) => !src.endsWith('text_model.onnx') });
    expectUserError(
      await runCli(['embed', '--model', missing, '--text', 'x', '--json']),
      /missing-model: The model folder lacks onnx\/text_model\.onnx/,
    );
  });

  it('a garbage .onnx file', async () => {
    const garbage = join(work, 'garbage-model');
    cpSync(model, garbage, { recursive: true });
    writeFileSync(join(garbage, 'onnx', 'vision_model.onnx'), Buffer.from('this is not a protobuf at all, just text '.repeat(40)));
    expectUserError(
      await runCli(['embed', '--model', garbage, '--text', 'x', '--json', '--provider', 'cpu']),
      /vision_model\.onnx: Not a readable ONNX model/,
    );
  });

  it('a model with the wrong layout', async () => {
    const swapped = join(work, 'swapped-model');
    cpSync(model, swapped, { recursive: true });
    copyFileSync(join(model, 'onnx', 'vision_model.onnx'), join(swapped, 'onnx', 'text_model.onnx'));
    expectUserError(
      await runCli(['embed', '--model', swapped, '--text', 'x', '--json', '--provider', 'cpu']),
      /text_model\.onnx: The model has no input named input_ids \(found: pixel_values\)/,
    );
  });

  it('an unknown provider and a missing model folder', async () => {
    expectUserError(
      await runCli(['embed', '--model', model, '--text', 'x', '--json', '--provider', 'tpu']),
      /Should be one of: auto, cuda, dml, coreml, webgpu, cpu/,
    );
    expectUserError(
      await runCli(['embed', '--model', join(work, 'nope'), '--text', 'x', '--json']),
      /nope: The model folder does not exist/,
    );
  });
});
