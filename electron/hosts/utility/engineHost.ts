// The engine's process (an Electron utility process): scoring never blocks the window. It serves
// the API through the same validated handlers as the web host.
import type { AppErrorData } from '../../common/api.ts';
import type { EngineHostConfig, HostMessage, HostRequest } from '../shared/engineProtocol.ts';
import { AppError, toErrorData } from '../../common/errors.ts';
import { AppSession } from '../../engine/service.ts';
import { createHandlers } from '../shared/handlers.ts';

interface ParentPort {
  on(event: 'message', listener: (message: { data: HostRequest }) => void): void;
  postMessage(message: HostMessage): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const config = JSON.parse(process.env.FRAMEPROOF_ENGINE_CONFIG ?? '{}') as EngineHostConfig;

const session = new AppSession({ host: 'electron', version: config.version, resourcesDir: config.resourcesDir, dataDir: config.dataDir });
// Electron's exportBoard goes through main, which asks where to save first (see main.ts).
const viaMain = () => Promise.reject(new AppError('REFUSED', 'Exports are saved through the main process.'));
const handlers = createHandlers(session, { exportBoard: viaMain, exportComparison: viaMain });
session.subscribe((event) => port.postMessage({ kind: 'event', event }));

function failure(error: unknown): { ok: false; error: AppErrorData } {
  return { ok: false, error: toErrorData(error) };
}

port.on('message', ({ data: request }) => {
  const reply = (result: HostMessage & { kind: 'reply' }) => port.postMessage(result);
  const run = async () => {
    switch (request.kind) {
      case 'call':
        return handlers[request.method](request.args);
      case 'exportTo':
        return { ok: true as const, value: await session.exportTo(request.format, request.file) };
      case 'exportComparisonTo':
        return { ok: true as const, value: await session.exportComparisonTo(request.format, request.file) };
      case 'frameImage':
        return { ok: true as const, value: await session.frameImage(request.frameId, request.size) };
    }
  };
  run().then(
    (result) => reply({ kind: 'reply', id: request.id, result }),
    (error: unknown) => reply({ kind: 'reply', id: request.id, result: failure(error) }),
  );
});

port.postMessage({ kind: 'ready' });
process.on('SIGTERM', () => void session.close().finally(() => process.exit(0)));
