// The Models dialog's engine side on a real session: imports, the model in use, and what removing it
// falls back to (the board reopens on that model, so the status bar follows).
import { cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, FrameproofEvent } from '../../../electron/common/api.ts';
import { AppSession } from '../../../electron/engine/session/index.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const work = tempFolder('frameproof-models-session-');
const board = join(work, 'board');
let session: AppSession;
let tiny: string;
let wide: string;
const views: BoardView[] = [];

beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  [tiny, wide] = await Promise.all([ensureTestModel('tiny'), ensureTestModel('tiny-wide')]);
  session = new AppSession({
    host: 'web',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir: join(work, 'data'),
    provider: 'cpu',
    watch: false,
  });
  session.subscribe((event: FrameproofEvent) => event.type === 'boardChanged' && views.push(event.view));
});

afterAll(async () => {
  await session.close();
});

describe('models in the app session', () => {
  it('imports a model folder; with none before, the open board picks it up', async () => {
    const opened = await session.openBoard(board);
    expect(opened.notices.map((n) => n.code)).toContain('MODEL_NOT_INSTALLED');
    expect((await session.listModels()).inUse).toBeNull();
    const list = await session.importModel(tiny, 'tiny');
    expect(list.inUse).toMatchObject({ id: 'tiny', dir: tiny });
    expect(list.models[0]).toMatchObject({ id: 'tiny', inUse: true, status: 'installed', source: 'import' });
    expect(views.at(-1)!.model?.dir).toBe(tiny);
  });

  it('keeps the model in use when a second one is imported', async () => {
    const list = await session.importModel(wide, 'tiny wide');
    expect(list.inUse?.id).toBe('tiny');
    expect(list.models.slice(0, 2).map((m) => [m.id, m.inUse])).toEqual([
      ['tiny', true],
      ['tiny-wide', false],
    ]);
    expect(list.models.slice(2).every((m) => m.status === 'available')).toBe(true);
  });

  it('refuses a folder that is not a model, naming it', async () => {
    const empty = join(work, 'not-a-model');
    mkdirSync(empty);
    await expect(session.importModel(empty)).rejects.toMatchObject({ file: expect.stringContaining('not-a-model') });
    expect((await session.listModels()).models.filter((m) => m.status === 'installed')).toHaveLength(2);
  });

  it('removing the model in use switches to another installed one and reopens the board on it', async () => {
    views.length = 0;
    expect((await session.listModels()).replacesInUse).toBe('tiny wide');
    const list = await session.removeModel('tiny');
    expect(list.inUse).toMatchObject({ id: 'tiny-wide', dir: wide });
    expect(list.models[0]).toMatchObject({ id: 'tiny-wide', inUse: true });
    expect(views.at(-1)!.model?.dir).toBe(wide);
  });

  it('removing the last model leaves none in use, and the board says a model is needed', async () => {
    views.length = 0;
    const list = await session.removeModel('tiny-wide');
    expect(list.inUse).toBeNull();
    expect(list.models.some((m) => m.inUse || m.status === 'installed')).toBe(false);
    expect(views.at(-1)!.notices.map((n) => n.code)).toContain('MODEL_NOT_INSTALLED');
  });

  it('lists a folder given at start as the model in use', async () => {
    const started = new AppSession({
      host: 'web',
      version: 'test',
      resourcesDir: join(REPO_ROOT, 'resources'),
      dataDir: join(work, 'data2'),
      model: tiny,
      provider: 'cpu',
      watch: false,
    });
    try {
      const list = await started.listModels();
      expect(list.models[0]).toMatchObject({ id: tiny, name: 'tiny-1', source: 'folder', inUse: true });
      expect(list.replacesInUse).toBeNull();
      // Another model in use, then removed: back to the folder the session started with.
      await started.importModel(wide, 'wide');
      await started.updateEngineSettings({ model: 'wide' });
      const using = await started.listModels();
      expect(using.models.slice(0, 2).map((m) => [m.id, m.inUse])).toEqual([
        ['wide', true],
        [tiny, false],
      ]);
      expect(using.replacesInUse).toBe('tiny-1');
      expect((await started.removeModel('wide')).inUse).toMatchObject({ id: null, dir: tiny });
      expect((await started.getAppInfo()).models.models[0]!.inUse).toBe(true);
    } finally {
      await started.close();
    }
  });
});
