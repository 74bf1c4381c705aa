// Boards of constructed embeddings for the zero-shot look checks, at ViT-B/32's scale: every
// frame shows a time of day, an interior or exterior and a shot size (each label a direction,
// its strength varying from frame to frame), every label's prompts lean the same way, and the
// script or shot list states each frame's look, wrongly for the planted frames.
import type { LookCheck, LookLabel } from '../../electron/common/api.ts';
import {
  LOOK_LABELS,
  LOOK_PROMPTS,
  type AnalysisFrame,
  type EmbeddedText,
  type LookStatement,
} from '../../electron/engine/analysis/index.ts';
import { captionScore } from '../../electron/engine/scoring/index.ts';
import { seededRandom } from '../bench/analysisBench.ts';
import { mix, randomUnit, type Random } from './constructed.ts';

export interface LookFrameTruth {
  time: LookLabel;
  setting: LookLabel;
  size: LookLabel;
}

export interface LookBoard {
  frames: AnalysisFrame[];
  texts: Map<string, EmbeddedText>;
  /** Per frame, the checks whose statement was planted wrong. */
  planted: Set<LookCheck>[];
}

const ALL_LABELS = Object.values(LOOK_LABELS).flat();

function other(random: Random, labels: readonly LookLabel[], not: LookLabel): LookLabel {
  const rest = labels.filter((l) => l !== not);
  return rest[Math.floor(random() * rest.length)]!;
}

/**
 * n frames; `plantRate` of the statements are wrong. `labelWeight` is how strongly a frame shows
 * its look (ViT-B/32 reads a night sky clearly, a shot size less so).
 */
export function lookBoard(
  seed: number,
  n: number,
  plantRate: number,
  options: { labelWeight?: number; statements?: boolean } = {},
): LookBoard {
  const random = seededRandom(seed);
  const labelWeight = options.labelWeight ?? 0.2;
  const imageModality = randomUnit(random);
  const textModality = randomUnit(random);
  const shared = randomUnit(random);
  const direction = new Map(ALL_LABELS.map((l) => [l, randomUnit(random)]));
  const texts = new Map<string, EmbeddedText>();
  for (const label of ALL_LABELS) {
    for (const prompt of LOOK_PROMPTS[label]) {
      texts.set(prompt, {
        vector: mix([
          [textModality, 0.88],
          [shared, 0.38],
          [direction.get(label)!, 0.3],
          [randomUnit(random), 0.12],
        ]),
        truncated: false,
      });
    }
  }
  const frames: AnalysisFrame[] = [];
  const planted: Set<LookCheck>[] = [];
  for (let i = 0; i < n; i++) {
    const pick = (labels: readonly LookLabel[]) => labels[Math.floor(random() * labels.length)]!;
    const setting = pick(LOOK_LABELS['interior-exterior']);
    const truth: LookFrameTruth = { time: pick(LOOK_LABELS['time-of-day']), setting, size: pick(LOOK_LABELS['shot-size']) };
    const strength = () => labelWeight * (0.7 + 0.6 * random());
    const parts: [Float32Array, number][] = [
      [imageModality, 0.55],
      [shared, 0.42],
      [randomUnit(random), 0.35],
      [randomUnit(random), 0.1],
    ];
    parts.push([direction.get(truth.setting)!, strength()], [direction.get(truth.size)!, strength()]);
    // A room shows no sky: interiors carry no time of day.
    if (setting === 'exterior') parts.push([direction.get(truth.time)!, strength()]);
    const image = mix(parts);
    const wrong = new Set<LookCheck>();
    const state = (check: LookCheck, label: LookLabel): LookLabel => {
      if (random() >= plantRate) return label;
      wrong.add(check);
      return other(random, LOOK_LABELS[check], label);
    };
    const statements: LookStatement[] = [];
    if (options.statements !== false) {
      const statedSetting = state('interior-exterior', truth.setting);
      statements.push({
        check: 'interior-exterior',
        stated: [statedSetting],
        statedBy: `Scene ${i + 1} is ${statedSetting === 'interior' ? 'INT.' : 'EXT.'} PLACE`,
      });
      if (setting === 'exterior' && statedSetting === 'exterior') {
        const time = state('time-of-day', truth.time);
        statements.push({ check: 'time-of-day', stated: [time], statedBy: `Scene ${i + 1} is EXT. PLACE - ${time.toUpperCase()}` });
      }
      const size = state('shot-size', truth.size);
      statements.push({ check: 'shot-size', stated: [size], statedBy: `The shot list's Shot Size says ${size}` });
    }
    const caption = mix([
      [textModality, 0.88],
      [shared, 0.38],
      [randomUnit(random), 0.29],
    ]);
    frames.push({
      id: `f${String(i).padStart(3, '0')}.png`,
      shot: String(i + 1),
      sceneId: 'sc',
      caption: `caption ${i + 1}`,
      captionSource: 'manifest-csv',
      warnings: [],
      imageEmbedding: image,
      captionEmbedding: caption,
      score: captionScore(image, caption),
      statements,
    });
    planted.push(wrong);
  }
  return { frames, texts, planted };
}
