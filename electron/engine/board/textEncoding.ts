// Caption and manifest files come in whatever the person's tool wrote: UTF-8 with or without a
// BOM, UTF-16 with a BOM (Notepad's "Unicode"), or Windows-1252 (old Excel "CSV"). Decoding keeps
// the encoding so a write puts the same kind of bytes back, and windows-1252 has its own table so
// that decode followed by encode gives the original bytes exactly (TextDecoder has no encoder).
import type { TextEncodingName } from '../../common/api.ts';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

// Windows-1252 bytes 0x80..0x9F; the five undefined ones map to the C1 controls, as WHATWG does.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const CP1252_ENCODE = new Map<number, number>(CP1252_HIGH.map((codePoint, i) => [codePoint, 0x80 + i]));

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16le = new TextDecoder('utf-16le', { ignoreBOM: true });

function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes: number[] = [];
    const end = Math.min(bytes.length, start + CHUNK);
    for (let i = start; i < end; i++) {
      const b = bytes[i] as number;
      codes.push(b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] as number) : b);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

function swapBytes(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  return out;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    try {
      return { text: utf8.decode(body), encoding: 'utf-8-bom' };
    } catch {
      return { text: new TextDecoder('utf-8').decode(body), encoding: 'utf-8-bom' };
    }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16le.decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16le.decode(swapBytes(bytes.subarray(2))), encoding: 'utf-16be' };
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not valid UTF-8: an 8-bit file, and on the machines that write those, Windows-1252.
    return { text: decodeCp1252(bytes), encoding: 'windows-1252' };
  }
}

/** The bytes for `text` in `encoding`, BOM included; null when windows-1252 cannot hold a character. */
export function encodeText(text: string, encoding: TextEncodingName): Buffer | null {
  switch (encoding) {
    case 'utf-8':
      return Buffer.from(text, 'utf8');
    case 'utf-8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf-16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    case 'utf-16be':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), swapBytes(Buffer.from(text, 'utf16le'))]);
    case 'windows-1252': {
      const out = Buffer.alloc(text.length);
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const byte = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : CP1252_ENCODE.get(c);
        if (byte === undefined) return null;
        out[i] = byte;
      }
      return out;
    }
  }
}

/** True when decoding and encoding again gives these very bytes, so an edit can leave the rest untouched. */
export function roundTrips(bytes: Uint8Array, decoded: DecodedText): boolean {
  const again = encodeText(decoded.text, decoded.encoding);
  return again !== null && Buffer.compare(again, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) === 0;
}

/** The text without its trailing line breaks, and those line breaks (kept on write). Linear, no regex. */
export function splitTrailingNewlines(text: string): { body: string; trailing: string } {
  let end = text.length;
  while (end > 0) {
    const c = text.charCodeAt(end - 1);
    if (c !== 10 && c !== 13) break;
    end--;
  }
  return { body: text.slice(0, end), trailing: text.slice(end) };
}
