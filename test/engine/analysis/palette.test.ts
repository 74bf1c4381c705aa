import { describe, expect, it } from 'vitest';
import type { PaletteStats } from '../../../electron/common/api.ts';
import { computePaletteStats, GENERIC_THRESHOLDS, labToHex, srgbToLab } from '../../../electron/engine/analysis/index.ts';
import { paletteDrift } from '../../../electron/engine/analysis/paletteDrift.ts';

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

function stats(lightness: number, a = 0, b = 0, chroma = 0, contrast = 10): PaletteStats {
  return { meanLab: [lightness, a, b], stdLab: [contrast, 1, 1], chromaMean: chroma, dominant: [{ lab: [lightness, a, b], hex: labToHex([lightness, a, b]), share: 1 }], pixelCount: 4096 };
}

describe('palette drift', () => {
  const frames = (palettes: PaletteStats[], scene = (_: number) => 'sc01') => palettes.map((palette, i) => ({ shot: String(i + 1), sceneId: scene(i), sceneName: scene(i), palette }));

  it('the darker frame: distance 50 from the scene median, the others 0', () => {
    const result = paletteDrift(frames([stats(90), stats(90), stats(90), stats(90), stats(90), stats(40)]), GENERIC_THRESHOLDS);
    expect(result.distance).toEqual([0, 0, 0, 0, 0, 50]);
    // distances 0 0 0 0 0 50: median 0, MAD 0, scale = floor 2: z = 25
    expect(result.flags.map((f) => f.index)).toEqual([5]);
    const flag = result.flags[0]!.flag;
    expect(flag.reason).toBe('Shot 6, compared with the rest of scene sc01, is darker (lightness 40 vs 90) and uses #5e5e5e, a colour the rest does not (colour distance 50, z = +25.0).');
    expect(flag.numbers).toMatchObject({ distance: 50, lightness: 40, referenceLightness: 90, z: 25, zThreshold: 3 });
  });

  it('names saturation, tone, lighting and new colours', () => {
    // Differences -20, 30, 40 (L*, a*, b*), 50 (chroma), 15 (contrast): distance sqrt(5625) = 75, z = 75 / 2
    const odd = { ...stats(70, 30, 40, 50, 25), dominant: [{ lab: [50, 60, 50] as [number, number, number], hex: '#c0392b', share: 0.6 }] };
    const result = paletteDrift(frames([stats(90), stats(90), stats(90), stats(90), stats(90), odd]), GENERIC_THRESHOLDS);
    expect(result.flags[0]!.flag.reason).toBe(
      'Shot 6, compared with the rest of scene sc01, is darker (lightness 70 vs 90), more saturated (chroma 50 vs 0), yellower and redder in tone (a* 30 vs 0, b* 40 vs 0), lit differently (more contrast: 25 vs 10) and uses #c0392b, a colour the rest does not (colour distance 75, z = +37.5).',
    );
  });

  it('compares with its own scene: a night scene is not drift', () => {
    const palettes = [stats(90), stats(91), stats(89), stats(90), stats(30), stats(31), stats(29), stats(30)];
    const result = paletteDrift(frames(palettes, (i) => (i < 4 ? 'day' : 'night')), GENERIC_THRESHOLDS);
    expect(result.flags).toEqual([]);
  });

  it('small differences stay under the minimum distance even when they are outliers', () => {
    const result = paletteDrift(frames([stats(90), stats(90), stats(90), stats(90), stats(90), stats(84)]), GENERIC_THRESHOLDS);
    expect(result.distance[5]).toBe(6);
    expect(result.flags).toEqual([]);
  });

  it('a lone frame in its scene is compared with the series', () => {
    const result = paletteDrift(frames([stats(90), stats(90), stats(90), stats(90), stats(90), stats(40)], (i) => (i < 5 ? 'a' : 'b')), GENERIC_THRESHOLDS);
    expect(result.flags[0]!.flag.reason).toContain('compared with the rest of the series');
  });
});
