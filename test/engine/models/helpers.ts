// Shared set-up for the model tests: the generated tiny CLIP model as the thing to serve, a catalog
// describing it, temp data folders, and a ModelManager wired for fast, deterministic tests.
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCatalog, type Catalog } from '../../../electron/engine/models/catalog.ts';
import { ModelManager, type ModelManagerOptions } from '../../../electron/engine/models/manager.ts';
import { ensureTestModel } from '../../models/cache.ts';
import type { FileServer } from './fileServer.ts';

export const REPO = 'test/tiny-clip';
export const REVISION = '0123456789abcdef0123456789abcdef01234567';
export const TINY_DIM = 16;

/** Paths inside the repository, as a catalog names them. */
export const TINY_FILES = [
  'onnx/text_model.onnx',
  'onnx/vision_model.onnx',
  'tokenizer.json',
  'tokenizer_config.json',
  'preprocessor_config.json',
  'config.json',
] as const;

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function tinyModelDir(): Promise<string> {
  return ensureTestModel('tiny');
}

/** The tiny model's files by repository path. */
export async function tinyFiles(): Promise<Map<string, Buffer>> {
  const dir = await tinyModelDir();
  const files = new Map<string, Buffer>();
  for (const path of TINY_FILES) files.set(path, await readFile(join(dir, ...path.split('/'))));
  return files;
}

export function repoPath(path: string, revision = REVISION): string {
  return `/${REPO}/resolve/${revision}/${path}`;
}

export interface CatalogFileSpec {
  /** Repository path served; defaults to the target. */
  path?: string;
  target: string;
  sha256: boolean;
  size: boolean;
}

export interface TestCatalogOptions {
  /** Where the catalog's URLs point. */
  origin: string;
  /** Per file: publish its SHA-256 / exact size (default both). */
  verify?: Partial<Record<string, { sha256: boolean; size: boolean }>>;
  embeddingDim?: number;
  revision?: string;
}

/**
 * A catalog with 'tiny' (every file hashed), and 'tiny-fast' whose text encoder is served as
 * onnx/text_model_quantized.onnx and installed as onnx/text_model.onnx, like the real fast variants.
 */
export function testCatalogJson(files: Map<string, Buffer>, options: TestCatalogOptions): Record<string, unknown> {
  const revision = options.revision ?? REVISION;
  const fileEntry = (target: string, path = target) => {
    const data = files.get(target)!;
    const verify = options.verify?.[target] ?? { sha256: true, size: true };
    return {
      path,
      ...(path !== target && { target }),
      url: `${options.origin}${repoPath(path, revision)}`,
      size: verify.size ? data.length : null,
      sizeApprox: verify.size ? null : Math.round(data.length / 1000) * 1000,
      sha256: verify.sha256 ? sha256(data) : null,
      ...(!verify.sha256 && { sha256Unknown: 'test: no hash published' }),
    };
  };
  const model = (id: string, variant: 'full' | 'fast', fileList: object[]) => ({
    id,
    name: `Tiny CLIP (${variant})`,
    family: 'tiny',
    variant,
    description: 'Random weights, real architecture.',
    repo: REPO,
    revision,
    embeddingDim: options.embeddingDim ?? TINY_DIM,
    preprocess: {
      imageSize: 224,
      resize: 'shorter side to 224, bicubic',
      crop: 'center 224x224',
      mean: [0.48145466, 0.4578275, 0.40821073],
      std: [0.26862954, 0.26130258, 0.27577711],
    },
    license: { spdx: 'MIT', url: 'https://example.invalid/license', note: 'test' },
    calibration: {
      captionDriftCosine: 0.2,
      captionOutlierZ: 3.5,
      styleDriftCosine: 0.75,
      mismatchMarginCosine: 0.02,
      status: 'provisional',
      note: 'test',
    },
    fidelity: variant === 'fast' ? 'test' : null,
    files: fileList,
  });
  return {
    schemaVersion: 1,
    defaultModel: 'tiny',
    endpoint: options.origin,
    models: [
      model(
        'tiny',
        'full',
        TINY_FILES.map((f) => fileEntry(f)),
      ),
      model(
        'tiny-fast',
        'fast',
        TINY_FILES.map((f) => (f === 'onnx/text_model.onnx' ? fileEntry(f, 'onnx/text_model_quantized.onnx') : fileEntry(f))),
      ),
    ],
  };
}

export function testCatalog(files: Map<string, Buffer>, options: TestCatalogOptions): Catalog {
  return parseCatalog(testCatalogJson(files, options), 'test catalog');
}

/** Serves every tiny file at its repository path, the fast variant's alias included. */
export function serveTiny(server: FileServer, files: Map<string, Buffer>, revision = REVISION): void {
  for (const [path, data] of files) server.serve(repoPath(path, revision), data);
  server.serve(repoPath('onnx/text_model_quantized.onnx', revision), files.get('onnx/text_model.onnx')!);
}

/** No proxies from the machine's environment, no waiting between tries, short lock polls. */
export function testManager(dataDir: string, catalog: Catalog, options: Partial<ModelManagerOptions> = {}): ModelManager {
  return new ModelManager({
    dataDir,
    catalog,
    env: {},
    attempts: 3,
    retryDelayMs: () => 0,
    idleTimeoutMs: 10_000,
    lockPollMs: 10,
    ...options,
  });
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The error a promise fails with; throws (failing the test) when it resolves instead. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string; fix?: string; file?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; fix?: string; file?: string };
  }
  throw new Error('expected the promise to fail');
}
