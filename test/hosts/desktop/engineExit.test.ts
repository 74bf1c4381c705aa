// Why the engine process ended, in plain words: one sentence per reason Electron gives, what to
// do where there is something to do, and the same reasons for a process forked by Node.
import { describe, expect, it } from 'vitest';
import { describeEngineExit, exitFromNode, type EngineExitReason } from '../../../electron/hosts/desktop/engineExit.ts';

const restarted = { restarted: true };

describe('describeEngineExit', () => {
  it('says what happened for every reason Electron reports', () => {
    const cases: Record<EngineExitReason, RegExp> = {
      'clean-exit': /^The engine process ended on its own \(exit code 0\)\. It has been restarted\.$/,
      'abnormal-exit': /^The engine process stopped with an error \(exit code 3\)\. It has been restarted\.$/,
      killed: /^The engine process was killed from outside Frameproof \(by the system or another program\)\. It has been restarted\.$/,
      crashed: /^The engine process crashed \(exit code 11\)\. It has been restarted\.$/,
      oom: /^The engine process ran out of memory\. It has been restarted\. Close other programs, use fewer threads \(Settings\), or a smaller model\.$/,
      'launch-failed':
        /^The engine process could not be started \(launch error 1455\)\. It has been restarted\. Reinstall Frameproof if this keeps happening\.$/,
      'integrity-failure': /integrity check\. It has been restarted\. Reinstall Frameproof from its official download\.$/,
      'memory-eviction': /^The system stopped the engine process to free memory\..*Close other programs/,
    };
    const codes: Record<EngineExitReason, number | null> = {
      'clean-exit': 0,
      'abnormal-exit': 3,
      killed: null,
      crashed: 11,
      oom: null,
      'launch-failed': 1455,
      'integrity-failure': null,
      'memory-eviction': null,
    };
    for (const [reason, expected] of Object.entries(cases) as Array<[EngineExitReason, RegExp]>) {
      expect(describeEngineExit({ reason, exitCode: codes[reason] }, restarted), reason).toMatch(expected);
    }
  });

  it('says when it was not restarted, and where the details are', () => {
    const text = describeEngineExit(
      { reason: 'launch-failed', exitCode: 2 },
      { restarted: false, logFile: '/data/Frameproof/frameproof.log' },
    );
    expect(text).toBe(
      'The engine process could not be started (launch error 2). It was not restarted: it failed to start several times in a row. Reinstall Frameproof if this keeps happening. Details are in /data/Frameproof/frameproof.log.',
    );
  });
});

describe('exitFromNode', () => {
  it('maps a Node child process end to the same reasons', () => {
    expect(exitFromNode(0, null)).toEqual({ reason: 'clean-exit', exitCode: 0 });
    expect(exitFromNode(1, null)).toEqual({ reason: 'abnormal-exit', exitCode: 1 });
    expect(exitFromNode(null, 'SIGKILL')).toEqual({ reason: 'killed', exitCode: null });
    expect(exitFromNode(null, 'SIGSEGV')).toEqual({ reason: 'crashed', exitCode: null });
  });
});
