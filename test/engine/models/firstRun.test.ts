// A user's first run, end to end, against a local stand-in for Hugging Face: the bundled catalog's
// entry for Xenova/clip-vit-base-patch32 (its repository, pinned revision and file names, with the
// generated tiny model's bytes), served as huggingface.co serves that repository. LFS files answer
// /resolve/ with a 302 to a CDN-like URL carrying X-Linked-Etag and X-Linked-Size; the CDN honours
// Range and sends an ETag; small files kept in Git answer directly, tagged with their Git blob id.
// Then ModelManager downloads, validates and registers the model, and the Engine scores a copy of
// resources/sample-board; a second run scores from the cache alone.
import { createHash } from 'node:crypto';
import { cpSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../electron/engine/engine.ts';
import { parseCatalog } from '../../../electron/engine/models/catalog.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { REPO_ROOT } from '../../paths.ts';
import { FileServer } from './fileServer.ts';
import { sha256, testManager, TINY_DIM, tinyFiles } from './helpers.ts';

const MODEL_ID = 'clip-vit-b-32';
/** Files Hugging Face keeps in LFS for this repository (the rest are in Git). */
const LFS = new Set(['onnx/text_model.onnx', 'onnx/vision_model.onnx', 'tokenizer.json']);

type Json = Record<string, unknown>;
const bundled = JSON.parse(readFileSync(join(REPO_ROOT, 'resources', 'models.json'), 'utf8')) as { models: Json[] };
const realEntry = bundled.models.find((m) => m.id === MODEL_ID)!;
const REPO = realEntry.repo as string;
const REVISION = realEntry.revision as string;
const realFiles = realEntry.files as Json[];

let files: Map<string, Buffer>;
let server: FileServer;
let dataDir: string;

const gitBlobId = (data: Buffer) => createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex');
const resolvePath = (path: string) => `/${REPO}/resolve/${REVISION}/${path}`;
const cdnPath = (data: Buffer) => `/repos/${sha256(data).slice(0, 2)}/${sha256(data).slice(2, 4)}/${sha256(data)}`;

/** huggingface.co for one repository at one revision. */
function serveLikeHuggingFace(): void {
  for (const [path, data] of files) {
    if (LFS.has(path)) {
      const cdn = cdnPath(data);
      server.serve(cdn, data, { etag: `"${createHash('md5').update(data).digest('hex')}"` });
      const name = path.split('/').pop()!;
      server.redirect(
        resolvePath(path),
        `${cdn}?response-content-disposition=${encodeURIComponent(`attachment; filename="${name}"`)}&Expires=1999999999&Signature=test`,
      );
    } else {
      server.serve(resolvePath(path), data, { etag: `"${gitBlobId(data)}"` });
    }
  }
}

/**
 * The bundled catalog's entry with the tiny model's figures wherever the real entry has figures
 * (LFS files: size and SHA-256; Git files: size only), or with none at all for the LFS files (as
 * the entries still pointing at `main` have) when `unknownLfs` is set.
 */
function catalogFor(unknownLfs = false) {
  const model = {
    ...realEntry,
    embeddingDim: TINY_DIM,
    files: realFiles.map((f) => {
      const data = files.get(f.path as string)!;
      const known = !(unknownLfs && LFS.has(f.path as string));
      return {
        ...f,
        size: known && f.size !== null ? data.length : null,
        sizeApprox: known ? null : data.length,
        sha256: known && f.sha256 !== null ? sha256(data) : null,
        ...(!known && { sha256Unknown: 'test: as for a revision whose hashes were not published' }),
      };
    }),
  };
  return parseCatalog(
    { schemaVersion: 1, defaultModel: MODEL_ID, endpoint: 'https://huggingface.co', models: [model] },
    'first-run catalog',
  );
}

beforeAll(async () => {
  files = await tinyFiles();
});

beforeEach(async () => {
  server = await FileServer.start();
  serveLikeHuggingFace();
  dataDir = tempFolder('frameproof-first-run-');
});

afterEach(async () => {
  await server.close();
});

function sampleBoard(): string {
  const board = join(tempFolder('frameproof-first-board-'), 'sample-board');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  return board;
}

describe('the first real run', () => {
  it("serves the names the catalog asks for, in the repository's layout", () => {
    expect(realFiles.map((f) => f.path).sort()).toEqual([...files.keys()].sort());
    expect(REPO).toBe('Xenova/clip-vit-base-patch32');
  });

  it('downloads, verifies, validates and registers the default model, then scores the sample board and rescores it from the cache', async () => {
    // The vision model's connection breaks a third of the way: the next try resumes with Range.
    const vision = files.get('onnx/vision_model.onnx')!;
    server.fault(cdnPath(vision), { kind: 'cut', afterBytes: Math.floor(vision.length / 3) });
    const manager = testManager(dataDir, catalogFor(), { env: { HF_ENDPOINT: server.origin } });
    const phases = new Set<string>();
    const installed = await manager.download(MODEL_ID, { onProgress: (p) => phases.add(p.phase) });

    expect([...phases]).toEqual(expect.arrayContaining(['downloading', 'validating', 'done']));
    expect(server.requestsFor(cdnPath(vision)).map((r) => [r.status, r.range])).toEqual([
      [200, undefined],
      [206, expect.stringMatching(/^bytes=[1-9]\d*-$/)],
    ]);
    expect(Object.fromEntries(installed.files.map((f) => [f.path, [f.verified, f.expectedFrom]]))).toEqual({
      'onnx/text_model.onnx': ['sha256', 'catalog'],
      'onnx/vision_model.onnx': ['sha256', 'catalog'],
      'tokenizer.json': ['sha256', 'catalog'],
      'tokenizer_config.json': ['size', 'catalog'],
      'preprocessor_config.json': ['size', 'catalog'],
      'config.json': ['size', 'catalog'],
    });
    for (const f of installed.files) expect(f.sha256).toBe(sha256(files.get(f.path)!));
    expect(installed).toMatchObject({
      id: MODEL_ID,
      source: 'catalog',
      embeddingDim: TINY_DIM,
      catalog: { revision: REVISION, variant: 'full' },
    });
    expect(installed.warnings).toEqual([
      expect.stringMatching(
        /No SHA-256 is published for tokenizer_config\.json, preprocessor_config\.json, config\.json: checked by size only/,
      ),
    ]);

    const board = sampleBoard();
    const first = new Engine({ dataDir, model: MODEL_ID, provider: 'cpu', threads: 1 });
    const opened = await first.openBoard(board);
    expect(opened.unscored).toBeGreaterThan(0);
    const scored = await first.scoreBoard();
    const frames = Object.keys(scored.scores);
    expect(frames.length).toBe(opened.board.frames.length);
    for (const id of frames) expect(scored.scores[id]!.score).toMatchObject({ cosine: expect.any(Number), clipScore: expect.any(Number) });
    const stats = first.store.stats();
    expect(stats.imageEmbeddings.rows).toBeGreaterThanOrEqual(frames.length);
    await first.close();

    const second = new Engine({ dataDir, model: MODEL_ID, provider: 'cpu', threads: 1 });
    const reopened = await second.openBoard(board);
    expect(reopened.unscored).toBe(0);
    expect(reopened.model?.embeddingSize).toBeNull(); // the model was never loaded: no inference
    for (const id of frames) expect(reopened.scores[id]!.score).toEqual(scored.scores[id]!.score);
    expect(second.store.stats()).toEqual(stats);
    await second.close();
  });

  it('verifies LFS files the catalog has no figures for against the redirect, and records the hashes', async () => {
    const installed = await testManager(dataDir, catalogFor(true), { env: { HF_ENDPOINT: server.origin } }).download(MODEL_ID);
    for (const path of LFS) {
      expect(installed.files.find((f) => f.path === path)).toEqual({
        path,
        sizeBytes: files.get(path)!.length,
        sha256: sha256(files.get(path)!),
        verified: 'sha256',
        expectedFrom: 'server',
      });
    }
    // A Git file's ETag is its blob id, not a SHA-256: it stays checked by the catalog's size.
    expect(installed.files.find((f) => f.path === 'config.json')).toMatchObject({ verified: 'size', expectedFrom: 'catalog' });
    const registry = JSON.parse(await readFile(join(dataDir, 'models', 'registry.json'), 'utf8')) as { models: { files: unknown[] }[] };
    expect(registry.models[0]!.files).toEqual(installed.files);
  });
});
