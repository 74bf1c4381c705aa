// `frameproof compare` run as a person would, in a child process (test/cli/run.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelComparison } from '../../../../electron/common/api.ts';
import { ensureTestModel } from '../../../models/cache.ts';
import { runCli } from '../../../hosts/cli/run.ts';
import { makeBoard } from './helpers.ts';

const root = mkdtempSync(join(tmpdir(), 'frameproof-compare-cli-'));
const board = join(root, 'board');
const env = { FRAMEPROOF_DATA_DIR: join(root, 'data') };
let tiny: string;
let wide: string;

beforeAll(async () => {
  [tiny, wide] = [await ensureTestModel('tiny'), await ensureTestModel('tiny-wide')];
  await makeBoard(board);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('frameproof compare FOLDER', () => {
  it('prints the comparison as JSON with its format name, every cell naming its model, and writes the HTML export', async () => {
    const html = join(root, 'out.html');
    const result = await runCli(
      ['compare', board, '--model', tiny, '--model', wide, '--json', '--provider', 'cpu', '--threads', '1', '--export', html],
      '',
      env,
    );
    expect(result.code).toBe(0);
    const doc = JSON.parse(result.stdout) as ModelComparison & { format: string; formatVersion: number };
    expect(doc).toMatchObject({ format: 'frameproof-model-comparison', formatVersion: 1, providerChoice: 'cpu', board: { frames: 9 } });
    expect(doc.models.map((m) => [m.name, m.embeddingSize])).toEqual([
      ['tiny-1', 16],
      ['tiny-wide-1', 24],
    ]);
    for (const frame of doc.frames) expect(frame.cells.map((c) => c.modelId)).toEqual(doc.models.map((m) => m.id));
    expect(doc.retrieval).toEqual({ frames: 7, excludedNoCaption: 1, excludedNotEmbedded: 1 });
    expect(result.stderr).toMatch(/^A images \(.*tiny-1\): 9\/9/m);
    expect(result.stderr).toMatch(/^B timing \(.*tiny-wide-1\): 8\/8/m);
    expect(result.stderr).toContain(`wrote ${html} (html, 9 frames)`);
    expect(readFileSync(html, 'utf8')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('prints the models, every frame side by side and the disagreements as tables', async () => {
    const result = await runCli(['compare', board, '--model', tiny, '--model', wide, '--provider', 'cpu', '--threads', '1'], '', env);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Models on board (9 frames)');
    expect(lines[1]).toMatch(
      /^key\s+model\s+id\s+provider\s+dim\s+images\/s\s+memory\s+i>c@1\s+i>c@5\s+c>i@1\s+c>i@5\s+scored\s+flagged\s+flags$/,
    );
    expect(lines[2]).toMatch(/^A\s+tiny-1\s+tiny-1@[0-9a-f]{16}\s+cpu\s+16\s+[\d.]+\s+[+\u2212]\d+ MiB\s/);
    expect(lines[3]).toMatch(/^B\s+tiny-wide-1\s+tiny-wide-1@[0-9a-f]{16}\s+cpu\s+24\s/);
    expect(result.stdout).toMatch(/^Retrieval over 7 frames \(left out: 1 without a caption, 1 not embedded by every model\)/m);
    expect(result.stdout).toMatch(/^shot\s+file\s+A cosine\s+B cosine\s+A flags\s+B flags$/m);
    const frameTable = lines.slice(lines.findIndex((l) => l.startsWith('Frames')) + 2);
    const frameRows = frameTable.slice(0, frameTable.indexOf(''));
    expect(frameRows.map((l) => l.split(/\s+/).slice(0, 2).join(' '))).toEqual(
      Array.from({ length: 9 }, (_, k) => `${k + 1} frame0${k + 1}.png`),
    );
    expect(frameRows[8]).toMatch(/^9\s+frame09\.png\s+-\s+-\s+IMAGE_\w+\s+IMAGE_\w+$/);
    expect(result.stdout).toMatch(/^Disagreements \(\d+\)$/m);
  });

  it('needs at least two models: exit 2 with one line that says so, before any work', async () => {
    const one = await runCli(['compare', board, '--model', tiny], '', env);
    expect(one.code).toBe(2);
    expect(one.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/compare needs at least two models \(--model A --model B\); only one was given\./),
    ]);
    const none = await runCli(['compare', board], '', env);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/none was given/);
  });

  it('refuses an export it cannot write before scoring, and a missing folder', async () => {
    const data = join(root, 'untouched');
    const csv = await runCli(['compare', board, '--model', tiny, '--model', wide, '--export', join(root, 'x.csv')], '', {
      FRAMEPROOF_DATA_DIR: data,
    });
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/\.html \(a report\) or \.json/);
    expect(existsSync(data)).toBe(false);
    const missing = await runCli(['compare', join(root, 'nope'), '--model', tiny, '--model', wide], '', env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope/);
  });
});
