// Main's side of the engine process: request/reply by id, events and log lines forwarded, a
// timeout on every call that is not a long job, a restart when the process dies (the notice says
// why), and on quit a shutdown request before any kill. The process comes from a factory: Electron's
// utilityProcess in the app (electronEngineProcess.ts), Node's child_process in the tests.
import type { AppErrorData, FrameproofEvent, Result } from '../../common/api.ts';
import type { Logger } from '../../platform/log.ts';
import { ENGINE_CONFIG_ENV, type EngineHostConfig, type HostMessage, type HostRequest } from '../shared/engineProtocol.ts';
import { describeEngineExit, type EngineExit } from './engineExit.ts';

/** A running engine process, whatever started it. */
export interface EngineProcess {
  readonly pid: number | undefined;
  postMessage(message: HostRequest): void;
  onMessage(listener: (message: HostMessage) => void): void;
  /** Called once, when the process has ended. */
  onExit(listener: (exit: EngineExit) => void): void;
  /** Ends it now, whatever it is doing. */
  kill(): void;
}

export type EngineProcessFactory = (entry: string, env: Record<string, string>) => EngineProcess;

type RequestBody = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;
/** What a timeout is chosen by: the API method for calls, the request kind otherwise. */
export type RequestName = (HostRequest & { kind: 'call' })['method'] | Exclude<HostRequest['kind'], 'call'>;

/**
 * Jobs that may take minutes and have their own progress and cancel: no timeout. Opening a board
 * hashes every frame (thousands of files, maybe on a network drive) on its first open, switching
 * the engine settings reopens the board, and an export of a big board renders every thumbnail.
 */
export const LONG_JOBS: ReadonlySet<RequestName> = new Set<RequestName>([
  'openBoard',
  'openSampleBoard',
  'scoreBoard',
  'compareModels',
  'downloadModel',
  // Both may restart the engine on another model and reopen the board (an import also test-runs the model).
  'importModel',
  'removeModel',
  'updateEngineSettings',
  'exportTo',
  'exportComparisonTo',
]);

/** Anything else is a quick look-up or a small write: far past this, the engine is stuck. */
export const CALL_TIMEOUT_MS = 30_000;

export function timeoutFor(name: RequestName, overrides: Partial<Record<RequestName, number | null>> = {}): number | null {
  const override = overrides[name];
  if (override !== undefined) return override;
  return LONG_JOBS.has(name) ? null : CALL_TIMEOUT_MS;
}

/** After this many starts in a row that die before saying 'ready', the engine is not started again. */
const MAX_FAILED_STARTS = 3;

export interface EngineClientOptions {
  entry: string;
  config: EngineHostConfig;
  fork: EngineProcessFactory;
  env?: Record<string, string>;
  onEvent: (event: FrameproofEvent) => void;
  /** The process ended unexpectedly; called with the notice once its replacement has started (or not). */
  onCrash: (notice: string, exit: EngineExit, restarted: boolean) => void;
  /** main's log: the engine's own lines, exits and timeouts go here. */
  logger?: Logger;
  /** Named in crash notices. */
  logFile?: string;
  /** Per request: milliseconds, or null for no timeout (defaults: timeoutFor). */
  timeoutsMs?: Partial<Record<RequestName, number | null>>;
}

interface Pending {
  name: RequestName;
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

export interface StopResult {
  exit: EngineExit | undefined;
  /** It did not shut down within the time given and was killed. */
  killed: boolean;
}

function nameOf(body: RequestBody): RequestName {
  return body.kind === 'call' ? body.method : body.kind;
}

export class EngineClient {
  private child: EngineProcess | undefined;
  private exited: Promise<EngineExit> | undefined;
  /** Requests made before the process said 'ready': sent once it does, so none is lost in its start-up. */
  private waitingForReady: HostRequest[] | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stopping = false;
  private failedStarts = 0;

  constructor(private readonly options: EngineClientOptions) {
    this.start();
  }

  /** The engine process's id (for the log and the tests). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  private start(): void {
    const env: Record<string, string> = { ...this.options.env, [ENGINE_CONFIG_ENV]: JSON.stringify(this.options.config) };
    const child = this.options.fork(this.options.entry, env);
    let ready = false;
    this.waitingForReady = [];
    child.onMessage((message) => {
      if (message.kind === 'event') this.options.onEvent(message.event);
      else if (message.kind === 'log') this.options.logger?.write(message.record);
      else if (message.kind === 'ready') {
        ready = true;
        this.failedStarts = 0;
        const queued = this.waitingForReady ?? [];
        this.waitingForReady = undefined;
        for (const request of queued) this.post(child, request);
      } else this.settle(message.id, message.result);
    });
    this.exited = new Promise((resolve) => child.onExit(resolve));
    void this.exited.then((exit) => this.onExit(child, exit, ready));
    this.child = child;
  }

  private onExit(child: EngineProcess, exit: EngineExit, wasReady: boolean): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.waitingForReady = undefined;
    if (this.stopping) {
      this.failAll({ code: 'SHUTTING_DOWN', message: 'Frameproof is closing.' });
      return;
    }
    if (!wasReady) this.failedStarts++;
    const restart = this.failedStarts < MAX_FAILED_STARTS;
    const notice = describeEngineExit(exit, { restarted: restart, ...(this.options.logFile && { logFile: this.options.logFile }) });
    this.options.logger?.error(`engine process ${child.pid ?? '?'} ended: ${exit.reason}, exit code ${exit.exitCode ?? 'none'}`);
    this.failAll({ code: 'ENGINE_STOPPED', message: notice });
    if (restart) this.start();
    this.options.onCrash(notice, exit, restart);
  }

  private failAll(error: AppErrorData): void {
    for (const [id] of this.pending) this.settle(id, { ok: false, error });
  }

  private settle(id: number, result: Result<unknown>): void {
    const pending = this.pending.get(id);
    if (!pending) return; // timed out already: its late reply is dropped
    this.pending.delete(id);
    clearTimeout(pending.timer);
    pending.resolve(result);
  }

  request(body: RequestBody): Promise<Result<unknown>> {
    if (this.stopping) return Promise.resolve({ ok: false, error: { code: 'SHUTTING_DOWN', message: 'Frameproof is closing.' } });
    const child = this.child;
    if (!child)
      return Promise.resolve({ ok: false, error: { code: 'ENGINE_STOPPED', message: 'The engine is not running; restart Frameproof.' } });
    return this.send(child, body);
  }

  private send(child: EngineProcess, body: RequestBody): Promise<Result<unknown>> {
    const id = this.nextId++;
    const name = nameOf(body);
    const timeoutMs = timeoutFor(name, this.options.timeoutsMs);
    return new Promise((resolve) => {
      const pending: Pending = { name, resolve, timer: undefined };
      if (timeoutMs !== null) pending.timer = setTimeout(() => this.timeOut(id, name, timeoutMs), timeoutMs);
      this.pending.set(id, pending);
      const request = { ...body, id } as HostRequest;
      if (this.waitingForReady) this.waitingForReady.push(request);
      else this.post(child, request);
    });
  }

  private post(child: EngineProcess, request: HostRequest): void {
    try {
      child.postMessage(request);
    } catch (error) {
      // It died between its exit and our hearing of it.
      this.settle(request.id, {
        ok: false,
        error: { code: 'ENGINE_STOPPED', message: `The engine could not be reached: ${(error as Error).message}` },
      });
    }
  }

  private timeOut(id: number, name: RequestName, timeoutMs: number): void {
    this.options.logger?.warn(`${name} timed out after ${timeoutMs} ms`);
    this.settle(id, {
      ok: false,
      error: {
        code: 'TIMEOUT',
        message: `The engine did not answer ${name} within ${Math.round(timeoutMs / 1000)} s.`,
        fix: 'Try again; if it keeps happening, restart Frameproof.',
      },
    });
  }

  /**
   * On quit: ask the engine to shut down (it cancels scoring, closes the database and exits), and
   * kill it only if it has not gone within killAfterMs. Calls still waiting get SHUTTING_DOWN.
   */
  async stop(killAfterMs = 5000): Promise<StopResult> {
    const child = this.child;
    const exited = this.exited;
    this.stopping = true;
    if (!child || !exited) return { exit: undefined, killed: false };
    void this.send(child, { kind: 'shutdown' });
    const exit = await within(exited, killAfterMs);
    if (exit) return { exit, killed: false };
    this.options.logger?.warn(`the engine did not shut down within ${killAfterMs} ms; killing it`);
    child.kill();
    // Bounded too: quitting must not hang on a process that ignores even this.
    return { exit: await within(exited, killAfterMs), killed: true };
  }
}

async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
