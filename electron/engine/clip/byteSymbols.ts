// GPT-2's bytes_to_unicode: every byte gets a printable symbol so BPE never sees whitespace or
// control characters. The vocabulary is written in these symbols.
function buildByteSymbols(): string[] {
  const printable: number[] = [];
  const ranges: Array<[number, number]> = [
    [0x21, 0x7e],
    [0xa1, 0xac],
    [0xae, 0xff],
  ];
  for (const [from, to] of ranges) for (let b = from; b <= to; b++) printable.push(b);
  const symbols = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    symbols[b] = printable.includes(b) ? String.fromCharCode(b) : String.fromCharCode(256 + extra++);
  }
  return symbols;
}

/** Symbol of each byte value, in byte order. */
export const BYTE_SYMBOLS: readonly string[] = buildByteSymbols();

/** The byte values in the order the CLIP vocabulary lists them (printable first). */
export function byteSymbolsInVocabOrder(): string[] {
  const printable: string[] = [];
  const rest: string[] = [];
  BYTE_SYMBOLS.forEach((symbol) => (symbol.charCodeAt(0) < 256 ? printable : rest).push(symbol));
  return [...printable, ...rest];
}

const encoder = new TextEncoder();

const BYTE_SYMBOL_CODES = Uint16Array.from(BYTE_SYMBOLS, (symbol) => symbol.charCodeAt(0));
// fromCharCode takes its arguments on the stack: a long word goes in slices.
const SLICE = 8192;

export function toByteSymbols(text: string): string {
  const bytes = encoder.encode(text);
  const codes = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) codes[i] = BYTE_SYMBOL_CODES[bytes[i]!]!;
  if (codes.length <= SLICE) return String.fromCharCode(...codes);
  let out = '';
  for (let i = 0; i < codes.length; i += SLICE) out += String.fromCharCode(...codes.subarray(i, i + SLICE));
  return out;
}
