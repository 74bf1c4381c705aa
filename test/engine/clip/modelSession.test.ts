// ONNX Runtime sessions in their own worker thread: the same numbers as a session in this thread,
// this thread free while one opens, errors that keep their reasons, and the inline fallback where
// no worker can start.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClipModel } from '../../../electron/engine/clip/embedder.ts';
import { openModelSession, sessionWorkerEntry, type ModelSession, type TensorData } from '../../../electron/engine/clip/modelSession.ts';
import { GOLDEN } from '../../paths.ts';
import { ensureTestModel } from '../../models/cache.ts';

const OPTIONS = { executionProviders: ['cpu'], intraOpNumThreads: 1, graphOptimizationLevel: 'all' as const };
const pixels = (rows: number): TensorData => ({
  type: 'float32',
  data: Float32Array.from({ length: rows * 3 * 224 * 224 }, (_, i) => Math.sin(i / 97)),
  dims: [rows, 3, 224, 224],
});

let vision: string;
beforeAll(async () => {
  vision = join(await ensureTestModel('tiny'), 'onnx', 'vision_model.onnx');
});

describe('a session in a worker thread', () => {
  let worker: ModelSession;
  let inline: ModelSession;
  beforeAll(async () => {
    [worker, inline] = await Promise.all([openModelSession(vision, OPTIONS, 'worker'), openModelSession(vision, OPTIONS, 'inline')]);
  });
  afterAll(async () => {
    await Promise.all([worker.release(), inline.release()]);
  });

  it('runs in the worker and gives the numbers a session in this thread gives', async () => {
    expect(worker.thread).toBe('worker');
    expect(inline.thread).toBe('inline');
    expect(worker.inputNames).toEqual(inline.inputNames);
    expect(worker.outputMetadata).toEqual(inline.outputMetadata);
    const [a, b] = await Promise.all([worker.run({ pixel_values: pixels(2) }), inline.run({ pixel_values: pixels(2) })]);
    const out = a.image_embeds!;
    expect(out.dims).toEqual(b.image_embeds!.dims);
    expect(out.data).toBeInstanceOf(Float32Array);
    expect(Array.from(out.data as Float32Array)).toEqual(Array.from(b.image_embeds!.data as Float32Array));
  });

  it('rejects a bad run with ONNX Runtime reason and keeps working', async () => {
    const wrong: TensorData = { type: 'float32', data: new Float32Array(3 * 10 * 10), dims: [1, 3, 10, 10] };
    await expect(worker.run({ pixel_values: wrong })).rejects.toThrow(/dimension|shape|Got invalid/i);
    const good = await worker.run({ pixel_values: pixels(1) });
    expect(good.image_embeds!.dims[0]).toBe(1);
  });

  it('leaves this thread free while the session opens', async () => {
    let turns = 0;
    let open = true;
    const spin = () => {
      turns++;
      if (open) setImmediate(spin);
    };
    setImmediate(spin);
    const session = await openModelSession(vision, OPTIONS, 'worker');
    open = false;
    await session.release();
    // A session opening in this thread would hold the event loop for the whole open.
    expect(turns).toBeGreaterThan(20);
  });

  it('refuses runs after release, naming the stopped thread', async () => {
    const session = await openModelSession(vision, OPTIONS, 'worker');
    await session.release();
    await expect(session.run({ pixel_values: pixels(1) })).rejects.toThrow(/thread stopped/);
  });
});

describe('opening', () => {
  it('reports a file ONNX Runtime cannot read as its own error, not as a thread problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'frameproof-session-'));
    const broken = join(dir, 'broken.onnx');
    writeFileSync(broken, 'not a model');
    await expect(openModelSession(broken, OPTIONS, 'worker')).rejects.toThrow(/protobuf|parsing|Load model/i);
  });

  it('opens in this thread when the worker cannot start', async () => {
    const missing = pathToFileURL(join(tmpdir(), 'no-such-dir', 'sessionWorker.mjs'));
    const session = await openModelSession(vision, OPTIONS, 'worker', missing);
    expect(session.thread).toBe('inline');
    await session.release();
  });

  it("finds the bundle's worker from an entry and from a code-split chunk", () => {
    const root = mkdtempSync(join(tmpdir(), 'frameproof-bundle-'));
    mkdirSync(join(root, 'chunks'));
    writeFileSync(join(root, 'sessionWorker.js'), '');
    const expected = pathToFileURL(join(root, 'sessionWorker.js')).href;
    expect(sessionWorkerEntry(pathToFileURL(join(root, 'cli.js')))?.href).toBe(expected);
    expect(sessionWorkerEntry(pathToFileURL(join(root, 'chunks', 'engine-x.js')))?.href).toBe(expected);
    expect(sessionWorkerEntry(pathToFileURL(join(tmpdir(), 'nowhere', 'a.js')))).toBeUndefined();
    // From the source tree: the worker beside modelSession.ts.
    expect(sessionWorkerEntry()?.pathname).toMatch(/electron\/engine\/clip\/sessionWorker\.mjs$/);
  });
});

describe('a model whose sessions run in workers', () => {
  it('embeds as a model whose sessions run in this thread', async () => {
    const dir = await ensureTestModel('tiny');
    const [inWorker, inThread] = await Promise.all([
      ClipModel.load(dir, { provider: 'cpu', threads: 1 }),
      ClipModel.load(dir, { provider: 'cpu', threads: 1, placement: 'inline' }),
    ]);
    const images = ['tiny_64x48', 'palette_400x300', 'strokes_200x300'].map((n) => join(GOLDEN, 'images', `${n}.png`));
    const texts = ['a photo of a cat', 'wide shot of a rider crossing the dunes at dawn', 'cut to black'];
    const [a, b] = await Promise.all([inWorker.embedImages(images, { batchSize: 2 }), inThread.embedImages(images, { batchSize: 2 })]);
    a.forEach((r, i) => expect(Array.from(r.embedding!)).toEqual(Array.from(b[i]!.embedding!)));
    const [ta, tb] = await Promise.all([inWorker.embedTexts(texts), inThread.embedTexts(texts)]);
    ta.forEach((r, i) => expect(Array.from(r.embedding)).toEqual(Array.from(tb[i]!.embedding)));
    await Promise.all([inWorker.release(), inThread.release()]);
  });
});
