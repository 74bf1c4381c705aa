import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFERENCES, readPreferences, writePreferences } from './preferences.ts';

function memoryStore(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe('preferences', () => {
  it('round-trips what was chosen', () => {
    const store = memoryStore();
    writePreferences(store, { chartCollapsed: true, thumbnailSize: 'small' });
    expect(readPreferences(store)).toEqual({ chartCollapsed: true, thumbnailSize: 'small' });
  });

  it('falls back to the defaults for missing, damaged or foreign values', () => {
    expect(readPreferences(undefined)).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(memoryStore({ 'frameproof.preferences': '{not json' }))).toEqual(DEFAULT_PREFERENCES);
    expect(readPreferences(memoryStore({ 'frameproof.preferences': '{"chartCollapsed":"yes","thumbnailSize":"huge"}' }))).toEqual(
      DEFAULT_PREFERENCES,
    );
    expect(readPreferences(memoryStore({ 'frameproof.preferences': '[1]' }))).toEqual(DEFAULT_PREFERENCES);
  });

  it('survives storage that refuses writes', () => {
    const refusing = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() => writePreferences(refusing, DEFAULT_PREFERENCES)).not.toThrow();
  });
});
