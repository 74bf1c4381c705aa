// The model catalog (resources/models.json, bundled; FRAMEPROOF_MODEL_CATALOG may name another file):
// parsed once from unknown JSON, every problem reported at once.
import { readFileSync } from 'node:fs';
import type { CatalogFileInfo, CatalogModelInfo, ModelVariant, ScoreCalibration } from '../../common/api.ts';
import { AppError } from '../../common/errors.ts';
import { isModelId } from './paths.ts';
import bundledCatalog from '../../../resources/models.json' with { type: 'json' };

export interface Catalog {
  defaultModel: string;
  /** The host the catalog's URLs were written for. */
  endpoint: string;
  models: CatalogModelInfo[];
  /** The file it was read from, for error messages. */
  source: string;
}

export const BUNDLED_CATALOG = 'resources/models.json';
const SHA256 = /^[0-9a-f]{64}$/;
const COMMIT = /^[0-9a-f]{40}$/;

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

class Problems {
  readonly list: string[] = [];
  add(where: string, what: string): void {
    this.list.push(`${where}: ${what}`);
  }
  string(o: Json, key: string, where: string): string {
    const v = o[key];
    if (typeof v === 'string' && v.length > 0) return v;
    this.add(`${where}.${key}`, 'must be a non-empty string');
    return '';
  }
  number(o: Json, key: string, where: string, check: (n: number) => boolean = Number.isFinite): number {
    const v = o[key];
    if (typeof v === 'number' && check(v)) return v;
    this.add(`${where}.${key}`, `is ${JSON.stringify(v)}`);
    return 0;
  }
  nullableSize(o: Json, key: string, where: string): number | null {
    const v = o[key];
    if (v === null || v === undefined) return null;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
    this.add(`${where}.${key}`, `must be a whole number of bytes or null, not ${JSON.stringify(v)}`);
    return null;
  }
  triple(o: Json, key: string, where: string): [number, number, number] {
    const v = o[key];
    if (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x))) return [v[0], v[1], v[2]];
    this.add(`${where}.${key}`, 'must be three numbers');
    return [0, 0, 0];
  }
}

function parseCalibration(value: unknown, where: string, p: Problems): ScoreCalibration {
  const c = isRecord(value) ? value : (p.add(where, 'must be an object'), {});
  const status =
    c.status === 'measured'
      ? 'measured'
      : c.status === 'provisional'
        ? 'provisional'
        : (p.add(`${where}.status`, 'must be "provisional" or "measured"'), 'provisional');
  return {
    captionDriftCosine: p.number(c, 'captionDriftCosine', where, (n) => n >= -1 && n <= 1),
    captionOutlierZ: p.number(c, 'captionOutlierZ', where, (n) => n > 0),
    styleDriftCosine: p.number(c, 'styleDriftCosine', where, (n) => n >= -1 && n <= 1),
    mismatchMarginCosine: p.number(c, 'mismatchMarginCosine', where, (n) => n >= 0 && n <= 2),
    status,
    note: typeof c.note === 'string' ? c.note : '',
    ...(c.goodCosine !== undefined && { goodCosine: p.number(c, 'goodCosine', where, (n) => n >= -1 && n <= 1) }),
    source: 'the model catalog',
  };
}

function parseFile(value: unknown, where: string, p: Problems): CatalogFileInfo {
  const f = isRecord(value) ? value : (p.add(where, 'must be an object'), {});
  const path = p.string(f, 'path', where);
  const target = typeof f.target === 'string' ? f.target : path;
  // Targets become paths under the model folder: nothing may climb out of it.
  if (target.split('/').some((part) => part === '..' || part === '') || target.startsWith('/') || target.includes('\\')) {
    p.add(`${where}.target`, `"${target}" must be a relative path with forward slashes`);
  }
  const sha256 =
    f.sha256 === null || f.sha256 === undefined
      ? null
      : typeof f.sha256 === 'string' && SHA256.test(f.sha256)
        ? f.sha256
        : (p.add(`${where}.sha256`, 'must be 64 lower-case hex digits or null'), null);
  if (sha256 === null && typeof f.sha256Unknown !== 'string') p.add(`${where}.sha256Unknown`, 'must say why sha256 is null');
  return {
    path,
    target,
    url: p.string(f, 'url', where),
    sizeBytes: p.nullableSize(f, 'size', where),
    approxSizeBytes: p.nullableSize(f, 'sizeApprox', where),
    sha256,
    ...(sha256 === null && typeof f.sha256Unknown === 'string' && { sha256Unknown: f.sha256Unknown }),
    ...(typeof f.source === 'string' && { figuresSource: f.source }),
  };
}

function parseModel(value: unknown, where: string, p: Problems): CatalogModelInfo {
  const m = isRecord(value) ? value : (p.add(where, 'must be an object'), {});
  const id = p.string(m, 'id', where);
  if (id && !isModelId(id)) p.add(`${where}.id`, `"${id}" is not a valid model id`);
  const variant: ModelVariant =
    m.variant === 'fast' ? 'fast' : m.variant === 'full' ? 'full' : (p.add(`${where}.variant`, 'must be "full" or "fast"'), 'full');
  const revision = p.string(m, 'revision', where);
  const pre = isRecord(m.preprocess) ? m.preprocess : (p.add(`${where}.preprocess`, 'must be an object'), {});
  const lic = isRecord(m.license) ? m.license : (p.add(`${where}.license`, 'must be an object'), {});
  const files = Array.isArray(m.files)
    ? m.files.map((f, i) => parseFile(f, `${where}.files[${i}]`, p))
    : (p.add(`${where}.files`, 'must be a list'), []);
  const targets = files.map((f) => f.target);
  for (const needed of ['onnx/text_model.onnx', 'onnx/vision_model.onnx']) {
    if (!targets.includes(needed)) p.add(`${where}.files`, `installs no ${needed}`);
  }
  const duplicate = targets.find((t, i) => targets.indexOf(t) !== i);
  if (duplicate) p.add(`${where}.files`, `installs ${duplicate} twice`);
  const allSized = files.every((f) => f.sizeBytes !== null);
  return {
    id,
    name: p.string(m, 'name', where),
    description: typeof m.description === 'string' ? m.description : '',
    family: typeof m.family === 'string' ? m.family : id,
    variant,
    repo: p.string(m, 'repo', where),
    revision,
    revisionPinned: COMMIT.test(revision),
    ...(typeof m.revisionNote === 'string' && { revisionNote: m.revisionNote }),
    ...(typeof m.revisionSource === 'string' && { revisionSource: m.revisionSource }),
    dynamicQuantization: m.dynamicQuantization === true,
    embeddingDim: p.number(m, 'embeddingDim', where, (n) => Number.isInteger(n) && n > 0),
    preprocess: {
      imageSize: p.number(pre, 'imageSize', `${where}.preprocess`, (n) => Number.isInteger(n) && n > 0),
      resize: typeof pre.resize === 'string' ? pre.resize : '',
      crop: typeof pre.crop === 'string' ? pre.crop : '',
      mean: p.triple(pre, 'mean', `${where}.preprocess`),
      std: p.triple(pre, 'std', `${where}.preprocess`),
    },
    license: {
      spdx: p.string(lic, 'spdx', `${where}.license`),
      url: typeof lic.url === 'string' ? lic.url : '',
      note: typeof lic.note === 'string' ? lic.note : '',
    },
    calibration: parseCalibration(m.calibration, `${where}.calibration`, p),
    fidelity: typeof m.fidelity === 'string' ? m.fidelity : null,
    files,
    downloadBytes: allSized ? files.reduce((s, f) => s + f.sizeBytes!, 0) : null,
    approxDownloadBytes: files.reduce((s, f) => s + (f.sizeBytes ?? f.approxSizeBytes ?? 0), 0),
    unverifiedFiles: files.filter((f) => f.sha256 === null).map((f) => f.target),
  };
}

export function parseCatalog(json: unknown, source: string): Catalog {
  const p = new Problems();
  const c = isRecord(json) ? json : (p.add('catalog', 'must be a JSON object'), {});
  if (c.schemaVersion !== 1) p.add('schemaVersion', `is ${JSON.stringify(c.schemaVersion)}, this Frameproof reads 1`);
  const models = Array.isArray(c.models)
    ? c.models.map((m, i) => parseModel(m, `models[${i}]`, p))
    : (p.add('models', 'must be a list'), []);
  const ids = models.map((m) => m.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) p.add('models', `lists ${duplicate} twice`);
  const defaultModel = p.string(c, 'defaultModel', 'catalog');
  if (defaultModel && !ids.includes(defaultModel)) p.add('defaultModel', `"${defaultModel}" is not in the catalog`);
  if (p.list.length > 0) {
    throw new AppError('CATALOG_INVALID', `The model catalog is invalid: ${p.list.join('; ')}.`, {
      file: source,
      fix: 'Restore resources/models.json from the release, or fix the file named by FRAMEPROOF_MODEL_CATALOG.',
    });
  }
  return { defaultModel, endpoint: typeof c.endpoint === 'string' ? c.endpoint : 'https://huggingface.co', models, source };
}

export interface CatalogOptions {
  /** A catalog file to read instead of the bundled one. */
  file?: string;
  env?: NodeJS.ProcessEnv;
}

export function loadCatalog(options: CatalogOptions = {}): Catalog {
  const file = options.file ?? (options.env ?? process.env).FRAMEPROOF_MODEL_CATALOG;
  if (!file) return parseCatalog(bundledCatalog, BUNDLED_CATALOG);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new AppError('CATALOG_INVALID', `The model catalog cannot be read (${(cause as Error).message}).`, {
      file,
      fix: 'Point FRAMEPROOF_MODEL_CATALOG at a readable models.json, or unset it to use the bundled catalog.',
      cause,
    });
  }
  return parseCatalog(json, file);
}

export function findCatalogModel(catalog: Catalog, id: string): CatalogModelInfo | undefined {
  return catalog.models.find((m) => m.id === id);
}

/**
 * Where to fetch a file: the catalog's URL, or with a mirror (HF_ENDPOINT) the Hugging Face URL
 * scheme on that host, {endpoint}/{repo}/resolve/{revision}/{path}.
 */
export function fileUrl(model: CatalogModelInfo, file: CatalogFileInfo, endpoint: string | undefined): string {
  if (!endpoint) return file.url;
  const encodedPath = file.path.split('/').map(encodeURIComponent).join('/');
  return `${endpoint.replace(/\/+$/, '')}/${model.repo}/resolve/${encodeURIComponent(model.revision)}/${encodedPath}`;
}
