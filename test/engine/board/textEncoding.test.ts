import { describe, expect, it } from 'vitest';
import { decodeText, encodeText, roundTrips, splitTrailingNewlines } from '../../../electron/engine/board/textEncoding.ts';

const text = 'Café — “quoted” € naïve';

describe('text encodings', () => {
  it.each([
    ['utf-8', Buffer.from(text, 'utf8')],
    ['utf-8-bom', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
    ['utf-16le', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ['utf-16be', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])],
  ] as const)('decodes %s and encodes it back to the same bytes', (encoding, bytes) => {
    const decoded = decodeText(bytes);
    expect(decoded).toEqual({ text, encoding });
    expect(encodeText(decoded.text, encoding)?.equals(bytes)).toBe(true);
    expect(roundTrips(bytes, decoded)).toBe(true);
  });

  it('reads bytes that are not UTF-8 as Windows-1252, including its 0x80-0x9F punctuation', () => {
    // "Café – “x” €" in Windows-1252.
    const bytes = Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x78, 0x94, 0x20, 0x80]);
    const decoded = decodeText(bytes);
    expect(decoded).toEqual({ text: 'Café – “x” €', encoding: 'windows-1252' });
    expect(encodeText(decoded.text, 'windows-1252')?.equals(bytes)).toBe(true);
  });

  it('round-trips all 256 byte values through Windows-1252', () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const decoded = decodeText(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    // WHATWG's table (Node's TextDecoder('windows-1252') decodes Latin-1 instead, so it cannot be
    // the reference): 0x80-0x9F are punctuation, the five undefined bytes map to C1 controls.
    expect(decoded.text.slice(0x80, 0xa0)).toBe('€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ');
    expect(decoded.text.slice(0xa0)).toBe(Buffer.from(bytes.subarray(0xa0)).toString('latin1'));
    expect(roundTrips(bytes, decoded)).toBe(true);
  });

  it('says when Windows-1252 cannot hold a character', () => {
    expect(encodeText('Привет', 'windows-1252')).toBeNull();
  });

  it('splits trailing line breaks off a 2 MB run of them in linear time', () => {
    const big = `${'\n'.repeat(2_000_000)}x${'\r\n'.repeat(1_000_000)}`;
    const { body, trailing } = splitTrailingNewlines(big);
    expect(body.length).toBe(2_000_001);
    expect(trailing.length).toBe(2_000_000);
  });
});
