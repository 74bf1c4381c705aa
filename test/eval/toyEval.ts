// The toy world end to end (test/eval/toyWorld.ts): boards written to a temporary folder, opened
// and scored by the real Engine with a model folder, flags read from the BoardView. A detector
// "finds" a planted problem when it raises a flag that needs a look (common/flags.ts); notes
// (info) are counted apart, since they point no one at a frame.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BoardAnalysis, FlagKind, ScoreCalibration } from '../../electron/common/api.ts';
import { needsLook } from '../../electron/common/flags.ts';
import { Engine } from '../../electron/engine/engine.ts';
import { count, emptyTally, precision, recall, type Tally } from './metrics.ts';
import {
  attributesFor,
  CLEAN_PLAN,
  composeBoard,
  READ_POORLY,
  READ_WELL,
  readWorld,
  STYLES,
  type Attribute,
  type ToyBoard,
  type ToyPlan,
  writeBoard,
} from './toyWorld.ts';

export interface ToyDetector {
  name: string;
  label: FlagKind;
  flags: FlagKind[];
}

export const TOY_DETECTORS: ToyDetector[] = [
  { name: 'caption drift (wrong attribute)', label: 'caption-drift', flags: ['caption-drift'] },
  { name: 'caption mismatch (incl. swaps)', label: 'caption-mismatch', flags: ['caption-mismatch', 'caption-swap'] },
  { name: 'caption swap (pairs)', label: 'caption-swap', flags: ['caption-swap'] },
  { name: 'style drift', label: 'style-drift', flags: ['style-drift'] },
  { name: 'palette drift', label: 'palette-drift', flags: ['palette-drift'] },
  { name: 'continuity', label: 'continuity', flags: ['continuity'] },
];

/** The onnx files a model folder needs; missing ones are named in the report. */
export function missingModelFiles(dir: string): string[] {
  return ['onnx/text_model.onnx', 'onnx/vision_model.onnx'].filter((f) => !existsSync(join(dir, f)));
}

export interface ToyRun {
  board: ToyBoard;
  analysis: BoardAnalysis;
  clean: boolean;
}

export interface ToyOptions {
  model: string;
  /** The model's score scale, passed to the Engine as an imported model's calibration would be. */
  calibration?: ScoreCalibration;
  planted?: number;
  clean?: number;
}

/** Plants per board: two well-read wrong attributes, one poorly read (reported apart), and one of each other kind. */
function plannedBoard(k: number): ToyPlan {
  const style = STYLES[k % STYLES.length]!;
  const wrong = attributesFor(style, [READ_WELL[k % 4]!, READ_WELL[(k + 1) % 4]!, READ_POORLY[k % 2]!]);
  return { ...CLEAN_PLAN, wrong, swaps: 1, shifted: 1, style: 1, palette: 1, continuity: 1 };
}

export async function runToyWorld(options: ToyOptions): Promise<ToyRun[]> {
  const world = readWorld();
  const root = await mkdtemp(join(tmpdir(), 'frameproof-toy-eval-'));
  const engine = new Engine({
    dataDir: join(root, 'data'),
    model: options.model,
    provider: 'cpu',
    threads: 2,
    ...(options.calibration && { calibration: options.calibration }),
  });
  const runs: ToyRun[] = [];
  try {
    const planted = options.planted ?? 12;
    const clean = options.clean ?? 8;
    for (let k = 0; k < planted + clean; k++) {
      const isClean = k >= planted;
      const style = STYLES[k % STYLES.length]!;
      const name = `${isClean ? 'clean' : 'planted'} ${k + 1} (${style})`;
      const board = composeBoard(world, name, 7000 + k, style, isClean ? CLEAN_PLAN : plannedBoard(k));
      const folder = join(root, `board${k + 1}`);
      await writeBoard(board, folder);
      await engine.openBoard(folder);
      const view = await engine.scoreBoard();
      if (!view.analysis) throw new Error(`${name}: the board was not analysed`);
      runs.push({ board, analysis: view.analysis, clean: isClean });
    }
  } finally {
    await engine.close();
    await rm(root, { recursive: true, force: true });
  }
  return runs;
}

function warnedKinds(analysis: BoardAnalysis, frameId: string): Set<FlagKind> {
  const frame = analysis.frames.find((f) => f.frameId === frameId)!;
  return new Set(frame.flags.filter(needsLook).map((f) => f.kind));
}

export interface ToyReport {
  rows: { detector: ToyDetector; tally: Tally; precision: number; recall: number }[];
  /** Recall of caption drift per wrong attribute: found / planted. */
  attributes: { attribute: Attribute; found: number; planted: number }[];
  cleanFrames: number;
  cleanWarnings: number;
  /** Warnings on clean boards, by kind. */
  cleanKinds: Partial<Record<FlagKind, number>>;
  /** Examples of the warnings on clean boards, for the verbose report. */
  cleanExamples: string[];
  misses: string[];
}

export function toyReport(runs: readonly ToyRun[]): ToyReport {
  const rows = TOY_DETECTORS.map((detector) => {
    const tally = emptyTally();
    for (const { board, analysis, clean } of runs) {
      if (clean) continue;
      for (const frame of board.frames) {
        // A poorly read attribute is reported apart, not held against the detector's recall.
        const plant = board.plants.get(frame.id);
        if (detector.label === 'caption-drift' && plant?.attribute && READ_POORLY.includes(plant.attribute)) continue;
        if (board.ambiguous.get(frame.id)?.has(detector.label)) continue;
        const kinds = warnedKinds(analysis, frame.id);
        count(
          tally,
          detector.flags.some((k) => kinds.has(k)),
          board.truth.get(frame.id)?.has(detector.label) ?? false,
        );
      }
    }
    return { detector, tally, precision: precision(tally), recall: recall(tally) };
  });
  const attributes = [...READ_WELL, ...READ_POORLY].map((attribute) => {
    let found = 0;
    let planted = 0;
    for (const { board, analysis } of runs) {
      for (const [id, plant] of board.plants) {
        if (plant.attribute !== attribute) continue;
        planted++;
        if (warnedKinds(analysis, id).has('caption-drift')) found++;
      }
    }
    return { attribute, found, planted };
  });
  let cleanFrames = 0;
  let cleanWarnings = 0;
  const cleanKinds: Partial<Record<FlagKind, number>> = {};
  const cleanExamples: string[] = [];
  const misses: string[] = [];
  for (const { board, analysis, clean } of runs) {
    for (const frame of analysis.frames) {
      const warnings = frame.flags.filter(needsLook);
      if (clean) {
        cleanFrames++;
        cleanWarnings += warnings.length;
        for (const w of warnings) {
          cleanKinds[w.kind] = (cleanKinds[w.kind] ?? 0) + 1;
          cleanExamples.push(`    ${board.name} ${frame.frameId} ${w.kind}: ${w.reason}`);
        }
        continue;
      }
      const truth = board.truth.get(frame.frameId) ?? new Set<FlagKind>();
      const ambiguous = board.ambiguous.get(frame.frameId) ?? new Set<FlagKind>();
      const plant = board.plants.get(frame.frameId);
      for (const w of warnings)
        if (!truth.has(w.kind) && !ambiguous.has(w.kind) && !(w.kind === 'caption-swap' && truth.has('caption-mismatch')))
          misses.push(`    FP ${board.name} ${frame.frameId} [${plant?.kind ?? 'ordinary'}] ${w.kind}: ${w.reason}`);
      for (const kind of truth) {
        const detector = TOY_DETECTORS.find((d) => d.label === kind);
        if (detector && !detector.flags.some((k) => warnings.some((w) => w.kind === k)))
          misses.push(
            `    FN ${board.name} ${frame.frameId} [${plant?.kind ?? ''}${plant?.attribute ? `:${plant.attribute}` : ''}] ${kind}; flags: ${frame.flags.map((f) => `${f.kind}(${f.severity})`).join(', ') || 'none'}`,
          );
      }
    }
  }
  return { rows, attributes, cleanFrames, cleanWarnings, cleanKinds, cleanExamples, misses };
}
