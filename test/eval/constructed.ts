// Boards of constructed embeddings where the answer is known by construction. Each embedding is a
// sum of named parts (modality, the board's look, style, scene, shot content, framing, noise)
// weighted so the cosines fall where ViT-B/32 puts them: matched caption pairs 0.28-0.35,
// unrelated ones 0.15-0.22, neighbouring frames 0.8-0.9. Planted: captions that drift, frames
// that show another shot, swapped captions, frames in another style, a change of location
// inside a scene, subjects outside the center crop, and the engine's warnings.
import type { FlagKind, FrameWarning } from '../../electron/common/api.ts';
import { seededRandom } from '../bench/analysisBench.ts';
import type { AnalysisFrame } from '../../electron/engine/analysis/index.ts';
import { captionScore } from '../../electron/engine/scoring/index.ts';

export const DIMS = 512;

export type Random = () => number;

export function gaussian(random: Random): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

export function randomUnit(random: Random, dims = DIMS): Float32Array {
  const v = Float32Array.from({ length: dims }, () => gaussian(random));
  return normalize(v);
}

export function normalize(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  return v.map((x) => x / norm);
}

export function mix(parts: readonly (readonly [Float32Array, number])[]): Float32Array {
  const out = new Float32Array(parts[0]![0].length);
  for (const [v, w] of parts) for (let k = 0; k < out.length; k++) out[k]! += v[k]! * w;
  return normalize(out);
}

export interface LabelledBoard {
  name: string;
  frames: AnalysisFrame[];
  /** The flags each frame should get (frames absent: none). */
  truth: Map<string, Set<FlagKind>>;
  stylePromptEmbedding?: Float32Array;
  /** Labels left out of the tally for a frame: the plant may or may not call for that flag. */
  ambiguous?: Map<string, Set<FlagKind>>;
  /** Frames whose style was planted, for the content-removal comparison. */
  styleOutliers: Set<string>;
}

export interface PlantCounts {
  drift: number;
  mismatch: number;
  swaps: number;
  style: number;
  /** Style outliers only part-way to the other style (harder to see through content). */
  subtleStyle: number;
  cuts: number;
  offCenter: number;
  warnings: boolean;
}

export const NO_PLANTS: PlantCounts = { drift: 0, mismatch: 0, swaps: 0, style: 0, subtleStyle: 0, cuts: 0, offCenter: 0, warnings: false };

// Weights: image and caption share the board's look (0.42 · 0.38 ≈ 0.16, the unrelated-caption
// level), the scene (0.4 · 0.1 = 0.04) and the shot's content (0.35 · 0.29 ≈ 0.10): matched ≈ 0.30.
const W = { imageModality: 0.55, look: 0.42, style: 0.45, scene: 0.4, content: 0.35, framing: 0.2, noise: 0.1 };
const T = { textModality: 0.88, look: 0.38, scene: 0.1, content: 0.29, noise: 0.1 };

/**
 * Unit vectors at right angles to each other: the board-wide parts. Random ones would be nearly
 * orthogonal, but their chance overlaps (±0.04 in 512 dimensions) would move a whole board's
 * scores up or down; these keep every board at the typical ViT-B/32 level.
 */
function orthonormal(random: Random, count: number): Float32Array[] {
  const out: Float32Array[] = [];
  while (out.length < count) {
    const v = randomUnit(random);
    for (const u of out) {
      let along = 0;
      for (let k = 0; k < v.length; k++) along += v[k]! * u[k]!;
      for (let k = 0; k < v.length; k++) v[k]! -= along * u[k]!;
    }
    out.push(normalize(v));
  }
  return out;
}

export function constructedBoard(name: string, seed: number, scenes: number, perScene: number, plants: PlantCounts): LabelledBoard {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const [imageModality, textModality, look, style, otherStyle, ...framings] = orthonormal(random, 8) as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    ...Float32Array[],
  ];
  const n = scenes * perScene;
  const sceneVectors = Array.from({ length: scenes }, () => randomUnit(random));
  const content = Array.from({ length: n }, () => randomUnit(random));
  const frameScene = Array.from({ length: n }, (_, i) => sceneVectors[Math.floor(i / perScene)]!);
  const captionScene = [...frameScene];
  const imageContent = [...content];
  const captionContent = [...content];
  const frameStyle: Float32Array[] = Array.from({ length: n }, () => style);
  const truth = new Map<string, Set<FlagKind>>();
  const id = (i: number) => `sc${String(Math.floor(i / perScene) + 1).padStart(2, '0')}/shot${String(i + 1).padStart(3, '0')}.png`;
  const mark = (i: number, ...kinds: FlagKind[]) => {
    const set = truth.get(id(i)) ?? new Set<FlagKind>();
    kinds.forEach((k) => set.add(k));
    truth.set(id(i), set);
  };

  const ambiguous = new Map<string, Set<FlagKind>>();
  // Plants go mid-scene, two frames apart at least, so each one's neighbours are ordinary frames.
  const used = new Set<number>();
  // Captions and images a mismatch borrows must stay as they are: those of ordinary frames.
  const altered = new Set<number>();
  const free = (i: number) =>
    i % perScene > 0 && i % perScene < perScene - 1 && !altered.has(i) && ![-2, -1, 0, 1, 2].some((d) => used.has(i + d));
  const take = (count: number, width = 1): number[] => {
    const out: number[] = [];
    for (let tries = 0; out.length < count && tries < 10_000; tries++) {
      const i = Math.floor(random() * (n - width));
      if (
        !Array.from({ length: width }, (_, k) => i + k).every(free) ||
        Math.floor(i / perScene) !== Math.floor((i + width - 1) / perScene)
      )
        continue;
      for (let k = 0; k < width; k++) used.add(i + k);
      out.push(i);
    }
    if (out.length < count) throw new Error(`board ${name}: no room for ${count} plants`);
    return out;
  };

  for (const i of take(plants.cuts)) {
    // The place changes mid-scene (and the captions follow): a continuity break at i.
    const place = randomUnit(random);
    const end = (Math.floor(i / perScene) + 1) * perScene;
    for (let k = i; k < end; k++) {
      frameScene[k] = place;
      captionScene[k] = place;
      used.add(k);
    }
    mark(i, 'continuity');
  }
  for (const i of take(plants.drift)) {
    altered.add(i);
    // The caption describes something else entirely: another place, another action.
    captionContent[i] = randomUnit(random);
    captionScene[i] = randomUnit(random);
    mark(i, 'caption-drift');
  }
  for (const i of take(plants.mismatch)) {
    // The frame is another shot's drawing (filed under the wrong number): its action and its place.
    altered.add(i);
    let j = i;
    while (Math.abs(j - i) < 3 || altered.has(j) || used.has(j)) j = Math.floor(random() * n);
    altered.add(j);
    imageContent[i] = content[j]!;
    frameScene[i] = frameScene[j]!;
    mark(i, 'caption-drift', 'caption-mismatch');
    // From another scene it shows another place: a sudden change from its neighbours too.
    if (Math.floor(j / perScene) !== Math.floor(i / perScene)) mark(i, 'continuity');
  }
  for (const i of take(plants.swaps, 2)) {
    altered.add(i).add(i + 1);
    captionContent[i] = content[i + 1]!;
    captionContent[i + 1] = content[i]!;
    mark(i, 'caption-drift', 'caption-mismatch', 'caption-swap');
    mark(i + 1, 'caption-drift', 'caption-mismatch', 'caption-swap');
  }
  const styleOutliers = new Set<string>();
  for (const [count, amount] of [
    [plants.style, 1],
    [plants.subtleStyle, 0.7],
  ] as const) {
    for (const i of take(count)) {
      frameStyle[i] = mix([
        [style, 1 - amount],
        [otherStyle, amount],
      ]);
      styleOutliers.add(id(i));
      mark(i, 'style-drift', 'style-prompt');
      // A full change of style is a sudden change between neighbours; part of one may or may not be.
      if (amount === 1) mark(i, 'continuity');
      else ambiguous.set(id(i), new Set(['continuity']));
    }
  }
  const offCenter = new Set(take(plants.offCenter));
  offCenter.forEach((i) => mark(i, 'off-center'));

  const frames: AnalysisFrame[] = Array.from({ length: n }, (_, i) => {
    const framing = mix(framings.map((f) => [f, random()] as const));
    const contentWeight = W.content * (0.85 + 0.3 * random());
    const imageEmbedding = mix([
      [imageModality, W.imageModality],
      [look, W.look],
      [frameStyle[i]!, W.style],
      [frameScene[i]!, W.scene],
      [imageContent[i]!, contentWeight],
      [framing, W.framing],
      [randomUnit(random), W.noise],
    ]);
    // How well a caption describes its shot varies from caption to caption.
    const captionEmbedding = mix([
      [textModality, T.textModality],
      [look, T.look],
      [captionScene[i]!, T.scene],
      [captionContent[i]!, T.content * (0.75 + 0.5 * random())],
      [randomUnit(random), T.noise],
    ]);
    const frame: AnalysisFrame = {
      id: id(i),
      shot: String(i + 1),
      sceneId: `sc${String(Math.floor(i / perScene) + 1).padStart(2, '0')}`,
      caption: `caption of shot ${i + 1}`,
      captionSource: 'manifest-csv',
      imageEmbedding,
      captionEmbedding,
      score: captionScore(imageEmbedding, captionEmbedding),
      warnings: [],
    };
    // A third of the frames are wide and scored whole too; the planted ones show more of the caption outside the center.
    if (offCenter.has(i))
      frame.fullFrameScore = captionScore(
        mix([
          [imageEmbedding, 1],
          [captionEmbedding, 0.12],
        ]),
        captionEmbedding,
      );
    else if (random() < 0.33)
      frame.fullFrameScore = captionScore(
        mix([
          [imageEmbedding, 1],
          [randomUnit(random), 0.08],
        ]),
        captionEmbedding,
      );
    return frame;
  });

  if (plants.warnings) {
    const warn = (code: FrameWarning['code'], message: string): FrameWarning => ({ code, message });
    // Four ordinary frames, distinct, none of them planted or borrowed from.
    const ordinary = frames.map((_, i) => i).filter((i) => !used.has(i) && !altered.has(i) && !truth.has(id(i)));
    if (ordinary.length < 4) throw new Error(`board ${name}: no room for the warnings`);
    const chosen: AnalysisFrame[] = [];
    while (chosen.length < 4) {
      const i = pick(ordinary);
      if (!chosen.includes(frames[i]!)) chosen.push(frames[i]!);
    }
    const [a, b, c, d] = chosen;
    Object.assign(a!, {
      warnings: [...a!.warnings, warn('CAPTION_TRUNCATED', 'Only the first 77 tokens were read.')],
      truncated: true,
      tokenCount: 93,
      contextLength: 77,
    });
    b!.warnings.push(warn('TRANSPARENCY', '40% of what CLIP sees is transparent.'));
    c!.warnings.push(warn('CROP_LOSS', 'CLIP sees the center square only: 44% of the frame is outside it.'));
    Object.assign(d!, { caption: null, captionSource: 'none', captionEmbedding: undefined });
    // Without a caption, scoring gives it no score.
    delete d!.score;
    delete d!.fullFrameScore;
    for (const [frame, kind] of [
      [a, 'caption-truncated'],
      [b, 'transparency'],
      [c, 'crop-loss'],
      [d, 'no-caption'],
    ] as const) {
      const set = truth.get(frame!.id) ?? new Set<FlagKind>();
      set.add(kind);
      truth.set(frame!.id, set);
    }
  }
  const stylePromptEmbedding = mix([
    [textModality, 0.8],
    [style, 0.45],
    [randomUnit(random), 0.1],
  ]);
  return { name, frames, truth, ambiguous, stylePromptEmbedding, styleOutliers };
}
