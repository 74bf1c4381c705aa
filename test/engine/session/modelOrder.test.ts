import { describe, expect, it } from 'vitest';
import type { ModelList, ModelListEntry } from '../../../electron/common/api.ts';
import { orderModelList, replacementFor } from '../../../electron/engine/session/modelOrder.ts';

function entry(id: string, status: ModelListEntry['status'], path: string | null = null): ModelListEntry {
  return {
    id,
    name: id,
    status,
    isDefault: false,
    inUse: false,
    source: status === 'available' ? null : 'catalog',
    variant: null,
    embeddingDim: null,
    description: null,
    path,
    diskBytes: 0,
    partialBytes: 0,
    downloadBytes: null,
    approxDownloadBytes: null,
    warnings: [],
  };
}

const list: ModelList = {
  defaultId: 'a',
  inUse: null,
  firstRun: false,
  modelsDir: '/data/models',
  models: [
    entry('a', 'available'),
    entry('b', 'installed', '/data/models/b'),
    entry('c', 'missing', '/gone'),
    entry('d', 'available'),
    entry('e', 'installed', '/mine/e'),
  ],
};

describe('the Models dialog order', () => {
  it('puts the model in use first, then installed, gone, and available ones, in catalog order within each', () => {
    const ordered = orderModelList(list, { id: 'e', name: 'e', dir: '/mine/e' });
    expect(ordered.models.map((m) => [m.id, m.inUse])).toEqual([
      ['e', true],
      ['b', false],
      ['c', false],
      ['a', false],
      ['d', false],
    ]);
    expect(ordered.inUse).toEqual({ id: 'e', name: 'e', dir: '/mine/e' });
  });

  it('lists a folder given at start as in use, though no registry knows it', () => {
    const ordered = orderModelList(list, { id: null, name: 'my-clip', dir: '/models/my-clip' });
    expect(ordered.models[0]).toMatchObject({
      id: '/models/my-clip',
      name: 'my-clip',
      status: 'installed',
      source: 'folder',
      inUse: true,
      path: '/models/my-clip',
    });
    expect(ordered.models).toHaveLength(6);
  });

  it('matches a folder given at start to the installed model registered at that folder', () => {
    const ordered = orderModelList(list, { id: null, name: 'e', dir: '/mine/e' });
    expect(ordered.models.map((m) => m.id)).toEqual(['e', 'b', 'c', 'a', 'd']);
    expect(ordered.models[0]!.inUse).toBe(true);
  });

  it('keeps a folder given at start in the list once another model is in use', () => {
    const ordered = orderModelList(
      list,
      { id: 'b', name: 'b', dir: '/data/models/b' },
      { id: null, name: 'my-clip', dir: '/models/my-clip' },
    );
    expect(ordered.models.map((m) => [m.id, m.inUse])).toEqual([
      ['b', true],
      ['e', false],
      ['/models/my-clip', false],
      ['c', false],
      ['a', false],
      ['d', false],
    ]);
  });

  it('replaces a removed model in use with the one the session started with, else the default, else the first installed', () => {
    const withFolder = orderModelList(
      list,
      { id: 'b', name: 'b', dir: '/data/models/b' },
      { id: null, name: 'my-clip', dir: '/models/my-clip' },
    );
    expect(replacementFor(withFolder, 'b', '/models/my-clip')?.id).toBe('/models/my-clip');
    expect(replacementFor(withFolder, 'b', undefined)?.id).toBe('e');
    const withDefault = { ...list, models: [...list.models, entry('z', 'installed')], defaultId: 'z' };
    expect(replacementFor(withDefault, 'b', undefined)?.id).toBe('z');
    expect(replacementFor({ ...list, models: [entry('b', 'installed'), entry('a', 'available')] }, 'b', 'b')).toBeNull();
  });

  it('marks nothing when no model can be used', () => {
    const ordered = orderModelList(list, null);
    expect(ordered.models.some((m) => m.inUse)).toBe(false);
    expect(ordered.models.map((m) => m.id)).toEqual(['b', 'e', 'c', 'a', 'd']);
  });
});
