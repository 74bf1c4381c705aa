// Import a model folder the person already has: the Hugging Face/Xenova layout (onnx/text_model.onnx,
// onnx/vision_model.onnx, tokenizer files) is registered in place, never copied: models are large and
// the folder is theirs. Immich's layout (textual/model.onnx, visual/model.onnx) gets a small adapter
// folder in the data folder whose files link to the originals, so the engine sees one layout. A
// transformers.js cache folder with only the q8 pair (*_quantized.onnx) is registered in place as a
// fast variant: the engine runs its dynamically quantized graphs one item at a time.
import { copyFile, link, mkdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { InstalledModel, InstalledModelFile, ModelLayout } from '../../common/api.ts';
import { locateModelFiles, towerPaths } from '../clip/index.ts';
import { AppError } from '../../common/errors.ts';
import { renameWithRetry, writeFileAtomic } from '../../platform/atomicWrite.ts';
import type { Catalog } from './catalog.ts';
import { checkModelId, installDirOf, slugOf, stagingDirOf, type ModelPaths } from './paths.ts';
import { readRegistry, updateRegistry } from './registry.ts';
import { validateModelFolder } from './validateModel.ts';

export interface ImportOptions {
  /** Shown in lists; the id is made from it (default: the folder's name). */
  name?: string;
}

const XENOVA_EXTRAS = [
  'tokenizer.json',
  'vocab.json',
  'merges.txt',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'preprocessor_config.json',
  'config.json',
];
const IMMICH_TEXT_EXTRAS = ['tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json'];

const LAYOUTS_FIX =
  'Choose a folder in the Hugging Face/Xenova layout (onnx/text_model.onnx, onnx/vision_model.onnx, tokenizer.json, preprocessor_config.json) ' +
  "or in Immich's layout (textual/model.onnx with textual/tokenizer.json, visual/model.onnx with visual/preprocess_cfg.json).";

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function detectLayout(dir: string): Promise<ModelLayout> {
  // Any onnx/ folder: the Xenova layout, or a transformers.js cache of it (only *_quantized.onnx, say).
  if (await exists(join(dir, 'onnx'))) return 'xenova';
  if ((await exists(join(dir, 'textual', 'model.onnx'))) || (await exists(join(dir, 'visual', 'model.onnx')))) return 'immich';
  // Neither: let the Xenova check name what is missing.
  return 'xenova';
}

async function filesOf(dir: string, relativePaths: string[]): Promise<InstalledModelFile[]> {
  const files: InstalledModelFile[] = [];
  for (const path of relativePaths) {
    const size = await stat(join(dir, ...path.split('/'))).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
    if (size !== undefined) files.push({ path, sizeBytes: size, verified: 'none' });
  }
  return files;
}

/** A symbolic link; a hard link where symlinks need privileges (Windows); a copy across drives. */
async function linkOrCopy(source: string, dest: string): Promise<void> {
  try {
    await symlink(source, dest);
    return;
  } catch {
    // fall through
  }
  try {
    await link(source, dest);
  } catch {
    await copyFile(source, dest);
  }
}

const RESAMPLE: Record<string, number> = { nearest: 0, bilinear: 2, bicubic: 3 };

/** open_clip's preprocess_cfg.json, as Immich ships it, in CLIPImageProcessor's terms. */
function preprocessorConfigFrom(json: unknown): Record<string, unknown> | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const c = json as Record<string, unknown>;
  const size = Array.isArray(c.size) ? c.size : [c.size, c.size];
  const [height, width] = size;
  if (typeof height !== 'number' || typeof width !== 'number') return undefined;
  const interpolation = typeof c.interpolation === 'string' ? c.interpolation : 'bicubic';
  return {
    size: { shortest_edge: Math.max(height, width) },
    crop_size: { height, width },
    // Unsupported settings are passed on as they are, for the preprocessing check to refuse by name.
    do_center_crop: c.resize_mode !== 'squash',
    resample: RESAMPLE[interpolation] ?? interpolation,
    rescale_factor: 1 / 255,
    ...(c.mean !== undefined && { image_mean: c.mean }),
    ...(c.std !== undefined && { image_std: c.std }),
  };
}

/** Builds <models>/<id>/ for an Immich folder; returns the files it links to, relative to the source. */
async function buildImmichAdapter(source: string, adapter: string): Promise<string[]> {
  const required = ['textual/model.onnx', 'visual/model.onnx', 'textual/tokenizer.json'];
  const missing: string[] = [];
  for (const path of required) if (!(await exists(join(source, ...path.split('/'))))) missing.push(path);
  if (missing.length > 0) {
    throw new AppError('MODEL_FILE_MISSING', `This Immich model folder lacks ${missing.join(', ')}.`, { file: source, fix: LAYOUTS_FIX });
  }
  await mkdir(join(adapter, 'onnx'), { recursive: true });
  const links: [string, string][] = [
    ['textual/model.onnx', 'onnx/text_model.onnx'],
    ['visual/model.onnx', 'onnx/vision_model.onnx'],
    ...IMMICH_TEXT_EXTRAS.map((f): [string, string] => [`textual/${f}`, f]),
    ['config.json', 'config.json'],
  ];
  const used: string[] = [];
  for (const [from, to] of links) {
    const sourceFile = join(source, ...from.split('/'));
    if (!(await exists(sourceFile))) continue;
    await linkOrCopy(sourceFile, join(adapter, ...to.split('/')));
    used.push(from);
  }
  const preprocessFile = join(source, 'visual', 'preprocess_cfg.json');
  if (await exists(preprocessFile)) {
    let json: unknown;
    try {
      json = JSON.parse(await readFile(preprocessFile, 'utf8'));
    } catch (cause) {
      throw new AppError('MODEL_INVALID', 'Not readable as JSON.', {
        file: preprocessFile,
        fix: 'Restore the file from the Immich model download.',
        cause,
      });
    }
    const config = preprocessorConfigFrom(json);
    if (!config)
      throw new AppError('MODEL_INVALID', 'The preprocessing settings have no image size.', {
        file: preprocessFile,
        fix: 'Restore the file from the Immich model download.',
      });
    await writeFileAtomic(join(adapter, 'preprocessor_config.json'), `${JSON.stringify(config, null, 2)}\n`);
    used.push('visual/preprocess_cfg.json');
  }
  return used;
}

/** Errors name the person's files, not the adapter's links to them. */
function inTermsOfSource(error: unknown, adapter: string, source: string): unknown {
  if (!(error instanceof AppError)) return error;
  const names: Record<string, string> = {
    [join(adapter, 'onnx', 'text_model.onnx')]: join(source, 'textual', 'model.onnx'),
    [join(adapter, 'onnx', 'vision_model.onnx')]: join(source, 'visual', 'model.onnx'),
  };
  let file = error.file && (names[error.file] ?? (error.file.startsWith(adapter) ? source : error.file));
  const fix = error.fix;
  if (error.code === 'MODEL_INPUT_MISSING' || error.code === 'MODEL_OUTPUT_MISSING') file ??= source;
  return new AppError(error.code, error.message, { ...(file && { file }), ...(fix && { fix }), cause: error });
}

export async function importModelFolder(
  paths: ModelPaths,
  catalog: Catalog,
  folder: string,
  options: ImportOptions = {},
): Promise<InstalledModel> {
  const source = resolve(folder);
  const info = await stat(source).catch(() => undefined);
  if (!info) throw new AppError('FOLDER_NOT_FOUND', 'The model folder does not exist.', { file: source, fix: LAYOUTS_FIX });
  if (!info.isDirectory()) throw new AppError('MODEL_INVALID', 'This is a file, not a model folder.', { file: source, fix: LAYOUTS_FIX });
  const name = options.name?.trim() || basename(source);
  const id = checkModelId(slugOf(name));
  const registered = await readRegistry(paths.registry);
  const same = registered.find((m) => m.importedFrom === source || (m.source === 'import' && m.path === source));
  if (same)
    throw new AppError('MODEL_ID_TAKEN', `This folder is already imported as "${same.id}".`, {
      file: source,
      fix: `Use --model ${same.id}, or remove it first (frameproof models remove ${same.id}).`,
    });
  if (registered.some((m) => m.id === id) || catalog.models.some((m) => m.id === id)) {
    throw new AppError('MODEL_ID_TAKEN', `The model id "${id}" is already taken.`, {
      file: source,
      fix: 'Choose another name (--name NAME).',
    });
  }
  const layout = await detectLayout(source);
  let modelDir = source;
  let files: InstalledModelFile[];
  let embeddingDim: number;
  const warnings: string[] = [];
  let fast = false;
  if (layout === 'xenova') {
    const { dtype } = locateModelFiles(source);
    ({ embeddingDim } = await validateModelFolder(source, { label: name }));
    files = await filesOf(source, [...towerPaths(dtype), ...XENOVA_EXTRAS]);
    fast = dtype === 'q8';
    if (fast)
      warnings.push(
        'This folder holds the int8 (q8) encoders only (onnx/*_quantized.onnx): it runs as a fast variant, one frame and caption at a time, and its scores differ slightly from those of the fp32 model.',
      );
  } else {
    // Built beside the models and renamed into place, like a download: a failed import leaves nothing.
    const staging = stagingDirOf(paths, `${id}.import`);
    await rm(staging, { recursive: true, force: true });
    try {
      const used = await buildImmichAdapter(source, staging);
      try {
        ({ embeddingDim } = await validateModelFolder(staging, { label: name }));
      } catch (error) {
        throw inTermsOfSource(error, staging, source);
      }
      modelDir = installDirOf(paths, id);
      await rm(modelDir, { recursive: true, force: true });
      await renameWithRetry(staging, modelDir);
      files = await filesOf(source, used);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
  }
  const entry: InstalledModel = {
    id,
    name,
    source: 'import',
    layout,
    path: modelDir,
    importedFrom: source,
    files,
    sizeBytes: files.reduce((s, f) => s + f.sizeBytes, 0),
    installedAt: new Date().toISOString(),
    embeddingDim,
    ...(fast && { variant: 'fast' as const }),
    warnings,
  };
  await updateRegistry(paths.registry, (models) => {
    if (models.some((m) => m.id === id))
      throw new AppError('MODEL_ID_TAKEN', `The model id "${id}" was just taken.`, {
        file: source,
        fix: 'Choose another name (--name NAME).',
      });
    return { models: [...models, entry], result: undefined };
  });
  return entry;
}
