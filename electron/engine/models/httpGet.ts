// One GET, as a download needs it: HTTPS only (see checkUrlAllowed), through the environment's proxy,
// following redirects (Hugging Face sends large files to a CDN), with an idle timeout that also
// catches a server that stops sending halfway. The transport is undici: its ProxyAgent opens the
// CONNECT tunnel and the TLS session inside it; which proxy (if any) is ours to say (proxy.ts).
import type { Readable } from 'node:stream';
import type * as UndiciModule from 'undici';
import type { Dispatcher } from 'undici';
import { AppError, errnoOf } from '../../common/errors.ts';
import { proxyFor, proxyRefused, proxyUnreachable } from './proxy.ts';

export interface HttpOptions {
  env: NodeJS.ProcessEnv;
  /** Origins (e.g. "http://mirror.studio.lan:8080") the person configured explicitly: plain HTTP allowed. */
  allowHttpOrigins: readonly string[];
  /** Extra certificate authorities to trust (a studio's TLS-inspecting proxy; the tests' own CA). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** No byte for this long (connecting, waiting for headers or mid-body) fails the request. */
  idleTimeoutMs: number;
}

/** A redirect on the way: Hugging Face puts the file's LFS hash and size on it (X-Linked-Etag/-Size), not on the CDN's answer. */
export interface RedirectHop {
  url: URL;
  status: number;
  header: (name: string) => string | undefined;
}

export interface GetResult {
  status: number;
  /** A response header (the first, if the server repeated it). */
  header: (name: string) => string | undefined;
  /** The caller consumes or destroys it; its connection closes with it. */
  body: Readable;
  /** Where the response came from, after redirects. */
  url: URL;
  /** The redirects that led there, first hop first. */
  redirects: RedirectHop[];
  /** Whether a proxy carried it. */
  proxied: boolean;
  /** Why the body stopped early when it was this side's doing (a stall), which the body's own error does not say. */
  stall: () => StallError | undefined;
}

/** Marks a request that saw no data for idleTimeoutMs. */
export class StallError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
  ) {
    super(`no data from ${new URL(url).host} for ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`);
  }
}

const MAX_REDIRECTS = 8;
/** undici's names for "no data for idleTimeoutMs": while connecting, waiting for headers, mid-body. */
const STALL_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Through a proxy this machine connects only to the proxy, so a failed connection is the proxy's. */
const CONNECT_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETDOWN']);

export function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * HTTPS is required. Plain HTTP is allowed for loopback (tests, a mirror on this machine) and for an
 * origin the person named explicitly (HF_ENDPOINT=http://...): a studio mirror on a trusted network.
 * The SHA-256 check still applies to whatever comes back.
 */
export function checkUrlAllowed(url: URL, allowHttpOrigins: readonly string[]): void {
  if (url.protocol === 'https:') return;
  if (url.protocol === 'http:' && (isLoopback(url.hostname) || allowHttpOrigins.includes(url.origin))) return;
  throw new AppError('DOWNLOAD_INSECURE', `Refusing to download ${url.href}: only HTTPS is used for models.`, {
    fix:
      url.protocol === 'http:'
        ? `For a studio mirror that speaks plain HTTP, set HF_ENDPOINT=${url.origin} explicitly.`
        : 'Use an https:// URL.',
  });
}

/**
 * A dispatcher for one request: one connection (as before undici), closed with the response body,
 * so no socket outlives a download. The connect timeout of undici's connector (`timeout`) is set
 * on every leg: to the proxy, and for the TLS handshake inside the tunnel.
 */
function dispatcherFor({ Agent, Pool, ProxyAgent }: Undici, proxy: URL | undefined, options: HttpOptions): Dispatcher {
  const idle = options.idleTimeoutMs;
  const timeouts = { headersTimeout: idle, bodyTimeout: idle };
  const tls = { ...(options.ca && { ca: options.ca }), timeout: idle };
  if (!proxy) return new Agent({ ...timeouts, connect: tls });
  return new ProxyAgent({
    uri: proxy.href,
    ...timeouts,
    requestTls: tls,
    proxyTls: { timeout: idle },
    // The CONNECT itself waits for the proxy's answer no longer than for any other.
    clientFactory: (origin, clientOptions) => new Pool(origin, { ...clientOptions, headersTimeout: idle }),
  });
}

function headerOf(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** undici's errors as the rest of the download knows them: a stall, a proxy problem, or the socket's own error. */
function translate(error: unknown, url: URL, proxy: URL | undefined, options: HttpOptions): unknown {
  const code = errnoOf(error);
  if (STALL_CODES.has(code ?? '')) return new StallError(url.href, options.idleTimeoutMs);
  // A certificate the tunnelled TLS refused comes wrapped; its own code says what was wrong.
  if (code === 'UND_ERR_PRX_TLS' && error instanceof Error && error.cause) return error.cause;
  if (!proxy || code === 'ABORT_ERR') return error;
  const refused = /Proxy response \((\d+)\)/.exec(error instanceof Error ? error.message : '');
  if (refused) return proxyRefused(proxy, url, Number(refused[1]));
  if (CONNECT_CODES.has(code ?? '')) return proxyUnreachable(proxy, error);
  return error;
}

// undici is a megabyte of JavaScript that only downloads use: loaded with the first request.
type Undici = typeof UndiciModule;

async function requestOnce(
  url: URL,
  headers: Record<string, string>,
  options: HttpOptions,
  signal: AbortSignal | undefined,
): Promise<GetResult> {
  const undici = await import('undici');
  const proxy = proxyFor(url, options.env);
  const dispatcher = dispatcherFor(undici, proxy, options);
  let response: Dispatcher.ResponseData;
  try {
    response = await undici.request(url, {
      method: 'GET',
      headers: { 'user-agent': 'Frameproof', 'accept-encoding': 'identity', ...headers },
      dispatcher,
      ...(signal && { signal }),
    });
  } catch (error) {
    void dispatcher.destroy().catch(() => undefined);
    throw translate(error, url, proxy, options);
  }
  // close() waits for the body to be read to its end (or destroyed), then closes the connection.
  void dispatcher.close().catch(() => undefined);
  let stall: StallError | undefined;
  response.body.once('error', (error: unknown) => {
    if (STALL_CODES.has(errnoOf(error) ?? '')) stall = new StallError(url.href, options.idleTimeoutMs);
  });
  const header = (name: string) => headerOf(response.headers, name);
  return { status: response.statusCode, header, body: response.body, url, redirects: [], proxied: proxy !== undefined, stall: () => stall };
}

/** GET url, following redirects; the caller consumes (or destroys) the body. */
export async function httpGet(
  url: string,
  headers: Record<string, string>,
  options: HttpOptions,
  signal?: AbortSignal,
): Promise<GetResult> {
  let current = new URL(url);
  const redirects: RedirectHop[] = [];
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    checkUrlAllowed(current, options.allowHttpOrigins);
    const result = await requestOnce(current, headers, options, signal);
    const location = result.header('location');
    if (![301, 302, 303, 307, 308].includes(result.status) || !location) return { ...result, redirects };
    result.body.destroy();
    redirects.push({ url: current, status: result.status, header: result.header });
    current = new URL(location, current);
  }
  throw new AppError('DOWNLOAD_HTTP', `Too many redirects fetching ${url}.`, {
    fix: 'The server or mirror is misconfigured; try again later or set HF_ENDPOINT to another mirror.',
  });
}
