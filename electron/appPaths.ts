// Where the app's own files are, whether it runs from source (tsx), from the dist/ bundle, or
// packaged by electron-builder (resources next to app.asar).
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function firstExisting(candidates: string[]): string {
  return candidates.find((c) => existsSync(c)) ?? candidates[0]!;
}

/** The package root: electron/ (source) and dist/electron/ (bundle) both sit under it. */
export function appRoot(): string {
  return firstExisting([resolve(here, '..'), resolve(here, '..', '..')].filter((dir) => existsSync(resolve(dir, 'package.json'))));
}

export function resourcesDir(): string {
  const packaged = (process as { resourcesPath?: string }).resourcesPath;
  return firstExisting([...(packaged ? [resolve(packaged, 'resources')] : []), resolve(appRoot(), 'resources')]);
}

export function rendererDir(): string {
  return resolve(appRoot(), 'dist', 'renderer');
}

export function appVersion(): string {
  return process.env.npm_package_version ?? '0.1.0';
}
