// The local web host: the built renderer and the same API over HTTP, for a browser on this
// machine. Bound to 127.0.0.1 only; every request needs the per-run token (given once in the
// link, then an HttpOnly same-site cookie); the Host header is checked against DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import type { ExportChoices, ExportDelivery, ExportResult, FrameproofEvent } from '../../common/api.ts';
import { CONTENT_SECURITY_POLICY } from '../../common/contentSecurity.ts';
import { createHandlers, isMethod, type Handler } from '../shared/handlers.ts';
import type { AppSession } from '../../engine/service.ts';
import { describeError, type Logger } from '../../platform/log.ts';

export { CONTENT_SECURITY_POLICY };

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.avif': 'image/avif',
  '.json': 'application/json',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.map': 'application/json',
};
const COOKIE = 'frameproof_session';
const MAX_BODY_BYTES = 1 << 20;

export interface WebHostOptions {
  session: AppSession;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  port?: number;
  /** Writes an export and returns the file; the host serves it under /exports/. */
  exportTo: (
    format: 'csv' | 'json' | 'html' | 'pdf',
    choices?: ExportChoices,
  ) => Promise<{ file: string; format: 'csv' | 'json' | 'html' | 'pdf'; sizeBytes: number; frameCount: number; notes: string[] }>;
  /** Slow calls and internal errors go here; the run's token is registered as a secret. */
  logger?: Logger;
}

export interface WebHost {
  url: string;
  /** The link to open: it carries the token once. */
  openUrl: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === COOKIE) return value.join('=');
  }
  return undefined;
}

/** A body past MAX_BODY_BYTES: answered 413, not 400, so the caller knows to send less. */
class BodyTooLarge extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  // A declared length is refused before a byte is read; a chunked body is counted as it comes.
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '[]');
}

function sendJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  send(res, status, JSON.stringify({ ok: false, error: { code, message } }), 'application/json');
}

async function sendFile(res: ServerResponse, file: string, headers: Record<string, string> = {}): Promise<void> {
  const info = await stat(file);
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  createReadStream(file).pipe(res);
}

export function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('base64url');
  options.logger?.addSecret(token);
  const rendererDir = resolve(options.rendererDir);
  const exports = new Map<string, string>();
  const deliver = (result: ExportResult): ExportDelivery => {
    const id = randomBytes(12).toString('base64url');
    exports.set(id, result.file);
    return { ...result, url: `/exports/${id}/${encodeURIComponent(result.file.split(/[\\/]/).pop()!)}` };
  };
  const handlers: Record<string, Handler> = createHandlers(
    options.session,
    {
      exportBoard: async (format, choices) => deliver(await options.exportTo(format, choices)),
      exportComparison: async (format) => deliver(await options.session.exportComparisonTo(format)),
    },
    { logger: options.logger },
  );
  const streams = new Set<ServerResponse>();
  const unsubscribe = options.session.subscribe((event: FrameproofEvent) => {
    const data = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of streams) res.write(data);
  });
  let port = 0;

  const server = createServer(async (req, res) => {
    try {
      const host = req.headers.host ?? '';
      if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'Wrong host.');
      const url = new URL(req.url ?? '/', `http://${host}`);
      // The link carries the token once; it becomes a cookie and leaves the address bar.
      if (url.pathname === '/' && url.searchParams.has('token')) {
        if (!sameToken(url.searchParams.get('token') ?? undefined, token))
          return send(res, 401, 'This link is not valid for this Frameproof run.');
        res.writeHead(303, {
          Location: '/',
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          'Cache-Control': 'no-store',
        });
        return res.end();
      }
      if (!sameToken(cookieToken(req), token) && !sameToken(req.headers['x-frameproof-token'] as string | undefined, token)) {
        return send(res, 401, "Open Frameproof with the link it printed when it started (it carries this run's token).");
      }
      if (url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice('/api/'.length);
        if (method === 'events' && req.method === 'GET') {
          res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
          res.write(': connected\n\n');
          streams.add(res);
          req.on('close', () => streams.delete(res));
          return;
        }
        const origin = req.headers.origin;
        if (req.method !== 'POST' || (origin && origin !== `http://${host}`)) return send(res, 403, 'Forbidden.');
        if (!isMethod(method))
          return send(
            res,
            404,
            JSON.stringify({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `No API method "${method}".` } }),
            'application/json',
          );
        let args: unknown;
        try {
          args = await readJson(req);
        } catch (error) {
          if (error instanceof BodyTooLarge) {
            // The rest of the body is not read: close the connection rather than drain it.
            res.setHeader('Connection', 'close');
            return sendJsonError(res, 413, 'INVALID_ARGUMENT', `The request body is over ${MAX_BODY_BYTES / (1 << 20)} MiB.`);
          }
          return sendJsonError(res, 400, 'INVALID_ARGUMENT', 'The request body is not JSON.');
        }
        return send(res, 200, JSON.stringify(await handlers[method]!(args)), 'application/json');
      }
      const frame = /^\/frames\/(thumbnail|full)\/(.+)$/.exec(url.pathname);
      if (frame) {
        // Only frames of the open board, looked up by id: no path from the page reaches the disk.
        const file = await options.session
          .frameImage(decodeURIComponent(frame[2]!), frame[1] as 'thumbnail' | 'full')
          .catch(() => undefined);
        return file ? sendFile(res, file, { 'Cache-Control': 'private, max-age=60' }) : send(res, 404, 'No such frame.');
      }
      const exported = /^\/exports\/([\w-]+)\//.exec(url.pathname);
      if (exported) {
        const file = exports.get(exported[1]!);
        return file
          ? sendFile(res, file, { 'Content-Disposition': 'attachment', 'Cache-Control': 'no-store' })
          : send(res, 404, 'No such export.');
      }
      const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
      const file = resolve(rendererDir, relative);
      if (!file.startsWith(rendererDir + sep)) return send(res, 404, 'Not found.');
      return await sendFile(res, file, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-cache' }).catch(() =>
        send(res, 404, 'Not found.'),
      );
    } catch (error) {
      // decodeURIComponent refuses a malformed escape ('%E0%A4%A'): the address is wrong, not the host.
      if (res.headersSent) res.end();
      else if (error instanceof URIError) send(res, 400, 'The address has a malformed percent-escape.');
      else {
        options.logger?.error(`${req.method} ${req.url}: ${describeError(error)}`);
        send(res, 500, `Internal error: ${(error as Error).message}`);
      }
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as { port: number }).port;
      const url = `http://127.0.0.1:${port}/`;
      resolvePromise({
        url,
        openUrl: `${url}?token=${token}`,
        token,
        server,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const res of streams) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
