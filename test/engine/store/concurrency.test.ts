// Two Stores in one process, and other processes on the same file: interleaved reads and writes
// lose nothing, corrupt nothing and never surface SQLITE_BUSY. Synchronised by IPC, not sleeps.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTick } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, openStore, type Store } from '../../../electron/engine/store/index.ts';
import { REPO_ROOT } from '../../paths.ts';
import { sameBits, tempDbFile } from './helpers.ts';
import { MODEL, PREP, middleBatch, rowOf, type WorkerMessage } from './workerProtocol.ts';

const WORKER = join(REPO_ROOT, 'test', 'engine', 'store', 'storeWorker.ts');

class Worker {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  finished = false;
  lastBatch = -1;
  #stderr = '';
  #waiting = new Map<string, () => void>();
  #failure: Error | undefined;

  constructor(args: string[], onMessage: (message: WorkerMessage) => void = () => {}) {
    this.child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child.stderr?.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString()));
    this.child.on('message', (raw) => {
      const message = raw as WorkerMessage;
      if (message.type === 'error') this.#failure = new Error(`worker failed: ${message.message}`);
      if (message.type === 'wrote') this.lastBatch = message.batch;
      onMessage(message);
      this.#waiting.get(message.type)?.();
    });
    this.exited = new Promise((resolve) =>
      this.child.on('exit', (code) => {
        this.finished = true;
        resolve(code);
      }),
    );
  }

  next(type: WorkerMessage['type']): Promise<void> {
    return Promise.race([
      new Promise<void>((resolve) => this.#waiting.set(type, resolve)),
      this.exited.then((code) => {
        throw new Error(`worker exited (${code}) before "${type}": ${this.#failure?.message ?? this.#stderr}`);
      }),
    ]);
  }

  send(message: string): void {
    this.child.send(message);
  }

  async succeeded(): Promise<void> {
    const code = await this.exited;
    if (this.#failure || code !== 0) throw this.#failure ?? new Error(`worker exited with ${code}: ${this.#stderr}`);
  }
}

function expectBatches(store: Store, label: string, batches: number, batchSize: number): void {
  for (let batch = 0; batch < batches; batch++) {
    const rows = Array.from({ length: batchSize }, (_, i) => rowOf(label, batch, i));
    const found = store.getImageEmbeddings(
      MODEL,
      PREP,
      rows.map((row) => row.hash),
    );
    expect(found.size, `${label} batch ${batch}`).toBe(batchSize);
    for (const row of rows) expect(sameBits(found.get(row.hash)!, row.vector)).toBe(true);
  }
}

function expectIntact(file: string): void {
  const db = new Database(file, { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.pragma('foreign_key_check')).toEqual([]);
  expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  db.close();
}

describe('two Stores in one process', () => {
  it("see each other's writes at once", () => {
    const file = tempDbFile();
    const a = openStore(file);
    const b = openStore(file);
    for (let batch = 0; batch < 20; batch++) {
      const [writer, reader] = batch % 2 === 0 ? [a, b] : [b, a];
      const rows = Array.from({ length: 25 }, (_, i) => rowOf('parent', batch, i));
      writer.putImageEmbeddings(MODEL, PREP, rows);
      writer.setProjectState('/boards/shared', JSON.stringify({ batch }));
      const found = reader.getImageEmbeddings(
        MODEL,
        PREP,
        rows.map((row) => row.hash),
      );
      expect(found.size).toBe(rows.length);
      expect(reader.getProjectState('/boards/shared')?.json).toBe(JSON.stringify({ batch }));
    }
    expectBatches(a, 'parent', 20, 25);
    a.close();
    b.close();
    expectIntact(file);
  });
});

describe('another process on the same file', () => {
  it('writes while this one reads and writes', async () => {
    const file = tempDbFile();
    const store = openStore(file);
    const [batches, batchSize] = [30, 40];
    let midRun: unknown = 'not reached';
    const child = new Worker([file, 'write', 'child', String(batches), String(batchSize)], (message) => {
      if (message.type !== 'wrote' || message.batch !== middleBatch(batches)) return;
      // The child waits here, connection open and half done: what it wrote must be readable now.
      try {
        expectBatches(store, 'child', message.batch + 1, batchSize);
        midRun = 'ok';
      } catch (error) {
        midRun = error;
      }
      child.send('continue');
    });
    child.send('open');
    await child.next('ready');
    child.send('go');

    let parentBatch = 0;
    let overlapping = 0;
    while (!child.finished) {
      store.putImageEmbeddings(
        MODEL,
        PREP,
        Array.from({ length: batchSize }, (_, i) => rowOf('parent', parentBatch, i)),
      );
      parentBatch++;
      const seen = child.lastBatch;
      if (seen >= 0 && !child.finished) {
        expectBatches(store, 'child', seen + 1, batchSize);
        overlapping++;
      }
      await nextTick(); // lets the child's messages in; not a wait for time
    }
    await child.succeeded();

    expect(midRun).toBe('ok');
    expect(overlapping).toBeGreaterThan(0);
    expectBatches(store, 'child', batches, batchSize);
    expectBatches(store, 'parent', parentBatch, batchSize);
    expect(store.stats().imageEmbeddings.rows).toBe((batches + parentBatch) * batchSize);
    store.close();
    expectIntact(file);
  });

  it('two processes creating the same new database at once both migrate and write', async () => {
    const file = tempDbFile();
    const [batches, batchSize] = [10, 50];
    const workers = ['child', 'child-b'].map((label) => {
      const worker: Worker = new Worker([file, 'write', label, String(batches), String(batchSize)], (message) => {
        if (message.type === 'wrote' && message.batch === middleBatch(batches)) worker.send('continue');
      });
      return worker;
    });
    // "open" goes to both together: neither finds the schema in place.
    for (const w of workers) w.send('open');
    await Promise.all(workers.map((w) => w.next('ready')));
    for (const w of workers) w.send('go');
    await Promise.all(workers.map((w) => w.succeeded()));

    const store = openStore(file);
    expect(store.notices).toEqual([]);
    expectBatches(store, 'child', batches, batchSize);
    expectBatches(store, 'child-b', batches, batchSize);
    store.close();
    expectIntact(file);
  });

  it('a write waits out another process holding the write lock instead of failing', async () => {
    const file = tempDbFile();
    const store = openStore(file);
    const holder = new Worker([file, 'hold', 'holder', '400']);
    await holder.next('locked');

    const started = performance.now();
    store.putImageEmbeddings(MODEL, PREP, [rowOf('parent', 0, 0)]);
    const waitedMs = performance.now() - started;
    await holder.succeeded();

    expect(waitedMs).toBeGreaterThan(100);
    expect(store.getProjectState('/boards/held')?.json).toBe('{"held":true}');
    expectBatches(store, 'parent', 1, 1);
    store.close();
    expectIntact(file);
  });
});
