// @ts-check
// The thread one ONNX Runtime session lives in (started by modelSession.ts). Creating a session
// and running it block the thread that calls them for up to seconds; here they block this one,
// so the engine's thread keeps reading, hashing and decoding the next frames meanwhile. Plain
// JavaScript, so Node starts it as it is from the source tree and from the bundle alike.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {{ type: 'float32' | 'int32' | 'int64', data: Float32Array | Int32Array | BigInt64Array, dims: readonly number[] }} TensorData */

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
/** @type {typeof import('onnxruntime-node')} */
const ort = createRequire(import.meta.url)('onnxruntime-node');
// Failures come back as messages with their reason; ORT's own console lines would repeat them.
ort.env.logLevel = 'fatal';

/** @param {unknown} error */
const messageOf = (error) => String(/** @type {Error} */ (error)?.message ?? error);

/** @type {import('onnxruntime-node').InferenceSession | undefined} */
let session;
try {
  session = await ort.InferenceSession.create(workerData.file, workerData.options);
  const { inputNames, outputNames, inputMetadata, outputMetadata } = session;
  port.postMessage({ kind: 'ready', inputNames, outputNames, inputMetadata, outputMetadata });
} catch (error) {
  port.postMessage({ kind: 'failed', message: messageOf(error) });
  port.close();
}

port.on('message', async (/** @type {{ kind: 'run', id: number, feeds: Record<string, TensorData> } | { kind: 'release' }} */ message) => {
  if (!session) return;
  if (message.kind === 'release') {
    await session.release();
    port.close();
    return;
  }
  try {
    const feeds = Object.fromEntries(Object.entries(message.feeds).map(([name, t]) => [name, new ort.Tensor(t.type, t.data, t.dims)]));
    const result = await session.run(feeds);
    /** @type {Record<string, TensorData>} */
    const outputs = {};
    for (const [name, t] of Object.entries(result))
      outputs[name] = { type: /** @type {TensorData['type']} */ (t.type), data: /** @type {TensorData['data']} */ (t.data), dims: t.dims };
    port.postMessage({ kind: 'ran', id: message.id, outputs });
  } catch (error) {
    port.postMessage({ kind: 'runFailed', id: message.id, message: messageOf(error) });
  }
});
