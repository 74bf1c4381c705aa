// The engine client against the real engine host process (engineHost.ts forked by Node) on the
// generated tiny model: calls round-trip, short calls time out, a killed engine is explained and
// restarted, and stop() shuts it down cleanly before any kill.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInfo, BoardView, FrameproofEvent } from '../../../electron/common/api.ts';
import {
  EngineClient,
  LONG_JOBS,
  timeoutFor,
  CALL_TIMEOUT_MS,
  type EngineClientOptions,
} from '../../../electron/hosts/desktop/engineClient.ts';
import type { EngineExit } from '../../../electron/hosts/desktop/engineExit.ts';
import { createLogger, type LogRecord } from '../../../electron/platform/log.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { ENGINE_HOST_ENTRY, forkWithNode } from './nodeEngineProcess.ts';

const work = mkdtempSync(join(tmpdir(), 'frameproof-engine-client-'));
const sampleBoard = join(work, 'sample');
const bigBoard = join(work, 'big');
let model: string;

beforeAll(async () => {
  model = await ensureTestModel('tiny');
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), sampleBoard, { recursive: true });
  // Enough frames that opening the board (hash + read every file) takes far longer than 1 ms.
  mkdirSync(bigBoard);
  for (let i = 0; i < 400; i++) {
    const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: i % 256, g: (i * 7) % 256, b: 90 } } })
      .png()
      .toBuffer();
    writeFileSync(join(bigBoard, `shot-${String(i).padStart(4, '0')}.png`), png);
  }
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Harness {
  client: EngineClient;
  events: FrameproofEvent[];
  records: LogRecord[];
  crashes: Array<{ notice: string; exit: EngineExit; restarted: boolean }>;
  /** Resolves at the next crash notice. */
  nextCrash(): Promise<{ notice: string; exit: EngineExit; restarted: boolean }>;
}

function startClient(name: string, options: Partial<EngineClientOptions> = {}): Harness {
  const events: FrameproofEvent[] = [];
  const records: LogRecord[] = [];
  const crashes: Harness['crashes'] = [];
  let waiting: ((crash: Harness['crashes'][number]) => void) | undefined;
  const client = new EngineClient({
    entry: ENGINE_HOST_ENTRY,
    fork: forkWithNode,
    config: { version: 'test', resourcesDir: join(REPO_ROOT, 'resources'), dataDir: join(work, `data-${name}`), model, provider: 'cpu' },
    logger: createLogger({ process: 'main', sink: (record) => records.push(record) }),
    onEvent: (event) => events.push(event),
    onCrash: (notice, exit, restarted) => {
      crashes.push({ notice, exit, restarted });
      waiting?.({ notice, exit, restarted });
    },
    ...options,
  });
  return { client, events, records, crashes, nextCrash: () => new Promise((resolve) => (waiting = resolve)) };
}

describe('call timeouts', () => {
  it('times out quick calls only: long jobs have no timeout, and a test may set its own', () => {
    expect(timeoutFor('getAppInfo')).toBe(CALL_TIMEOUT_MS);
    expect(timeoutFor('frameImage')).toBe(CALL_TIMEOUT_MS);
    for (const job of ['scoreBoard', 'compareModels', 'downloadModel', 'openBoard', 'openSampleBoard', 'exportTo'] as const) {
      expect(LONG_JOBS.has(job)).toBe(true);
      expect(timeoutFor(job)).toBeNull();
    }
    expect(timeoutFor('openBoard', { openBoard: 5 })).toBe(5);
    expect(timeoutFor('getAppInfo', { getAppInfo: null })).toBeNull();
  });
});

describe('EngineClient with the real engine process', () => {
  let h: Harness;
  beforeAll(() => {
    h = startClient('a', { timeoutsMs: { openBoard: 1 } });
  });
  afterAll(() => h.client.stop(30_000));

  it("round-trips calls, forwards events and the engine's log lines", async () => {
    const info = await h.client.request({ kind: 'call', method: 'getAppInfo', args: [] });
    expect(info).toMatchObject({ ok: true, value: { host: 'electron', version: 'test' } });
    // The sample board is a writable copy in the data folder, not the install folder.
    expect((info as { value: AppInfo }).value.sampleBoard).toMatch(/data-a[\\/]sample-board$/);
    const refused = await h.client.request({ kind: 'call', method: 'countTokens', args: [42] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    // The engine's own line, with the engine's pid, lands in main's logger.
    expect(h.records).toContainEqual(
      expect.objectContaining({ process: 'engine', pid: h.client.pid, level: 'info', message: expect.stringMatching(/^engine started/) }),
    );
  });

  it('scores a board through the engine with progress events on the way', async () => {
    const client = startClient('scores');
    try {
      const opened = await client.client.request({ kind: 'call', method: 'openBoard', args: [sampleBoard] });
      expect(opened.ok).toBe(true);
      const scored = await client.client.request({ kind: 'call', method: 'scoreBoard', args: [] });
      expect(scored.ok).toBe(true);
      const view = (scored as { value: BoardView }).value;
      expect(view.unscored).toBe(0);
      expect(client.events.some((e) => e.type === 'progress')).toBe(true);
    } finally {
      await client.client.stop(30_000);
    }
  });

  it('answers TIMEOUT for a call past its time, and keeps working after its late reply', async () => {
    const result = await h.client.request({ kind: 'call', method: 'openBoard', args: [bigBoard] });
    expect(result).toMatchObject({ ok: false, error: { code: 'TIMEOUT', message: expect.stringContaining('openBoard') } });
    expect(h.records).toContainEqual(
      expect.objectContaining({ process: 'main', level: 'warn', message: 'openBoard timed out after 1 ms' }),
    );
    // Still the same engine, still answering.
    const pid = h.client.pid;
    expect((await h.client.request({ kind: 'call', method: 'currentBoard', args: [] })).ok).toBe(true);
    expect(h.client.pid).toBe(pid);
    expect(h.crashes).toEqual([]);
  });

  it('says why when the engine is killed, fails what was waiting, and restarts it', async () => {
    const before = h.client.pid!;
    const crash = h.nextCrash();
    const waiting = h.client.request({ kind: 'call', method: 'scoreBoard', args: [] });
    process.kill(before, 'SIGKILL');
    const { notice, exit, restarted } = await crash;
    expect(exit).toEqual({ reason: 'killed', exitCode: null });
    expect(restarted).toBe(true);
    expect(notice).toMatch(/killed from outside Frameproof.*It has been restarted\./);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'ENGINE_STOPPED', message: notice } });
    expect(h.records).toContainEqual(
      expect.objectContaining({ process: 'main', level: 'error', message: `engine process ${before} ended: killed, exit code none` }),
    );
    // A new process answers.
    expect(h.client.pid).not.toBe(before);
    expect(await h.client.request({ kind: 'call', method: 'getAppInfo', args: [] })).toMatchObject({ ok: true });
  });
});

describe('EngineClient.stop', () => {
  it('asks the engine to shut down mid-scoring, and it exits cleanly before the kill timeout', async () => {
    const h = startClient('stop');
    expect(await h.client.request({ kind: 'call', method: 'openBoard', args: [bigBoard] })).toMatchObject({ ok: true });
    const scoring = h.client.request({ kind: 'call', method: 'scoreBoard', args: [] });
    const stopped = await h.client.stop(60_000);
    expect(stopped).toEqual({ exit: { reason: 'clean-exit', exitCode: 0 }, killed: false });
    // Scoring was cancelled by the shutdown (or answered first); nothing is left hanging.
    const scored = await scoring;
    if (!scored.ok) expect(scored.error.code).toBe('SHUTTING_DOWN');
    expect(await h.client.request({ kind: 'call', method: 'getAppInfo', args: [] })).toMatchObject({
      ok: false,
      error: { code: 'SHUTTING_DOWN' },
    });
    expect(h.crashes).toEqual([]);
    expect(h.records.filter((r) => r.level === 'warn' || r.level === 'error')).toEqual([]);
  });
});
