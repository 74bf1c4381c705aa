import { describe, expect, it } from 'vitest';
import { fixText, replaceMojibakeRuns } from '../../../electron/engine/clip/fixText.ts';
import { normalizeCaption } from '../../../electron/engine/clip/normalize.ts';

describe('mojibake repair', () => {
  it('repairs UTF-8 read as cp1252 and leaves other Latin-1 runs alone', () => {
    expect(fixText('cafÃ© â€œquotedâ€\u009d')).toBe('café "quoted"');
    expect(fixText('Ã')).toBe('Ã');
    expect(fixText('Ã' + '\u00a9'.repeat(3))).toBe('Ã©©©');
  });

  it('matches the regular expression it replaces on random text', () => {
    // The rule as ftfy's pattern states it; quadratic on long runs, fine on short ones.
    const cp1252 =
      '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';
    const latin1 = Array.from({ length: 256 }, (_, b) => String.fromCharCode(b))
      .filter((c) => c < '\x80' || c > '\x9f')
      .join('');
    const escape = (s: string) => [...s].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
    const pattern = new RegExp(
      `[\\u00c2-\\u00f4][${escape(cp1252 + latin1)}]*[\\u0080-\\u00bf${escape(cp1252.replace(/[\x81\x8d\x8f\x90\x9d]/g, ''))}]`,
      'g',
    );
    const alphabet = ['\u00c3', '\u00e2', '\u00a9', '\u20ac', '\u0153', '\u0080', 'a', ' ', '\u00c2', '\u00b0', '\u2122', '\u6f22'];
    let seed = 3;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      seed = (seed * 1103515245 + 12345) % 2147483648;
      for (let i = 0; i < seed % 12; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += alphabet[seed % alphabet.length];
      }
      const mark = (run: string) => `<${run}>`;
      expect(replaceMojibakeRuns(text, mark), JSON.stringify(text)).toBe(text.replace(pattern, mark));
    }
  });

  it('scans 100,000 lead characters once, not once per lead', () => {
    // One run from the first lead to the last continuation; not UTF-8, so it stays as written.
    const text = `${'\u00c3'.repeat(100_000)}\u00a9\u6f22caf\u00c3\u00a9`;
    expect(fixText(text) === `${'\u00c3'.repeat(100_000)}\u00a9\u6f22caf\u00e9`).toBe(true);
    expect(replaceMojibakeRuns(text, (run) => String(run.length))).toBe('100001\u6f22caf2');
  });
});

describe('caption whitespace', () => {
  it('strips Python whitespace at both ends and folds runs inside', () => {
    expect(normalizeCaption('\u001c\u3000 a \t\u0085 b \u2029\u001f', { fixText: false })).toBe('a b');
    expect(normalizeCaption(`a${' '.repeat(50_000)}b`, { fixText: false })).toBe('a b');
  });
});
