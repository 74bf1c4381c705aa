// The log on a real temp folder: the line format, rotation at the size limit, secrets masked, and
// slow calls logged by the one handler table over a real AppSession.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBoards, type AppSession } from '../../electron/engine/service.ts';
import { createHandlers } from '../../electron/hosts/shared/handlers.ts';
import { createLogger, formatLogLine, LOG_FILE_NAME, LogFile, openLog, redact, type LogRecord } from '../../electron/platform/log.ts';
import { ensureTestModel } from '../models/cache.ts';
import { REPO_ROOT } from '../paths.ts';

const work = mkdtempSync(join(tmpdir(), 'frameproof-log-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let folders = 0;
const freshDir = () => join(work, `dir-${++folders}`);
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('log lines', () => {
  it('writes ISO time, pid, process kind, level and message on one line, in the data folder it creates', () => {
    const dir = join(freshDir(), 'not', 'there', 'yet');
    const log = openLog({ dir, process: 'web' });
    log.info('serving http://127.0.0.1:5000/');
    log.error('first line\nsecond line');
    const [info, error] = lines(join(dir, LOG_FILE_NAME));
    expect(info).toMatch(
      new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z ${process.pid} web info serving http://127\\.0\\.0\\.1:5000/$`),
    );
    // A stack trace stays one record: the newline is escaped, not a new line in the file.
    expect(error).toMatch(/ web error first line\\nsecond line$/);
  });

  it('writes a forwarded record with its own pid and process kind', () => {
    const records: LogRecord[] = [];
    const main = createLogger({ process: 'main', sink: (r) => records.push(r) });
    main.write({
      time: '2025-01-02T03:04:05.678Z',
      pid: 4242,
      process: 'engine',
      level: 'warn',
      message: 'slow call: scoreBoard took 900 ms',
    });
    expect(formatLogLine(records[0]!)).toBe('2025-01-02T03:04:05.678Z 4242 engine warn slow call: scoreBoard took 900 ms\n');
  });
});

describe('rotation', () => {
  it('rotates before the file would pass the limit and keeps the newest N files', () => {
    const dir = freshDir();
    const file = new LogFile({ dir, maxBytes: 100, keep: 2 });
    const line = (n: number) => `line ${String(n).padStart(2, '0')} ${'x'.repeat(32)}\n`; // 41 bytes
    for (let n = 1; n <= 9; n++) file.append(line(n));
    // Two lines fit in 100 bytes, a third would not: files of 2 lines, newest in frameproof.log.
    expect(readdirSync(dir).sort()).toEqual([LOG_FILE_NAME, `${LOG_FILE_NAME}.1`, `${LOG_FILE_NAME}.2`]);
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toBe(line(9));
    expect(readFileSync(join(dir, `${LOG_FILE_NAME}.1`), 'utf8')).toBe(line(7) + line(8));
    expect(readFileSync(join(dir, `${LOG_FILE_NAME}.2`), 'utf8')).toBe(line(5) + line(6));
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(100);
  });

  it('counts what an earlier run left in the file', () => {
    const dir = freshDir();
    new LogFile({ dir, maxBytes: 60 }).append(`${'a'.repeat(40)}\n`);
    new LogFile({ dir, maxBytes: 60 }).append(`${'b'.repeat(40)}\n`);
    expect(readFileSync(join(dir, `${LOG_FILE_NAME}.1`), 'utf8')).toBe(`${'a'.repeat(40)}\n`);
    expect(readFileSync(join(dir, LOG_FILE_NAME), 'utf8')).toBe(`${'b'.repeat(40)}\n`);
  });
});

describe('redaction', () => {
  it('masks registered secrets and token=... parameters, and nothing else', () => {
    expect(redact('open http://127.0.0.1:5173/?token=abc-DEF_123&x=1#top')).toBe('open http://127.0.0.1:5173/?token=[redacted]&x=1#top');
    expect(redact('GET /?a=1&token=zzz HTTP/1.1')).toBe('GET /?a=1&token=[redacted] HTTP/1.1');
    expect(redact('cookie frameproof_session=s3cr3t-value; Path=/', ['s3cr3t-value'])).toBe('cookie frameproof_session=[redacted]; Path=/');
    expect(redact('the tokenizer has 49408 tokens')).toBe('the tokenizer has 49408 tokens');
  });

  it('never writes the web host token to the file, however it appears', () => {
    const dir = freshDir();
    const log = openLog({ dir, process: 'web' });
    const token = 'Qm9ndXMtdG9rZW4tZm9yLXRoZS10ZXN0LW9ubHk';
    log.addSecret(token);
    log.info(`link ${'http://127.0.0.1:1/'}?token=${token}`);
    log.warn(`header x-frameproof-token: ${token}`);
    log.write({ time: new Date().toISOString(), pid: 1, process: 'engine', level: 'info', message: `forwarded ${token}` });
    const text = readFileSync(join(dir, LOG_FILE_NAME), 'utf8');
    expect(text).not.toContain(token);
    expect(text.match(/\[redacted\]/g)).toHaveLength(3);
  });
});

describe('slow calls through the handler table', () => {
  const board = join(work, 'board');
  let session: AppSession;
  const noExport = () => Promise.reject(new Error('not in this test'));

  beforeAll(async () => {
    cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
    session = new (await loadBoards()).AppSession({
      host: 'web',
      version: 'test',
      resourcesDir: join(REPO_ROOT, 'resources'),
      dataDir: join(work, 'data'),
      model: await ensureTestModel('tiny'),
      provider: 'cpu',
      watch: false,
    });
  });
  afterAll(() => session.close());

  it('logs each call at or over the threshold with its method and duration', async () => {
    const dir = freshDir();
    const handlers = createHandlers(
      session,
      { exportBoard: noExport, exportComparison: noExport },
      { logger: openLog({ dir, process: 'web' }), slowCallMs: 0 },
    );
    expect((await handlers.openBoard([board])).ok).toBe(true);
    expect((await handlers.countTokens(['a photo of a cat'])).ok).toBe(true);
    const logged = lines(join(dir, LOG_FILE_NAME));
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatch(/ web info slow call: openBoard took \d+ ms$/);
    expect(logged[1]).toMatch(/ web info slow call: countTokens took \d+ ms$/);
  });

  it('logs nothing for calls under the threshold, nor for refused arguments', async () => {
    const dir = freshDir();
    const handlers = createHandlers(
      session,
      { exportBoard: noExport, exportComparison: noExport },
      { logger: openLog({ dir, process: 'web' }), slowCallMs: 600_000 },
    );
    expect((await handlers.countTokens(['a photo of a dog'])).ok).toBe(true);
    expect((await handlers.countTokens([42])).ok).toBe(false);
    expect(existsSync(join(dir, LOG_FILE_NAME))).toBe(false);
  });

  it('logs an internal error with the method that failed', async () => {
    const dir = freshDir();
    const broken = () => Promise.reject(new TypeError('exporter exploded'));
    const handlers = createHandlers(
      session,
      { exportBoard: broken, exportComparison: broken },
      { logger: openLog({ dir, process: 'web' }), slowCallMs: 600_000 },
    );
    const result = await handlers.exportBoard(['csv']);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR', message: 'exporter exploded' } });
    expect(lines(join(dir, LOG_FILE_NAME))[0]).toMatch(/ web error exportBoard failed: TypeError: exporter exploded\\n\s+at /);
  });
});
