import { describe, expect, it } from 'vitest';
import { packRows, productMatrix } from '../../../electron/engine/analysis/matrix.ts';
import { productMatrixReusing } from '../../../electron/engine/analysis/productMemo.ts';

function unitVectors(count: number, dims: number, seed: number): Float32Array[] {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32 - 0.5;
  return Array.from({ length: count }, () => {
    const v = Float32Array.from({ length: dims }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('the remembered frames × captions product', () => {
  it('equals the full product after a caption, an image and a missing caption change', () => {
    const dims = 64;
    const images = unitVectors(37, dims, 1);
    const captions: (Float32Array | undefined)[] = unitVectors(37, dims, 2);
    const check = () => {
      const a = packRows(images, dims);
      const b = packRows(captions, dims);
      const reused = productMatrixReusing(a, b);
      const full = productMatrix(a, b);
      expect(reused).toHaveLength(full.length);
      expect(Math.max(...Array.from(reused, (v, i) => Math.abs(v - full[i]!)))).toBeLessThan(1e-6);
      return reused;
    };
    const first = check();
    captions[5] = unitVectors(1, dims, 99)[0];
    const second = check();
    expect(second[3 * 37 + 5]).not.toBe(first[3 * 37 + 5]);
    expect(second[3 * 37 + 6]).toBe(first[3 * 37 + 6]);
    images[10] = unitVectors(1, dims, 7)[0]!;
    captions[12] = undefined;
    check();
    // A different board (another shape) starts afresh.
    images.push(unitVectors(1, dims, 5)[0]!);
    captions.push(unitVectors(1, dims, 6)[0]);
    check();
  });
});
