// Proxies: NO_PROXY matching as curl does it, and a real download over HTTPS through a CONNECT proxy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrlAllowed } from '../../../electron/engine/models/httpGet.ts';
import { bypassesProxy, proxyFor } from '../../../electron/engine/models/proxy.ts';
import { ConnectProxy } from './connectProxy.ts';
import { FileServer } from './fileServer.ts';
import { failure, repoPath, serveTiny, testCatalog, testManager, TINY_FILES, tinyFiles } from './helpers.ts';
import { tempFolder } from '../../fixtures/tempFolder.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const tls = { key: readFileSync(join(FIXTURES, 'localhost-key.pem')), cert: readFileSync(join(FIXTURES, 'localhost-cert.pem')) };

describe('NO_PROXY', () => {
  const cases: [string, string | undefined, boolean][] = [
    ['https://huggingface.co/x', undefined, false],
    ['https://huggingface.co/x', '', false],
    ['https://huggingface.co/x', '*', true],
    ['https://huggingface.co/x', 'huggingface.co', true],
    ['https://cdn-lfs.huggingface.co/x', 'huggingface.co', true],
    ['https://cdn-lfs.huggingface.co/x', '.huggingface.co', true],
    ['https://cdn-lfs.huggingface.co/x', '*.huggingface.co', true],
    ['https://nothuggingface.co/x', 'huggingface.co', false],
    ['https://HuggingFace.co./x', 'huggingface.co', true],
    ['https://mirror.lan:8443/x', 'mirror.lan:8443', true],
    ['https://mirror.lan:8443/x', 'mirror.lan:443', false],
    ['https://mirror.lan/x', 'mirror.lan:443', true],
    ['http://10.0.0.5:8080/x', 'localhost, 10.0.0.5', true],
    ['http://10.0.0.50/x', '10.0.0.5', false],
    ['http://[::1]:8080/x', '::1', true],
    ['http://[::1]:8080/x', '[::1]:8080', true],
    ['https://a.example/x', 'b.example other.example,a.example', true],
  ];
  it.each(cases)('%s with NO_PROXY=%j bypasses: %s', (url, noProxy, expected) => {
    expect(bypassesProxy(new URL(url), noProxy)).toBe(expected);
  });

  it('picks HTTPS_PROXY for https, HTTP_PROXY for http, ALL_PROXY for either, lower case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2', HTTP_PROXY: 'plain:3', ALL_PROXY: 'http://all:4' };
    expect(proxyFor(new URL('https://huggingface.co/'), env)?.host).toBe('lower:2');
    expect(proxyFor(new URL('http://mirror/'), env)?.href).toBe('http://plain:3/');
    expect(proxyFor(new URL('http://mirror/'), { ALL_PROXY: 'http://all:4' })?.host).toBe('all:4');
    expect(proxyFor(new URL('https://huggingface.co/'), { ...env, NO_PROXY: 'huggingface.co' })).toBeUndefined();
    expect(() => proxyFor(new URL('https://huggingface.co/'), { HTTPS_PROXY: 'socks5://p:1080' })).toThrow(/socks5 are not supported/);
  });
});

describe('the HTTPS rule', () => {
  it('allows https, loopback http, and an http origin configured explicitly; nothing else', () => {
    expect(() => checkUrlAllowed(new URL('https://huggingface.co/a'), [])).not.toThrow();
    expect(() => checkUrlAllowed(new URL('http://127.0.0.1:9/a'), [])).not.toThrow();
    expect(() => checkUrlAllowed(new URL('http://localhost:9/a'), [])).not.toThrow();
    expect(() => checkUrlAllowed(new URL('http://mirror.lan:8080/a'), ['http://mirror.lan:8080'])).not.toThrow();
    expect(() => checkUrlAllowed(new URL('http://mirror.lan:8081/a'), ['http://mirror.lan:8080'])).toThrow(/only HTTPS/);
    expect(() => checkUrlAllowed(new URL('ftp://mirror.lan/a'), [])).toThrow(/only HTTPS/);
  });
});

describe('a download through a CONNECT proxy', () => {
  let server: FileServer;
  let proxy: ConnectProxy;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    files = await tinyFiles();
    server = await FileServer.start(tls);
    serveTiny(server, files);
    proxy = await ConnectProxy.start();
  });

  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  it('tunnels HTTPS through HTTPS_PROXY, verifying the server certificate inside the tunnel', async () => {
    const before = server.requests.length;
    const manager = testManager(tempFolder('frameproof-proxy-'), testCatalog(files, { origin: server.origin }), {
      env: { HTTPS_PROXY: proxy.url },
      ca: tls.cert,
    });
    const model = await manager.download('tiny', { validate: false });
    expect(model.files.every((f) => f.verified === 'sha256')).toBe(true);
    const port = new URL(server.origin).port;
    expect(proxy.tunnels).toEqual(TINY_FILES.map(() => `127.0.0.1:${port}`));
    expect(
      server.requests
        .slice(before)
        .map((r) => r.path)
        .sort(),
    ).toEqual(TINY_FILES.map((f) => repoPath(f)).sort());
  });

  it('goes direct for a host in NO_PROXY', async () => {
    const tunnels = proxy.tunnels.length;
    const manager = testManager(tempFolder('frameproof-proxy-'), testCatalog(files, { origin: server.origin }), {
      env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' },
      ca: tls.cert,
    });
    await manager.download('tiny', { validate: false });
    expect(proxy.tunnels.length).toBe(tunnels);
  });

  it('refuses a server whose certificate is not trusted, through the proxy too', async () => {
    const requests = server.requests.length;
    const manager = testManager(tempFolder('frameproof-proxy-'), testCatalog(files, { origin: server.origin }), {
      env: { HTTPS_PROXY: proxy.url },
    });
    const error = await failure(manager.download('tiny', { validate: false }));
    expect(error.code).toBe('DOWNLOAD_INSECURE');
    expect(error.message).toMatch(/certificate of 127\.0\.0\.1:\d+ is not trusted \(self-signed certificate\)/);
    expect(error.fix).toMatch(/NODE_EXTRA_CA_CERTS/);
    expect(server.requests.length).toBe(requests);
  });

  it('tunnels a plain-HTTP loopback mirror through HTTP_PROXY too', async () => {
    const plain = await FileServer.start();
    serveTiny(plain, files);
    try {
      const tunnels = proxy.tunnels.length;
      const manager = testManager(tempFolder('frameproof-proxy-'), testCatalog(files, { origin: plain.origin }), {
        env: { HTTP_PROXY: proxy.url },
      });
      const model = await manager.download('tiny', { validate: false });
      expect(model.files.every((f) => f.verified === 'sha256')).toBe(true);
      expect(proxy.tunnels.slice(tunnels)).toEqual(TINY_FILES.map(() => new URL(plain.origin).host));
    } finally {
      await plain.close();
    }
  });

  it('sends the credentials in the proxy URL, and says so when the proxy wants them (407)', async () => {
    const guarded = await ConnectProxy.start({ user: 'ana', password: 'p@ss word' });
    try {
      const refused = testManager(tempFolder('frameproof-proxy-'), testCatalog(files, { origin: server.origin }), {
        env: { HTTPS_PROXY: guarded.url },
        ca: tls.cert,
      });
      const error = await failure(refused.download('tiny', { validate: false }));
      expect(error.code).toBe('PROXY_FAILED');
      expect(error.message).toMatch(/^The proxy 127\.0\.0\.1:\d+ refused the connection to 127\.0\.0\.1:\d+ \(HTTP 407\)\.$/);
      expect(error.fix).toMatch(/credentials/);
      expect(guarded.tunnels).toEqual([]);

      const withCredentials = guarded.url.replace('http://', 'http://ana:p%40ss%20word@');
      const manager = testManager(tempFolder('frameproof-proxy-'), testCatalog(files, { origin: server.origin }), {
        env: { HTTPS_PROXY: withCredentials },
        ca: tls.cert,
      });
      await manager.download('tiny', { validate: false });
      expect(guarded.tunnels).toHaveLength(TINY_FILES.length);
    } finally {
      await guarded.close();
    }
  });

  it('names the proxy when it cannot be reached', async () => {
    const manager = testManager(tempFolder('frameproof-proxy-'), testCatalog(files, { origin: server.origin }), {
      env: { HTTPS_PROXY: 'http://127.0.0.1:1' },
      ca: tls.cert,
    });
    const error = await failure(manager.download('tiny', { validate: false }));
    expect(error.code).toBe('PROXY_FAILED');
    expect(error.message).toMatch(/proxy 127\.0\.0\.1:1 cannot be reached/);
    expect(error.fix).toMatch(/HTTPS_PROXY/);
  });
});
