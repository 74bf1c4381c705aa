import { describe, expect, it } from 'vitest';
import { GENERIC_THRESHOLDS } from '../../../electron/engine/analysis/index.ts';
import { continuity } from '../../../electron/engine/analysis/continuity.ts';
import { packRows } from '../../../electron/engine/analysis/matrix.ts';
import { vector } from './helpers.ts';

const X = vector(1, 0);
const Y = vector(0, 1);
const named = (scenes: string[]) => scenes.map((sceneId, i) => ({ id: `f${i + 1}`, shot: String(i + 1), sceneId }));

describe('continuity', () => {
  it('a cut inside a scene: the frame after it is flagged', () => {
    // Similarities with the previous frame: -, 1, 1, 1, 0, 1, 1, 1. Median 1, MAD 0: scale = floor 0.01.
    const images = packRows([X, X, X, X, Y, Y, Y, Y], 2);
    const result = continuity(images, named(Array(8).fill('a')), GENERIC_THRESHOLDS);
    expect(result.similarity).toEqual([null, 1, 1, 1, 0, 1, 1, 1]);
    expect(result.drop).toEqual([null, 0, 0, 0, 1, 0, 0, 0]);
    expect(result.flags.map((f) => f.index)).toEqual([4]);
    const flag = result.flags[0]!.flag;
    expect(flag.reason).toBe(
      'Shot 5 changes suddenly from shot 4 (similarity 0.00, where neighbouring frames typically score 1.00, z = −100.0).',
    );
    expect(flag.numbers).toEqual({ similarity: 0, median: 1, mad: 0, drop: 1, z: -100, zThreshold: -4 });
    expect(flag.relatedFrameIds).toEqual(['f4']);
  });

  it('a lone odd frame is flagged once, as differing from both neighbours', () => {
    const images = packRows([X, X, X, Y, X, X, X], 2);
    const result = continuity(images, named(Array(7).fill('a')), GENERIC_THRESHOLDS);
    expect(result.flags.map((f) => f.index)).toEqual([3]);
    expect(result.flags[0]!.flag.reason).toBe(
      'Shot 4 differs sharply from both neighbours, shot 3 and shot 5 (similarity 0.00 and 0.00, where neighbouring frames typically score 1.00).',
    );
    expect(result.flags[0]!.flag.relatedFrameIds).toEqual(['f3', 'f5']);
  });

  it('compares neighbours within a scene only: a new scene is not a break', () => {
    const images = packRows([X, X, X, X, Y, Y, Y, Y], 2);
    const result = continuity(images, named(['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b']), GENERIC_THRESHOLDS);
    expect(result.similarity).toEqual([null, 1, 1, 1, null, 1, 1, 1]);
    expect(result.flags).toEqual([]);
  });

  it('skips frames without an image and compares across the gap', () => {
    const images = packRows([X, X, undefined, X, X, X, X], 2);
    const result = continuity(images, named(Array(7).fill('a')), GENERIC_THRESHOLDS);
    expect(result.previous).toEqual([null, 0, null, 1, 3, 4, 5]);
    expect(result.flags).toEqual([]);
  });

  it('too few neighbours for a series: no flags', () => {
    const images = packRows([X, X, Y], 2);
    expect(continuity(images, named(['a', 'a', 'a']), GENERIC_THRESHOLDS)).toMatchObject({ summary: null, flags: [] });
  });
});
