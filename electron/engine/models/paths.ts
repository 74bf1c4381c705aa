// Where models live: <dataDir>/models/<id>/, with downloads staged in <dataDir>/models/.staging/<id>/
// (same file system, so the finished folder is moved into place with one rename).
import { join } from 'node:path';
import { AppError } from '../../common/errors.ts';
import { defaultDataDir } from '../store/index.ts';

export interface ModelPaths {
  dataDir: string;
  /** <dataDir>/models */
  root: string;
  registry: string;
  staging: string;
}

export function modelPaths(dataDir: string = defaultDataDir()): ModelPaths {
  const root = join(dataDir, 'models');
  return { dataDir, root, registry: join(root, 'registry.json'), staging: join(root, '.staging') };
}

export function installDirOf(paths: ModelPaths, id: string): string {
  return join(paths.root, id);
}

export function stagingDirOf(paths: ModelPaths, id: string): string {
  return join(paths.staging, id);
}

// Lower-case so an id means the same folder on case-insensitive file systems; no dots first, so an
// id is never '.', '..' or a hidden folder such as .staging.
const ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export function isModelId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function checkModelId(value: string): string {
  if (!isModelId(value)) {
    throw new AppError('INVALID_ARGUMENT', `"${value}" cannot be a model id.`, {
      fix: 'Use 1 to 64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.',
    });
  }
  return value;
}

/** A model id made from a free-form name: "My CLIP (v2)" -> "my-clip-v2". */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
  return slug || 'model';
}
