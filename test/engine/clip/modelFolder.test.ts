// A model folder with half a tokenizer is refused up front, naming the missing file.
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateModelFiles } from '../../../electron/engine/clip/modelFolder.ts';
import { ensureTestModel } from '../../models/cache.ts';

describe('locateModelFiles', () => {
  it('refuses vocab.json without merges.txt, saying merges.txt is what is missing', async () => {
    const model = await ensureTestModel('tiny');
    const dir = await mkdtemp(join(tmpdir(), 'frameproof-halftok-'));
    await mkdir(join(dir, 'onnx'));
    for (const f of ['onnx/text_model.onnx', 'onnx/vision_model.onnx', 'vocab.json']) await copyFile(join(model, f), join(dir, f));
    expect(() => locateModelFiles(dir)).toThrow(/lacks merges\.txt \(it has vocab\.json/);
    await copyFile(join(model, 'merges.txt'), join(dir, 'merges.txt'));
    expect(locateModelFiles(dir).textModel).toMatch(/text_model\.onnx$/);
  });
});
