// Runs the real CLI in a child process, as a user would.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../paths.ts';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** killAfterMs: a command that should end but might hang (a server left listening) is killed
 *  then, and its code is null, so the test fails instead of leaving a process behind. */
export function runCli(args: string[], stdin = '', env: Record<string, string> = {}, killAfterMs?: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'electron/hosts/cli/cli.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NODE_OPTIONS: '', ...env },
      ...(killAfterMs && { timeout: killAfterMs }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
