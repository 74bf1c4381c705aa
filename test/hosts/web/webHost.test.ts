// The local web host with a real engine on a copy of the sample board: the token, the Host check,
// argument validation, and that no file outside the open board is ever served.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardView, FrameproofEvent, Result } from '../../../electron/common/api.ts';
import { loadBoards, type AppSession } from '../../../electron/engine/service.ts';
import { startWebHost, type WebHost } from '../../../electron/hosts/web/webHost.ts';
import { LOG_FILE_NAME, openLog } from '../../../electron/platform/log.ts';
import { ensureTestModel } from '../../models/cache.ts';
import { REPO_ROOT } from '../../paths.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

let host: WebHost;
let session: AppSession;
let cookie: string;
const work = tempFolder('frameproof-host-');
const board = join(work, 'board');
const rendererDir = join(work, 'renderer');

beforeAll(async () => {
  cpSync(join(REPO_ROOT, 'resources', 'sample-board'), board, { recursive: true });
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Frameproof</title>');
  writeFileSync(join(work, 'secret.txt'), 'outside the app');
  session = new (await loadBoards()).AppSession({
    host: 'web',
    version: 'test',
    resourcesDir: join(REPO_ROOT, 'resources'),
    dataDir: join(work, 'data'),
    model: await ensureTestModel('tiny'),
    provider: 'cpu',
    watch: false,
  });
  host = await startWebHost({ session, rendererDir, exportTo: (format) => session.exportTo(format) });
  const login = await fetch(host.openUrl, { redirect: 'manual' });
  expect(login.status).toBe(303);
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await host.close();
  await session.close();
});

function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(new URL(path, host.url), { headers: { cookie, ...headers }, redirect: 'manual' });
}

async function call<T>(method: string, args: unknown[]): Promise<Result<T>> {
  const response = await fetch(new URL(`/api/${method}`, host.url), {
    method: 'POST',
    headers: { cookie, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await response.json()) as Result<T>;
}

describe('local web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("refuses every request without this run's token", async () => {
    expect((await fetch(host.url)).status).toBe(401);
    expect((await fetch(new URL('/api/getAppInfo', host.url), { method: 'POST', body: '[]' })).status).toBe(401);
    expect((await fetch(`${host.url}?token=wrong`, { redirect: 'manual' })).status).toBe(401);
    expect((await get('/', { cookie: 'frameproof_session=forged' })).status).toBe(401);
    // The token in a header works too (scripts), and the link's cookie is HttpOnly and same-site.
    expect((await fetch(host.url, { headers: { 'X-Frameproof-Token': host.token } })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding) and foreign origins', async () => {
    const port = Number(new URL(host.url).port);
    // fetch() will not send a forged Host header; a raw request does, as a rebinding page would.
    const status = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/', headers: { cookie, Host: `evil.example:${port}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(status).toBe(421);
    const cross = await fetch(new URL('/api/getAppInfo', host.url), {
      method: 'POST',
      headers: { cookie, Origin: 'http://evil.example' },
      body: '[]',
    });
    expect(cross.status).toBe(403);
  });

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self'/);
    expect((await get('/..%2Fsecret.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('validates arguments before the engine sees them', async () => {
    const bad = await call('openBoard', [42]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const unknown = await fetch(new URL('/api/eval', host.url), { method: 'POST', headers: { cookie }, body: '[]' });
    expect(unknown.status).toBe(404);
  });

  it('answers 400 to a malformed percent-escape, wherever it is in the address', async () => {
    for (const path of ['/%E0%A4%A', '/frames/full/%zz', '/frames/thumbnail/shot%', '/assets/%C0']) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(await response.text()).toMatch(/malformed percent-escape/);
    }
  });

  it('answers 413 to a body over the limit, declared or chunked', async () => {
    const big = JSON.stringify(['x'.repeat(2 << 20)]);
    const declared = await fetch(new URL('/api/countTokens', host.url), {
      method: 'POST',
      headers: { cookie, 'Content-Type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT', message: expect.stringMatching(/over 1 MiB/) },
    });
    // No Content-Length: the host counts the chunks as they come.
    const port = Number(new URL(host.url).port);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/countTokens',
          method: 'POST',
          headers: { cookie, Host: `127.0.0.1:${port}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      // The host may close the connection before the last chunk is written: that is its answer too.
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      for (let i = 0; i < 20; i++) req.write('x'.repeat(128 << 10));
      req.end();
    });
    expect(chunked).toBe(413);
    // A body under the limit still works on the same host.
    expect(await call('countTokens', ['a photo of a cat'])).toMatchObject({ ok: true });
  });

  it('opens and scores the board, pushing progress events, and serves its frames by id only', async () => {
    const events: FrameproofEvent[] = [];
    const stream = await get('/api/events');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    const reading = (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value);
        for (const block of buffer.split('\n\n').slice(0, -1))
          if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as FrameproofEvent);
        buffer = buffer.slice(buffer.lastIndexOf('\n\n') + 2);
      }
    })();
    const opened = await call<BoardView>('openBoard', [board]);
    expect(opened.ok).toBe(true);
    const scored = await call<BoardView>('scoreBoard', []);
    expect(scored.ok && Object.values(scored.value.scores).every((s) => s.score)).toBe(true);
    expect(events.some((e) => e.type === 'progress' && e.progress.phase === 'images' && e.progress.done === 16)).toBe(true);
    await reader.cancel();
    await reading.catch(() => undefined);

    const thumb = await get(`/frames/thumbnail/${encodeURIComponent('scene-1-desert/shot01.png')}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    const full = await get(`/frames/full/${encodeURIComponent('scene-1-desert/shot01.png')}`);
    expect(full.headers.get('content-type')).toBe('image/png');
    for (const id of ['../secret.txt', join(work, 'secret.txt'), 'shots.csv', 'scene-1-desert/../../secret.txt']) {
      expect((await get(`/frames/full/${encodeURIComponent(id)}`)).status, id).toBe(404);
    }
  });

  it('writes an export and serves it for download', async () => {
    const exported = await call<{ url: string; frameCount: number }>('exportBoard', ['csv']);
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    expect(exported.value.frameCount).toBe(16);
    const file = await get(exported.value.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toBe('attachment');
    expect((await file.text()).split('\n')[0]).toMatch(/shot,scene,file,caption/);
    expect((await get('/exports/nope/x.csv')).status).toBe(404);
  });

  it('registers its token as a secret with the log, so no line ever carries it', async () => {
    const logDir = join(work, 'log');
    const logger = openLog({ dir: logDir, process: 'web' });
    const second = await startWebHost({ session, rendererDir, exportTo: (format) => session.exportTo(format), logger });
    try {
      logger.info(`link ${second.openUrl}; cookie frameproof_session=${second.token}; header ${second.token}`);
      const text = readFileSync(join(logDir, LOG_FILE_NAME), 'utf8');
      expect(text).toContain('[redacted]');
      expect(text).not.toContain(second.token);
    } finally {
      await second.close();
    }
  });
});
