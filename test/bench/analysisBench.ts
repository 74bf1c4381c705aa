// A timing of the whole analysis for `npm run bench`: a synthetic board of 2,000 frames with
// 512-dimension embeddings, palettes, a style prompt and every detector on.
import { performance } from 'node:perf_hooks';
import type { PaletteStats } from '../../electron/common/api.ts';
import { analyzeBoard } from '../../electron/engine/analysis/analyze.ts';
import { defaultAnalysisSettings } from '../../electron/engine/analysis/settings.ts';
import type { AnalysisFrame } from '../../electron/engine/analysis/types.ts';
import { captionScore } from '../../electron/engine/scoring/index.ts';

export interface AnalysisBenchmarkOptions {
  frames?: number;
  dims?: number;
  sceneSize?: number;
  runs?: number;
}

export interface AnalysisBenchmark {
  frames: number;
  dims: number;
  runs: number;
  /** Median over the runs (the first run, which warms up the JIT, included in runsMs only). */
  medianMs: number;
  runsMs: number[];
  captionSearch: string;
  candidatesPerFrame: number;
  flags: number;
}

/** A deterministic pseudo-random source (mulberry32), so every run analyses the same board. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function unit(dims: number, random: () => number, parts: readonly [Float32Array, number][] = [], noise = 1): Float32Array {
  const v = new Float32Array(dims);
  for (let k = 0; k < dims; k++) v[k] = (random() - 0.5) * noise;
  for (const [part, weight] of parts) for (let k = 0; k < dims; k++) v[k]! += part[k]! * weight;
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  for (let k = 0; k < dims; k++) v[k]! /= norm;
  return v;
}

export function syntheticBoard(options: AnalysisBenchmarkOptions = {}): AnalysisFrame[] {
  const { frames = 2000, dims = 512, sceneSize = 25 } = options;
  const random = seededRandom(1);
  const style = unit(dims, random);
  const palette = (l: number): PaletteStats => ({
    meanLab: [l, 0, 2],
    stdLab: [20, 3, 4],
    chromaMean: 5,
    dominant: [{ lab: [95, 0, 1], hex: '#f2f2f0', share: 0.8 }],
    pixelCount: 4096,
  });
  let scene = unit(dims, random);
  return Array.from({ length: frames }, (_, i) => {
    if (i % sceneSize === 0) scene = unit(dims, random);
    const content = unit(dims, random);
    const imageEmbedding = unit(
      dims,
      random,
      [
        [style, 1],
        [scene, 0.8],
        [content, 0.8],
      ],
      0.05,
    );
    const captionEmbedding = unit(
      dims,
      random,
      [
        [scene, 0.6],
        [content, 0.8],
      ],
      0.05,
    );
    return {
      id: `frames/${String(i).padStart(4, '0')}.png`,
      shot: String(i + 1),
      sceneId: `scene-${Math.floor(i / sceneSize)}`,
      caption: `shot ${i + 1}`,
      captionSource: 'manifest-csv',
      imageEmbedding,
      captionEmbedding,
      score: captionScore(imageEmbedding, captionEmbedding),
      warnings: [],
      palette: palette(80 + random() * 10),
    };
  });
}

export function benchAnalysis(options: AnalysisBenchmarkOptions = {}): AnalysisBenchmark {
  const { dims = 512, runs = 5 } = options;
  const frames = syntheticBoard(options);
  const settings = { ...defaultAnalysisSettings(), stylePrompt: 'graphite pencil sketch' };
  const stylePromptEmbedding = frames[0]!.imageEmbedding!;
  const runsMs: number[] = [];
  let last = analyzeBoard({ frames, settings, stylePromptEmbedding });
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    last = analyzeBoard({ frames, settings, stylePromptEmbedding });
    runsMs.push(performance.now() - start);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return {
    frames: frames.length,
    dims,
    runs,
    medianMs: sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
    runsMs,
    captionSearch: last.captionSearch.mode,
    candidatesPerFrame: last.captionSearch.candidatesPerFrame,
    flags: Object.values(last.flagCounts).reduce((s, c) => s + c, 0),
  };
}
