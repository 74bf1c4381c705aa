// ARCHITECTURE.md matches the tree: every source folder it names exists, and every folder of
// electron/, electron/engine/ and electron/hosts/ is named there, so a new layer cannot go unmapped.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../paths.ts';

const doc = readFileSync(join(REPO_ROOT, 'ARCHITECTURE.md'), 'utf8');
const folders = (dir: string) =>
  readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);

describe('ARCHITECTURE.md', () => {
  it('names only paths that exist', () => {
    const named = [...doc.matchAll(/`((?:electron|renderer|test)\/[\w./-]*)`/g)].map((m) => m[1]!.replace(/\/$/, ''));
    expect(named.length).toBeGreaterThan(10);
    for (const path of named) {
      // `electron/engine/<core>/` and brace lists stand for several folders.
      if (/[<{]/.test(path)) continue;
      expect(existsSync(join(REPO_ROOT, path)), path).toBe(true);
    }
  });

  it('maps every folder of electron/, the engine and the hosts', () => {
    for (const name of folders('electron')) expect(doc, `electron/${name}/`).toContain(`electron/${name}/`);
    for (const name of folders('electron/engine')) expect(doc, `engine/${name}`).toMatch(new RegExp(`\\b${name}\\b`));
    for (const name of folders('electron/hosts')) expect(doc, `hosts/${name}`).toMatch(new RegExp(`\\b${name}\\b`));
  });
});
