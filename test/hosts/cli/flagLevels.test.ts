// Flag levels end to end: one board with one kind switched to info and another off reads the same
// through the CLI's JSON, the Engine's analysis (the app's view), the CSV and JSON exports and
// --fail-on; the board's saved levels and the CLI's --flag agree.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, FlagKind } from '../../../electron/common/api.ts';
import { countFlags, flagLabel } from '../../../electron/common/flags.ts';
import { Engine } from '../../../electron/engine/engine.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { runCli } from './run.ts';

let model: string;
const dataDir = tempFolder('frameproof-levels-data-');
const out = tempFolder('frameproof-levels-out-');
const board = join(tempFolder('frameproof-levels-board-'), 'sample');
const env = { FRAMEPROOF_DATA_DIR: dataDir };
let baseline: BoardView;
/** The board's most frequent warning kind, switched to info; the next, switched off. */
let quieter: FlagKind;
let silenced: FlagKind;
let levelled: BoardView;

async function scoreJson(...extra: string[]): Promise<BoardView> {
  const result = await runCli(['score', board, '--model', model, '--provider', 'cpu', '--threads', '1', '--json', ...extra], '', env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as BoardView;
}

beforeAll(async () => {
  model = await ensureTestModel('tiny');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  baseline = await scoreJson();
  const ranked = (Object.entries(baseline.analysis!.flagCounts) as [FlagKind, number][]).sort((a, b) => b[1] - a[1]);
  if (ranked.length < 2) throw new Error('The sample board needs two kinds of warning for this test; choose another board.');
  [quieter, silenced] = [ranked[0]![0], ranked[1]![0]];
  levelled = await scoreJson(
    '--flag',
    `${quieter}=info`,
    '--flag',
    `${silenced}=off`,
    '--export',
    join(out, 'board.csv'),
    '--export',
    join(out, 'board.json'),
  );
}, 300_000);

describe('flag levels through every output', () => {
  it('the CLI JSON: the info kind became notes, the off kind is gone, the counts follow', () => {
    const before = baseline.analysis!;
    const after = levelled.analysis!;
    expect(after.flagCounts[quieter]).toBeUndefined();
    expect(after.noteCounts[quieter]).toBe(before.flagCounts[quieter]! + (before.noteCounts[quieter] ?? 0));
    expect(after.flagCounts[silenced]).toBeUndefined();
    expect(after.noteCounts[silenced]).toBeUndefined();
    expect(after.frames.flatMap((f) => f.flags).some((f) => f.kind === silenced)).toBe(false);
    expect(
      after.frames
        .flatMap((f) => f.flags)
        .filter((f) => f.kind === quieter)
        .every((f) => f.severity === 'info'),
    ).toBe(true);
    // What the header, chart and summary count, recomputed from the frames.
    const counts = countFlags(after.frames.map((f) => f.flags));
    expect(after.flaggedFrames).toBe(counts.flaggedFrames);
    expect(after.flagCounts).toEqual(counts.flagCounts);
    expect(after.series.flags.flat()).not.toContain(quieter);
    expect(after.flaggedFrames).toBeLessThanOrEqual(before.flaggedFrames);
    // Other kinds are untouched.
    const others = (c: Partial<Record<FlagKind, number>>) =>
      Object.fromEntries(Object.entries(c).filter(([k]) => k !== quieter && k !== silenced));
    expect(others(after.flagCounts)).toEqual(others(before.flagCounts));
  });

  it("the exports: CSV's flags and notes columns and the JSON summary say the same", () => {
    const after = levelled.analysis!;
    const csv = readFileSync(join(out, 'board.csv'), 'utf8').replace(/^\uFEFF/, '');
    expect(csv).not.toContain(flagLabel(silenced));
    const doc = JSON.parse(readFileSync(join(out, 'board.json'), 'utf8')) as {
      summary: { flaggedFrames: number; flagCounts: Record<string, number> };
    };
    expect(doc.summary.flaggedFrames).toBe(after.flaggedFrames);
    expect(doc.summary.flagCounts).toEqual(after.flagCounts);
  });

  it("the board's saved levels (as Settings writes them) give the Engine, and then the CLI, the same analysis", async () => {
    const engine = new Engine({ dataDir, model, provider: 'cpu', threads: 1 });
    try {
      await engine.openBoard(board);
      await engine.updateSettings((s) => ({ ...s, flagLevels: { [quieter]: 'info', [silenced]: 'off' } }));
      const view = await engine.scoreBoard();
      expect(view.analysis!.flagCounts).toEqual(levelled.analysis!.flagCounts);
      expect(view.analysis!.noteCounts).toEqual(levelled.analysis!.noteCounts);
      expect(view.analysis!.flaggedFrames).toBe(levelled.analysis!.flaggedFrames);
    } finally {
      await engine.close();
    }
    const saved = JSON.parse(readFileSync(join(board, 'frameproof.json'), 'utf8')) as { flagLevels: unknown };
    expect(saved.flagLevels).toEqual({ [quieter]: 'info', [silenced]: 'off' });
    const fromFile = await scoreJson();
    expect(fromFile.analysis!.flagCounts).toEqual(levelled.analysis!.flagCounts);
    // --preset default puts every kind back for this run only.
    const reset = await scoreJson('--preset', 'default');
    expect(reset.analysis!.flagCounts).toEqual(baseline.analysis!.flagCounts);
  });

  it('--fail-on: a kind at info or off fails nothing and says why; warning and any read the same counts', async () => {
    const run = (...extra: string[]) =>
      runCli(['score', board, '--model', model, '--provider', 'cpu', '--threads', '1', ...extra], '', env);
    const levels = ['--flag', `${quieter}=info`, '--flag', `${silenced}=off`];
    const quiet = await run('--fail-on', quieter, ...levels);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain(`--fail-on ${quieter} cannot fail this run: ${flagLabel(quieter)} is a note (info) on this board`);
    const off = await run('--fail-on', silenced, ...levels);
    expect(off.stderr).toContain(`${flagLabel(silenced)} is off on this board`);
    const loud = await run('--fail-on', quieter, '--flag', `${quieter}=warning`);
    expect(loud.code).toBe(1);
    expect(loud.stderr).toMatch(new RegExp(`failing because of ${baseline.analysis!.flagCounts[quieter]} × `));
    const warning = await run('--fail-on', 'warning', ...levels);
    expect(warning.code).toBe(levelled.analysis!.flaggedFrames > 0 ? 1 : 0);
    if (levelled.analysis!.flaggedFrames > 0) expect(warning.stderr).toContain(`${levelled.analysis!.flaggedFrames} flagged frame`);
    const any = await run('--fail-on', 'any', ...levels);
    expect(any.code).toBe(1);
    expect(any.stderr).toMatch(/flags?, notes included \(any\)/);
  });

  it('refuses unknown kinds, levels and presets with exit 2, suggesting the closest', async () => {
    const run = (...extra: string[]) => runCli(['score', board, '--model', model, ...extra], '', env);
    const failOn = await run('--fail-on', 'palete-drift');
    expect(failOn.code).toBe(2);
    expect(failOn.stderr).toMatch(
      /Unknown flag "palete-drift" \(did you mean palette-drift\?\) in --fail-on\. Should be one of: error, warning, any, caption-drift/,
    );
    const level = await run('--flag', 'style-drift=loud', '--preset', 'strickt');
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/--preset strickt: there is no preset "strickt"\. Did you mean strict\?/);
    expect(level.stderr).toMatch(/--flag style-drift=loud: "loud" is not a level\. Levels: off, info, warning\./);
  });

  it('the table is followed by every flag in plain words, its numbers below', async () => {
    const result = await runCli(['score', board, '--model', model, '--provider', 'cpu', '--threads', '1'], '', env);
    const why = result.stdout.split('\n\nWhy:\n')[1];
    expect(why, result.stdout).toBeDefined();
    expect(why).toMatch(/^ {2}\S+ {2}[^:]+: This frame /m);
    expect(why).toMatch(/^ {8}\S.*\d/m);
  });
});
