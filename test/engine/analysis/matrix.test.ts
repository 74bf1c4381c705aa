import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/analysisBench.ts';
import { centroidOf, dotMany, packRows, productMatrix } from '../../../electron/engine/analysis/matrix.ts';

function randomRows(count: number, dims: number, seed: number) {
  const random = seededRandom(seed);
  return packRows(
    Array.from({ length: count }, () => Float32Array.from({ length: dims }, () => random() - 0.5)),
    dims,
  );
}

function naive(a: ReturnType<typeof randomRows>, i: number, b: ReturnType<typeof randomRows>, j: number): number {
  let sum = 0;
  for (let k = 0; k < a.dims; k++) sum += a.data[i * a.dims + k]! * b.data[j * b.dims + k]!;
  return sum;
}

describe('blocked products', () => {
  it('equal the plain dot products for every shape of remainder (odd rows, columns not a multiple of 4, odd dims)', () => {
    for (const [n, m, dims] of [
      [1, 1, 1],
      [3, 5, 7],
      [4, 8, 16],
      [7, 6, 33],
      [2, 9, 512],
    ] as const) {
      const a = randomRows(n, dims, n * 31 + dims);
      const b = randomRows(m, dims, m * 17 + dims);
      const product = productMatrix(a, b);
      for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) expect(product[i * m + j]).toBeCloseTo(naive(a, i, b, j), 4);
      const out = new Float32Array(m);
      dotMany(
        a,
        n - 1,
        b,
        Int32Array.from({ length: m }, (_, j) => m - 1 - j),
        out,
      );
      for (let j = 0; j < m; j++) expect(out[j]).toBeCloseTo(naive(a, n - 1, b, m - 1 - j), 4);
    }
  });

  it('refuses rows of different sizes', () => {
    expect(() => productMatrix(randomRows(2, 3, 1), randomRows(2, 4, 2))).toThrow('Embedding sizes differ: 3 and 4');
    expect(() => packRows([new Float32Array(3), new Float32Array(4)], 3)).toThrow('Embedding 1 has 4 values, expected 3.');
  });

  it('a centroid is the normalized sum; opposite vectors have none', () => {
    const rows = packRows([Float32Array.of(1, 0), Float32Array.of(0, 1), Float32Array.of(-1, 0)], 2);
    expect(Array.from(centroidOf(rows, [0, 1])!)).toEqual([Math.SQRT1_2, Math.SQRT1_2].map(Math.fround));
    expect(centroidOf(rows, [0, 2])).toBeNull();
  });
});
