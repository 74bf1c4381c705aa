// Shared, lazily generated test models under <repo>/.cache/models (git-ignored).
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConfigName } from './configs.ts';
import { expectedMarker, generateModel, markerMatches, readMarker, GENERATOR_VERSION, type ModelFlavour } from './generate.ts';
import { CACHE } from '../paths.ts';
import { DEFAULT_SEED } from './weights.ts';

export interface CacheOptions {
  /** Defaults to <repo>/.cache/models. */
  cacheDir?: string;
  bpePath?: string;
  flavour?: ModelFlavour;
}

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : undefined;
}

/**
 * Returns the folder of the (config, seed) test model, generating it first when it's missing or was
 * made by another generator version. Concurrent callers each build in a private temp folder and
 * rename it into place; whoever loses the rename uses the winner's folder.
 */
export async function ensureTestModel(config: ConfigName, seed: number = DEFAULT_SEED, options: CacheOptions = {}): Promise<string> {
  const flavour = options.flavour ?? 'xenova';
  // One folder per generator version: checkouts of other versions share .cache/ without rebuilding
  // each other's models. The model folder's own name (tests show it) stays <config>-<seed>.
  const cacheDir = join(options.cacheDir ?? join(CACHE, 'models'), `generator-${GENERATOR_VERSION}`);
  const name = `${config}${flavour === 'xenova' ? '' : `-${flavour}`}-${seed}`;
  const dir = join(cacheDir, name);
  const wanted = expectedMarker(config, seed, flavour);
  if (markerMatches(await readMarker(dir), wanted)) return dir;

  await mkdir(cacheDir, { recursive: true });
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const temp = join(cacheDir, `.tmp-${name}-${tag}`);
  try {
    await generateModel(temp, config, { seed, bpePath: options.bpePath, flavour });
    for (let attempt = 0; attempt < 5; attempt++) {
      try {
        await rename(temp, dir);
        return dir;
      } catch (err) {
        const code = errorCode(err);
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      }
      if (markerMatches(await readMarker(dir), wanted)) return dir; // lost the race to an equal model
      // An outdated folder is in the way: move it aside first so readers never see it half-deleted.
      const stale = join(cacheDir, `.stale-${name}-${tag}-${attempt}`);
      try {
        await rename(dir, stale);
      } catch (err) {
        if (errorCode(err) !== 'ENOENT') throw err;
      }
      await rm(stale, { recursive: true, force: true });
    }
    throw new Error(`could not move the generated model into ${dir}`);
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
