// A second process on the same database, driven by concurrency.test.ts over IPC:
//   node --import tsx storeWorker.ts <file> write <label> <batches> <batchSize>
//   node --import tsx storeWorker.ts <file> hold <label> <holdMs>
// 'write' waits for "open", opens a Store, says "ready", waits for "go", then writes batches of
// image embeddings (checking each against what it reads back) and says "wrote" after each; after
// the middle batch it waits for "continue", so the parent is sure to read while it is mid-run.
// 'hold' takes the write lock on a raw connection, says "locked", and commits after holdMs.
import Database from 'better-sqlite3';
import { openStore } from '../../../electron/engine/store/index.ts';
import { sameBits } from './testData.ts';
import { MODEL, PREP, middleBatch, rowOf, type WorkerMessage } from './workerProtocol.ts';

function send(message: WorkerMessage): void {
  process.send?.(message);
}

function nextMessage(expected: string): Promise<void> {
  return new Promise((resolve) => {
    const listen = (message: unknown): void => {
      if (message !== expected) return;
      process.off('message', listen);
      resolve();
    };
    process.on('message', listen);
  });
}

async function write(file: string, label: string, batches: number, batchSize: number): Promise<void> {
  await nextMessage('open');
  const store = openStore(file);
  send({ type: 'ready' });
  await nextMessage('go');
  for (let batch = 0; batch < batches; batch++) {
    const rows = Array.from({ length: batchSize }, (_, i) => rowOf(label, batch, i));
    store.putImageEmbeddings(MODEL, PREP, rows);
    store.setProjectState(`/boards/${label}`, JSON.stringify({ batch }));
    const back = store.getImageEmbeddings(
      MODEL,
      PREP,
      rows.map((row) => row.hash),
    );
    if (back.size !== rows.length || !rows.every((row) => sameBits(back.get(row.hash)!, row.vector))) {
      throw new Error(`${label} batch ${batch}: read back ${back.size} of ${rows.length}, or different bits`);
    }
    send({ type: 'wrote', batch });
    if (batch === middleBatch(batches)) await nextMessage('continue');
  }
  store.close();
}

async function hold(file: string, holdMs: number): Promise<void> {
  const db = new Database(file);
  db.exec('BEGIN IMMEDIATE');
  db.prepare('INSERT INTO project_state (folder, settings, updated_at) VALUES (?, ?, ?)').run('/boards/held', '{"held":true}', Date.now());
  send({ type: 'locked' });
  // The lock is held for a while on purpose: the parent's write must wait it out, not fail.
  await new Promise((resolve) => setTimeout(resolve, holdMs));
  db.exec('COMMIT');
  db.close();
}

async function main(): Promise<void> {
  const [file, mode, label, ...rest] = process.argv.slice(2);
  if (!file || !label) throw new Error('usage: storeWorker.ts <file> write|hold <label> ...');
  if (mode === 'write') await write(file, label, Number(rest[0]), Number(rest[1]));
  else if (mode === 'hold') await hold(file, Number(rest[0]));
  else throw new Error(`unknown mode ${mode}`);
}

// Run only as a child with an IPC channel (the test spawns it so).
if (process.send) {
  main().then(
    () => {
      send({ type: 'done' });
      process.disconnect();
    },
    (error: unknown) => {
      send({ type: 'error', message: error instanceof Error ? `${error.message}\n${error.stack}` : String(error) });
      process.exitCode = 1;
      process.disconnect();
    },
  );
}
