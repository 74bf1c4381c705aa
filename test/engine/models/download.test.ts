// Downloads against a real HTTP server on 127.0.0.1 serving the generated tiny model's files.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelDownloadProgress } from '../../../electron/common/api.ts';
import type { DownloadFs } from '../../../electron/engine/models/downloadFile.ts';
import { FileServer, type RequestRecord } from './fileServer.ts';
import { exists, failure, repoPath, serveTiny, sha256, testCatalog, testManager, TINY_DIM, TINY_FILES, tinyFiles } from './helpers.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

let files: Map<string, Buffer>;
let server: FileServer;
let dataDir: string;

const TEXT = 'onnx/text_model.onnx';
const VISION = 'onnx/vision_model.onnx';

beforeAll(async () => {
  files = await tinyFiles();
});

beforeEach(async () => {
  server = await FileServer.start();
  serveTiny(server, files);
  dataDir = tempFolder('frameproof-models-');
});

afterEach(async () => {
  await server.close();
});

const modelsDir = () => join(dataDir, 'models');
const stagingFile = (id: string, target: string) => join(modelsDir(), '.staging', id, ...target.split('/'));

async function installedFileHashes(id: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const target of TINY_FILES) out[target] = sha256(await readFile(join(modelsDir(), id, ...target.split('/'))));
  return out;
}

function expectedHashes(): Record<string, string> {
  return Object.fromEntries(TINY_FILES.map((f) => [f, sha256(files.get(f)!)]));
}

describe('a full download', () => {
  it('verifies every file, opens the model, moves it into place and registers it', async () => {
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }));
    const events: ModelDownloadProgress[] = [];
    const model = await manager.download('tiny', { onProgress: (p) => events.push(p) });

    expect(model).toMatchObject({
      id: 'tiny',
      source: 'catalog',
      layout: 'xenova',
      path: join(modelsDir(), 'tiny'),
      embeddingDim: TINY_DIM,
      warnings: [],
    });
    expect(model.files.map((f) => f.verified)).toEqual(TINY_FILES.map(() => 'sha256'));
    expect(await installedFileHashes('tiny')).toEqual(expectedHashes());
    expect(await exists(join(modelsDir(), '.staging', 'tiny'))).toBe(false);

    const registry = JSON.parse(await readFile(join(modelsDir(), 'registry.json'), 'utf8'));
    expect(registry.models.map((m: { id: string }) => m.id)).toEqual(['tiny']);

    const total = [...files.entries()].filter(([p]) => (TINY_FILES as readonly string[]).includes(p)).reduce((s, [, d]) => s + d.length, 0);
    expect(events.map((e) => e.phase)).toEqual(expect.arrayContaining(['downloading', 'validating', 'done']));
    expect(events.at(-1)).toMatchObject({ phase: 'done', bytesDone: total, bytesTotal: total, bytesTotalApprox: false });
    const done = events.map((e) => e.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));

    const list = await manager.list();
    expect(list.firstRun).toBe(false);
    expect(list.models.find((m) => m.id === 'tiny')).toMatchObject({ status: 'installed', diskBytes: total, partialBytes: 0 });
    expect(await manager.resolve('tiny')).toMatchObject({
      dir: join(modelsDir(), 'tiny'),
      id: 'tiny',
      source: 'catalog',
      embeddingDim: TINY_DIM,
    });
  });

  it('installs a quantized file under the plain name the engine opens', async () => {
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }));
    const model = await manager.download('tiny-fast', { validate: false });
    expect(model.catalog).toEqual({ revision: expect.any(String), variant: 'fast' });
    expect(server.requestsFor(repoPath('onnx/text_model_quantized.onnx'))).toHaveLength(1);
    expect(await installedFileHashes('tiny-fast')).toEqual(expectedHashes());
  });

  it('follows a redirect to a CDN, keeping the Range header', async () => {
    server.redirect(repoPath(VISION), '/cdn/vision');
    server.serve('/cdn/vision', files.get(VISION)!);
    server.fault('/cdn/vision', { kind: 'cut', afterBytes: 100_000 });
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }));
    await manager.download('tiny', { validate: false });
    expect(server.requestsFor('/cdn/vision').map((r) => r.range)).toEqual([undefined, expect.stringMatching(/^bytes=\d+-$/)]);
  });

  it('uses the mirror in HF_ENDPOINT with the {endpoint}/{repo}/resolve/{revision}/{file} scheme', async () => {
    const catalog = testCatalog(files, { origin: 'https://huggingface.invalid' });
    const manager = testManager(dataDir, catalog, { env: { HF_ENDPOINT: `${server.origin}/` } });
    await manager.download('tiny', { validate: false });
    expect(server.requests.map((r) => r.path).sort()).toEqual(TINY_FILES.map((f) => repoPath(f)).sort());
  });
});

describe('resume', () => {
  it('resumes a file whose connection was cut halfway, with a Range request for the rest', async () => {
    const size = files.get(TEXT)!.length;
    server.fault(repoPath(TEXT), { kind: 'cut', afterBytes: Math.floor(size / 2) });
    const first = testManager(dataDir, testCatalog(files, { origin: server.origin }), { attempts: 1 });
    const error = await failure(first.download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toMatch(/kept for resuming/);
    expect(error.fix).toMatch(/resumes/);
    const kept = (await stat(`${stagingFile('tiny', TEXT)}.partial`)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(Math.floor(size / 2));
    expect(await exists(join(modelsDir(), 'registry.json'))).toBe(false);
    expect(
      (await testManager(dataDir, testCatalog(files, { origin: server.origin })).list()).models.find((m) => m.id === 'tiny'),
    ).toMatchObject({ status: 'available', partialBytes: expect.any(Number) });

    const second = testManager(dataDir, testCatalog(files, { origin: server.origin }), { attempts: 1 });
    await second.download('tiny', { validate: false });
    const requests = server.requestsFor(repoPath(TEXT));
    expect(requests.map((r) => [r.range, r.status])).toEqual([
      [undefined, 200],
      [`bytes=${kept}-`, 206],
    ]);
    expect(requests.reduce((s, r) => s + r.sentBytes, 0)).toBeLessThan(size * 1.5);
    expect(await installedFileHashes('tiny')).toEqual(expectedHashes());
  });

  it('retries within one download, with backoff between tries, when the connection breaks', async () => {
    server.fault(repoPath(TEXT), { kind: 'cut', afterBytes: 1_000_000 }, { kind: 'cut', afterBytes: 1_000_000 });
    server.fault(repoPath(VISION), { kind: 'status', status: 503, retryAfter: 0 });
    const delays: number[] = [];
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }), {
      attempts: 3,
      retryDelayMs: (n) => (delays.push(n), 0),
    });
    await manager.download('tiny', { validate: false });
    expect(server.requestsFor(repoPath(TEXT)).map((r) => r.status)).toEqual([200, 206, 206]);
    expect(server.requestsFor(repoPath(VISION)).map((r) => r.status)).toEqual([503, 200]);
    expect(delays).toEqual([1, 2, 1]);
    expect(await installedFileHashes('tiny')).toEqual(expectedHashes());
  });

  it('starts over when the server ignores the Range header', async () => {
    server.fault(repoPath(TEXT), { kind: 'cut', afterBytes: 500_000 }, { kind: 'ignoreRange' });
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }));
    await manager.download('tiny', { validate: false });
    expect(server.requestsFor(repoPath(TEXT)).map((r) => [r.status, r.sentBytes])).toEqual([
      [200, 500_000],
      [200, files.get(TEXT)!.length],
    ]);
    expect(await installedFileHashes('tiny')).toEqual(expectedHashes());
  });
});

describe('verification', () => {
  it('rejects a file whose SHA-256 does not match, and removes the partial file', async () => {
    server.fault(repoPath(VISION), { kind: 'corrupt' });
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }));
    const error = await failure(manager.download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_CHECKSUM');
    expect(error.message).toContain(sha256(files.get(VISION)!));
    expect(error.message).toMatch(/partial file was removed/);
    expect(error.file).toBe(VISION);
    expect(await exists(`${stagingFile('tiny', VISION)}.partial`)).toBe(false);
    expect(await exists(stagingFile('tiny', VISION))).toBe(false);
    expect(await exists(join(modelsDir(), 'tiny'))).toBe(false);
    expect(await exists(join(modelsDir(), 'registry.json'))).toBe(false);
    // No retry: a wrong file would only come again.
    expect(server.requestsFor(repoPath(VISION))).toHaveLength(1);
  });

  it('checks a file without a published hash by its size, and says so', async () => {
    const catalog = testCatalog(files, {
      origin: server.origin,
      verify: { 'tokenizer.json': { sha256: false, size: true }, 'config.json': { sha256: false, size: false } },
    });
    const model = await testManager(dataDir, catalog).download('tiny', { validate: false });
    expect(Object.fromEntries(model.files.map((f) => [f.path, f.verified]))).toMatchObject({
      'tokenizer.json': 'size',
      'config.json': 'none',
      [TEXT]: 'sha256',
    });
    expect(model.warnings).toEqual([
      expect.stringMatching(/tokenizer\.json: checked by size only/),
      expect.stringMatching(/config\.json: not verified/),
    ]);
    expect((await testManager(dataDir, catalog).list()).models.find((m) => m.id === 'tiny')?.warnings).toEqual(model.warnings);
  });

  it('refuses a file of the wrong size before downloading it', async () => {
    const wrong = Buffer.concat([files.get('tokenizer.json')!, Buffer.from(' ')]);
    server.serve(repoPath('tokenizer.json'), wrong);
    const catalog = testCatalog(files, { origin: server.origin, verify: { 'tokenizer.json': { sha256: false, size: true } } });
    const error = await failure(testManager(dataDir, catalog).download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_SIZE');
    expect(error.message).toContain(String(wrong.length));
    expect(await exists(`${stagingFile('tiny', 'tokenizer.json')}.partial`)).toBe(false);
  });

  it('keeps nothing of a model that downloads intact but does not match the catalog', async () => {
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin, embeddingDim: 32 }));
    const error = await failure(manager.download('tiny'));
    expect(error.code).toBe('MODEL_MISMATCH');
    expect(error.message).toMatch(/16-number embeddings; the catalog expects 32/);
    expect(await exists(join(modelsDir(), '.staging', 'tiny'))).toBe(false);
    expect(await exists(join(modelsDir(), 'tiny'))).toBe(false);
    expect(await exists(join(modelsDir(), 'registry.json'))).toBe(false);
  });
});

describe('server and network failures', () => {
  it('reports a 404 with the URL, without retrying', async () => {
    server.fault(repoPath('tokenizer.json'), { kind: 'status', status: 404 });
    const error = await failure(testManager(dataDir, testCatalog(files, { origin: server.origin })).download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_HTTP');
    expect(error.message).toContain('HTTP 404');
    expect(error.message).toContain(`${server.origin}${repoPath('tokenizer.json')}`);
    expect(error.fix).toMatch(/mirror|import/);
    expect(server.requestsFor(repoPath('tokenizer.json'))).toHaveLength(1);
    expect(await exists(join(modelsDir(), 'registry.json'))).toBe(false);
  });

  it('times out a server that stalls, keeping what arrived, and resumes from it later', async () => {
    server.fault(repoPath(TEXT), { kind: 'stall', afterBytes: 300_000 }, { kind: 'stall', afterBytes: 300_000 });
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }), { attempts: 2, idleTimeoutMs: 150 });
    const error = await failure(manager.download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_TIMEOUT');
    expect(error.message).toMatch(/stopped sending onnx\/text_model\.onnx .*2 tries\)\. 600 kB are kept for resuming/);
    expect(server.requestsFor(repoPath(TEXT)).map((r) => r.range)).toEqual([undefined, 'bytes=300000-']);

    await testManager(dataDir, testCatalog(files, { origin: server.origin })).download('tiny', { validate: false });
    expect(server.requestsFor(repoPath(TEXT)).at(-1)?.range).toBe('bytes=600000-');
    expect(await installedFileHashes('tiny')).toEqual(expectedHashes());
  });

  it('cancels a download stuck on a stalled server at once', async () => {
    server.fault(repoPath(VISION), { kind: 'stall', afterBytes: 1000 });
    const controller = new AbortController();
    const stalled = once(server, 'stalled');
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }), { idleTimeoutMs: 120_000 });
    const download = manager.download('tiny', { signal: controller.signal, validate: false });
    const [record] = (await stalled) as [RequestRecord];
    expect(record.path).toBe(repoPath(VISION));
    controller.abort();
    const error = await failure(download);
    expect(error.code).toBe('DOWNLOAD_CANCELLED');
    expect(error.fix).toMatch(/resumes/);
    expect(await exists(join(modelsDir(), 'tiny'))).toBe(false);
    expect(await exists(join(modelsDir(), 'registry.json'))).toBe(false);
  });

  it('says how to get a model when the network cannot be reached', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, 'close');
    const manager = testManager(dataDir, testCatalog(files, { origin: `http://127.0.0.1:${port}` }), { attempts: 5 });
    const error = await failure(manager.download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_OFFLINE');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.fix).toMatch(/HTTPS_PROXY/);
    expect(error.fix).toMatch(/frameproof models import DIR/);
  });

  it('refuses plain HTTP except for loopback or an explicitly configured mirror', async () => {
    const manager = testManager(dataDir, testCatalog(files, { origin: 'http://models.example.invalid' }));
    const error = await failure(manager.download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_INSECURE');
    expect(error.fix).toMatch(/HF_ENDPOINT=http:\/\/models\.example\.invalid/);
  });
});

describe('two downloads of the same model at once', () => {
  it('share one transfer per file, whether they come from one manager or two', async () => {
    const catalog = testCatalog(files, { origin: server.origin });
    const a = testManager(dataDir, catalog);
    const b = testManager(dataDir, catalog);
    const progressA: ModelDownloadProgress[] = [];
    const progressB: ModelDownloadProgress[] = [];
    const [first, second, third] = await Promise.all([
      a.download('tiny', { onProgress: (p) => progressA.push(p) }),
      b.download('tiny', { onProgress: (p) => progressB.push(p) }),
      a.download('tiny'),
    ]);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    for (const path of TINY_FILES) expect(server.requestsFor(repoPath(path))).toHaveLength(1);
    expect(progressA.at(-1)?.phase).toBe('done');
    expect(progressB.at(-1)?.phase).toBe('done');
    expect(await installedFileHashes('tiny')).toEqual(expectedHashes());
  });

  it('lets one caller cancel without stopping the other', async () => {
    server.fault(repoPath(VISION), { kind: 'stall', afterBytes: 1000 });
    const catalog = testCatalog(files, { origin: server.origin });
    const stalled = once(server, 'stalled');
    const quitter = new AbortController();
    const a = testManager(dataDir, catalog, { idleTimeoutMs: 300 });
    const cancelled = a.download('tiny', { signal: quitter.signal, validate: false });
    const stays = testManager(dataDir, catalog, { idleTimeoutMs: 300 }).download('tiny', { validate: false });
    await stalled;
    quitter.abort();
    expect((await failure(cancelled)).code).toBe('DOWNLOAD_CANCELLED');
    // The stall times out, the retry resumes, and the caller that stayed gets the model.
    expect((await stays).id).toBe('tiny');
  });
});

describe('a full disk', () => {
  /** Writes through to the real file until limitBytes in all, then fails like a full disk. */
  function fullDiskAfter(limitBytes: number): DownloadFs {
    let written = 0;
    return {
      createWriteStream(path, { append }) {
        const real = createWriteStream(path, { flags: append ? 'a' : 'w' });
        return new Writable({
          write(chunk: Buffer, _encoding, done) {
            if (written + chunk.length > limitBytes) {
              done(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' }));
              return;
            }
            written += chunk.length;
            real.write(chunk, done);
          },
          final(done) {
            real.end(done);
          },
          destroy(error, done) {
            if (real.closed) return done(error);
            real.once('close', () => done(error));
            real.destroy();
          },
        });
      },
    };
  }

  it('stops on ENOSPC, removes the partial file, says how much room is needed, and leaves the registry alone', async () => {
    const catalog = testCatalog(files, { origin: server.origin });
    await testManager(dataDir, catalog).download('tiny-fast', { validate: false });
    const registryBefore = await readFile(join(modelsDir(), 'registry.json'));
    const limit = files.get(TEXT)!.length + 100_000;
    // Room enough when the download starts; the disk fills up (another program) while it runs.
    let checks = 0;
    const freeBytes = async () => (checks++ === 0 ? 1e12 : 200_000);
    const full = testManager(dataDir, catalog, { fs: fullDiskAfter(limit), freeBytes });
    const error = await failure(full.download('tiny', { validate: false }));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toMatch(/it needs 2\.\d MB more, and 200 kB are free\./);
    expect(error.fix).toMatch(/^Free at least 5\d\.\d MB on that drive/);
    expect(error.fix).toMatch(/FRAMEPROOF_DATA_DIR/);
    const staged = await readdir(join(modelsDir(), '.staging', 'tiny', 'onnx'));
    expect(staged).toEqual(['text_model.onnx']);
    expect(await readFile(join(modelsDir(), 'registry.json'))).toEqual(registryBefore);
    expect(await exists(join(modelsDir(), 'tiny'))).toBe(false);
  });

  it('refuses to start when the free space is already too small', async () => {
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }), { freeBytes: async () => 1_000_000 });
    const error = await failure(manager.download('tiny', { validate: false }));
    expect(error.code).toBe('DISK_FULL');
    expect(error.message).toMatch(/it needs 8\.\d MB more, and 1\.0 MB are free/);
    expect(server.requests).toHaveLength(0);
  });
});
