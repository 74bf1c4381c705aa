import { describe, expect, it } from 'vitest';
import type { ModelList, ModelListEntry } from '../../electron/common/api.ts';
import { modelActions, offlineHint, removalMessage, removalQuestion } from './modelsView.ts';

function entry(id: string, status: ModelListEntry['status'], more: Partial<ModelListEntry> = {}): ModelListEntry {
  return {
    id,
    name: `Model ${id}`,
    status,
    isDefault: false,
    inUse: false,
    source: 'catalog',
    variant: null,
    embeddingDim: null,
    description: null,
    path: null,
    diskBytes: 0,
    partialBytes: 0,
    downloadBytes: null,
    approxDownloadBytes: null,
    warnings: [],
    ...more,
  };
}

function list(models: ModelListEntry[], inUse: ModelList['inUse'] = null): ModelList {
  return { defaultId: 'b', inUse, firstRun: false, modelsDir: '/m', models };
}

describe('the Models dialog', () => {
  it('offers Use only for installed models not in use, and nothing for a folder given at start', () => {
    expect(modelActions(entry('a', 'installed', { inUse: true }))).toEqual(['remove']);
    expect(modelActions(entry('a', 'installed'))).toEqual(['use', 'remove']);
    expect(modelActions(entry('a', 'available'))).toEqual(['download']);
    expect(modelActions(entry('a', 'missing'))).toEqual(['remove']);
    expect(modelActions(entry('/x', 'installed', { source: 'folder', inUse: true }))).toEqual([]);
    expect(modelActions(entry('/x', 'installed', { source: 'folder' }))).toEqual(['use']);
  });

  it('asks before removing the model in use, naming what comes instead', () => {
    const inUse = entry('a', 'installed', { inUse: true });
    expect(removalQuestion(entry('c', 'installed'), list([inUse]))).toBeNull();
    expect(removalQuestion(inUse, { ...list([inUse, entry('b', 'installed')]), replacesInUse: 'Model b' })).toMatch(
      /Model a is the model in use\. Frameproof will switch to Model b/,
    );
    expect(removalQuestion(inUse, { ...list([inUse]), replacesInUse: null })).toMatch(/No other model is installed/);
  });

  it('says what is used after a removal', () => {
    expect(removalMessage('A', false, list([]))).toBe('A was removed.');
    expect(removalMessage('A', true, list([], { id: 'b', name: 'B', dir: '/b' }))).toBe('A was removed. Frameproof now uses B.');
    expect(removalMessage('A', true, list([]))).toMatch(/No model is installed now/);
  });

  it('points offline people to an import the app really has', () => {
    expect(offlineHint('electron')).toContain('Import folder…');
    expect(offlineHint('web')).toContain('Import a model folder');
    expect(offlineHint('web')).not.toContain('frameproof models import');
  });
});
