// The parts of ftfy.fix_text (ftfy 6, default settings) that change what CLIP sees. OpenAI's
// tokenizer runs ftfy first; we follow its documented steps so curly quotes, BOMs, ligatures,
// full-width forms and common mojibake tokenize as the reference does.

const TERMINAL_ESCAPE = /\x1b\[((?:\d|;)*)([a-zA-Z])/g;
const SINGLE_QUOTES = /[\u02bc\u2018-\u201b]/g;
const DOUBLE_QUOTES = /[\u201c-\u201f]/g;
const LINE_BREAKS = /\r\n|[\r\u2028\u2029\u0085]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// ftfy's CONTROL_CHARS: C0 controls except \t \n \f \r, DEL, deprecated format characters,
// the BOM, interlinear annotation marks, musical formatting, and language tags.
const CONTROL_CHARS = /[\x00-\x08\x0b\x0e-\x1f\x7f\u206a-\u206f\ufeff\ufff9-\ufffc\u{1d173}-\u{1d17a}\u{e0000}-\u{e007f}]/gu;
const C1_CONTROLS = /[\x80-\x9f]/g;

const LIGATURES: Record<string, string> = {
  '\u0132': 'IJ',
  '\u0133': 'ij',
  '\u0149': '\u02bcn',
  '\u01c4': 'D\u017d',
  '\u01c5': 'D\u017e',
  '\u01c6': 'd\u017e',
  '\u01c7': 'LJ',
  '\u01c8': 'Lj',
  '\u01c9': 'lj',
  '\u01ca': 'NJ',
  '\u01cb': 'Nj',
  '\u01cc': 'nj',
  '\u01f1': 'DZ',
  '\u01f2': 'Dz',
  '\u01f3': 'dz',
  '\ufb00': 'ff',
  '\ufb01': 'fi',
  '\ufb02': 'fl',
  '\ufb03': 'ffi',
  '\ufb04': 'ffl',
  '\ufb05': '\u017ft',
  '\ufb06': 'st',
};
const LIGATURE_RE = new RegExp(`[${Object.keys(LIGATURES).join('')}]`, 'g');
const WIDTH_RE = /[\u3000\uff01-\uffef]/g;

// Windows-1252 bytes 0x80..0x9f; the rest of 0x00..0xff is Latin-1.
const CP1252_HIGH =
  '\u20ac\x81\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\x8d\u017d\x8f' +
  '\x90\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\x9d\u017e\u0178';
const CP1252_BYTE = new Map<string, number>();
for (let b = 0; b < 256; b++) {
  const ch = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b);
  CP1252_BYTE.set(ch, b);
}
// The final byte of a mojibake run: a UTF-8 continuation byte (0x80..0xbf) read as cp1252 or Latin-1.
const CONTINUATION = new Set(
  '\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d' +
    '\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178',
);
for (let c = 0x80; c <= 0xbf; c++) CONTINUATION.add(String.fromCharCode(c));
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeMojibake(run: string): string {
  const bytes = Uint8Array.from(run, (ch) => CP1252_BYTE.get(ch) ?? 0x100);
  if (bytes.some((b) => b > 0xff)) return run;
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return run; // not UTF-8 read as cp1252: leave the text as written
  }
}

// Each run is a UTF-8 lead byte read as cp1252/Latin-1 (U+00C2..U+00F4), then the longest stretch
// of cp1252 characters that ends in a continuation character (or the continuation character just
// past them): what /[lead][cp1252]*[continuation]/g matches. A scan, not that regex: the regex
// retries the rest of a stretch from every lead character in it, which is quadratic (100,000 'Ã'
// took seconds).
export function replaceMojibakeRuns(text: string, replace: (run: string) => string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code < 0xc2 || code > 0xf4) {
      i++;
      continue;
    }
    let stretchEnd = i + 1;
    while (stretchEnd < text.length && CP1252_BYTE.has(text[stretchEnd]!)) stretchEnd++;
    let last = stretchEnd < text.length && CONTINUATION.has(text[stretchEnd]!) ? stretchEnd : -1;
    for (let q = stretchEnd - 1; last < 0 && q > i; q--) if (CONTINUATION.has(text[q]!)) last = q;
    if (last >= 0) {
      out += text.slice(copied, i) + replace(text.slice(i, last + 1));
      copied = last + 1;
    }
    // No later lead character in this stretch can end a run: the last continuation is behind it.
    i = last === stretchEnd ? last + 1 : stretchEnd;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

export function fixText(input: string): string {
  let text = input.replace(LONE_SURROGATE, '\ufffd');
  text = text.replace(TERMINAL_ESCAPE, '');
  text = replaceMojibakeRuns(text, decodeMojibake);
  text = text.replace(C1_CONTROLS, (ch) => CP1252_HIGH[ch.charCodeAt(0) - 0x80] ?? ch);
  text = text.replace(LIGATURE_RE, (ch) => LIGATURES[ch] ?? ch);
  text = text.replace(WIDTH_RE, (ch) => (ch === '\u3000' ? ' ' : ch.normalize('NFKC')));
  text = text.replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
  text = text.replace(LINE_BREAKS, '\n');
  text = text.replace(CONTROL_CHARS, '');
  return text.normalize('NFC');
}
