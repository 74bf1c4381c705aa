// Studios reach the internet through a proxy: HTTPS_PROXY (or HTTP_PROXY for an http:// mirror,
// ALL_PROXY for both), skipped for hosts in NO_PROXY. Which proxy, and its messages, are decided
// here; undici's ProxyAgent opens the CONNECT tunnel (httpGet.ts). undici's EnvHttpProxyAgent is
// not used: it has no ALL_PROXY, takes no scheme-less "host:3128", and its NO_PROXY misses what
// curl matches ("huggingface.co" for "HuggingFace.co.", "::1" for http://[::1]:8080).
import { isIP } from 'node:net';
import { AppError } from '../../common/errors.ts';

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
    entry = stripBrackets(entry)
      .replace(/^\*?\./, '')
      .replace(/\.$/, '');
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
    throw new AppError('PROXY_FAILED', `The proxy setting "${value}" is not a URL.`, {
      fix: 'Set HTTPS_PROXY to e.g. http://proxy.example.com:3128.',
    });
  }
  if (proxy.protocol !== 'http:') {
    throw new AppError('PROXY_FAILED', `Proxies of type ${proxy.protocol.replace(':', '')} are not supported (${proxy.host}).`, {
      fix: 'Use an HTTP proxy that supports CONNECT (HTTPS_PROXY=http://host:port), or ask IT for one.',
    });
  }
  return proxy;
}

function proxyAddress(proxy: URL): string {
  return `${proxy.hostname}:${proxy.port || 80}`;
}

export function proxyUnreachable(proxy: URL, cause: unknown): AppError {
  return new AppError(
    'PROXY_FAILED',
    `The proxy ${proxyAddress(proxy)} cannot be reached (${cause instanceof Error ? cause.message : String(cause)}).`,
    {
      fix: 'Check HTTPS_PROXY, or unset it if this network has no proxy.',
      cause,
    },
  );
}

/** The proxy answered the CONNECT for target with something other than 200. */
export function proxyRefused(proxy: URL, target: URL, status: number): AppError {
  const authority = `${target.hostname}:${target.port || defaultPort(target.protocol)}`;
  return new AppError('PROXY_FAILED', `The proxy ${proxyAddress(proxy)} refused the connection to ${authority} (HTTP ${status}).`, {
    fix:
      status === 407
        ? 'The proxy needs credentials: put them in the proxy URL (http://user:password@host:port).'
        : 'Ask IT to allow CONNECT to this host, or set HF_ENDPOINT to a reachable mirror.',
  });
}
