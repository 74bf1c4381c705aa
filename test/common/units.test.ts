// One minus for everything a person reads; the machine formats keep "-" (csv.test.ts, json.test.ts).
import { describe, expect, it } from 'vitest';
import { formatNumber, formatSigned, MINUS } from '../../electron/common/units.ts';

describe('formatNumber and formatSigned', () => {
  it('print negatives with U+2212 and positives as toFixed does', () => {
    expect(MINUS).toBe('\u2212');
    expect(formatNumber(-0.0123, 3)).toBe('\u22120.012');
    expect(formatNumber(0.2712, 3)).toBe('0.271');
    expect(formatNumber(-12.6, 0)).toBe('\u221213');
    expect(formatSigned(-2.44, 1)).toBe('\u22122.4');
    expect(formatSigned(1.25, 1)).toBe('+1.3');
  });

  it('never print a signed zero: a value that rounds to 0 reads 0', () => {
    expect((-0.0001).toFixed(3)).toBe('-0.000');
    expect(formatNumber(-0.0001, 3)).toBe('0.000');
    expect(formatNumber(-0, 2)).toBe('0.00');
    expect(formatSigned(-0.01, 1)).toBe('0.0');
    expect(formatSigned(0.01, 1)).toBe('0.0');
  });
});
