import { describe, expect, it } from 'vitest';
import { computePaletteStats, cropPalette, labToHex, srgbToLab } from '../../../electron/engine/scoring/index.ts';

function solid(width: number, height: number, rgb: number[]): Uint8Array {
  return Uint8Array.from({ length: width * height * rgb.length }, (_, i) => rgb[i % rgb.length]!);
}

describe('CIELAB', () => {
  it('matches reference values (D65): white, black, sRGB red', () => {
    const close = (lab: number[], expected: number[]) => lab.forEach((v, k) => expect(v).toBeCloseTo(expected[k]!, 4));
    close(srgbToLab(255, 255, 255), [100, 0, 0]);
    close(srgbToLab(0, 0, 0), [0, 0, 0]);
    // Bruce Lindbloom's calculator: sRGB (255, 0, 0) -> L 53.24, a 80.09, b 67.20
    const red = srgbToLab(255, 0, 0);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });

  it('goes back to the same sRGB colour', () => {
    for (const hex of ['#ffffff', '#000000', '#ff0000', '#3a7bd5', '#e6c99a']) {
      const [r, g, b] = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
      expect(labToHex(srgbToLab(r, g, b))).toBe(hex);
    }
  });
});

describe('palette statistics', () => {
  it('a white frame: L* 100, no spread, no chroma, one dominant colour', () => {
    const stats = computePaletteStats(solid(8, 8, [255, 255, 255]), 8, 8, 3);
    [100, 0, 0].forEach((v, k) => expect(stats.meanLab[k]).toBeCloseTo(v, 4));
    [0, 0, 0].forEach((v, k) => expect(stats.stdLab[k]).toBeCloseTo(v, 4));
    expect(stats.chromaMean).toBeCloseTo(0, 4);
    expect(stats.dominant).toHaveLength(1);
    expect(stats.dominant[0]).toMatchObject({ hex: '#ffffff', share: 1 });
    expect(stats.pixelCount).toBe(64);
  });

  it('half black, half white: mean L* 50, spread 50, two colours at 50% each', () => {
    const pixels = new Uint8Array(4 * 4 * 3);
    pixels.fill(255, 0, pixels.length / 2); // top two rows white
    const stats = computePaletteStats(pixels, 4, 4, 3);
    expect(stats.meanLab[0]).toBeCloseTo(50, 4);
    expect(stats.stdLab[0]).toBeCloseTo(50, 4);
    expect(stats.dominant.map((d) => [d.hex, d.share]).sort()).toEqual([
      ['#000000', 0.5],
      ['#ffffff', 0.5],
    ]);
  });

  it('a 75/25 split puts the larger colour first, and runs the same every time', () => {
    const pixels = new Uint8Array(8 * 8 * 3);
    for (let p = 0; p < 64; p++) pixels.set(p < 48 ? [200, 30, 30] : [20, 40, 200], p * 3);
    const first = computePaletteStats(pixels, 8, 8, 3);
    expect(first.dominant.map((d) => [d.hex, d.share])).toEqual([
      ['#c81e1e', 0.75],
      ['#1428c8', 0.25],
    ]);
    expect(computePaletteStats(pixels, 8, 8, 3)).toEqual(first);
  });

  it('composites transparency over white and reads grey images', () => {
    const clear = computePaletteStats(solid(4, 4, [0, 0, 0, 0]), 4, 4, 4);
    expect(clear.meanLab[0]).toBeCloseTo(100, 4);
    const grey = computePaletteStats(solid(4, 4, [119]), 4, 4, 1);
    expect(grey.meanLab[0]).toBeCloseTo(srgbToLab(119, 119, 119)[0], 6);
    expect(grey.chromaMean).toBeCloseTo(0, 4);
  });

  it('refuses impossible sizes', () => {
    expect(() => computePaletteStats(new Uint8Array(0), 0, 4, 3)).toThrow('no pixels');
    expect(() => computePaletteStats(new Uint8Array(10), 4, 4, 3)).toThrow('10 bytes for 4x4x3');
    expect(() => computePaletteStats(new Uint8Array(80), 4, 4, 5)).toThrow('5 channels');
  });
});

describe('the palette scoring records', () => {
  it('reads every 4th pixel of the crop CLIP sees, each way', () => {
    // A 8x8 crop whose sampled pixels (rows and columns 0 and 4) are red, every other one blue.
    const pixels = new Uint8Array(8 * 8 * 3);
    for (let y = 0; y < 8; y++)
      for (let x = 0; x < 8; x++) pixels.set(x % 4 === 0 && y % 4 === 0 ? [255, 0, 0] : [0, 0, 255], (y * 8 + x) * 3);
    const palette = cropPalette({ data: pixels, width: 8, height: 8, channels: 3 });
    expect(palette.pixelCount).toBe(4);
    expect(palette.dominant.map((d) => [d.hex, d.share])).toEqual([['#ff0000', 1]]);
  });
});
