// What float16 embedding storage would cost. Run: npx tsx test/engine/store/float16Error.ts
// Cosine as the app computes it (dot of stored vectors, float64 sums), float32 vs float16
// round-tripped, on random unit vectors and on CLIP-like pairs; and the bytes it would save.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openStore } from '../../../electron/engine/store/index.ts';
import { roundTripFloat16 } from './float16.ts';
import { fakeHash, gaussian, seededRandom } from './testData.ts';

export interface ErrorSummary {
  pairs: number;
  meanCosine: number;
  maxAbsError: number;
  meanAbsError: number;
  /** With both vectors L2-normalized again after the round trip. */
  maxAbsErrorRenormalized: number;
}

export interface Float16Report {
  dims: number;
  randomPairs: ErrorSummary;
  clipLikePairs: ErrorSummary;
  /** Images whose best caption among `captionsPerImage` near-equal ones changes. */
  bestCaptionFlips: { images: number; captionsPerImage: number; flips: number; meanGapOfFlips: number };
  bytes: { float32Vector: number; float16Vector: number; float32Database: number; float16Database: number; rows: number };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function normalized(values: Float64Array | Float32Array): Float32Array {
  let sum = 0;
  for (const v of values) sum += v * v;
  const norm = Math.sqrt(sum);
  return Float32Array.from(values, (v) => v / norm);
}

/** CLIP embeddings are not isotropic: per-dimension scales vary and a few dimensions are large. */
function clipLikeScales(dims: number, random: () => number): Float64Array {
  const normal = gaussian(random);
  const scales = Float64Array.from({ length: dims }, () => Math.exp(0.5 * normal()));
  for (let k = 0; k < 4; k++) scales[Math.floor(random() * dims)] = 8;
  return scales;
}

/** A unit vector with cosine about `cosine` to `anchor`, drawn with the given per-dimension scales. */
function partner(anchor: Float32Array, cosine: number, scales: Float64Array, normal: () => number): Float32Array {
  const noise = normalized(Float64Array.from(scales, (s) => s * normal()));
  // Remove the anchor's direction from the noise so the cosine is what was asked for.
  const along = dot(noise, anchor);
  const orthogonal = normalized(Float64Array.from(noise, (v, i) => v - along * anchor[i]!));
  return normalized(Float64Array.from(anchor, (v, i) => cosine * v + Math.sqrt(1 - cosine * cosine) * orthogonal[i]!));
}

function summarize(pairs: [Float32Array, Float32Array][]): ErrorSummary {
  let max = 0;
  let total = 0;
  let maxRenormalized = 0;
  let cosineSum = 0;
  for (const [a, b] of pairs) {
    const exact = dot(a, b);
    const a16 = roundTripFloat16(a);
    const b16 = roundTripFloat16(b);
    const error = Math.abs(dot(a16, b16) - exact);
    max = Math.max(max, error);
    total += error;
    maxRenormalized = Math.max(maxRenormalized, Math.abs(dot(normalized(a16), normalized(b16)) - exact));
    cosineSum += exact;
  }
  return {
    pairs: pairs.length,
    meanCosine: cosineSum / pairs.length,
    maxAbsError: max,
    meanAbsError: total / pairs.length,
    maxAbsErrorRenormalized: maxRenormalized,
  };
}

function databaseBytes(dims: number, rows: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'frameproof-f16-'));
  const store = openStore(join(dir, 'size.sqlite'));
  try {
    const random = seededRandom(dims);
    for (let start = 0; start < rows; start += 100) {
      const batch = Array.from({ length: Math.min(100, rows - start) }, (_, i) => ({
        hash: fakeHash(`size-${start + i}`),
        vector: Float32Array.from({ length: dims }, () => random() - 0.5),
      }));
      store.putImageEmbeddings('m', 'p', batch);
    }
    return store.stats().databaseBytes;
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function measureFloat16(
  options: { vectors?: number; dims?: number; images?: number; captionsPerImage?: number } = {},
): Float16Report {
  const { vectors = 4000, dims = 512, images = 1000, captionsPerImage = 8 } = options;
  const random = seededRandom(20240);
  const normal = gaussian(random);

  const unit = Array.from({ length: vectors }, () => normalized(Float64Array.from({ length: dims }, normal)));
  const randomPairs: [Float32Array, Float32Array][] = [];
  for (let i = 0; i + 1 < unit.length; i += 2) randomPairs.push([unit[i]!, unit[i + 1]!]);

  // Image-caption pairs with cosines in CLIP's usual 0.15-0.40 band.
  const scales = clipLikeScales(dims, random);
  const clipPairs: [Float32Array, Float32Array][] = [];
  for (let i = 0; i < vectors / 2; i++) {
    const image = normalized(Float64Array.from(scales, (s) => s * normal()));
    clipPairs.push([image, partner(image, 0.15 + 0.25 * random(), scales, normal)]);
  }

  // Captions 0.25-0.30 from their image: the close calls where rounding could change the winner.
  let flips = 0;
  let gapSum = 0;
  for (let i = 0; i < images; i++) {
    const image = normalized(Float64Array.from(scales, (s) => s * normal()));
    const captions = Array.from({ length: captionsPerImage }, () => partner(image, 0.25 + 0.05 * random(), scales, normal));
    const exact = captions.map((c) => dot(image, c));
    const image16 = roundTripFloat16(image);
    const rounded = captions.map((c) => dot(image16, roundTripFloat16(c)));
    const best = exact.indexOf(Math.max(...exact));
    const best16 = rounded.indexOf(Math.max(...rounded));
    if (best !== best16) {
      flips++;
      gapSum += exact[best]! - exact[best16]!;
    }
  }

  const rows = 2000;
  return {
    dims,
    randomPairs: summarize(randomPairs),
    clipLikePairs: summarize(clipPairs),
    bestCaptionFlips: { images, captionsPerImage, flips, meanGapOfFlips: flips > 0 ? gapSum / flips : 0 },
    bytes: {
      float32Vector: 4 * dims,
      float16Vector: 2 * dims,
      rows,
      float32Database: databaseBytes(dims, rows),
      // A float16 vector of `dims` values takes the bytes of a float32 one of dims / 2.
      float16Database: databaseBytes(dims / 2, rows),
    },
  };
}

function print(report: Float16Report): void {
  const line = (name: string, s: ErrorSummary): string =>
    `${name}: ${s.pairs} pairs, mean cosine ${s.meanCosine.toFixed(3)}, |error| max ${s.maxAbsError.toExponential(2)} mean ${s.meanAbsError.toExponential(2)} (renormalized max ${s.maxAbsErrorRenormalized.toExponential(2)})`;
  const { bytes, bestCaptionFlips: f } = report;
  console.log(`float16 vs float32, ${report.dims}-d, cosine as dot of the stored vectors`);
  console.log(line('random unit vectors', report.randomPairs));
  console.log(line('CLIP-like pairs    ', report.clipLikePairs));
  console.log(
    `best of ${f.captionsPerImage} captions at cosine 0.25-0.30: ${f.flips} of ${f.images} images change winner (mean true gap ${f.meanGapOfFlips.toExponential(2)})`,
  );
  console.log(
    `bytes: ${bytes.float32Vector} -> ${bytes.float16Vector} per vector; database of ${bytes.rows} rows ${bytes.float32Database} -> ${bytes.float16Database} (${(100 * (1 - bytes.float16Database / bytes.float32Database)).toFixed(1)}% smaller)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) print(measureFloat16());
