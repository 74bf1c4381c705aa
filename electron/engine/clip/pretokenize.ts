// CLIP's pre-tokenizer: special tokens written in the text, English contractions, letter runs,
// single digits (one digit a token) and runs of everything else.
import { PY_WHITESPACE } from './normalize.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Pre-tokens one at a time, so a caller that has enough tokens stops reading the text. */
export function createPreTokenizer(specialTokens: readonly string[]): (text: string) => Iterable<string> {
  const specials = specialTokens.map(escapeRegExp).join('|');
  const pattern = new RegExp(
    `${specials ? specials + '|' : ''}'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^${PY_WHITESPACE}\\p{L}\\p{N}]+`,
    'giu',
  );
  return function* preTokenize(text) {
    for (const match of text.matchAll(pattern)) yield match[0];
  };
}
