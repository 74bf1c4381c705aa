// An ONNX Runtime session as the encoders use it: plain tensors in and out, so it can live in a
// worker thread (sessionWorker.mjs). ONNX Runtime's create and run block the calling thread, the
// image encoder for a second to open and half a second a batch: in a worker, the engine's thread
// reads, hashes and decodes the next frames meanwhile. Where no worker can start (the worker file
// is missing, as it may be in a packaged app), the session opens in this thread as before.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type * as ort from 'onnxruntime-node';
import { onnxRuntime } from './native.ts';

export interface TensorData {
  type: 'float32' | 'int32' | 'int64';
  data: Float32Array | Int32Array | BigInt64Array;
  dims: readonly number[];
}

export interface ModelSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  /** Where it runs: the tests and the benchmark check that the worker was used. */
  readonly thread: 'worker' | 'inline';
  run(feeds: Record<string, TensorData>): Promise<Record<string, TensorData>>;
  release(): Promise<void>;
}

export type SessionPlacement = 'worker' | 'inline';

class InlineSession implements ModelSession {
  readonly thread = 'inline';
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly ort.InferenceSession.ValueMetadata[];

  constructor(private readonly session: ort.InferenceSession) {
    ({ inputNames: this.inputNames, outputNames: this.outputNames } = session);
    ({ inputMetadata: this.inputMetadata, outputMetadata: this.outputMetadata } = session);
  }

  async run(feeds: Record<string, TensorData>): Promise<Record<string, TensorData>> {
    const { Tensor } = onnxRuntime();
    const tensors = Object.fromEntries(Object.entries(feeds).map(([name, t]) => [name, new Tensor(t.type, t.data, t.dims)]));
    const result = await this.session.run(tensors);
    return Object.fromEntries(
      Object.entries(result).map(([name, t]) => [
        name,
        { type: t.type as TensorData['type'], data: t.data as TensorData['data'], dims: t.dims },
      ]),
    );
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

type FromWorker =
  | {
      kind: 'ready';
      inputNames: string[];
      outputNames: string[];
      inputMetadata: ort.InferenceSession.ValueMetadata[];
      outputMetadata: ort.InferenceSession.ValueMetadata[];
    }
  | { kind: 'failed'; message: string }
  | { kind: 'ran'; id: number; outputs: Record<string, TensorData> }
  | { kind: 'runFailed'; id: number; message: string };

/** The worker never came up (not ONNX Runtime refusing the model): the session opens inline instead. */
class WorkerStartError extends Error {}

class WorkerSession implements ModelSession {
  readonly thread = 'worker';
  private readonly pending = new Map<number, { resolve: (o: Record<string, TensorData>) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private exited: Promise<void>;
  private stopped: string | undefined;

  private constructor(
    private readonly worker: Worker,
    ready: Extract<FromWorker, { kind: 'ready' }>,
  ) {
    this.inputNames = ready.inputNames;
    this.outputNames = ready.outputNames;
    this.inputMetadata = ready.inputMetadata;
    this.outputMetadata = ready.outputMetadata;
    this.exited = new Promise((done) => worker.once('exit', () => done()));
    worker.on('message', (message: FromWorker) => {
      if (message.kind !== 'ran' && message.kind !== 'runFailed') return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (this.pending.size === 0) worker.unref();
      if (message.kind === 'ran') waiting?.resolve(message.outputs);
      else waiting?.reject(new Error(message.message));
    });
    const stop = (reason: string) => {
      this.stopped ??= reason;
      for (const { reject } of this.pending.values()) reject(new Error(`The model's thread stopped (${reason}).`));
      this.pending.clear();
    };
    worker.on('error', (error) => stop(error.message));
    worker.on('exit', (code) => stop(`exit code ${code}`));
    // An idle session never keeps the process alive; a pending run does.
    worker.unref();
  }

  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  readonly outputMetadata: readonly ort.InferenceSession.ValueMetadata[];

  static open(entry: URL, file: string, options: ort.InferenceSession.SessionOptions): Promise<WorkerSession> {
    return new Promise((resolve, reject) => {
      let worker: Worker;
      try {
        worker = new Worker(entry, { workerData: { file, options } });
      } catch (error) {
        reject(new WorkerStartError(String((error as Error).message)));
        return;
      }
      const onMessage = (message: FromWorker) => {
        if (message.kind === 'ready') {
          settle();
          resolve(new WorkerSession(worker, message));
        } else if (message.kind === 'failed') {
          settle();
          reject(new Error(message.message));
        }
      };
      const onError = (error: Error) => {
        settle();
        reject(new WorkerStartError(error.message));
      };
      const onExit = (code: number) => {
        settle();
        reject(new WorkerStartError(`the thread exited with code ${code} before the session opened`));
      };
      const settle = () => {
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
  }

  run(feeds: Record<string, TensorData>): Promise<Record<string, TensorData>> {
    if (this.stopped) return Promise.reject(new Error(`The model's thread stopped (${this.stopped}).`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ kind: 'run', id, feeds });
    });
  }

  async release(): Promise<void> {
    if (!this.stopped) {
      this.worker.ref();
      this.worker.postMessage({ kind: 'release' });
    }
    await this.exited;
  }
}

/** The worker script: beside this module in the source tree, at the bundle's root when built. */
export function sessionWorkerEntry(base: string | URL = import.meta.url): URL | undefined {
  for (const candidate of ['./sessionWorker.mjs', './sessionWorker.js', '../sessionWorker.js']) {
    const url = new URL(candidate, base);
    if (existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

/** Opens `file` in a worker thread, or in this thread where none can start or `placement` says so. */
export async function openModelSession(
  file: string,
  options: ort.InferenceSession.SessionOptions,
  placement: SessionPlacement = 'worker',
  entry: URL | undefined = sessionWorkerEntry(),
): Promise<ModelSession> {
  if (placement === 'worker' && entry) {
    try {
      return await WorkerSession.open(entry, file, options);
    } catch (error) {
      if (!(error instanceof WorkerStartError)) throw error;
    }
  }
  return new InlineSession(await onnxRuntime().InferenceSession.create(file, options));
}
