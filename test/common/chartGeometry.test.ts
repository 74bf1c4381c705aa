// The geometry both series charts draw with: the same frame, scene change and threshold land at the same place.
import { describe, expect, it } from 'vitest';
import {
  cosineRange,
  frameX,
  niceRange,
  plotArea,
  sceneSpans,
  seriesPath,
  slotEdgeX,
  svgNumber,
  thresholdBand,
  ticksOf,
  yScale,
} from '../../electron/common/chartGeometry.ts';

const area = plotArea(120, 70, { top: 10, right: 10, bottom: 10, left: 10 });

describe('chartGeometry', () => {
  it('takes the padding off the plot area, and never goes negative', () => {
    expect(area).toEqual({ left: 10, top: 10, width: 100, height: 50 });
    expect(plotArea(10, 10, { top: 8, right: 8, bottom: 8, left: 8 })).toMatchObject({ width: 0, height: 0 });
  });

  it('puts each frame in the middle of its slot, and a lone frame in the middle', () => {
    expect([0, 1, 2, 3].map((i) => frameX(i, 4, area))).toEqual([22.5, 47.5, 72.5, 97.5]);
    expect(frameX(0, 1, area)).toBe(60);
    expect(slotEdgeX(4, 4, area)).toBe(110);
  });

  it('draws a scene boundary halfway between the last frame of one scene and the first of the next', () => {
    const spans = sceneSpans([0, 3], 5, area);
    expect(spans).toEqual([
      { start: 0, end: 3, x1: 10, x2: 70 },
      { start: 3, end: 5, x1: 70, x2: 110 },
    ]);
    expect(spans[1]!.x1).toBeCloseTo((frameX(2, 5, area) + frameX(3, 5, area)) / 2, 10);
    expect(sceneSpans([], 5, area)).toEqual([{ start: 0, end: 5, x1: 10, x2: 110 }]);
  });

  it('widens a range to round steps that hold every value', () => {
    expect(niceRange([0.21, 0.33])).toEqual({ min: 0.2, max: 0.35, step: 0.05 });
    expect(niceRange([0, 0.4, 0.18, 0.92])).toEqual({ min: 0, max: 1, step: 0.25 });
    const flat = niceRange([0.5, 0.5]);
    expect(flat.min).toBeLessThan(0.5);
    expect(flat.max).toBeGreaterThan(0.5);
    expect(niceRange([])).toEqual({ min: 0, max: 1, step: 0.25 });
    expect(ticksOf({ min: 0.1, max: 0.4, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4]);
  });

  it('maps the range onto the area with the minimum at the bottom', () => {
    const y = yScale({ min: 0, max: 1, step: 0.25 }, area);
    expect([y(0), y(0.5), y(1)]).toEqual([60, 35, 10]);
  });

  it('shades from the threshold down, inside the area', () => {
    const y = yScale({ min: 0, max: 1, step: 0.25 }, area);
    expect(thresholdBand(0.2, y, area)).toEqual({ y: 50, height: 10 });
    expect(thresholdBand(-1, y, area)).toEqual({ y: 60, height: 0 });
    expect(thresholdBand(2, y, area)).toEqual({ y: 10, height: 50 });
  });

  it('lifts the pen over a missing value instead of bridging the gap', () => {
    const x = (i: number) => i * 10;
    const y = (v: number) => v * 100;
    expect(seriesPath([0.1, 0.2, null, 0.4, 0.5, null], x, y)).toBe('M0 10L10 20M30 40L40 50');
    expect(seriesPath([null, 0.333333, null], x, y)).toBe('M10 33.33');
    expect(seriesPath([], x, y)).toBe('');
  });

  it('writes coordinates with two decimals and never "-0"', () => {
    expect([svgNumber(1.005), svgNumber(-0.001), svgNumber(12)]).toEqual(['1', '0', '12']);
  });
});

describe('cosineRange', () => {
  it('keeps a stray threshold from stretching the chart: the range never leaves -1..1', () => {
    expect(cosineRange([0.2, 0.31], 5)).toEqual({ min: 0, max: 1, step: 0.25 });
    expect(cosineRange([0.2, 0.31], -3).min).toBe(-1);
    expect(cosineRange([0.2, 0.31], 0.22)).toEqual({ min: 0, max: 0.4, step: 0.1 });
  });

  it('puts the band of any threshold inside the plot area', () => {
    const plot = plotArea(800, 120, { top: 8, right: 8, bottom: 8, left: 8 });
    for (const threshold of [5, -5, 1, -1, 0.22, Number.POSITIVE_INFINITY]) {
      const y = yScale(cosineRange([0.25], threshold), plot);
      const band = thresholdBand(threshold, y, plot);
      expect(band.y).toBeGreaterThanOrEqual(plot.top);
      expect(band.y + band.height).toBeLessThanOrEqual(plot.top + plot.height + 1e-9);
    }
  });
});
