import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipTokenizer, TOKEN_COUNT_LIMIT, WORD_PIECE_SYMBOLS } from '../../../electron/engine/clip/tokenizer.ts';
import { BytePairEncoder } from '../../../electron/engine/clip/bpe.ts';
import { toByteSymbols } from '../../../electron/engine/clip/byteSymbols.ts';
import { loadBpeFile } from '../../../electron/engine/clip/vocabulary.ts';
import { worstCaseCaptions } from '../../bench/tokenizerBench.ts';
import { BPE_FILE, GOLDEN } from '../../paths.ts';

interface GoldenRecord {
  text: string;
  ids: number[];
  ids77: number[];
  n_tokens: number;
  truncated: boolean;
  ids_ftfy?: number[];
}

const records: GoldenRecord[] = readFileSync(join(GOLDEN, 'tokens.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as GoldenRecord);

const tokenizer = ClipTokenizer.fromBpeFile(BPE_FILE);

describe('CLIP tokenizer against OpenAI golden ids', () => {
  it('has golden records to check', () => {
    expect(records.length).toBeGreaterThan(40);
  });

  it.each(records.map((r) => [JSON.stringify(r.text).slice(0, 60), r] as const))('%s', (_name, record) => {
    const plain = tokenizer.tokenize(record.text, { fixText: false });
    expect(plain.ids).toEqual(record.ids);
    expect(plain.contextIds).toEqual(record.ids77);
    expect(plain.truncated).toBe(record.truncated);
    expect(plain.tokenCount).toBe(record.n_tokens);
    // ftfy as OpenAI's tokenizer runs it when installed: ids_ftfy only where it changes the ids.
    expect(tokenizer.tokenize(record.text, { fixText: true }).ids).toEqual(record.ids_ftfy ?? record.ids);
  });

  it('keeps the end token when truncating, unlike transformers.js', () => {
    const long = tokenizer.tokenize('word '.repeat(200));
    expect(long.truncated).toBe(true);
    expect(long.tokenCount).toBe(202);
    expect(long.contextIds).toHaveLength(77);
    expect(long.contextIds[76]).toBe(tokenizer.endId);
    expect(long.contextIds.slice(0, 76)).toEqual(long.ids.slice(0, 76));
  });

  it('matches the design example', () => {
    expect(tokenizer.tokenize('a photo of a cat').ids).toEqual([49406, 320, 1125, 539, 320, 2368, 49407]);
  });
});

describe('bad captions', () => {
  it('tokenizes an empty caption to start and end only', () => {
    const empty = tokenizer.tokenize('');
    expect(empty.ids).toEqual([tokenizer.startId, tokenizer.endId]);
    expect(empty.truncated).toBe(false);
    expect(tokenizer.tokenize(' \t\n ').ids).toEqual(empty.ids);
  });

  it('handles a 10,000-character caption and reports the full count', () => {
    const caption = 'storyboard '.repeat(910).slice(0, 10_000);
    const tokens = tokenizer.tokenize(caption);
    expect(caption).toHaveLength(10_000);
    expect(tokens.truncated).toBe(true);
    expect(tokens.tokenCount).toBeGreaterThan(900);
    expect(tokens.contextIds).toHaveLength(77);
  });

  it('drops control characters under ftfy and keeps them as bytes without it', () => {
    const text = 'wide\u0000 shot\u0007 of\u001b[31m a cat';
    expect(tokenizer.tokenize(text).ids).toEqual(tokenizer.tokenize('wide shot of a cat').ids);
    const raw = tokenizer.tokenize(text, { fixText: false });
    expect(raw.ids.length).toBeGreaterThan(tokenizer.tokenize('wide shot of a cat').ids.length);
  });

  it('fixes mojibake and ligatures as ftfy does', () => {
    expect(tokenizer.tokenize('cafÃ© ﬁsh').ids).toEqual(tokenizer.tokenize('café fish').ids);
  });

  it('unescapes HTML twice with Python rules', () => {
    expect(tokenizer.tokenize('salt &amp;amp; pepper').ids).toEqual(tokenizer.tokenize('salt & pepper').ids);
    expect(tokenizer.tokenize('&notit;').ids).toEqual(tokenizer.tokenize('¬it;').ids);
    expect(tokenizer.tokenize('&#128;&#1114112;').ids).toEqual(tokenizer.tokenize('€\ufffd').ids);
  });
});

describe('the token count limit', () => {
  const vocabulary = loadBpeFile(BPE_FILE);

  it('counts exactly up to the limit and says "more than" past it', () => {
    const small = new ClipTokenizer(vocabulary, 10);
    // 'a photo of a cat' is 5 body tokens: 7 with start and end.
    expect(small.tokenize('a photo of a cat')).toMatchObject({ tokenCount: 7, countLimited: false });
    expect(small.tokenize('a photo of a cat cat cat')).toMatchObject({ tokenCount: 9, countLimited: false });
    expect(small.tokenize('a photo of a cat cat cat cat')).toMatchObject({ tokenCount: 10, countLimited: false });
    const over = small.tokenize('a photo of a cat cat cat cat cat');
    expect(over).toMatchObject({ tokenCount: 10, countLimited: true });
    expect(over.ids).toHaveLength(10);
    expect(over.ids.at(-1)).toBe(small.endId);
  });

  it('keeps the ids CLIP reads the same whatever the length past the limit', () => {
    const short = tokenizer.tokenize('storyboard frame '.repeat(100));
    const huge = tokenizer.tokenize('storyboard frame '.repeat(6000));
    expect(huge.countLimited).toBe(true);
    expect(huge.tokenCount).toBe(TOKEN_COUNT_LIMIT);
    expect(huge.contextIds).toEqual(short.contextIds);
    expect(short.countLimited).toBe(false);
  });

  it.each(Object.entries(worstCaseCaptions()))('tokenizes a 100,000-character caption of %s', (_shape, text) => {
    const tokens = tokenizer.tokenize(text);
    expect(tokens.contextIds).toHaveLength(77);
    expect(tokens.tokenCount).toBeLessThanOrEqual(TOKEN_COUNT_LIMIT);
    expect(tokens.ids.length).toBe(tokens.tokenCount);
  });
});

describe('overlong words, merged a piece at a time', () => {
  // The whole-word merge of the BPE itself is the reference (exact to OpenAI's, see bpe.test.ts).
  it('keeps every id CLIP reads, and the count within a token a piece', () => {
    let seed = 7;
    const letter = () => 'abcdefghijklmnopqrstuvwxyz'[(seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26]!;
    const word = Array.from({ length: 3 * WORD_PIECE_SYMBOLS + 17 }, letter).join('');
    const pieces = tokenizer.tokenize(word);
    const bpeFile = loadBpeFile(BPE_FILE);
    const bpe = new BytePairEncoder(bpeFile.merges, '</w>');
    const whole = bpe.encodeWord(toByteSymbols(word));
    const wholeIds = whole.map((s) => bpeFile.tokenToId.get(s)!);
    expect(pieces.contextIds.slice(1, 76)).toEqual(wholeIds.slice(0, 75));
    expect(Math.abs(pieces.tokenCount - (wholeIds.length + 2))).toBeLessThanOrEqual(4);
  });

  it('marks the end of the word on the last piece only', () => {
    const bpe = new BytePairEncoder(loadBpeFile(BPE_FILE).merges, '</w>');
    expect(bpe.encodeWord('photo', false).join('')).toBe('photo');
    expect(bpe.encodeWord('photo').join('')).toBe('photo</w>');
  });
});
