import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, roundTripFloat16, toFloat16Bits } from './float16.ts';
import { measureFloat16 } from './float16Error.ts';

describe('the float16 converter behind the measurement', () => {
  it.each(
    [
      [1, 0x3c00],
      [-2, 0xc000],
      [65504, 0x7bff],
      [65520, 0x7c00], // halfway to the next binade: ties to even, which is infinity
      [1e6, 0x7c00],
      [2 ** -14, 0x0400],
      [2 ** -24, 0x0001],
      [2 ** -25, 0x0000], // tie between 0 and 2^-24: even is 0
      [1.5 * 2 ** -25, 0x0001],
      [1 + 2 ** -11, 0x3c00], // tie, rounds down to even
      [1 + 3 * 2 ** -11, 0x3c02], // tie, rounds up to even
      [0.1, 0x2e66],
      [1 / 3, 0x3555],
      [-0, 0x8000],
      [Infinity, 0x7c00],
    ].map(([value, bits]) => [String(value), value!, bits!] as const),
  )('%s', (_name, value, bits) => {
    expect(toFloat16Bits(value)).toBe(bits);
    if (Number.isFinite(value) && Math.abs(value) <= 65504) expect(fromFloat16Bits(bits)).toBeCloseTo(value, 3);
  });

  it('keeps NaN a NaN and rounds within half a unit in the last place', () => {
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(Number.NaN)))).toBe(true);
    const values = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 3);
    const back = roundTripFloat16(values);
    values.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -25));
  });
});

describe('float16 storage cost', () => {
  it('changes cosines by well under a CLIPScore point and halves the vector bytes', () => {
    const report = measureFloat16({ vectors: 1000, images: 200 });
    // Each value moves by at most 2^-11 of itself, so for unit vectors |error| <= 2 * 2^-11 * sum |a_i b_i|
    // <= 2^-10 (Cauchy-Schwarz); typical errors are far smaller, as the errors mostly cancel.
    for (const pairs of [report.randomPairs, report.clipLikePairs]) {
      expect(pairs.maxAbsError).toBeLessThan(2 ** -10);
      expect(pairs.meanAbsError).toBeLessThan(1e-4);
      expect(pairs.meanAbsError).toBeGreaterThan(0);
    }
    expect(report.clipLikePairs.meanCosine).toBeGreaterThan(0.2);
    expect(report.bytes.float16Vector).toBe(report.bytes.float32Vector / 2);
    expect(report.bytes.float16Database).toBeLessThan(0.6 * report.bytes.float32Database);
  });
});
