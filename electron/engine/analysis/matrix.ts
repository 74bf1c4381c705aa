// Embeddings as rows of one Float32Array, and the dot products the detectors need. V8 does not
// vectorize, so the products are register-blocked by hand: 2 rows x 4 rows per pass keeps 8
// accumulators and 6 loads in registers (4 x 4 spills on x86-64 and measured slower).

export interface Rows {
  data: Float32Array;
  dims: number;
  /** Row count, missing rows included (they are zero). */
  count: number;
  /** False where the frame had no embedding. */
  present: boolean[];
}

/** Packs embeddings into rows; a missing one becomes a zero row marked absent. */
export function packRows(vectors: readonly (Float32Array | undefined)[], dims: number): Rows {
  const data = new Float32Array(vectors.length * dims);
  const present = vectors.map((vector, i) => {
    if (!vector) return false;
    if (vector.length !== dims) throw new Error(`Embedding ${i} has ${vector.length} values, expected ${dims}.`);
    data.set(vector, i * dims);
    return true;
  });
  return { data, dims, count: vectors.length, present };
}

/**
 * One accumulator, summed in index order like every product here and like scoring's cosine
 * (clip/vectors.ts dot): the product's diagonal is then that cosine, to float32 storage.
 */
export function rowDot(a: Rows, i: number, b: Rows, j: number): number {
  const d = a.dims;
  const x = a.data;
  const y = b.data;
  const ai = i * d;
  const bj = j * d;
  let sum = 0;
  for (let k = 0; k < d; k++) sum += x[ai + k]! * y[bj + k]!;
  return sum;
}

/** Row i of a against rows js of b, written to out[0..js.length). */
export function dotMany(a: Rows, i: number, b: Rows, js: readonly number[] | Int32Array, out: Float32Array): void {
  const d = a.dims;
  const x = a.data;
  const y = b.data;
  const ai = i * d;
  let c = 0;
  for (; c + 3 < js.length; c += 4) {
    const b0 = js[c]! * d;
    const b1 = js[c + 1]! * d;
    const b2 = js[c + 2]! * d;
    const b3 = js[c + 3]! * d;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let k = 0; k < d; k++) {
      const v = x[ai + k]!;
      s0 += v * y[b0 + k]!;
      s1 += v * y[b1 + k]!;
      s2 += v * y[b2 + k]!;
      s3 += v * y[b3 + k]!;
    }
    out[c] = s0;
    out[c + 1] = s1;
    out[c + 2] = s2;
    out[c + 3] = s3;
  }
  for (; c < js.length; c++) out[c] = rowDot(a, i, b, js[c]!);
}

/** The full product a · bᵀ (a.count x b.count), row-major. */
export function productMatrix(a: Rows, b: Rows): Float32Array {
  if (a.dims !== b.dims) throw new Error(`Embedding sizes differ: ${a.dims} and ${b.dims}`);
  const d = a.dims;
  const n = a.count;
  const m = b.count;
  const x = a.data;
  const y = b.data;
  const out = new Float32Array(n * m);
  const n2 = n - (n % 2);
  const m4 = m - (m % 4);
  for (let i = 0; i < n2; i += 2) {
    const a0 = i * d;
    const a1 = a0 + d;
    for (let j = 0; j < m4; j += 4) {
      const b0 = j * d;
      const b1 = b0 + d;
      const b2 = b1 + d;
      const b3 = b2 + d;
      let s00 = 0,
        s01 = 0,
        s02 = 0,
        s03 = 0,
        s10 = 0,
        s11 = 0,
        s12 = 0,
        s13 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = x[a0 + k]!;
        const x1 = x[a1 + k]!;
        const y0 = y[b0 + k]!;
        const y1 = y[b1 + k]!;
        const y2 = y[b2 + k]!;
        const y3 = y[b3 + k]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const o0 = i * m + j;
      const o1 = o0 + m;
      out[o0] = s00;
      out[o0 + 1] = s01;
      out[o0 + 2] = s02;
      out[o0 + 3] = s03;
      out[o1] = s10;
      out[o1 + 1] = s11;
      out[o1 + 2] = s12;
      out[o1 + 3] = s13;
    }
    for (let j = m4; j < m; j++) {
      out[i * m + j] = rowDot(a, i, b, j);
      out[(i + 1) * m + j] = rowDot(a, i + 1, b, j);
    }
  }
  if (n2 < n) {
    const row = out.subarray(n2 * m, (n2 + 1) * m);
    dotMany(
      a,
      n2,
      b,
      Int32Array.from({ length: m }, (_, j) => j),
      row,
    );
  }
  return out;
}

/** Normalized sum of the given rows (a centroid on the unit sphere); null when it has no direction. */
export function centroidOf(rows: Rows, indexes: readonly number[]): Float32Array | null {
  const sum = new Float64Array(rows.dims);
  for (const i of indexes) {
    const base = i * rows.dims;
    for (let k = 0; k < rows.dims; k++) sum[k]! += rows.data[base + k]!;
  }
  return normalizedOrNull(sum);
}

export function normalizedOrNull(vector: Float64Array | Float32Array): Float32Array | null {
  let norm = 0;
  for (const v of vector) norm += v * v;
  norm = Math.sqrt(norm);
  if (!(norm > 1e-9)) return null;
  const out = new Float32Array(vector.length);
  for (let k = 0; k < vector.length; k++) out[k] = vector[k]! / norm;
  return out;
}

export function dotVector(rows: Rows, i: number, vector: Float32Array | Float64Array): number {
  const base = i * rows.dims;
  let sum = 0;
  for (let k = 0; k < rows.dims; k++) sum += rows.data[base + k]! * vector[k]!;
  return sum;
}
