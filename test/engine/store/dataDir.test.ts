import { describe, expect, it } from 'vitest';
import { defaultDataDir, defaultStoreFile } from '../../../electron/engine/store/index.ts';

describe('defaultDataDir', () => {
  it('prefers FRAMEPROOF_DATA_DIR on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultDataDir({ env: { FRAMEPROOF_DATA_DIR: '/data/fp', XDG_DATA_HOME: '/x' }, platform, home: '/home/ana' })).toBe(
        '/data/fp',
      );
    }
  });

  it('uses the OS app-data folder', () => {
    expect(defaultDataDir({ env: {}, platform: 'linux', home: '/home/ana' })).toBe('/home/ana/.local/share/Frameproof');
    expect(defaultDataDir({ env: { XDG_DATA_HOME: '/srv/xdg' }, platform: 'linux', home: '/home/ana' })).toBe('/srv/xdg/Frameproof');
    expect(defaultDataDir({ env: { XDG_DATA_HOME: 'relative/xdg' }, platform: 'linux', home: '/home/ana' })).toBe(
      '/home/ana/.local/share/Frameproof',
    );
    expect(defaultDataDir({ env: {}, platform: 'darwin', home: '/Users/ana' })).toBe('/Users/ana/Library/Application Support/Frameproof');
    expect(defaultDataDir({ env: { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, platform: 'win32', home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Frameproof',
    );
    expect(defaultStoreFile({ env: {}, platform: 'win32', home: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Roaming\\Frameproof\\frameproof.sqlite',
    );
  });
});
