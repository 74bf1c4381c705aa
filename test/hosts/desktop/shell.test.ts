// The pure parts of the Electron shell: what main.ts decides without Electron running.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS, channelOf, methodOfChannel } from '../../../electron/common/methods.ts';
import { ARGUMENT_SCHEMAS } from '../../../electron/hosts/shared/argumentSchemas.ts';
import { isExternalLink, isTrustedSender, protocolTarget } from '../../../electron/hosts/desktop/appProtocol.ts';
import { folderFromArgs } from '../../../electron/hosts/desktop/launchArgs.ts';
import { DEFAULT_SIZE, restoreWindowState } from '../../../electron/hosts/desktop/windowState.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const screen = { x: 0, y: 0, width: 1920, height: 1040 };

describe('window state', () => {
  it('restores saved bounds that are on a screen', () => {
    expect(restoreWindowState({ x: 100, y: 80, width: 1200, height: 800, maximized: true }, [screen])).toEqual({
      x: 100,
      y: 80,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('falls back to the default, centered, for a window on an unplugged monitor or a damaged file', () => {
    const centered = { x: (1920 - DEFAULT_SIZE.width) / 2, y: (1040 - DEFAULT_SIZE.height) / 2, ...DEFAULT_SIZE, maximized: false };
    expect(restoreWindowState({ x: 3000, y: 100, width: 1200, height: 800 }, [screen])).toEqual(centered);
    expect(restoreWindowState('garbage', [screen])).toEqual(centered);
    expect(restoreWindowState({ x: 0, y: 0, width: 10, height: 10 }, [screen])).toEqual(centered);
    // A second monitor to the right still counts.
    expect(
      restoreWindowState({ x: 2000, y: 100, width: 1200, height: 800 }, [screen, { x: 1920, y: 0, width: 2560, height: 1400 }]).x,
    ).toBe(2000);
  });
});

describe('frameproof:// protocol', () => {
  const root = resolve('/opt/frameproof/dist/renderer');

  it('serves renderer files and frames by id', () => {
    expect(protocolTarget('frameproof://app/index.html', root)).toEqual({ kind: 'renderer', file: join(root, 'index.html') });
    expect(protocolTarget('frameproof://app/', root)).toEqual({ kind: 'renderer', file: join(root, 'index.html') });
    expect(protocolTarget(`frameproof://frames/thumbnail/${encodeURIComponent('scene 1/shot01.png')}`, root)).toEqual({
      kind: 'frame',
      frameId: 'scene 1/shot01.png',
      size: 'thumbnail',
    });
  });

  it('refuses anything outside the renderer folder, however it is spelled', () => {
    // The URL parser folds plain dot segments itself; escaped ones reach our check.
    expect(protocolTarget('frameproof://app/../../../etc/passwd', root)).toEqual({ kind: 'renderer', file: join(root, 'etc/passwd') });
    for (const url of [
      'frameproof://app/..%2F..%2Fpackage.json',
      'frameproof://app/%2e%2e%2f%2e%2e%2fetc/passwd',
      'frameproof://evil/index.html',
      'file:///etc/passwd',
      'frameproof://frames/full/a/b',
      'frameproof://frames/full/%E0%A4%A',
    ]) {
      expect(protocolTarget(url, root).kind, url).toBe('refused');
    }
  });

  it('answers IPC only for our own page, and opens only web links outside', () => {
    expect(isTrustedSender('frameproof://app/index.html')).toBe(true);
    expect(isTrustedSender('https://example.com/')).toBe(false);
    expect(isTrustedSender('frameproof://frames/full/x')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isExternalLink('https://example.com/help')).toBe(true);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('frameproof://app/')).toBe(false);
  });
});

describe('IPC channels and arguments', () => {
  it('derives one channel per API method and maps it back; anything else is refused', () => {
    for (const method of API_METHODS) expect(methodOfChannel(channelOf(method))).toBe(method);
    expect(methodOfChannel('frameproof:deleteEverything')).toBeUndefined();
    expect(methodOfChannel('openBoard')).toBeUndefined();
  });

  it('parses every argument from the page before it goes anywhere', () => {
    expect(ARGUMENT_SCHEMAS.openBoard.safeParse(['/boards/a']).success).toBe(true);
    expect(ARGUMENT_SCHEMAS.openBoard.safeParse([42]).success).toBe(false);
    expect(ARGUMENT_SCHEMAS.openBoard.safeParse(['/a\0b']).success).toBe(false);
    expect(ARGUMENT_SCHEMAS.acknowledgeFlag.safeParse(['f.png', 'style-drift', true]).success).toBe(true);
    expect(ARGUMENT_SCHEMAS.acknowledgeFlag.safeParse(['f.png', 'rm -rf', true]).success).toBe(false);
    expect(ARGUMENT_SCHEMAS.updateSettings.safeParse([{ stylePrompt: 'pencil', extra: 1 }]).success).toBe(false);
    expect(ARGUMENT_SCHEMAS.setCaption.safeParse(['f.png', 'x'.repeat(100_001)]).success).toBe(false);
    expect(ARGUMENT_SCHEMAS.exportBoard.safeParse(['exe']).success).toBe(false);
  });
});

describe('a folder on the command line', () => {
  it('takes the last argument that is a folder, skipping Electron flags and the app path', () => {
    const dir = tempFolder('frameproof-args-');
    mkdirSync(join(dir, 'board'));
    expect(folderFromArgs(['/usr/bin/electron', '.', '--no-sandbox', 'board'], dir)).toBe(join(dir, 'board'));
    expect(folderFromArgs(['/usr/bin/electron', '.', 'missing'], dir)).toBeUndefined();
  });
});
