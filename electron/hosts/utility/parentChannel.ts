// How the engine process talks to its parent: Electron's process.parentPort in a utility
// process, Node's IPC channel (process.send) when forked by Node (the tests run it that way).
import type { HostMessage, HostRequest } from '../shared/engineProtocol.ts';

export interface ParentChannel {
  onRequest(listener: (request: HostRequest) => void): void;
  /** `sent` runs once the message has left this process (before exiting, say). */
  post(message: HostMessage, sent?: () => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (message: { data: HostRequest }) => void): void;
  postMessage(message: HostMessage): void;
}

export function parentChannel(): ParentChannel {
  const port = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (port) {
    return {
      onRequest: (listener) => port.on('message', ({ data }) => listener(data)),
      // postMessage queues on the port; a turn of the loop lets it go out.
      post: (message, sent) => {
        port.postMessage(message);
        if (sent) setImmediate(sent);
      },
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      onRequest: (listener) => process.on('message', (message) => listener(message as HostRequest)),
      post: (message, sent) => void send(message, undefined, undefined, () => sent?.()),
    };
  }
  throw new Error('The engine host runs as a child process: an Electron utility process, or forked by Node with an IPC channel.');
}
