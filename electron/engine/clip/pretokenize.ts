// CLIP's pre-tokenizer: special tokens written in the text, English contractions, letter runs,
// single digits (one digit a token) and runs of everything else.
import { PY_WHITESPACE } from './normalize.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function createPreTokenizer(specialTokens: readonly string[]): (text: string) => string[] {
  const specials = specialTokens.map(escapeRegExp).join('|');
  const pattern = new RegExp(
    `${specials ? specials + '|' : ''}'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^${PY_WHITESPACE}\\p{L}\\p{N}]+`,
    'giu',
  );
  return (text) => text.match(pattern) ?? [];
}
