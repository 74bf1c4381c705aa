import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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
    // No frame has a review status: no status column.
    expect(lines[0]).toMatch(/^shot\s+file\s+cosine\s+CLIPScore\s+reading\s+severity\s+flags$/);
    expect(lines.filter((l) => /shot\d\d\.png/.test(l))).toHaveLength(16);
    // A line names each scene above its frames; a person's terminal width holds every row (100 when piped).
    expect(lines.filter((l) => l.startsWith('-- '))).toEqual(['-- Scene 1 - Desert', '-- Scene 2 - Kitchen']);
    const table = result.stdout.split('\n\n')[0]!.split('\n');
    for (const line of table) expect([...line].length, line).toBeLessThanOrEqual(100);
    // Each row: its score's reading for this model, and Warning or Note when it has flags; no parentheses.
    const rows = table.filter((l) => /shot\d\d\.png/.test(l)).map((l) => l.split(/ {2,}/));
    for (const cells of rows) expect(['good', 'borderline', 'poor']).toContain(cells[4]);
    expect(
      rows
        .map((cells) => cells[5] ?? '')
        .filter(Boolean)
        .sort()[0],
    ).toMatch(/^(Note|Warning)$/);
    expect(table.join('\n')).not.toMatch(/\(\w[^)]*\)/);
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

  it('embeds caption parts only for output that shows the breakdown (JSON, exports), not for the table', async () => {
    const fresh = { FRAMEPROOF_DATA_DIR: tempFolder('frameproof-cli-parts-') };
    const texts = () => {
      const db = new Database(join(fresh.FRAMEPROOF_DATA_DIR, 'frameproof.sqlite'), { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM text_embeddings').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const table = await runCli(['score', board, '--model', model, '--provider', 'cpu'], '', fresh);
    expect(table.code).toBe(0);
    const afterTable = texts();
    // The captions' own embeddings: at most one per frame.
    expect(afterTable).toBeGreaterThan(0);
    expect(afterTable).toBeLessThanOrEqual(16);
    const json = await runCli(['score', board, '--model', model, '--provider', 'cpu', '--json'], '', fresh);
    const view = JSON.parse(json.stdout) as BoardView;
    expect(view.analysis!.frames.filter((f) => f.breakdown && f.breakdown.parts.length > 0).length).toBeGreaterThan(8);
    expect(texts()).toBeGreaterThan(afterTable);
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

  it('exits 1 with --fail-on status:redo when a frame has that review status, 0 for a status no frame has', async () => {
    const reviewed = join(tempFolder('frameproof-cli-review-'), 'sample');
    cpSync(board, reviewed, { recursive: true });
    const reviews = [{ frameId: 'scene-1-desert/shot02.png', status: 'redo', comment: 'horse missing' }];
    writeFileSync(join(reviewed, 'frameproof.json'), JSON.stringify({ version: 1, reviews }));
    const failing = await runCli(['score', reviewed, '--model', model, '--fail-on', 'status:redo'], '', env);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/failing because of 1 frame with the status Redo \(status:redo\) \(--fail-on\)/);
    // The table gains a status column; the summary counts statuses; the comment is said below.
    const lines = failing.stdout.split('\n');
    expect(lines[0]).toMatch(/^shot\s+file\s+cosine\s+CLIPScore\s+reading\s+severity\s+status\s+flags$/);
    const statusAt = lines[0]!.indexOf('status');
    const row = lines.find((l) => l.includes('shot02.png'))!;
    expect(row.slice(statusAt).startsWith('Redo')).toBe(true);
    expect(lines.filter((l) => /shot\d\d\.png/.test(l) && l.slice(statusAt).startsWith('Redo'))).toHaveLength(1);
    expect(failing.stdout).toMatch(/; review: Redo 1; /);
    expect(failing.stdout).toMatch(/\nReview:\n {2}2 {2}Redo: horse missing\n/);
    const passing = await runCli(['score', reviewed, '--model', model, '--fail-on', 'status:needs-changes'], '', env);
    expect(passing.code).toBe(0);
    const unknown = await runCli(['score', reviewed, '--model', model, '--fail-on', 'status:done'], '', env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"status:done".*status:approved, status:needs-changes, status:redo/);
  });

  it('refuses unknown flags and thresholds with exit 2, naming the choices', async () => {
    const flag = await runCli(['score', board, '--model', model, '--fail-on', 'ugly'], '', env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown flag "ugly" in --fail-on\. Should be one of: error, warning, any, caption-drift/);
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

/** Two frames of the sample board in a folder of their own: small enough to score in a moment. */
function smallBoard(): string {
  const folder = join(tempFolder('frameproof-cli-small-'), 'small');
  mkdirSync(folder);
  cpSync(join(REPO_ROOT, 'resources', 'sample-board', 'scene-1-desert', 'shot01.png'), join(folder, 'shot01.png'));
  cpSync(join(REPO_ROOT, 'resources', 'sample-board', 'scene-1-desert', 'shot02.png'), join(folder, 'shot02.png'));
  return folder;
}

function stderrLines(stderr: string, prefix: RegExp): string[] {
  return stderr.split('\n').filter((line) => prefix.test(line));
}

describe('nothing that went wrong is silent', () => {
  it('says on stderr, and in the JSON notices, that a damaged database was moved aside and what that lost', async () => {
    const data = tempFolder('frameproof-cli-damaged-');
    const damaged = randomBytes(64 * 1024);
    writeFileSync(join(data, 'frameproof.sqlite'), damaged);
    const board = smallBoard();
    const result = await runCli(['score', board, '--model', model, '--json'], '', { FRAMEPROOF_DATA_DIR: data });
    expect(result.code).toBe(0);
    const [told, ...more] = stderrLines(result.stderr, /^note: .*frameproof\.sqlite/);
    expect(more).toEqual([]);
    expect(told).toMatch(/moved to .*frameproof\.sqlite\.corrupt-/);
    expect(told).toMatch(/Lost: the cached scores .* and the settings of read-only boards/);
    expect(told).toMatch(/Nothing in any board folder was touched\./);
    const view = JSON.parse(result.stdout) as BoardView;
    expect(view.notices).toEqual([
      expect.objectContaining({
        code: 'DATABASE_MOVED_ASIDE',
        file: join(data, 'frameproof.sqlite'),
        message: expect.stringMatching(/Nothing in any board folder was touched/),
      }),
    ]);
    // The old file is kept, byte for byte; the board folder holds what it held.
    const aside = readdirSync(data).find((name) => /^frameproof\.sqlite\.corrupt-[^-]/.test(name) && !/-(wal|shm|journal)$/.test(name))!;
    expect(readFileSync(join(data, aside)).equals(damaged)).toBe(true);
    expect(readdirSync(board).sort()).toEqual(['shot01.png', 'shot02.png']);

    // Told once: the rebuilt database is quiet, and scores from its cache.
    const again = await runCli(['score', board, '--model', model, '--json'], '', { FRAMEPROOF_DATA_DIR: data });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/frameproof\.sqlite/);
    expect((JSON.parse(again.stdout) as BoardView).notices).toEqual([]);
  });

  it('lists unreadable frames and board problems on stderr with counts in the summary, and --fail-on error fails on them', async () => {
    const board = smallBoard();
    // A PNG cut short, a shots.csv row naming a file that is not there, settings that are not JSON.
    writeFileSync(join(board, 'broken.png'), readFileSync(join(board, 'shot01.png')).subarray(0, 300));
    writeFileSync(
      join(board, 'shots.csv'),
      'file,caption\nshot01.png,a rider in the desert\nshot02.png,dunes at dawn\nbroken.png,a broken frame\nmissing.png,a frame that is gone\n',
    );
    writeFileSync(join(board, 'frameproof.json'), '{ "thresholds": ');

    const plain = await runCli(['score', board, '--model', model], '', env);
    expect(plain.code).toBe(0);
    expect(stderrLines(plain.stderr, /^error: /)).toEqual([expect.stringMatching(/^error: .*broken\.png: The image is damaged/)]);
    const warnings = stderrLines(plain.stderr, /^warning: /);
    expect(warnings).toHaveLength(2);
    expect(warnings).toContainEqual(expect.stringMatching(/frameproof\.json: The project settings are not valid JSON/));
    expect(warnings).toContainEqual(expect.stringMatching(/shots\.csv row 4 .* names "missing\.png", which is not in the board folder/));
    expect(plain.stdout).toMatch(/^3 frames, \d+ flagged.*, 1 unreadable, 2 board problems[;.]/m);

    const failing = await runCli(['score', board, '--model', model, '--fail-on', 'error', '--json'], '', env);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/failing because of 1 unreadable frame, 2 board problems \(--fail-on\)/);
    const view = JSON.parse(failing.stdout) as BoardView;
    expect(view.scores['broken.png']?.error?.code).toBe('IMAGE_UNREADABLE');
  });

  it('--fail-on error passes a board with nothing wrong', async () => {
    const result = await runCli(['score', smallBoard(), '--model', model, '--fail-on', 'error'], '', env);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/^(error|warning): /m);
    expect(result.stdout).not.toMatch(/unreadable|board problem/);
  });

  it('exits 2 on a folder with no frames, with one line saying what a board folder needs', async () => {
    const empty = tempFolder('frameproof-cli-noframes-');
    writeFileSync(join(empty, 'notes.txt'), 'not a frame');
    const result = await runCli(['score', empty, '--model', model], '', env);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^frameproof: No frames found in .*frameproof-cli-noframes-\w+\. A board folder needs images \(\.png .*\)/),
    ]);
    expect(existsSync(join(empty, 'frameproof.json'))).toBe(false);
  });
});
