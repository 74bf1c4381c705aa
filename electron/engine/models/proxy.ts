// Studios reach the internet through a proxy: HTTPS_PROXY (or HTTP_PROXY for an http:// mirror,
// ALL_PROXY for both), skipped for hosts in NO_PROXY. The tunnel is an HTTP CONNECT; what runs
// inside it (TLS or plain HTTP) is up to the caller.
import { request as httpRequest } from 'node:http';
import { isIP, type Socket } from 'node:net';
import { AppError, errnoOf } from '../../common/errors.ts';

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  // curl reads the lower-case form first; most tools accept both.
  const value = env[name.toLowerCase()] ?? env[name.toUpperCase()];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * NO_PROXY as curl reads it: a comma- or space-separated list of host names (matching the host and
 * its subdomains, a leading dot or "*." optional), IP addresses, optional ":port", or "*" for all.
 */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const host = stripBrackets(target.hostname.toLowerCase()).replace(/\.$/, '');
  const port = Number(target.port || defaultPort(target.protocol));
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    if (portMatch && !isIP(stripBrackets(entry))) {
      entry = portMatch[1]!;
      entryPort = Number(portMatch[2]);
    }
    entry = stripBrackets(entry).replace(/^\*?\./, '').replace(/\.$/, '');
    if (entryPort !== undefined && entryPort !== port) continue;
    if (host === entry || (!isIP(host) && host.endsWith(`.${entry}`))) return true;
  }
  return false;
}

/** The proxy for a URL from the environment, or undefined for a direct connection. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): URL | undefined {
  if (bypassesProxy(target, envValue(env, 'no_proxy'))) return undefined;
  const value = (target.protocol === 'https:' ? envValue(env, 'https_proxy') : envValue(env, 'http_proxy')) ?? envValue(env, 'all_proxy');
  if (!value) return undefined;
  let proxy: URL;
  try {
    // "proxy.example:3128" without a scheme is common in the wild.
    proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw new AppError('PROXY_FAILED', `The proxy setting "${value}" is not a URL.`, { fix: 'Set HTTPS_PROXY to e.g. http://proxy.example.com:3128.' });
  }
  if (proxy.protocol !== 'http:') {
    throw new AppError('PROXY_FAILED', `Proxies of type ${proxy.protocol.replace(':', '')} are not supported (${proxy.host}).`, {
      fix: 'Use an HTTP proxy that supports CONNECT (HTTPS_PROXY=http://host:port), or ask IT for one.',
    });
  }
  return proxy;
}

export interface TunnelOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Opens a CONNECT tunnel through the proxy to host:port; resolves with the raw socket. */
export function openTunnel(proxy: URL, target: URL, options: TunnelOptions): Promise<Socket> {
  const authority = `${target.hostname}:${target.port || defaultPort(target.protocol)}`;
  const headers: Record<string, string> = { host: authority };
  if (proxy.username) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const where = `${proxy.hostname}:${proxy.port || 80}`;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: stripBrackets(proxy.hostname), port: Number(proxy.port || 80), method: 'CONNECT', path: authority, headers, signal: options.signal });
    req.setTimeout(options.timeoutMs, () => req.destroy(Object.assign(new Error(`proxy ${where} did not answer`), { code: 'ETIMEDOUT' })));
    req.once('connect', (response, socket, head) => {
      req.setTimeout(0);
      if (response.statusCode !== 200) {
        socket.destroy();
        const status = response.statusCode ?? 0;
        reject(
          new AppError('PROXY_FAILED', `The proxy ${where} refused the connection to ${authority} (HTTP ${status} ${response.statusMessage ?? ''}).`.replace(' )', ')'), {
            fix: status === 407 ? 'The proxy needs credentials: put them in the proxy URL (http://user:password@host:port).' : 'Ask IT to allow CONNECT to this host, or set HF_ENDPOINT to a reachable mirror.',
          }),
        );
        return;
      }
      // Bytes the proxy sent after its reply belong to the tunnelled stream.
      if (head.length > 0) socket.unshift(head);
      resolve(socket);
    });
    req.once('error', (error) => {
      const code = errnoOf(error);
      if (code === 'ABORT_ERR') return reject(error);
      reject(
        new AppError('PROXY_FAILED', `The proxy ${where} cannot be reached (${error.message}).`, {
          fix: 'Check HTTPS_PROXY, or unset it if this network has no proxy.',
          cause: error,
        }),
      );
    });
    req.end();
  });
}
