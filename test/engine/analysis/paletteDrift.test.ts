import { describe, expect, it } from 'vitest';
import type { PaletteStats } from '../../../electron/common/api.ts';
import { GENERIC_THRESHOLDS } from '../../../electron/engine/analysis/index.ts';
import { paletteDrift } from '../../../electron/engine/analysis/paletteDrift.ts';
import { labToHex } from '../../../electron/engine/scoring/index.ts';

function stats(lightness: number, a = 0, b = 0, chroma = 0, contrast = 10): PaletteStats {
  return {
    meanLab: [lightness, a, b],
    stdLab: [contrast, 1, 1],
    chromaMean: chroma,
    dominant: [{ lab: [lightness, a, b], hex: labToHex([lightness, a, b]), share: 1 }],
    pixelCount: 4096,
  };
}

describe('palette drift', () => {
  const frames = (palettes: PaletteStats[], scene = (_: number) => 'sc01') =>
    palettes.map((palette, i) => ({ shot: String(i + 1), sceneId: scene(i), sceneName: scene(i), palette }));

  it('the darker frame: distance 50 from the scene median, the others 0', () => {
    const result = paletteDrift(frames([stats(90), stats(90), stats(90), stats(90), stats(90), stats(40)]), GENERIC_THRESHOLDS);
    expect(result.distance).toEqual([0, 0, 0, 0, 0, 50]);
    // distances 0 0 0 0 0 50: median 0, MAD 0, scale = floor 2: z = 25
    expect(result.flags.map((f) => f.index)).toEqual([5]);
    const flag = result.flags[0]!.flag;
    expect(flag.reason).toBe(
      'Shot 6, compared with the rest of scene sc01, is darker (lightness 40 vs 90) and uses #5e5e5e, a colour the rest does not (colour distance 50, z = +25.0).',
    );
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
    const result = paletteDrift(
      frames(palettes, (i) => (i < 4 ? 'day' : 'night')),
      GENERIC_THRESHOLDS,
    );
    expect(result.flags).toEqual([]);
  });

  it('small differences stay under the minimum distance even when they are outliers', () => {
    const result = paletteDrift(frames([stats(90), stats(90), stats(90), stats(90), stats(90), stats(84)]), GENERIC_THRESHOLDS);
    expect(result.distance[5]).toBe(6);
    expect(result.flags).toEqual([]);
  });

  it('a lone frame in its scene is compared with the series', () => {
    const result = paletteDrift(
      frames([stats(90), stats(90), stats(90), stats(90), stats(90), stats(40)], (i) => (i < 5 ? 'a' : 'b')),
      GENERIC_THRESHOLDS,
    );
    expect(result.flags[0]!.flag.reason).toContain('compared with the rest of the series');
  });
});
