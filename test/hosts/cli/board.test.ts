import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BoardView } from '../../../electron/common/api.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { runCli } from './run.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

let model: string;
const dataDir = tempFolder('frameproof-cli-data-');
const board = join(tempFolder('frameproof-cli-board-'), 'sample');
const env = { FRAMEPROOF_DATA_DIR: dataDir };

beforeAll(async () => {
  model = await ensureTestModel('tiny');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
});

describe('frameproof score FOLDER', () => {
  it('prints a table of every frame with its score and flags, then plain progress lines when not a terminal', async () => {
    const result = await runCli(['score', board, '--model', model, '--provider', 'cpu'], '', env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^shot\s+scene\s+file\s+cosine\s+CLIPScore\s+flags$/);
    expect(lines.filter((l) => /scene-\d-\w+\/shot\d\d\.png/.test(l))).toHaveLength(16);
    expect(result.stdout).toMatch(/16 frames, \d+ flagged .*tiny-1 on cpu\./);
    expect(result.stderr).toMatch(/^images: 16\/16/m);
    expect(result.stderr).toMatch(/^captions: 16\/16/m);
  });

  it('gives the whole board view as JSON, every score recording its model', async () => {
    const result = await runCli(['score', board, '--model', model, '--json'], '', env);
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as BoardView;
    expect(view.board.frames).toHaveLength(16);
    expect(view.model?.id).toMatch(/^tiny-1@[0-9a-f]{16}$/);
    expect(view.unscored).toBe(0);
    const scored = Object.values(view.scores).filter((s) => s.score);
    expect(scored).toHaveLength(16);
    expect(view.analysis?.frames.find((f) => f.shot === '15')?.flags.map((f) => f.kind)).toContain('caption-truncated');
  });

  it('exits 1 when a --fail-on flag that needs a look is raised, 0 when it is not', async () => {
    const failing = await runCli(['score', board, '--model', model, '--fail-on', 'style-drift'], '', env);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/failing because of 1 × Style drift \(style-drift\) \(--fail-on\)/);
    const passing = await runCli(['score', board, '--model', model, '--fail-on', 'transparency'], '', env);
    expect(passing.code).toBe(0);
    // A note (the long caption is shown, not counted as flagged) fails nothing, as the summary says.
    const note = await runCli(['score', board, '--model', model, '--fail-on', 'caption-truncated'], '', env);
    expect(note.code).toBe(0);
    expect(note.stdout).toMatch(/notes, not counted: .*Caption too long 1/);
  });

  it('refuses unknown flags and thresholds with exit 2, naming the choices', async () => {
    const flag = await runCli(['score', board, '--model', model, '--fail-on', 'ugly'], '', env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown flag "ugly" in --fail-on\. Should be one of: caption-drift/);
    const threshold = await runCli(['score', board, '--model', model, '--threshold', 'captionDrift=abc'], '', env);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold captionDrift=abc/);
  });

  it('says how to get a model when none is installed', async () => {
    const empty = tempFolder('frameproof-cli-empty-');
    const result = await runCli(['score', board], '', { FRAMEPROOF_DATA_DIR: empty });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/frameproof models download clip-vit-b-32/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names a folder that does not exist', async () => {
    const result = await runCli(['score', join(board, 'nope'), '--model', model], '', env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/nope/);
  });
});
