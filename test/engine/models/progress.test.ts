// Rate and time left, on a clock the test controls.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, RateMeter } from '../../../electron/engine/models/progress.ts';

describe('RateMeter', () => {
  it('measures bytes per second and the time left, not counting bytes resumed from disk', () => {
    let now = 0;
    const meter = new RateMeter(5000, () => now);
    meter.rebase(50_000_000); // found on disk from an earlier run
    now = 1000;
    expect(meter.update(60_000_000, 110_000_000)).toEqual({ rateBytesPerSec: 10_000_000, etaSeconds: 5 });
    now = 1100; // too soon to measure again: the rate holds
    expect(meter.update(61_000_000, 110_000_000).rateBytesPerSec).toBe(10_000_000);
    now = 2000; // 20 MB/s over the last second, smoothed towards it
    const sample = meter.update(80_000_000, 110_000_000);
    expect(sample.rateBytesPerSec).toBeCloseTo(10_000_000 + 0.2 * (20_000_000 - 10_000_000), 0);
    expect(sample.etaSeconds).toBeCloseTo(30_000_000 / 12_000_000, 5);
  });

  it('has no rate before it can measure one, and no time left without a total', () => {
    let now = 0;
    const meter = new RateMeter(5000, () => now);
    expect(meter.update(0, 100)).toEqual({ rateBytesPerSec: null, etaSeconds: null });
    now = 500;
    expect(meter.update(50, null)).toEqual({ rateBytesPerSec: 100, etaSeconds: null });
  });
});

describe('formatting', () => {
  it.each([
    [999, '999 B'],
    [1000, '1.0 kB'],
    [606_000_000, '606 MB'],
    [1_715_000_000, '1.7 GB'],
  ])('%d bytes is %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));

  it.each([
    [42, '42s'],
    [92, '1m32s'],
    [3700, '1h01m'],
  ])('%d seconds is %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
