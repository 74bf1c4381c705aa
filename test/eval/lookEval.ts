// `npm run eval`, the script-aware checks: precision and recall of the time-of-day,
// interior/exterior and shot-size checks, and whether the caption breakdown names the part made
// false. On constructed boards always; on boards composed from the toy model's world
// (../shared/clip/toy-model/world) when the toy model's ONNX files are there.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { FlagKind, LookCheck, LookLabel } from '../../electron/common/api.ts';
import {
  analyzeBoard,
  captionParts,
  defaultAnalysisSettings,
  lookPromptTexts,
  type AnalysisFrame,
  type EmbeddedText,
  type LookStatement,
} from '../../electron/engine/analysis/index.ts';
import { ClipModel } from '../../electron/engine/clip/embedder.ts';
import { captionScore } from '../../electron/engine/scoring/index.ts';
import { seededRandom } from '../bench/analysisBench.ts';
import { CLIP_DATA } from '../paths.ts';
import { lookBoard } from './lookWorld.ts';
import { count, emptyTally, precision, recall, type Tally } from './metrics.ts';

const TARGET = 0.9;
const CHECKS: readonly LookCheck[] = ['time-of-day', 'interior-exterior', 'shot-size'];
export const TOY_MODEL = join(CLIP_DATA, 'toy-model');

interface Labelled {
  frames: AnalysisFrame[];
  texts: Map<string, EmbeddedText>;
  planted: Set<LookCheck>[];
}

function tallies(boards: readonly Labelled[]): Map<LookCheck, Tally> {
  const out = new Map(CHECKS.map((c) => [c, emptyTally()]));
  for (const board of boards) {
    const analysis = analyzeBoard({ frames: board.frames, texts: board.texts, settings: defaultAnalysisSettings() });
    analysis.frames.forEach((f, i) => {
      for (const check of CHECKS) {
        if (!board.frames[i]!.statements?.some((s) => s.check === check)) continue;
        count(
          out.get(check)!,
          f.flags.some((flag) => flag.kind === (check as FlagKind)),
          board.planted[i]!.has(check),
        );
      }
    });
  }
  return out;
}

function print(title: string, result: Map<LookCheck, Tally>): boolean {
  console.log(`\n${title}`);
  let ok = true;
  for (const [check, t] of result) {
    const p = precision(t);
    const r = recall(t);
    const pass = p >= TARGET && r >= TARGET;
    ok &&= pass;
    console.log(
      `  ${check.padEnd(20)} TP ${String(t.truePositives).padEnd(4)} FP ${String(t.falsePositives).padEnd(4)} FN ${String(t.falseNegatives).padEnd(4)} precision ${p.toFixed(3)}  recall ${r.toFixed(3)}${pass ? '' : `  below ${TARGET}`}`,
    );
  }
  return ok;
}

// The toy world: world/frames.jsonl, one record per frame with its spec and captions.
interface WorldRecord {
  file: string;
  spec: { setting: 'day' | 'night' | 'sunset' | 'indoors'; shot: 'close-up' | 'medium' | 'wide'; style: string };
  captions: { text: string; mentions: string[]; wrong: Record<string, string> }[];
}

const WORLD_TIME: Record<string, LookLabel> = { day: 'day', night: 'night', sunset: 'dusk' };
const HEADING_TIME: Record<LookLabel, string> = { day: 'DAY', night: 'NIGHT', dusk: 'DUSK' } as Record<LookLabel, string>;
const SHOT_CELL: Record<string, string> = { 'close-up': 'CU', medium: 'MS', wide: 'WS' };

/**
 * Boards of 24 world frames in one style; each frame stated by its scene heading (INT. or EXT.
 * and the time) and its shot list size, a fifth of the statements planted wrong.
 */
function toyBoards(
  records: readonly WorldRecord[],
  images: ReadonlyMap<string, Float32Array>,
  texts: Map<string, EmbeddedText>,
): Labelled[] {
  const random = seededRandom(18);
  const styles = [...new Set(records.map((r) => r.spec.style))];
  const boards: Labelled[] = [];
  for (const style of styles) {
    const pool = records.filter((r) => r.spec.style === style && images.has(r.file));
    const frames: AnalysisFrame[] = [];
    const planted: Set<LookCheck>[] = [];
    for (const r of pool) {
      const wrong = new Set<LookCheck>();
      const flip = <T>(check: LookCheck, truth: T, others: readonly T[]): T => {
        if (random() >= 0.2) return truth;
        wrong.add(check);
        const rest = others.filter((o) => o !== truth);
        return rest[Math.floor(random() * rest.length)]!;
      };
      const interior = r.spec.setting === 'indoors';
      const statedInterior = flip('interior-exterior', interior, [true, false]);
      const statements: LookStatement[] = [
        {
          check: 'interior-exterior',
          stated: [statedInterior ? 'interior' : 'exterior'],
          statedBy: `Scene 1 is ${statedInterior ? 'INT.' : 'EXT.'} PLACE`,
        },
      ];
      if (!interior && !statedInterior) {
        const time = flip('time-of-day', WORLD_TIME[r.spec.setting]!, ['day', 'night', 'dusk'] as LookLabel[]);
        statements.push({ check: 'time-of-day', stated: [time], statedBy: `Scene 1 is EXT. PLACE - ${HEADING_TIME[time]}` });
      }
      const size = flip('shot-size', r.spec.shot as LookLabel, ['close-up', 'medium', 'wide'] as LookLabel[]);
      statements.push({ check: 'shot-size', stated: [size], statedBy: `The shot list's Shot Size says ${SHOT_CELL[size]}` });
      const caption = r.captions[0]!.text;
      const image = images.get(r.file)!;
      const captionEmbedding = texts.get(caption)?.vector;
      frames.push({
        id: r.file,
        shot: String(frames.length + 1),
        sceneId: style,
        caption,
        captionSource: 'manifest-csv',
        warnings: [],
        imageEmbedding: image,
        ...(captionEmbedding && { captionEmbedding, score: captionScore(image, captionEmbedding) }),
        statements,
      });
      planted.push(wrong);
    }
    for (let i = 0; i < frames.length; i += 24) boards.push({ frames: frames.slice(i, i + 24), texts, planted: planted.slice(i, i + 24) });
  }
  return boards;
}

/** With one attribute of a caption made false, does the breakdown call the changed part weak, and the weakest? */
function breakdownNamesFalsePart(
  records: readonly WorldRecord[],
  images: ReadonlyMap<string, Float32Array>,
  texts: Map<string, EmbeddedText>,
): { named: number; weakest: number; total: number; perAttribute: Map<string, [number, number]> } {
  let named = 0;
  let weakest = 0;
  let total = 0;
  const perAttribute = new Map<string, [number, number]>();
  for (const r of records) {
    const image = images.get(r.file);
    if (!image) continue;
    for (const c of r.captions) {
      for (const [attribute, wrongText] of Object.entries(c.wrong)) {
        const truthParts = new Set(captionParts(c.text).map((p) => p.text.toLowerCase()));
        const changed = captionParts(wrongText).filter((p) => !truthParts.has(p.text.toLowerCase()));
        if (changed.length !== 1) continue; // the change moved more than one part boundary
        const captionEmbedding = texts.get(wrongText)?.vector;
        if (!captionEmbedding) continue;
        const analysis = analyzeBoard({
          frames: [
            {
              id: r.file,
              shot: '1',
              sceneId: 's',
              caption: wrongText,
              captionSource: 'manifest-csv',
              warnings: [],
              imageEmbedding: image,
              captionEmbedding,
              score: captionScore(image, captionEmbedding),
            },
          ],
          texts,
        });
        const parts = analysis.frames[0]!.breakdown?.parts;
        if (!parts) continue;
        total++;
        const part = parts.find((p) => p.text === changed[0]!.text);
        const isWeak = part !== undefined && !part.shown;
        const isWeakest = part !== undefined && parts.every((p) => p.cosine >= part.cosine);
        if (isWeak) named++;
        if (isWeakest) weakest++;
        const entry = perAttribute.get(attribute) ?? [0, 0];
        perAttribute.set(attribute, [entry[0] + (isWeakest ? 1 : 0), entry[1] + 1]);
      }
    }
  }
  return { named, weakest, total, perAttribute };
}

/** modelDir: the toy model, or any model folder for a smoke run of this code (its numbers then mean nothing). */
export async function toyWorld(modelDir = TOY_MODEL): Promise<boolean> {
  const world = join(TOY_MODEL, 'world');
  if (!existsSync(join(modelDir, 'onnx', 'text_model.onnx')) || !existsSync(join(modelDir, 'onnx', 'vision_model.onnx'))) {
    console.log(`\nToy world: skipped, ${modelDir} has no onnx/text_model.onnx and onnx/vision_model.onnx.`);
    return true;
  }
  const records = readFileSync(join(world, 'frames.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as WorldRecord);
  const model = await ClipModel.load(modelDir, { provider: 'cpu' });
  try {
    const embedded = await model.embedImages(records.map((r) => join(world, r.file)));
    const images = new Map<string, Float32Array>();
    embedded.forEach((e, i) => e.embedding && images.set(records[i]!.file, e.embedding));
    const captionTexts = records.flatMap((r) => r.captions.flatMap((c) => [c.text, ...Object.values(c.wrong)]));
    const partTexts = captionTexts.flatMap((t) => captionParts(t).map((p) => p.text));
    const all = [...new Set([...lookPromptTexts(), ...captionTexts, ...partTexts])];
    const texts = new Map<string, EmbeddedText>(
      (await model.embedTexts(all)).map((e) => [e.text, { vector: e.embedding, truncated: e.tokens.truncated }]),
    );
    const ok = print(
      `Toy world (${records.length} frames, model ${basename(modelDir)}; a fifth of the statements planted wrong):`,
      tallies(toyBoards(records, images, texts)),
    );
    const b = breakdownNamesFalsePart(records, images, texts);
    console.log(
      `  caption breakdown, one attribute made false: the changed part is weak in ${b.named}/${b.total} (${((100 * b.named) / Math.max(1, b.total)).toFixed(1)}%), the weakest part in ${b.weakest}/${b.total}`,
    );
    for (const [attribute, [hit, n]] of b.perAttribute)
      console.log(`    ${attribute.padEnd(10)} weakest ${hit}/${n} (${(hit / n).toFixed(2)})`);
    return ok;
  } finally {
    await model.release();
  }
}

export async function reportLookChecks(): Promise<boolean> {
  const constructed = [1, 2, 3, 4, 5].map((seed) => lookBoard(seed, 120, 0.15));
  let ok = print('Script-aware checks, constructed boards (5 x 120 frames, 15% of statements planted wrong):', tallies(constructed));
  const quiet = [6, 7, 8].map((seed) => lookBoard(seed, 120, 0));
  const chance = tallies(quiet);
  const falseFlags = [...chance.values()].reduce((s, t) => s + t.falsePositives, 0);
  console.log(`  true statements only (3 x 120 frames): ${falseFlags} flags`);
  ok &&= falseFlags === 0;
  ok = (await toyWorld()) && ok;
  return ok;
}
