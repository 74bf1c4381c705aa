// Where the app's own files are, whether it runs from source (tsx), from the dist/ bundle, or
// packaged by electron-builder (resources next to app.asar).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function firstExisting(candidates: string[]): string {
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/** The package root: the nearest folder above this file (source or dist/ bundle) with a package.json. */
export function appRoot(): string {
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(here, '..');
  }
}

export function resourcesDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  return firstExisting([...(packaged ? [resolve(packaged, 'resources')] : []), resolve(appRoot(), 'resources')]);
}

export function rendererDir(): string {
  return resolve(appRoot(), 'dist', 'renderer');
}

let version: string | undefined;

/** The version in the app's package.json (not npm's npm_package_version: that names whichever package ran the script). */
export function appVersion(): string {
  if (version === undefined) {
    try {
      const parsed = JSON.parse(readFileSync(resolve(appRoot(), 'package.json'), 'utf8')) as { version?: unknown };
      version = typeof parsed.version === 'string' ? parsed.version : '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}
