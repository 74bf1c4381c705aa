// Two processes, one model: the second waits for the first's lock file; a dead process's lock is taken over.
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelDownloadProgress } from '../../../electron/common/api.ts';
import { acquireLock } from '../../../electron/engine/models/lockFile.ts';
import { FileServer } from './fileServer.ts';
import { exists, failure, serveTiny, testCatalog, testManager, tinyFiles } from './helpers.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

let files: Map<string, Buffer>;
let server: FileServer;
let dataDir: string;

beforeAll(async () => {
  files = await tinyFiles();
});

beforeEach(async () => {
  server = await FileServer.start();
  serveTiny(server, files);
  dataDir = tempFolder('frameproof-lock-');
});

afterEach(async () => {
  await server.close();
});

const lockFile = () => join(dataDir, 'models', '.staging', 'tiny.lock');

async function writeForeignLock(pid: number): Promise<void> {
  await mkdir(join(dataDir, 'models', '.staging'), { recursive: true });
  await writeFile(lockFile(), JSON.stringify({ pid, host: hostname(), startedAt: new Date().toISOString() }));
}

/** A pid that no longer runs: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '']);
  return child.pid!;
}

describe('the download lock', () => {
  it('waits while another live process downloads the same model, then carries on', async () => {
    // The parent of this test worker is alive for the whole test and is not this process.
    await writeForeignLock(process.ppid);
    const manager = testManager(dataDir, testCatalog(files, { origin: server.origin }));
    let waiting!: () => void;
    const sawWaiting = new Promise<void>((resolve) => (waiting = resolve));
    const phases: ModelDownloadProgress['phase'][] = [];
    const download = manager.download('tiny', {
      validate: false,
      onProgress: (p) => {
        phases.push(p.phase);
        if (p.phase === 'waiting') waiting();
      },
    });
    await sawWaiting;
    expect(server.requests).toHaveLength(0);
    // Neither this process (which waits for it) nor the other may have the model removed under it.
    const busy = await failure(manager.remove('tiny'));
    expect(busy.message).toBe('tiny is being downloaded right now.');
    await rm(lockFile());
    const model = await download;
    expect(model.id).toBe('tiny');
    expect(phases[0]).toBe('waiting');
    expect(await exists(lockFile())).toBe(false);
  });

  it('will not remove a model another process is downloading', async () => {
    await writeForeignLock(process.ppid);
    const error = await failure(testManager(dataDir, testCatalog(files, { origin: server.origin })).remove('tiny'));
    expect(error.message).toBe(`tiny is being downloaded right now (by process ${process.ppid}).`);
    expect(error.fix).toMatch(/Cancel that download first/);
  });

  it('takes over the lock of a process that died', async () => {
    await writeForeignLock(deadPid());
    const model = await testManager(dataDir, testCatalog(files, { origin: server.origin })).download('tiny', { validate: false });
    expect(model.id).toBe('tiny');
    expect(await exists(lockFile())).toBe(false);
  });

  it('stops waiting when cancelled', async () => {
    await writeForeignLock(process.ppid);
    const controller = new AbortController();
    const download = testManager(dataDir, testCatalog(files, { origin: server.origin })).download('tiny', {
      signal: controller.signal,
      onProgress: (p) => p.phase === 'waiting' && controller.abort(),
    });
    expect((await failure(download)).code).toBe('DOWNLOAD_CANCELLED');
    // The other process's lock is left alone.
    expect(JSON.parse(await readFile(lockFile(), 'utf8')).pid).toBe(process.ppid);
  });

  it('releases only a lock it holds', async () => {
    const file = join(dataDir, 'x.lock');
    const release = await acquireLock(file, { pollMs: 10, what: 'x' });
    await writeFile(file, JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: new Date().toISOString() }));
    await release();
    expect(await exists(file)).toBe(true);
  });
});
