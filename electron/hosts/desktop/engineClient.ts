// Main's side of the engine process: request/reply by id, events forwarded, and a restart (with
// the board reopened) when the process dies, so a crash costs the person a notice, not the app.
import { utilityProcess, type UtilityProcess } from 'electron';
import type { AppErrorData, FrameproofEvent, Result } from '../../common/api.ts';
import type { EngineHostConfig, HostMessage, HostRequest } from '../shared/engineProtocol.ts';

type Pending = { resolve: (result: Result<unknown>) => void };
type RequestBody = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;

export interface EngineClientOptions {
  entry: string;
  config: EngineHostConfig;
  env?: Record<string, string>;
  onEvent: (event: FrameproofEvent) => void;
  /** The process ended unexpectedly; called once its replacement has started. */
  onCrash: (reason: string) => void;
}

export class EngineClient {
  private child: UtilityProcess | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopping = false;

  constructor(private readonly options: EngineClientOptions) {
    this.start();
  }

  private start(): void {
    const child = utilityProcess.fork(this.options.entry, [], {
      serviceName: 'Frameproof engine',
      stdio: 'inherit',
      env: { ...process.env, ...this.options.env, FRAMEPROOF_ENGINE_CONFIG: JSON.stringify(this.options.config) },
    });
    child.on('message', (message: HostMessage) => {
      if (message.kind === 'event') this.options.onEvent(message.event);
      else if (message.kind === 'reply') {
        this.pending.get(message.id)?.resolve(message.result);
        this.pending.delete(message.id);
      }
    });
    child.on('exit', (code) => {
      if (this.child !== child) return;
      this.child = undefined;
      const lost: AppErrorData = { code: 'ENGINE_STOPPED', message: `The engine stopped unexpectedly (exit code ${code}); it is being restarted.` };
      for (const p of this.pending.values()) p.resolve({ ok: false, error: lost });
      this.pending.clear();
      if (!this.stopping) {
        this.start();
        this.options.onCrash(lost.message);
      }
    });
    this.child = child;
  }

  request(body: RequestBody): Promise<Result<unknown>> {
    const child = this.child;
    if (!child) return Promise.resolve({ ok: false, error: { code: 'ENGINE_STOPPED', message: 'The engine is restarting; try again in a moment.' } });
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      child.postMessage({ ...body, id } as HostRequest);
    });
  }

  /** On quit: ask the engine to finish (it cancels scoring, closes the database), then kill it. */
  async stop(timeoutMs = 3000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
  }
}
