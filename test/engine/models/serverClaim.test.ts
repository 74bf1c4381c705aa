// Files the catalog has no hash or size for are checked against what the server says on its redirect
// (X-Linked-Etag, X-Linked-Size), as Hugging Face sends them for LFS files; a real server on 127.0.0.1.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sha256OfEtag } from '../../../electron/engine/models/serverClaim.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';
import { FileServer } from './fileServer.ts';
import { exists, failure, repoPath, serveTiny, sha256, testCatalog, testManager, tinyFiles } from './helpers.ts';

const VISION = 'onnx/vision_model.onnx';
const CDN = '/cdn/sha256/vision';

let files: Map<string, Buffer>;
let server: FileServer;
let dataDir: string;

beforeAll(async () => {
  files = await tinyFiles();
});

beforeEach(async () => {
  server = await FileServer.start();
  serveTiny(server, files);
  server.serve(CDN, files.get(VISION)!);
  dataDir = tempFolder('frameproof-claims-');
});

afterEach(async () => {
  await server.close();
});

const models = () => join(dataDir, 'models');
const staged = (target: string) => join(models(), '.staging', 'tiny', ...target.split('/'));
/** The catalog knows neither the vision model's hash nor its size. */
const unknownVision = () => testCatalog(files, { origin: server.origin, verify: { [VISION]: { sha256: false, size: false } } });

describe('the linked etag', () => {
  it('is read as a SHA-256 only when it is one', () => {
    const hash = sha256(Buffer.from('x'));
    expect(sha256OfEtag(`"${hash}"`)).toBe(hash);
    expect(sha256OfEtag(`W/"${hash.toUpperCase()}"`)).toBe(hash);
    // A file kept in Git is tagged with its Git blob id: no SHA-256 to check against.
    expect(sha256OfEtag('"a3b1c9d0e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"')).toBeNull();
    expect(sha256OfEtag(undefined)).toBeNull();
  });
});

describe('a file the catalog has no figures for', () => {
  it("is checked against the redirect's X-Linked-Etag, and the registry records it", async () => {
    server.redirect(repoPath(VISION), CDN);
    const model = await testManager(dataDir, unknownVision()).download('tiny', { validate: false });
    const vision = model.files.find((f) => f.path === VISION);
    expect(vision).toEqual({
      path: VISION,
      sizeBytes: files.get(VISION)!.length,
      sha256: sha256(files.get(VISION)!),
      verified: 'sha256',
      expectedFrom: 'server',
    });
    expect(model.files.find((f) => f.path === 'tokenizer.json')).toMatchObject({ verified: 'sha256', expectedFrom: 'catalog' });
    expect(model.warnings).toEqual([]);
    const registry = JSON.parse(await readFile(join(models(), 'registry.json'), 'utf8'));
    expect(registry.models[0].files.find((f: { path: string }) => f.path === VISION)).toEqual(vision);
    expect(await exists(join(models(), '.staging', 'tiny.claims.json'))).toBe(false);
  });

  it('is refused when its bytes do not match the linked etag, and the partial is removed', async () => {
    server.redirect(repoPath(VISION), CDN);
    server.fault(CDN, { kind: 'corrupt' });
    const error = await failure(testManager(dataDir, unknownVision()).download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_CHECKSUM');
    expect(error.file).toBe(VISION);
    expect(error.message).toContain(`the server announced on its redirect ${sha256(files.get(VISION)!)}`);
    expect(await exists(`${staged(VISION)}.partial`)).toBe(false);
    expect(await exists(join(models(), 'registry.json'))).toBe(false);
  });

  it('is refused before any byte is kept when the CDN sends another length than X-Linked-Size', async () => {
    server.redirect(repoPath(VISION), CDN, { size: String(files.get(VISION)!.length + 1) });
    const error = await failure(testManager(dataDir, unknownVision()).download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_SIZE');
    expect(error.message).toMatch(
      new RegExp(
        `offers ${VISION} as ${files.get(VISION)!.length} bytes; the server announced on its redirect ${files.get(VISION)!.length + 1}`,
      ),
    );
    expect(await exists(`${staged(VISION)}.partial`)).toBe(false);
  });

  it('resumes a cut download and still checks the whole file against the claim', async () => {
    server.redirect(repoPath(VISION), CDN);
    server.fault(CDN, { kind: 'cut', afterBytes: 200_000 }, { kind: 'corrupt' });
    const error = await failure(testManager(dataDir, unknownVision(), { attempts: 2 }).download('tiny', { validate: false }));
    // The second try resumed (206) and its damaged bytes were caught against the first hop's etag.
    expect(server.requestsFor(CDN).map((r) => r.status)).toEqual([200, 206]);
    expect(error.code).toBe('DOWNLOAD_CHECKSUM');
  });

  it('keeps a file an earlier run completed only while it still matches what the server claimed', async () => {
    server.redirect(repoPath(VISION), CDN);
    server.fault(repoPath('tokenizer.json'), { kind: 'status', status: 404 });
    expect((await failure(testManager(dataDir, unknownVision()).download('tiny', { validate: false }))).code).toBe('DOWNLOAD_HTTP');
    expect(await exists(staged(VISION))).toBe(true);
    // Changed on disk between the runs: with no catalog hash, only the recorded claim can tell.
    const damaged = Buffer.from(files.get(VISION)!);
    damaged[10] = damaged[10]! ^ 1;
    await writeFile(staged(VISION), damaged);

    const model = await testManager(dataDir, unknownVision()).download('tiny', { validate: false });
    expect(server.requestsFor(CDN)).toHaveLength(2);
    expect(model.files.find((f) => f.path === VISION)).toMatchObject({
      verified: 'sha256',
      expectedFrom: 'server',
      sha256: sha256(files.get(VISION)!),
    });
  });

  it('keeps an intact file from an earlier run without fetching it again', async () => {
    server.redirect(repoPath(VISION), CDN);
    server.fault(repoPath('tokenizer.json'), { kind: 'status', status: 404 });
    await failure(testManager(dataDir, unknownVision()).download('tiny', { validate: false }));
    const model = await testManager(dataDir, unknownVision()).download('tiny', { validate: false });
    expect(server.requestsFor(CDN)).toHaveLength(1);
    expect(model.files.find((f) => f.path === VISION)).toMatchObject({ verified: 'sha256', expectedFrom: 'server' });
  });

  it('is checked by size alone when the redirect names no SHA-256 (a Git blob id), and says so', async () => {
    server.redirect(repoPath(VISION), CDN, { etag: '"a3b1c9d0e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0"', size: String(files.get(VISION)!.length) });
    const model = await testManager(dataDir, unknownVision()).download('tiny', { validate: false });
    expect(model.files.find((f) => f.path === VISION)).toMatchObject({ verified: 'size', expectedFrom: 'server' });
    expect(model.warnings).toEqual([expect.stringMatching(/onnx\/vision_model\.onnx: checked by size only/)]);
  });
});

describe('a file the catalog has a hash for', () => {
  it('is refused before downloading when the redirect announces another SHA-256', async () => {
    const other = sha256(Buffer.from('another file'));
    server.redirect(repoPath(VISION), CDN, { etag: `"${other}"`, size: String(files.get(VISION)!.length) });
    const error = await failure(testManager(dataDir, testCatalog(files, { origin: server.origin })).download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_CHECKSUM');
    expect(error.message).toContain(
      `announces ${VISION} with SHA-256 ${other} (X-Linked-Etag); the catalog expects ${sha256(files.get(VISION)!)}. Refused before downloading it.`,
    );
    expect(await exists(`${staged(VISION)}.partial`)).toBe(false);
    expect(server.requestsFor(CDN)).toHaveLength(1);
  });
});
