// One GET, as a download needs it: HTTPS only (see checkUrlAllowed), through the environment's proxy,
// following redirects (Hugging Face sends large files to a CDN), with an idle timeout that also
// catches a server that stops sending halfway.
import { request as httpRequest, type ClientRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { AppError } from '../../common/errors.ts';
import { openTunnel, proxyFor } from './proxy.ts';

export interface HttpOptions {
  env: NodeJS.ProcessEnv;
  /** Origins (e.g. "http://mirror.studio.lan:8080") the person configured explicitly: plain HTTP allowed. */
  allowHttpOrigins: readonly string[];
  /** Extra certificate authorities to trust (a studio's TLS-inspecting proxy; the tests' own CA). */
  ca?: string | Buffer | Array<string | Buffer>;
  /** No byte for this long (connecting, waiting for headers or mid-body) fails the request. */
  idleTimeoutMs: number;
}

export interface GetResult {
  response: IncomingMessage;
  /** Where the response came from, after redirects. */
  url: URL;
  /** Whether a proxy carried it. */
  proxied: boolean;
  /** Why the body stopped early when it was this side's doing (a stall), which the body's own error does not say. */
  stall: () => StallError | undefined;
}

/** Marks a request that saw no data for idleTimeoutMs. */
export class StallError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(readonly url: string, readonly timeoutMs: number) {
    super(`no data from ${new URL(url).host} for ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}`);
  }
}

const MAX_REDIRECTS = 8;

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
    fix: url.protocol === 'http:' ? `For a studio mirror that speaks plain HTTP, set HF_ENDPOINT=${url.origin} explicitly.` : 'Use an https:// URL.',
  });
}

function openConnection(url: URL, options: HttpOptions, signal: AbortSignal | undefined): Promise<{ socket?: Socket; proxied: boolean }> {
  const proxy = proxyFor(url, options.env);
  if (!proxy) return Promise.resolve({ proxied: false });
  return openTunnel(proxy, url, { timeoutMs: options.idleTimeoutMs, signal }).then(async (raw) => {
    if (url.protocol !== 'https:') return { socket: raw, proxied: true };
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const tls = tlsConnect({ socket: raw, ...(isIP(host) === 0 && { servername: host }), ...(options.ca && { ca: options.ca }), ALPNProtocols: ['http/1.1'] });
    const onAbort = () => tls.destroy(signal?.reason as Error);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await new Promise<void>((resolve, reject) => {
        tls.once('secureConnect', resolve);
        tls.once('error', reject);
      });
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    return { socket: tls, proxied: true };
  });
}

function requestOnce(url: URL, headers: OutgoingHttpHeaders, options: HttpOptions, signal: AbortSignal | undefined): Promise<GetResult> {
  return openConnection(url, options, signal).then(
    ({ socket, proxied }) =>
      new Promise<GetResult>((resolve, reject) => {
        const common = {
          method: 'GET',
          hostname: url.hostname.replace(/^\[|\]$/g, ''),
          port: url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80,
          path: `${url.pathname}${url.search}`,
          headers: { host: url.host, 'user-agent': 'Frameproof', 'accept-encoding': 'identity', ...headers },
          signal,
        };
        let req: ClientRequest;
        // No agent with createConnection: an agent would open its own connection past the tunnel.
        if (socket) req = httpRequest({ ...common, createConnection: () => socket });
        else if (url.protocol === 'https:') req = httpsRequest({ ...common, agent: false, ...(options.ca && { ca: options.ca }) });
        else req = httpRequest({ ...common, agent: false });
        // The socket's idle timer keeps running while the body streams, so a stall mid-file fails too.
        let stall: StallError | undefined;
        req.setTimeout(options.idleTimeoutMs, () => {
          stall = new StallError(url.href, options.idleTimeoutMs);
          req.destroy(stall);
        });
        req.once('response', (response) => resolve({ response, url, proxied, stall: () => stall }));
        req.once('error', reject);
        req.end();
      }),
  );
}

/** GET url, following redirects; the caller consumes (or destroys) the response. */
export async function httpGet(url: string, headers: OutgoingHttpHeaders, options: HttpOptions, signal?: AbortSignal): Promise<GetResult> {
  let current = new URL(url);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    checkUrlAllowed(current, options.allowHttpOrigins);
    const result = await requestOnce(current, headers, options, signal);
    const status = result.response.statusCode ?? 0;
    const location = result.response.headers.location;
    if (![301, 302, 303, 307, 308].includes(status) || !location) return result;
    result.response.resume();
    result.response.destroy();
    current = new URL(location, current);
  }
  throw new AppError('DOWNLOAD_HTTP', `Too many redirects fetching ${url}.`, { fix: 'The server or mirror is misconfigured; try again later or set HF_ENDPOINT to another mirror.' });
}
