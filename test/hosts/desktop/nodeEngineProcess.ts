// The engine process as the tests run it: the real engineHost.ts under Node (through tsx), forked
// with an IPC channel instead of Electron's utilityProcess. Structured clone, as Electron's port.
import { fork } from 'node:child_process';
import type { EngineProcess, EngineProcessFactory } from '../../../electron/hosts/desktop/engineClient.ts';
import { exitFromNode } from '../../../electron/hosts/desktop/engineExit.ts';
import type { HostMessage } from '../../../electron/hosts/shared/engineProtocol.ts';
import { REPO_ROOT } from '../../paths.ts';

export const ENGINE_HOST_ENTRY = `${REPO_ROOT}/electron/hosts/utility/engineHost.ts`;

export const forkWithNode: EngineProcessFactory = (entry, env): EngineProcess => {
  const child = fork(entry, [], {
    cwd: REPO_ROOT,
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return {
    get pid() {
      return child.pid;
    },
    postMessage: (message) => {
      // send() on a closed channel fails later, as an 'error' event; say it now instead.
      if (!child.connected) throw new Error('the engine process has gone');
      child.send(message);
    },
    onMessage: (listener) => void child.on('message', (message) => listener(message as HostMessage)),
    onExit: (listener) => void child.once('exit', (code, signal) => listener(exitFromNode(code, signal))),
    kill: () => void child.kill('SIGKILL'),
  };
};
