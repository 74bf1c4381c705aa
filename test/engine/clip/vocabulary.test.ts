import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ClipTokenizer } from '../../../electron/engine/clip/tokenizer.ts';
import { AppError } from '../../../electron/common/errors.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { BPE_FILE } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const CAPTIONS = ['a photo of a cat', "INT. KITCHEN - NIGHT. Maria's hands, 24fps, 180° shutter", 'Dvořák, Łódź, 猫 🙂'];
let modelDir: string;
const reference = ClipTokenizer.fromBpeFile(BPE_FILE);

beforeAll(async () => {
  modelDir = await ensureTestModel('tiny');
});

function folderWith(files: string[]): string {
  const dir = tempFolder('frameproof-vocab-');
  for (const file of files) copyFileSync(join(modelDir, file), join(dir, file));
  return dir;
}

describe('tokenizer files of a model folder', () => {
  it.each([
    ['tokenizer.json', ['tokenizer.json']],
    ['vocab.json + merges.txt', ['vocab.json', 'merges.txt']],
  ])('%s tokenizes as the OpenAI merges file does', (_name, files) => {
    const tokenizer = ClipTokenizer.fromModelDir(folderWith(files));
    for (const caption of CAPTIONS) expect(tokenizer.tokenize(caption).ids).toEqual(reference.tokenize(caption).ids);
  });

  it('takes the context length from tokenizer_config.json', () => {
    const dir = folderWith(['vocab.json', 'merges.txt']);
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ model_max_length: 32 }));
    const tokens = ClipTokenizer.fromModelDir(dir).tokenize('word '.repeat(40));
    expect(tokens.contextIds).toHaveLength(32);
    expect(tokens.truncated).toBe(true);
  });

  it('ignores the "no limit" model_max_length some exports write', () => {
    const dir = folderWith(['vocab.json', 'merges.txt']);
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ model_max_length: 1e30 }));
    expect(ClipTokenizer.fromModelDir(dir).contextLength).toBe(77);
  });

  it('refuses a tokenizer that is not CLIP BPE, naming the file', () => {
    const dir = tempFolder('frameproof-vocab-');
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ model: { type: 'WordPiece', vocab: {} } }));
    expect(() => ClipTokenizer.fromModelDir(dir)).toThrow(AppError);
    expect(() => ClipTokenizer.fromModelDir(dir)).toThrow(/BPE model/);
    const noSpecials = tempFolder('frameproof-vocab-');
    writeFileSync(join(noSpecials, 'vocab.json'), JSON.stringify({ a: 0, 'b</w>': 1 }));
    writeFileSync(join(noSpecials, 'merges.txt'), '#version: 0.2\n');
    expect(() => ClipTokenizer.fromModelDir(noSpecials)).toThrow(/lacks the special tokens <\|startoftext\|> and <\|endoftext\|>/);
  });

  it('says what to add when a folder has no tokenizer', () => {
    const empty = tempFolder('frameproof-vocab-');
    try {
      ClipTokenizer.fromModelDir(empty);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toMatchObject({ code: 'MODEL_FILE_MISSING', file: empty });
      expect((error as AppError).fix).toMatch(/tokenizer\.json/);
    }
  });
});
