// A real HTTP(S) server on 127.0.0.1 for the download tests: serves files with Range support
// (206 + Content-Range, 416), and on request cuts a connection after N bytes, stalls, answers an
// error status, serves damaged content, ignores Range, or redirects (with Hugging Face's
// X-Linked-Etag / X-Linked-Size on the redirect, as it sends them for LFS files). Every request is recorded.
import { createHash } from 'node:crypto';
import { EventEmitter, once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Send this many bytes of the body, then drop the connection. */
  | { kind: 'cut'; afterBytes: number }
  /** Send this many bytes of the body, then nothing, keeping the connection open. */
  | { kind: 'stall'; afterBytes: number }
  | { kind: 'status'; status: number; retryAfter?: number }
  /** The right length, one byte changed. */
  | { kind: 'corrupt' }
  /** Answer 200 with the whole file even to a Range request. */
  | { kind: 'ignoreRange' };

export interface RequestRecord {
  path: string;
  range: string | undefined;
  status: number;
  /** Body bytes sent. */
  sentBytes: number;
}

/** What a redirect says about its target, as Hugging Face's 302 to its CDN does; 'auto' tells the truth. */
export type Linked = 'auto' | 'none' | { etag?: string; size?: string };

export interface TlsOptions {
  key: string | Buffer;
  cert: string | Buffer;
}

export class FileServer extends EventEmitter {
  readonly requests: RequestRecord[] = [];
  private readonly files = new Map<string, Buffer>();
  private readonly etags = new Map<string, string>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly redirects = new Map<string, { to: string; linked: Linked }>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {
    super();
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('secureConnection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => this.handle(req, res));
  }

  static async start(tls?: TlsOptions): Promise<FileServer> {
    const server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }) : createHttpServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    return new FileServer(server, `${tls ? 'https' : 'http'}://127.0.0.1:${port}`);
  }

  /** etag: what the ETag header says (default "v1-<size>"). */
  serve(path: string, body: Buffer, options: { etag?: string } = {}): void {
    this.files.set(path, body);
    if (options.etag) this.etags.set(path, options.etag);
  }

  /** Faults for the next requests of path, one per request, in order. */
  fault(path: string, ...faults: Fault[]): void {
    this.faults.set(path, [...(this.faults.get(path) ?? []), ...faults]);
  }

  redirect(from: string, to: string, linked: Linked = 'auto'): void {
    this.redirects.set(from, { to, linked });
  }

  private linkedHeaders(to: string, linked: Linked): Record<string, string> {
    if (linked === 'none') return {};
    if (linked !== 'auto')
      return {
        ...(linked.etag !== undefined && { 'x-linked-etag': linked.etag }),
        ...(linked.size !== undefined && { 'x-linked-size': linked.size }),
      };
    const file = this.files.get(new URL(to, this.origin).pathname);
    if (!file) return {};
    return { 'x-linked-etag': `"${createHash('sha256').update(file).digest('hex')}"`, 'x-linked-size': String(file.length) };
  }

  requestsFor(path: string): RequestRecord[] {
    return this.requests.filter((r) => r.path === path);
  }

  private record(path: string, req: IncomingMessage, status: number, sentBytes = 0): RequestRecord {
    const record = { path, range: req.headers.range, status, sentBytes };
    this.requests.push(record);
    this.emit('request', record);
    return record;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = decodeURIComponent(new URL(req.url ?? '/', this.origin).pathname);
    const redirect = this.redirects.get(path);
    if (redirect) {
      this.record(path, req, 302);
      res.writeHead(302, { location: redirect.to, ...this.linkedHeaders(redirect.to, redirect.linked) }).end();
      return;
    }
    const fault = this.faults.get(path)?.shift();
    const file = this.files.get(path);
    if (fault?.kind === 'status' || !file) {
      const status = fault?.kind === 'status' ? fault.status : 404;
      this.record(path, req, status);
      const headers = fault?.kind === 'status' && fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {};
      res.writeHead(status, headers).end(`HTTP ${status}`);
      return;
    }
    let body = file;
    if (fault?.kind === 'corrupt') {
      body = Buffer.from(file);
      body[body.length >> 1] = body[body.length >> 1]! ^ 0xff;
    }
    const etag = this.etags.get(path) ?? `"v1-${file.length}"`;
    const match = fault?.kind === 'ignoreRange' ? null : /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    let status = 200;
    let start = 0;
    let end = body.length - 1;
    const headers: Record<string, string | number> = { etag, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
    if (match) {
      start = Number(match[1]);
      if (match[2]) end = Math.min(end, Number(match[2]));
      if (start >= body.length) {
        this.record(path, req, 416);
        res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
        return;
      }
      status = 206;
      headers['content-range'] = `bytes ${start}-${end}/${body.length}`;
    }
    const slice = body.subarray(start, end + 1);
    headers['content-length'] = slice.length;
    res.writeHead(status, headers);
    if (fault?.kind === 'cut' || fault?.kind === 'stall') {
      const part = slice.subarray(0, fault.afterBytes);
      const record = this.record(path, req, status, part.length);
      res.write(part, () => {
        if (fault.kind === 'cut') {
          res.socket?.destroy();
          this.emit('cut', record);
        } else {
          this.emit('stalled', record);
        }
      });
      return;
    }
    this.record(path, req, status, slice.length);
    res.end(slice);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.close();
    await once(this.server, 'close');
  }
}
