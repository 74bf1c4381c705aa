// The engine's process (an Electron utility process): scoring never blocks the window. It serves
// the API through the same validated handlers as the web host, and sends its log lines to main.
import type { AppErrorData } from '../../common/api.ts';
import { ENGINE_CONFIG_ENV, type EngineHostConfig, type HostMessage } from '../shared/engineProtocol.ts';
import { AppError, toErrorData } from '../../common/errors.ts';
import { loadBoards } from '../../engine/service.ts';
import { createLogger, describeError } from '../../platform/log.ts';
import { checkArguments, createHandlers } from '../shared/handlers.ts';
import { parentChannel } from './parentChannel.ts';

const channel = parentChannel();
const config = JSON.parse(process.env[ENGINE_CONFIG_ENV] ?? '{}') as EngineHostConfig;
const logger = createLogger({ process: 'engine', sink: (record) => channel.post({ kind: 'log', record }) });

// Main sends nothing before 'ready' (below), so the engine may load first.
const { AppSession } = await loadBoards();
const session = new AppSession({
  host: 'electron',
  version: config.version,
  resourcesDir: config.resourcesDir,
  dataDir: config.dataDir,
  ...(config.model && { model: config.model }),
  ...(config.provider && { provider: config.provider }),
});
// Electron's exportBoard goes through main, which asks where to save first (see main.ts).
const viaMain = () => Promise.reject(new AppError('REFUSED', 'Exports are saved through the main process.'));
const handlers = createHandlers(session, { exportBoard: viaMain, exportComparison: viaMain }, { logger });
session.subscribe((event) => channel.post({ kind: 'event', event }));

function failure(error: unknown): { ok: false; error: AppErrorData } {
  return { ok: false, error: toErrorData(error) };
}

let closing: Promise<void> | undefined;

/** Cancels scoring and closes the database; once only, whoever asks (main, or a signal). */
function closeSession(): Promise<void> {
  closing ??= session.close().catch((error: unknown) => logger.error(`closing the session failed: ${describeError(error)}`));
  return closing;
}

function exitAfter(message: HostMessage, code: number): void {
  channel.post(message, () => process.exit(code));
}

channel.onRequest((request) => {
  const reply = (result: HostMessage & { kind: 'reply' }) => channel.post(result);
  if (request.kind === 'shutdown') {
    void closeSession().then(() => exitAfter({ kind: 'reply', id: request.id, result: { ok: true, value: null } }, 0));
    return;
  }
  if (closing) return reply({ kind: 'reply', id: request.id, result: failure(new AppError('SHUTTING_DOWN', 'Frameproof is closing.')) });
  const run = async () => {
    switch (request.kind) {
      case 'call':
        return handlers[request.method](request.args);
      case 'exportTo': {
        // Main passes the page's choices on unchecked: they are parsed here, as every call's arguments are.
        const parsed = checkArguments('exportBoard', request.choices === undefined ? [request.format] : [request.format, request.choices]);
        if (!parsed.ok) return parsed;
        return { ok: true as const, value: await session.exportTo(request.format, request.file, parsed.value[1]) };
      }
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

// A bug that escaped every handler: said in the log before the process goes (main restarts it).
// (Main's logger masks secrets in forwarded records too.)
process.on('uncaughtException', (error) => {
  const message = `exiting after an uncaught error: ${describeError(error)}`;
  exitAfter({ kind: 'log', record: { time: new Date().toISOString(), pid: process.pid, process: 'engine', level: 'error', message } }, 1);
});
// A signal asks for the same shutdown; a second one (or one during shutdown) means now.
process.on('SIGTERM', () => {
  if (closing) process.exit(1);
  void closeSession().finally(() => process.exit(0));
});

channel.post({ kind: 'ready' });
logger.info(`engine started (data folder ${config.dataDir})`);
