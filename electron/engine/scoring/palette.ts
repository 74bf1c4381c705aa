// A frame's colour statistics from raw pixels: computed while scoring, from the crop CLIP sees
// (cropPalette), or from any raw pixels (computePaletteStats). Pixels with alpha are composited
// over white, as a storyboard page shows them. The analysis compares them (analysis/paletteDrift.ts).
import type { DominantColour, LabColour, PaletteStats } from '../../common/api.ts';
import type { RawImage } from '../clip/index.ts';
import { labToHex, linearRgbToLab, SRGB_TO_LINEAR } from './colour.ts';

export interface PaletteOptions {
  /** Dominant colours to find (k of k-means). */
  colours?: number;
  /** k-means runs on at most this many pixels, taken on an even grid. */
  maxSamples?: number;
  iterations?: number;
}

export function computePaletteStats(
  pixels: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
  options: PaletteOptions = {},
): PaletteStats {
  const { colours = 5, maxSamples = 1024, iterations = 10 } = options;
  const count = width * height;
  if (!Number.isInteger(width) || !Number.isInteger(height) || count <= 0) throw new Error(`Palette: no pixels (${width}x${height}).`);
  if (channels < 1 || channels > 4) throw new Error(`Palette: ${channels} channels per pixel; expected 1 to 4.`);
  if (pixels.length < count * channels) throw new Error(`Palette: ${pixels.length} bytes for ${width}x${height}x${channels}.`);
  const lab = new Float64Array(count * 3);
  const grey = channels <= 2;
  const alphaAt = channels === 2 || channels === 4 ? channels - 1 : -1;
  for (let p = 0; p < count; p++) {
    const base = p * channels;
    let r = SRGB_TO_LINEAR[pixels[base]!]!;
    let g = grey ? r : SRGB_TO_LINEAR[pixels[base + 1]!]!;
    let b = grey ? r : SRGB_TO_LINEAR[pixels[base + 2]!]!;
    if (alphaAt >= 0) {
      // Compositing happens in linear light; white is 1.
      const alpha = pixels[base + alphaAt]! / 255;
      r = r * alpha + (1 - alpha);
      g = g * alpha + (1 - alpha);
      b = b * alpha + (1 - alpha);
    }
    linearRgbToLab(r, g, b, lab, p * 3);
  }
  const sum = [0, 0, 0];
  let chroma = 0;
  for (let p = 0; p < count; p++) {
    for (let c = 0; c < 3; c++) sum[c]! += lab[p * 3 + c]!;
    chroma += Math.hypot(lab[p * 3 + 1]!, lab[p * 3 + 2]!);
  }
  const meanLab = sum.map((s) => s / count) as LabColour;
  const squares = [0, 0, 0];
  for (let p = 0; p < count; p++) for (let c = 0; c < 3; c++) squares[c]! += (lab[p * 3 + c]! - meanLab[c]!) ** 2;
  const stdLab = squares.map((s) => Math.sqrt(s / count)) as LabColour;
  return {
    meanLab,
    stdLab,
    chromaMean: chroma / count,
    dominant: dominantColours(lab, width, height, colours, maxSamples, iterations),
    pixelCount: count,
  };
}

function subsample(image: RawImage, step: number): RawImage {
  const width = Math.ceil(image.width / step);
  const height = Math.ceil(image.height / step);
  const { channels } = image;
  const data = new Uint8Array(width * height * channels);
  const source = image.data;
  let to = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Byte by byte: a subarray per pixel costs more than the copy (this runs beside the encoder).
      const from = (y * step * image.width + x * step) * channels;
      for (let c = 0; c < channels; c++) data[to++] = source[from + c]!;
    }
  }
  return { data, width, height, channels };
}

/**
 * The palette of the pixels CLIP sees. Colour statistics need no more than every 4th pixel each
 * way (3,136 of a 224 crop): a quarter of a millisecond instead of twelve, off the decoding path.
 */
export function cropPalette(pixels: RawImage): PaletteStats {
  const small = subsample(pixels, 4);
  return computePaletteStats(small.data, small.width, small.height, small.channels);
}

/** Pixels on an even grid of about maxSamples points, in row order. */
function sampleGrid(width: number, height: number, maxSamples: number): number[] {
  const step = Math.max(1, Math.sqrt((width * height) / maxSamples));
  const out: number[] = [];
  for (let y = step / 2; y < height; y += step)
    for (let x = step / 2; x < width; x += step) out.push(Math.floor(y) * width + Math.floor(x));
  return out;
}

/**
 * k-means in CIELAB with deterministic seeding: the first centre is the sample nearest the
 * mean, each next one the sample farthest from the centres so far (maximin). The same pixels
 * always give the same colours, so re-running an analysis changes nothing.
 */
function dominantColours(
  lab: Float64Array,
  width: number,
  height: number,
  k: number,
  maxSamples: number,
  iterations: number,
): DominantColour[] {
  const samples = sampleGrid(width, height, maxSamples);
  const n = samples.length;
  const points = new Float64Array(n * 3);
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) points[i * 3 + c] = lab[samples[i]! * 3 + c]!;
  const distance2 = (i: number, centres: Float64Array, c: number) =>
    (points[i * 3]! - centres[c * 3]!) ** 2 +
    (points[i * 3 + 1]! - centres[c * 3 + 1]!) ** 2 +
    (points[i * 3 + 2]! - centres[c * 3 + 2]!) ** 2;

  const mean = [0, 1, 2].map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += points[i * 3 + c]!;
    return s / n;
  });
  const centres = new Float64Array(k * 3);
  let first = 0;
  let bestFirst = Infinity;
  for (let i = 0; i < n; i++) {
    const d = (points[i * 3]! - mean[0]!) ** 2 + (points[i * 3 + 1]! - mean[1]!) ** 2 + (points[i * 3 + 2]! - mean[2]!) ** 2;
    if (d < bestFirst) {
      bestFirst = d;
      first = i;
    }
  }
  centres.set(points.subarray(first * 3, first * 3 + 3), 0);
  const nearest = new Float64Array(n).fill(Infinity);
  let used = 1;
  for (; used < k; used++) {
    let far = -1;
    let farDistance = 0;
    for (let i = 0; i < n; i++) {
      nearest[i] = Math.min(nearest[i]!, distance2(i, centres, used - 1));
      if (nearest[i]! > farDistance) {
        farDistance = nearest[i]!;
        far = i;
      }
    }
    if (far < 0 || farDistance < 1) break; // fewer distinct colours than k (ΔE under 1)
    centres.set(points.subarray(far * 3, far * 3 + 3), used * 3);
  }

  const assignment = new Int32Array(n);
  const counts = new Float64Array(used);
  for (let iteration = 0; iteration < iterations; iteration++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < used; c++) {
        const d = distance2(i, centres, c);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (assignment[i] !== best) moved = true;
      assignment[i] = best;
    }
    const sums = new Float64Array(used * 3);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = assignment[i]!;
      counts[c]!++;
      for (let j = 0; j < 3; j++) sums[c * 3 + j]! += points[i * 3 + j]!;
    }
    for (let c = 0; c < used; c++) if (counts[c]! > 0) for (let j = 0; j < 3; j++) centres[c * 3 + j] = sums[c * 3 + j]! / counts[c]!;
    if (!moved && iteration > 0) break;
  }
  const out: DominantColour[] = [];
  for (let c = 0; c < used; c++) {
    if (counts[c] === 0) continue;
    const colour: LabColour = [centres[c * 3]!, centres[c * 3 + 1]!, centres[c * 3 + 2]!];
    out.push({ lab: colour.map((v) => Math.round(v * 100) / 100) as LabColour, hex: labToHex(colour), share: counts[c]! / n });
  }
  return out.sort((a, b) => b.share - a.share);
}
