// The engine process as Electron runs it: a utility process. Its 'exit' event carries only a
// code; the reason (killed, crashed, oom...) comes from app's 'child-process-gone', matched by the
// service name. Which of the two arrives first is not documented, so an exit without a reason
// waits a moment for one before it settles on the code alone.
import { app, utilityProcess } from 'electron';
import type { EngineProcess, EngineProcessFactory } from './engineClient.ts';
import type { EngineExit } from './engineExit.ts';

const SERVICE_NAME = 'Frameproof engine';
const REASON_GRACE_MS = 250;

export const forkUtilityProcess: EngineProcessFactory = (entry, env): EngineProcess => {
  const child = utilityProcess.fork(entry, [], { serviceName: SERVICE_NAME, stdio: 'inherit', env: { ...process.env, ...env } });
  let gone: Electron.Details | undefined;
  const onGone = (_event: unknown, details: Electron.Details) => {
    if (details.type === 'Utility' && (details.serviceName === SERVICE_NAME || details.name === SERVICE_NAME)) gone = details;
  };
  app.on('child-process-gone', onGone);
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => child.postMessage(message),
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) =>
      void child.once('exit', (code) => {
        const settle = () => {
          app.off('child-process-gone', onGone);
          const exit: EngineExit = gone
            ? { reason: gone.reason, exitCode: gone.exitCode }
            : { reason: code === 0 ? 'clean-exit' : 'abnormal-exit', exitCode: code };
          listener(exit);
        };
        if (gone || code === 0) settle();
        else setTimeout(settle, REASON_GRACE_MS);
      }),
    kill: () => void child.kill(),
  };
};
