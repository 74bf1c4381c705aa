// `frameproof serve` as a user runs it: a folder it cannot open ends the command with one line and
// exit 2, and nothing (server, file watcher, database) keeps the process alive after it.
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../paths.ts';
import { runCli } from '../cli/run.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'frameproof-serve-'));
const env = { FRAMEPROOF_DATA_DIR: dataDir };
// Long enough for a loaded machine to start tsx; a hung server is killed then and its code is null.
const KILL_AFTER_MS = 50_000;

describe('frameproof serve', () => {
  it('exits 2 with one line for a folder that does not exist', async () => {
    const missing = join(dataDir, 'no-such-board');
    const result = await runCli(['serve', missing, '--port', '0'], '', env, KILL_AFTER_MS);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).toMatch(/does not exist/);
  }, 60_000);

  it('closes the board it opened when it cannot go on, so the process ends', async () => {
    // The board opens (and its watcher starts), then the port is taken (or, where the renderer is
    // not built, that check fails first): either way the command must end on its own, with exit 2.
    const taken = createServer();
    await new Promise<void>((done) => taken.listen(0, '127.0.0.1', done));
    const port = (taken.address() as AddressInfo).port;
    try {
      const result = await runCli(['serve', join(REPO_ROOT, 'resources', 'sample-board'), '--port', String(port)], '', env, KILL_AFTER_MS);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/port \d+ is in use|not built/i);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    } finally {
      taken.close();
    }
  }, 60_000);
});
