// The session as the app drives it: one labelled undo history for the board with per-frame undo
// and redo, settings held to the shared schema and saved without waiting on the model, and the
// sample board opened from a writable copy.
import { chmodSync, cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppSession } from '../../../electron/engine/session/appSession.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

let model: string;
beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

function session(options: { resourcesDir?: string; dataDir?: string } = {}): AppSession {
  return new AppSession({
    host: 'web',
    version: 'test',
    resourcesDir: options.resourcesDir ?? join(REPO_ROOT, 'resources'),
    dataDir: options.dataDir ?? tempFolder('frameproof-session-data-'),
    model,
    provider: 'cpu',
    watch: false,
  });
}

function sampleCopy(): string {
  const board = join(tempFolder('frameproof-session-'), 'sample');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  return board;
}

const SHOT1 = 'scene-1-desert/shot01.png';
const SHOT3 = 'scene-1-desert/shot03.png';

describe('the caption history', () => {
  it("undoes a frame's own last edit, not the board's, redoes, and says when there is nothing to undo", async () => {
    const board = sampleCopy();
    const csv = join(board, 'shots.csv');
    const original = readFileSync(csv);
    const s = session();
    const opened = await s.openBoard(board);
    expect(opened.history).toEqual({ undo: [], redo: [] });
    await s.setCaption(SHOT1, 'A rider at noon.');
    const two = await s.setCaption(SHOT3, 'A scarf in the wind.');
    expect(two.history.undo).toEqual([
      { frameId: SHOT3, label: 'caption of shot 3' },
      { frameId: SHOT1, label: 'caption of shot 1' },
    ]);

    // Shot 1's Undo takes back shot 1's edit; shot 3's stays.
    const undone = await s.undoCaption(SHOT1);
    expect(undone.board.frames.find((f) => f.id === SHOT1)!.caption).toMatch(/at dawn/);
    expect(undone.board.frames.find((f) => f.id === SHOT3)!.caption).toBe('A scarf in the wind.');
    expect(undone.history).toEqual({
      undo: [{ frameId: SHOT3, label: 'caption of shot 3' }],
      redo: [{ frameId: SHOT1, label: 'caption of shot 1' }],
    });
    await expect(s.undoCaption(SHOT1)).rejects.toMatchObject({
      code: 'NOTHING_TO_UNDO',
      message: 'There is no caption edit of shot 1 to undo.',
    });

    const redone = await s.redoCaption();
    expect(redone.board.frames.find((f) => f.id === SHOT1)!.caption).toBe('A rider at noon.');
    expect(redone.history.redo).toEqual([]);
    await expect(s.redoCaption()).rejects.toMatchObject({ code: 'NOTHING_TO_REDO' });

    // The board's undo goes back newest first, to the exact bytes.
    await s.undoCaption();
    await s.undoCaption();
    expect(readFileSync(csv).equals(original)).toBe(true);
    await expect(s.undoCaption()).rejects.toMatchObject({ code: 'NOTHING_TO_UNDO' });
    await s.close();
  });

  it('two undos at once take two steps, not the same one twice', async () => {
    const board = sampleCopy();
    const original = readFileSync(join(board, 'shots.csv'));
    const s = session();
    await s.openBoard(board);
    await s.setCaption(SHOT1, 'one');
    await s.setCaption(SHOT3, 'two');
    await Promise.all([s.undoCaption(), s.undoCaption()]);
    expect(readFileSync(join(board, 'shots.csv')).equals(original)).toBe(true);
    await s.close();
  });

  it('a new edit clears redo', async () => {
    const s = session();
    await s.openBoard(sampleCopy());
    await s.setCaption(SHOT1, 'one');
    await s.undoCaption();
    const view = await s.setCaption(SHOT3, 'two');
    expect(view.history.redo).toEqual([]);
    await s.close();
  });
});

describe('settings', () => {
  it('refuses values outside the shared schema, naming each, and saves nothing', async () => {
    const board = sampleCopy();
    const s = session();
    await s.openBoard(board);
    const refused = s.updateSettings({ thresholds: { captionDriftCosine: 5, captionOutlierZ: -2 } });
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(refused).rejects.toThrow(
      /captionDriftCosine: 5 is out of range: expected -1 to 1 \(cosine\)\..*captionOutlierZ: -2 is out of range: expected 0 to 100/,
    );
    expect(readdirSync(board)).not.toContain('frameproof.json');
    await s.close();
  });

  it('are saved and shown from the cache without running the model; scoring then fills in what they need', async () => {
    const board = sampleCopy();
    const s = session();
    await s.openBoard(board);
    await s.scoreBoard();
    const saved = await s.updateSettings({ wideFrames: 'crops', thresholds: { captionDriftCosine: 0.5 } });
    expect(JSON.parse(readFileSync(join(board, 'frameproof.json'), 'utf8'))).toMatchObject({
      wideFrames: 'crops',
      thresholds: { captionDriftCosine: 0.5 },
    });
    expect(saved.analysis!.thresholds.captionDriftCosine).toBe(0.5);
    expect(saved.analysis!.frames.every((f) => f.fullFrameScore === null)).toBe(true);
    expect(saved.settingsKeptIn).toEqual({ kind: 'board-file', file: join(board, 'frameproof.json') });
    const scored = await s.scoreBoard();
    expect(scored.analysis!.frames.find((f) => f.frameId === SHOT1)!.fullFrameScore).not.toBeNull();
    // The thresholds sent are the overrides in full: one left out goes back to its default.
    const reset = await s.updateSettings({ thresholds: {} });
    expect(reset.settings.thresholds).toEqual({});
    await s.close();
  });

  it("of a read-only board say they are kept in the app's database", async () => {
    const board = sampleCopy();
    chmodSync(board, 0o555);
    try {
      const dataDir = tempFolder('frameproof-session-data-');
      const s = session({ dataDir });
      await s.openBoard(board);
      const view = await s.acknowledgeFlag(SHOT1, 'caption-drift', true);
      expect(view.settingsKeptIn).toEqual({ kind: 'app-database', file: join(dataDir, 'frameproof.sqlite') });
      expect(view.settings.acknowledgements).toEqual([{ frameId: SHOT1, kind: 'caption-drift' }]);
      await s.close();
    } finally {
      chmodSync(board, 0o755);
    }
  });
});

describe('the sample board', () => {
  it('opens from a writable copy in the data folder, made once, even when the installed files are read-only', async () => {
    const resources = tempFolder('frameproof-session-resources-');
    const installed = join(resources, 'sample-board');
    cpSync(join(REPO_ROOT, 'resources', 'sample-board'), installed, { recursive: true });
    const readOnly = (path: string) => {
      for (const entry of readdirSync(path, { withFileTypes: true }))
        if (entry.isDirectory()) readOnly(join(path, entry.name));
        else chmodSync(join(path, entry.name), 0o444);
      chmodSync(path, 0o555);
    };
    readOnly(installed);
    const dataDir = tempFolder('frameproof-session-data-');
    const s = session({ resourcesDir: resources, dataDir });
    try {
      const view = await s.openSampleBoard();
      const copy = join(dataDir, 'sample-board');
      expect(view.board.folder).toBe(copy);
      expect((await s.getAppInfo()).sampleBoard).toBe(copy);
      expect(statSync(join(copy, 'shots.csv')).mode & 0o200).not.toBe(0);
      // The first edit is saved into the copy.
      await s.setCaption(SHOT1, 'A rider at noon.');
      expect(readFileSync(join(copy, 'shots.csv'), 'utf8')).toContain('A rider at noon.');
      // A later open keeps the copy as the person left it.
      writeFileSync(join(copy, 'notes.txt'), 'mine');
      await s.openSampleBoard();
      expect(readFileSync(join(copy, 'shots.csv'), 'utf8')).toContain('A rider at noon.');
      expect(readdirSync(dataDir).filter((n) => n.includes('partial'))).toEqual([]);
    } finally {
      await s.close();
      const writable = (path: string) => {
        chmodSync(path, 0o755);
        for (const entry of readdirSync(path, { withFileTypes: true })) if (entry.isDirectory()) writable(join(path, entry.name));
      };
      writable(installed);
    }
  });
});
