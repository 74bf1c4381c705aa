// Why the engine process ended, in words a person can act on. Electron's utilityProcess 'exit'
// gives only a code; app 'child-process-gone' adds the reason, which is what this reads.

/** Electron's ChildProcessGoneDetails['reason']. */
export type EngineExitReason =
  'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export interface EngineExit {
  reason: EngineExitReason;
  /** The process's exit code (for 'launch-failed', the platform's launch error); null when a signal ended it. */
  exitCode: number | null;
}

export interface ExitContext {
  /** A new engine process has been started in its place. */
  restarted: boolean;
  /** Where the details are, for the person (or a bug report). */
  logFile?: string;
}

function codeText(exit: EngineExit): string {
  return exit.exitCode === null ? '' : ` (exit code ${exit.exitCode})`;
}

const WHAT_HAPPENED: Record<EngineExitReason, (exit: EngineExit) => string> = {
  'clean-exit': (e) => `The engine process ended on its own${codeText(e)}.`,
  'abnormal-exit': (e) => `The engine process stopped with an error${codeText(e)}.`,
  killed: () => 'The engine process was killed from outside Frameproof (by the system or another program).',
  crashed: (e) => `The engine process crashed${codeText(e)}.`,
  oom: () => 'The engine process ran out of memory.',
  'launch-failed': (e) => `The engine process could not be started${e.exitCode === null ? '' : ` (launch error ${e.exitCode})`}.`,
  'integrity-failure': () => "The engine process was stopped because Frameproof's files failed the system's integrity check.",
  'memory-eviction': () => 'The system stopped the engine process to free memory.',
};

const WHAT_TO_DO: Partial<Record<EngineExitReason, string>> = {
  oom: 'Close other programs, use fewer threads (Settings), or a smaller model.',
  'memory-eviction': 'Close other programs to leave Frameproof more memory.',
  'launch-failed': 'Reinstall Frameproof if this keeps happening.',
  'integrity-failure': 'Reinstall Frameproof from its official download.',
};

/** The notice for an engine process that ended while the app still needed it. */
export function describeEngineExit(exit: EngineExit, context: ExitContext): string {
  const parts = [WHAT_HAPPENED[exit.reason](exit)];
  parts.push(context.restarted ? 'It has been restarted.' : 'It was not restarted: it failed to start several times in a row.');
  const fix = WHAT_TO_DO[exit.reason];
  if (fix) parts.push(fix);
  if (context.logFile && exit.reason !== 'clean-exit') parts.push(`Details are in ${context.logFile}.`);
  return parts.join(' ');
}

/** A Node child process's end (code, signal) as the same reasons, for an engine forked by Node. */
export function exitFromNode(code: number | null, signal: NodeJS.Signals | null): EngineExit {
  if (signal === 'SIGKILL' || signal === 'SIGTERM' || signal === 'SIGINT' || signal === 'SIGHUP')
    return { reason: 'killed', exitCode: null };
  if (signal) return { reason: 'crashed', exitCode: null };
  return { reason: code === 0 ? 'clean-exit' : 'abnormal-exit', exitCode: code };
}
