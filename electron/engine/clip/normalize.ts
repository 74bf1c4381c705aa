// CLIP's text cleaning (simple_tokenizer.basic_clean + whitespace_clean + lower), with the
// character sets of the Python reference rather than JavaScript's, which differ.
import { fixText } from './fixText.ts';
import { htmlUnescape } from './htmlUnescape.ts';

// The `regex` module's \s (Unicode White_Space): JS's \s adds U+FEFF and lacks U+0085.
export const PY_WHITESPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
// str.strip() uses str.isspace(), which also counts the separators U+001C..U+001F.
const STRIP_SET = `${PY_WHITESPACE}\\u001c-\\u001f`;
const STRIP_CHAR = new RegExp(`[${STRIP_SET}]`);
const WHITESPACE_RUN = new RegExp(`[${PY_WHITESPACE}]+`, 'g');

export interface NormalizeOptions {
  /** Apply ftfy's text fixes first, as OpenAI's tokenizer does when ftfy is installed. */
  fixText: boolean;
}

// A loop, not /^[..]+|[..]+$/: that regex retries the trailing run at every whitespace run inside
// the text, which is quadratic ('a' + 100,000 spaces + 'b' took seconds).
function strip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && STRIP_CHAR.test(text[start]!)) start++;
  while (end > start && STRIP_CHAR.test(text[end - 1]!)) end--;
  return text.slice(start, end);
}

export function normalizeCaption(text: string, options: NormalizeOptions): string {
  // NFC always: the reference ids compose combining marks even without ftfy (golden 'Ångström').
  let cleaned = options.fixText ? fixText(text) : text.normalize('NFC');
  cleaned = strip(htmlUnescape(htmlUnescape(cleaned)));
  return strip(cleaned.replace(WHITESPACE_RUN, ' ')).toLowerCase();
}
