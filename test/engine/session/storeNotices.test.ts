// The app hears when its database is rebuilt: a damaged file moved aside as the session starts
// (no page listens yet, so the board view carries it), and one deleted while in use (the notice
// event, and the view).
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppNotice } from '../../../electron/common/api.ts';
import { AppSession } from '../../../electron/engine/session/appSession.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

let model: string;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
});

function smallBoard(): string {
  const folder = join(tempFolder('frameproof-notice-board-'), 'board');
  mkdirSync(folder);
  for (const shot of ['shot01.png', 'shot02.png'])
    cpSync(join(REPO_ROOT, 'resources', 'sample-board', 'scene-1-desert', shot), join(folder, shot));
  writeFileSync(join(folder, 'shot01.txt'), 'A rider crosses the dunes.');
  return folder;
}

function snapshot(folder: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(folder)
      .sort()
      .map((name) => [name, readFileSync(join(folder, name)).toString('base64')]),
  );
}

function session(dataDir: string): AppSession {
  return new AppSession({
    host: 'web',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir,
    model,
    provider: 'cpu',
    watch: false,
  });
}

const SAYS_WHAT_WAS_LOST = /Lost: the cached scores .* and the settings of read-only boards .*Nothing in any board folder was touched\./;

describe('the app is told when its database is rebuilt', () => {
  it('a damaged database moved aside at start: the board views say what was lost, once, and the board folder is untouched', async () => {
    const dataDir = tempFolder('frameproof-notice-data-');
    writeFileSync(join(dataDir, 'frameproof.sqlite'), randomBytes(64 * 1024));
    const board = smallBoard();
    const before = snapshot(board);
    const told: string[] = [];
    const app = new AppSession({
      host: 'web',
      version: 'test',
      resourcesDir: join(REPO_ROOT, 'resources'),
      dataDir,
      model,
      provider: 'cpu',
      watch: false,
      onStoreNotice: (n) => told.push(n.code),
    });
    // The session started before anyone could subscribe: the host's own listener heard it.
    expect(told).toEqual(['DATABASE_MOVED_ASIDE']);

    const opened = await app.openBoard(board);
    const notice = expect.objectContaining({
      code: 'DATABASE_MOVED_ASIDE',
      file: join(dataDir, 'frameproof.sqlite'),
      message: expect.stringMatching(SAYS_WHAT_WAS_LOST),
    });
    expect(opened.notices).toEqual([notice]);
    // Every view of that board keeps saying it (a page that opens later still sees it)...
    const scored = await app.scoreBoard();
    expect(scored.notices).toEqual([notice]);
    expect((await app.currentView()).notices).toEqual([notice]);
    // ...and the next opening of a board no longer does: it was told.
    expect((await app.openBoard(board)).notices).toEqual([]);
    await app.close();
    expect(snapshot(board)).toEqual(before);
  });

  it('a database deleted while in use: a notice event as it happens, and the view carries it', async () => {
    const dataDir = tempFolder('frameproof-notice-data-');
    const board = smallBoard();
    const app = session(dataDir);
    await app.openBoard(board);
    expect((await app.scoreBoard()).notices).toEqual([]);
    const notices: AppNotice[] = [];
    app.subscribe((event) => event.type === 'notice' && notices.push(event.notice));

    for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, `frameproof.sqlite${suffix}`), { force: true });
    const view = await app.openBoard(board);
    expect(notices).toEqual([
      {
        level: 'warning',
        message: expect.stringMatching(
          /deleted or replaced while Frameproof was using it.*these are lost: the cached scores.*Nothing in any board folder was touched\./,
        ),
        error: expect.objectContaining({ code: 'DATABASE_REPLACED' }),
      },
    ]);
    expect(view.notices).toEqual([notices[0]!.error]);
    // The cache is gone: the frames need the model again.
    expect(view.unscored).toBe(2);
    await app.close();
  });
});
