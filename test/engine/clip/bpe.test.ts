import { describe, expect, it } from 'vitest';
import { BytePairEncoder } from '../../../electron/engine/clip/bpe.ts';
import { toByteSymbols } from '../../../electron/engine/clip/byteSymbols.ts';
import { loadBpeFile } from '../../../electron/engine/clip/vocabulary.ts';
import { BPE_FILE } from '../../paths.ts';

// simple_tokenizer.bpe as OpenAI wrote it (quadratic): the oracle the fast merge must agree with.
function referenceBpe(ranks: Map<string, number>, token: string): string[] {
  let word = [...token.slice(0, -1), token.slice(-1) + '</w>'];
  for (;;) {
    let best: [string, string] | null = null;
    let bestRank = Infinity;
    for (let i = 0; i < word.length - 1; i++) {
      const rank = ranks.get(`${word[i]} ${word[i + 1]}`);
      if (rank !== undefined && rank < bestRank) [bestRank, best] = [rank, [word[i]!, word[i + 1]!]];
    }
    if (!best) return word;
    const next: string[] = [];
    for (let i = 0; i < word.length; i++) {
      if (i < word.length - 1 && word[i] === best[0] && word[i + 1] === best[1]) next.push(word[i++]! + word[i]!);
      else next.push(word[i]!);
    }
    word = next;
  }
}

const vocabulary = loadBpeFile(BPE_FILE);
const ranks = new Map(vocabulary.merges.map(([a, b], rank) => [`${a} ${b}`, rank]));

function randomWords(count: number, seed: number): string[] {
  const pieces = ['a', 'a', 'b', 'e', 'e', 'i', 'n', 'o', 'r', 's', 't', 'th', 'ing', 'er', 'aa', '\u00e9', '\u6f22', '\u{1f642}', '!'];
  const words: string[] = [];
  for (let w = 0; w < count; w++) {
    let word = '';
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const length = 1 + (seed % 40);
    for (let i = 0; i < length; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      word += pieces[seed % pieces.length];
    }
    words.push(word);
  }
  return words;
}

describe('byte-pair merging', () => {
  it('gives the reference merge for thousands of random words', () => {
    const bpe = new BytePairEncoder(vocabulary.merges, '</w>');
    const mismatches = randomWords(3000, 7)
      .map((word) => toByteSymbols(word))
      .filter((symbols) => bpe.encodeWord(symbols).join(' ') !== referenceBpe(ranks, symbols).join(' '));
    expect(mismatches).toEqual([]);
  });

  it('gives the reference merge for long repetitive words, where rounds overlap', () => {
    const bpe = new BytePairEncoder(vocabulary.merges, '</w>');
    for (const word of ['a'.repeat(3001), 'ab'.repeat(700), 'storyboard'.repeat(150), 'aab'.repeat(500)]) {
      const symbols = toByteSymbols(word);
      expect(bpe.encodeWord(symbols)).toEqual(referenceBpe(ranks, symbols));
    }
  });

  it('merges a 100,000-letter word into symbols that spell it', () => {
    const word = 'a'.repeat(100_000);
    const symbols = new BytePairEncoder(vocabulary.merges, '</w>').encodeWord(toByteSymbols(word));
    expect(symbols.join('')).toBe(`${word}</w>`);
    expect(symbols.every((s) => vocabulary.tokenToId.has(s))).toBe(true);
  });

  it('lets a later rule for the same pair win, as a Python dict does', () => {
    // 'b c</w>' is listed first and last: its rank is 2, after 'a b', so 'ab' forms first.
    const bpe = new BytePairEncoder(
      [
        ['b', 'c</w>'],
        ['a', 'b'],
        ['b', 'c</w>'],
      ],
      '</w>',
    );
    expect(bpe.encodeWord('abc')).toEqual(['ab', 'c</w>']);
    expect(bpe.encodeWord('x')).toEqual(['x</w>']);
  });
});
