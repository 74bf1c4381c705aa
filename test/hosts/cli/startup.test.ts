// The commands that need no model start without the native packages: each command's module is
// imported when it runs, and the engine loads ONNX Runtime, sharp, SQLite, pdfkit and undici
// where it first uses them. NODE_DEBUG=module names every package a process loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { runCli } from './run.ts';

const HEAVY = ['onnxruntime-node', 'sharp', 'better-sqlite3', 'pdfkit', 'undici'];
const work = tempFolder('frameproof-startup-');

function loadedHeavy(debugLog: string): string[] {
  return HEAVY.filter((name) => new RegExp(`node_modules[\\\\/]${name}[\\\\/]`).test(debugLog));
}

describe('frameproof start-up', () => {
  it('--version prints the version in package.json and loads no native package', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const result = await runCli(['--version'], '', { NODE_DEBUG: 'module', npm_package_version: '9.9.9-not-ours' });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
    expect(loadedHeavy(result.stderr)).toEqual([]);
  });

  it('models list loads no native package and no HTTP client', async () => {
    const result = await runCli(['models', 'list', '--json'], '', { NODE_DEBUG: 'module', FRAMEPROOF_DATA_DIR: join(work, 'data') });
    expect(result.code).toBe(0);
    expect(loadedHeavy(result.stderr)).toEqual([]);
  });

  it('a command that embeds does load them, so the check above can fail', async () => {
    const result = await runCli(
      ['preprocess', '--out-dir', join(work, 'tensors'), join(REPO_ROOT, 'resources/sample-board/scene-1-desert/shot01.png')],
      '',
      { NODE_DEBUG: 'module' },
    );
    expect(result.code).toBe(0);
    expect(loadedHeavy(result.stderr)).toContain('sharp');
  });
});
