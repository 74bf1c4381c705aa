// Boards of the toy model's world (../shared/clip/toy-model/world), composed from its frames with
// problems planted where the answer is known, scored end to end through the real Engine: pixels
// -> sharp -> tokens -> ONNX -> analysis -> flags. The frames are read from ../shared and written
// into a temporary board folder per board (never into the repository).
//
// A board is one style; each scene one setting (day, night, sunset, indoors) in that style. Plants
// go mid-scene, three frames apart at least, so each one's neighbours are ordinary frames:
//  - a wrong attribute in a caption (the world's own one-attribute-wrong captions): caption drift;
//  - two captions swapped: swapped captions (and mismatch);
//  - three rows of captions shifted by one (each caption belongs to another shot): mismatch;
//  - a frame drawn in another style (same setting, its own caption): style drift;
//  - a frame graded in another palette (sharp: the same drawing tinted): palette drift;
//  - the setting changes mid-scene and stays changed: a continuity jump where it changes.
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { FlagKind } from '../../electron/common/api.ts';
import { seededRandom } from '../bench/analysisBench.ts';
import { SHARED } from '../paths.ts';

export const TOY_MODEL = join(SHARED, 'clip', 'toy-model');
const WORLD = join(TOY_MODEL, 'world');

export type Setting = 'day' | 'night' | 'sunset' | 'indoors';
export type Style = 'sketch' | 'flat' | 'watercolour' | 'neon';
export const SETTINGS: readonly Setting[] = ['day', 'night', 'sunset', 'indoors'];
export const STYLES: readonly Style[] = ['sketch', 'flat', 'watercolour', 'neon'];

/** The attributes a planted wrong caption may change; the model reads the first four well (README). */
export type Attribute = 'colour' | 'setting' | 'shot' | 'style' | 'subject' | 'count';
export const READ_WELL: readonly Attribute[] = ['colour', 'setting', 'shot', 'style'];
export const READ_POORLY: readonly Attribute[] = ['subject', 'count'];

/** Sketches have no colour: a colour caption cannot be made wrong on a sketch board. */
export function attributesFor(style: Style, attributes: readonly Attribute[]): Attribute[] {
  return attributes.filter((a) => !(a === 'colour' && style === 'sketch'));
}

interface WorldCaption {
  text: string;
  mentions: string[];
  wrong: Partial<Record<string, string>>;
}

export interface WorldFrame {
  file: string;
  width: number;
  height: number;
  spec: {
    subject: string;
    count: number;
    colour: string | null;
    position: string;
    setting: Setting;
    terrain: string;
    shot: string;
    style: Style;
  };
  captions: WorldCaption[];
}

export function readWorld(): WorldFrame[] {
  return readFileSync(join(WORLD, 'frames.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as WorldFrame);
}

export type PlantKind = 'wrong-caption' | 'swap' | 'shifted' | 'style' | 'palette' | 'continuity';

export interface ToyFrame {
  /** Relative path in the board folder: "scene1-day/shot05.jpg". */
  id: string;
  source: WorldFrame;
  caption: string;
  /** Tint the frame (palette plant). */
  tint?: { r: number; g: number; b: number };
}

export interface ToyBoard {
  name: string;
  frames: ToyFrame[];
  scenes: string[];
  truth: Map<string, Set<FlagKind>>;
  /** Labels left out of the tally for a frame: the plant may or may not call for that flag. */
  ambiguous: Map<string, Set<FlagKind>>;
  /** Which plant each planted frame carries, and for wrong captions which attribute. */
  plants: Map<string, { kind: PlantKind; attribute?: Attribute }>;
}

export interface ToyPlan {
  scenes: number;
  perScene: number;
  /** Attributes of the wrong captions planted (one frame each). */
  wrong: Attribute[];
  swaps: number;
  shifted: number;
  style: number;
  palette: number;
  continuity: number;
}

export const CLEAN_PLAN: ToyPlan = { scenes: 3, perScene: 14, wrong: [], swaps: 0, shifted: 0, style: 0, palette: 0, continuity: 0 };

/** Tints far from every setting's own light: a graded frame, not another time of day. */
const TINTS = [
  { r: 200, g: 120, b: 40 },
  { r: 60, g: 140, b: 200 },
  { r: 140, g: 200, b: 80 },
];

/** The caption a frame is labelled with: the world's first (fullest) one. */
function trueCaption(frame: WorldFrame): WorldCaption {
  return frame.captions[0]!;
}

export function composeBoard(world: readonly WorldFrame[], name: string, seed: number, style: Style, plan: ToyPlan): ToyBoard {
  const random = seededRandom(seed);
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  const settings = shuffle(SETTINGS).slice(0, plan.scenes);
  const spare = SETTINGS.filter((s) => !settings.includes(s));
  const pools = new Map<string, WorldFrame[]>();
  for (const f of world) {
    const key = `${f.spec.setting}/${f.spec.style}`;
    (pools.get(key) ?? pools.set(key, []).get(key)!).push(f);
  }
  for (const [key, list] of pools) pools.set(key, shuffle(list));
  const draw = (setting: Setting, frameStyle: Style): WorldFrame => {
    const pool = pools.get(`${setting}/${frameStyle}`)!;
    const frame = pool.pop();
    if (!frame) throw new Error(`board ${name}: no more ${setting}/${frameStyle} frames`);
    return frame;
  };

  const n = plan.scenes * plan.perScene;
  const sceneOf = (i: number) => Math.floor(i / plan.perScene);
  const sceneNames = settings.map((s, k) => `scene${k + 1}-${s}`);
  const id = (i: number) => `${sceneNames[sceneOf(i)]}/shot${String(i + 1).padStart(2, '0')}.jpg`;
  const frames: ToyFrame[] = Array.from({ length: n }, (_, i) => {
    const source = draw(settings[sceneOf(i)]!, style);
    return { id: id(i), source, caption: trueCaption(source).text };
  });
  const truth = new Map<string, Set<FlagKind>>();
  const ambiguous = new Map<string, Set<FlagKind>>();
  const plants = new Map<string, { kind: PlantKind; attribute?: Attribute }>();
  const add = (map: Map<string, Set<FlagKind>>, i: number, ...kinds: FlagKind[]) => {
    const set = map.get(id(i)) ?? new Set<FlagKind>();
    kinds.forEach((k) => set.add(k));
    map.set(id(i), set);
  };

  const used = new Set<number>();
  const free = (i: number) =>
    i % plan.perScene > 0 && i % plan.perScene < plan.perScene - 1 && ![-2, -1, 0, 1, 2].some((d) => used.has(i + d));
  const take = (width: number, extra: (i: number) => boolean = () => true): number => {
    for (let tries = 0; tries < 10_000; tries++) {
      const i = Math.floor(random() * (n - width + 1));
      const span = Array.from({ length: width }, (_, k) => i + k);
      if (!span.every(free) || sceneOf(i) !== sceneOf(i + width - 1) || !extra(i)) continue;
      span.forEach((k) => used.add(k));
      return i;
    }
    throw new Error(`board ${name}: no room for a plant of ${width}`);
  };

  for (let c = 0; c < plan.continuity; c++) {
    // From i to the end of its scene the setting is another one (captions follow the frames).
    const i = take(1, (k) => k % plan.perScene >= 3 && k % plan.perScene <= plan.perScene - 3);
    const end = (sceneOf(i) + 1) * plan.perScene;
    const setting = spare[c % spare.length]!;
    for (let k = i; k < end; k++) {
      const source = draw(setting, style);
      frames[k] = { id: id(k), source, caption: trueCaption(source).text };
      used.add(k);
      // The new frames' colours differ from the scene's first part, and a run of them moves its median.
      add(ambiguous, k, 'palette-drift', 'style-drift', 'caption-mismatch');
    }
    add(truth, i, 'continuity');
    plants.set(id(i), { kind: 'continuity' });
  }
  plan.wrong.forEach((attribute) => {
    const i = take(1, (k) => trueCaption(frames[k]!.source).wrong[attribute] !== undefined);
    frames[i]!.caption = trueCaption(frames[i]!.source).wrong[attribute]!;
    add(truth, i, 'caption-drift');
    // A caption with one wrong attribute may describe another frame of the board better.
    add(ambiguous, i, 'caption-mismatch');
    plants.set(id(i), { kind: 'wrong-caption', attribute });
  });
  for (let s = 0; s < plan.swaps; s++) {
    const i = take(2);
    [frames[i]!.caption, frames[i + 1]!.caption] = [frames[i + 1]!.caption, frames[i]!.caption];
    for (const k of [i, i + 1]) {
      add(truth, k, 'caption-swap', 'caption-mismatch');
      add(ambiguous, k, 'caption-drift');
      plants.set(id(k), { kind: 'swap' });
    }
  }
  for (let s = 0; s < plan.shifted; s++) {
    // Three rows pasted one down: each frame carries the next one's caption, the last the first's.
    const i = take(3);
    const texts = [i, i + 1, i + 2].map((k) => frames[k]!.caption);
    [i, i + 1, i + 2].forEach((k, r) => {
      frames[k]!.caption = texts[(r + 1) % 3]!;
      add(truth, k, 'caption-mismatch');
      add(ambiguous, k, 'caption-drift', 'caption-swap');
      plants.set(id(k), { kind: 'shifted' });
    });
  }
  for (let s = 0; s < plan.style; s++) {
    const i = take(1);
    const other = STYLES.filter((x) => x !== style)[Math.floor(random() * (STYLES.length - 1))]!;
    const source = draw(settings[sceneOf(i)]!, other);
    frames[i] = { id: id(i), source, caption: trueCaption(source).text };
    add(truth, i, 'style-drift');
    add(ambiguous, i, 'palette-drift', 'continuity', 'caption-mismatch');
    plants.set(id(i), { kind: 'style' });
  }
  for (let s = 0; s < plan.palette; s++) {
    const i = take(1);
    frames[i]!.tint = TINTS[Math.floor(random() * TINTS.length)]!;
    add(truth, i, 'palette-drift');
    // The same drawing in other colours: its caption's colour words may no longer hold.
    add(ambiguous, i, 'caption-drift', 'caption-mismatch', 'style-drift', 'continuity');
    plants.set(id(i), { kind: 'palette' });
  }
  return { name, frames, scenes: sceneNames, truth, ambiguous, plants };
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the board into folder: the frames (tinted where planted) and shots.csv with the captions. */
export async function writeBoard(board: ToyBoard, folder: string): Promise<void> {
  for (const scene of board.scenes) await mkdir(join(folder, scene), { recursive: true });
  const rows = ['file,shot,caption'];
  for (const [i, frame] of board.frames.entries()) {
    const target = join(folder, frame.id);
    const source = join(WORLD, frame.source.file);
    if (frame.tint) await sharp(source).tint(frame.tint).jpeg({ quality: 92 }).toFile(target);
    else await copyFile(source, target);
    rows.push([frame.id, String(i + 1), frame.caption].map(csvCell).join(','));
  }
  await writeFile(join(folder, 'shots.csv'), `${rows.join('\n')}\n`);
}
