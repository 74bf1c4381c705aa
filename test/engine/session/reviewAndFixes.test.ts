// Review status and the one-click caption fixes, as the app drives them on a real board copy: the
// review is saved in frameproof.json and read back, a bulk step covers a selection, a swap writes
// both captions and one undo puts shots.csv back byte for byte, and taking the best caption copies
// the one the analysis names.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
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

function session(): AppSession {
  return new AppSession({
    host: 'web',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir: tempFolder('frameproof-review-data-'),
    model,
    provider: 'cpu',
    watch: false,
  });
}

function sampleCopy(): string {
  const board = join(tempFolder('frameproof-review-'), 'sample');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  return board;
}

const SHOT1 = 'scene-1-desert/shot01.png';
const SHOT3 = 'scene-1-desert/shot03.png';
const SHOT9 = 'scene-2-kitchen/shot01.png';

describe('review status', () => {
  it('sets a status and comment on a selection in one step, keeps it in frameproof.json, and reads it back', async () => {
    const board = sampleCopy();
    const s = session();
    await s.openBoard(board);
    const view = await s.setReview([SHOT1, SHOT3], { status: 'redo', comment: ' Too dark ' });
    expect(view.reviews[SHOT1]).toEqual({ frameId: SHOT1, status: 'redo', comment: 'Too dark' });
    expect(view.reviews[SHOT3]?.status).toBe('redo');
    expect(view.reviews[SHOT9]).toBeUndefined();
    // A later change of the status alone keeps the comment.
    const approved = await s.setReview([SHOT3], { status: 'approved' });
    expect(approved.reviews[SHOT3]).toEqual({ frameId: SHOT3, status: 'approved', comment: 'Too dark' });
    const saved = JSON.parse(readFileSync(join(board, 'frameproof.json'), 'utf8')) as { reviews: unknown[] };
    expect(saved.reviews).toHaveLength(2);
    await s.close();

    const again = session();
    const reopened = await again.openBoard(board);
    expect(reopened.reviews[SHOT1]?.status).toBe('redo');
    expect(reopened.reviews[SHOT3]?.status).toBe('approved');
    // Cleared: gone from the view.
    const cleared = await again.setReview([SHOT1], { status: null, comment: '' });
    expect(cleared.reviews[SHOT1]).toBeUndefined();
    await again.close();
  });

  it('refuses unknown frames, naming them, and saves nothing', async () => {
    const board = sampleCopy();
    const s = session();
    await s.openBoard(board);
    await expect(s.setReview([SHOT1, 'nope.png'], { status: 'redo' })).rejects.toMatchObject({
      code: 'FRAME_NOT_FOUND',
      message: expect.stringContaining('"nope.png"'),
    });
    expect((await s.currentView()).reviews).toEqual({});
    await s.close();
  });

  it('acknowledges a list of flags in one step and withdraws them again', async () => {
    const board = sampleCopy();
    const s = session();
    await s.openBoard(board);
    const scored = await s.scoreBoard();
    const flags = scored.analysis!.frames.flatMap((f) => f.flags.map((flag) => ({ frameId: f.frameId, kind: flag.kind })));
    expect(flags.length).toBeGreaterThan(1);
    const acknowledged = await s.acknowledgeFlags(flags, true);
    expect(acknowledged.settings.acknowledgements).toHaveLength(flags.length);
    expect(acknowledged.analysis!.frames.every((f) => f.flags.every((flag) => flag.acknowledged))).toBe(true);
    const withdrawn = await s.acknowledgeFlags(flags.slice(1), false);
    expect(withdrawn.settings.acknowledgements).toEqual([flags[0]]);
    await s.close();
  });
});

describe('one-click caption fixes', () => {
  it('swaps two captions as one undo step; undo puts shots.csv back byte for byte, redo swaps again', async () => {
    const board = sampleCopy();
    const csv = join(board, 'shots.csv');
    const original = readFileSync(csv);
    const s = session();
    const opened = await s.openBoard(board);
    const captionOf = (v: typeof opened, id: string) => v.board.frames.find((f) => f.id === id)!.caption;
    const one = captionOf(opened, SHOT1)!;
    const three = captionOf(opened, SHOT3)!;
    const swapped = await s.swapCaptions(SHOT1, SHOT3);
    expect(captionOf(swapped, SHOT1)).toBe(three);
    expect(captionOf(swapped, SHOT3)).toBe(one);
    const text = readFileSync(csv, 'utf8');
    expect(text.indexOf(three)).toBeLessThan(text.indexOf(one));
    expect(swapped.history.undo).toEqual([{ frameId: SHOT1, label: 'caption swap of shots 1 and 3' }]);

    const undone = await s.undoCaption(SHOT3);
    expect(readFileSync(csv).equals(original)).toBe(true);
    expect(captionOf(undone, SHOT1)).toBe(one);
    expect(undone.history).toEqual({ undo: [], redo: [{ frameId: SHOT1, label: 'caption swap of shots 1 and 3' }] });
    const redone = await s.redoCaption();
    expect(captionOf(redone, SHOT3)).toBe(one);
    await s.close();
  });

  it('swaps captions kept in different files (a sidecar and shots.csv)', async () => {
    const board = sampleCopy();
    // Shot 9's caption moves to a sidecar: its shots.csv cell is emptied.
    const csv = join(board, 'shots.csv');
    const kitchen = 'Wide shot of a small kitchen at night, a single lamp hanging over the table.';
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(`"${kitchen}"`, ''));
    writeFileSync(join(board, 'scene-2-kitchen', 'shot01.txt'), `${kitchen}\n`);
    const before = { csv: readFileSync(csv), sidecar: readFileSync(join(board, 'scene-2-kitchen', 'shot01.txt')) };
    const s = session();
    const opened = await s.openBoard(board);
    expect(opened.board.frames.find((f) => f.id === SHOT9)!.captionSource.kind).toBe('sidecar');
    const swapped = await s.swapCaptions(SHOT9, SHOT1);
    expect(swapped.board.frames.find((f) => f.id === SHOT1)!.caption).toBe(kitchen);
    expect(readFileSync(join(board, 'scene-2-kitchen', 'shot01.txt'), 'utf8')).toMatch(/^Wide shot of a lone rider/);
    await s.undoCaption();
    expect(readFileSync(csv).equals(before.csv)).toBe(true);
    expect(readFileSync(join(board, 'scene-2-kitchen', 'shot01.txt')).equals(before.sidecar)).toBe(true);
    await s.close();
  });

  it('leaves both files as they were when the second write of a swap fails', async () => {
    const board = sampleCopy();
    const csv = join(board, 'shots.csv');
    const kitchen = 'Wide shot of a small kitchen at night, a single lamp hanging over the table.';
    writeFileSync(csv, readFileSync(csv, 'utf8').replace(`"${kitchen}"`, ''));
    const sidecar = join(board, 'scene-2-kitchen', 'shot01.txt');
    writeFileSync(sidecar, `${kitchen}\n`);
    const s = session();
    await s.openBoard(board);
    // shots.csv changes behind the app's back: it no longer lists shot 1, so its write is refused.
    const changed = readFileSync(csv, 'utf8').replace(/^1,.*\n/m, '');
    writeFileSync(csv, changed);
    const sidecarBefore = readFileSync(sidecar);
    await expect(s.swapCaptions(SHOT9, SHOT1)).rejects.toMatchObject({ code: 'CAPTION_SOURCE_CHANGED' });
    expect(readFileSync(sidecar).equals(sidecarBefore)).toBe(true);
    expect(readFileSync(csv, 'utf8')).toBe(changed);
    expect((await s.currentView()).history.undo).toEqual([]);
    await s.close();
  });

  it("takes the caption the analysis found fits best, as one undo step; refuses a frame's own", async () => {
    const board = sampleCopy();
    const csv = join(board, 'shots.csv');
    const original = readFileSync(csv);
    const s = session();
    await s.openBoard(board);
    const scored = await s.scoreBoard();
    const best = scored.analysis!.frames.find((f) => f.frameId === SHOT3)!.bestOther!;
    const bestCaption = scored.board.frames.find((f) => f.id === best.frameId)!.caption;
    const taken = await s.takeCaption(SHOT3);
    expect(taken.board.frames.find((f) => f.id === SHOT3)!.caption).toBe(bestCaption);
    expect(taken.history.undo[0]).toEqual({ frameId: SHOT3, label: 'caption of shot 3' });
    await s.undoCaption();
    expect(readFileSync(csv).equals(original)).toBe(true);
    await expect(s.takeCaption(SHOT3, SHOT3)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const named = await s.takeCaption(SHOT3, SHOT9);
    expect(named.board.frames.find((f) => f.id === SHOT3)!.caption).toMatch(/small kitchen at night/);
    await s.close();
  });
});
