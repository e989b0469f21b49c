import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import type { Resolver } from '../index.js';
import { caught, fetchHarness } from './server.js';

const { serve, fetcher } = fetchHarness();

/** Fake DNS: names map to fixed addresses; everything else does not exist. Records lookups. */
function fakeDns(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

const ok = (_req: unknown, res: import('node:http').ServerResponse) => res.end('ok');

describe('SSRF guard without an allow-list', () => {
  it('refuses loopback, private and link-local targets without sending them any traffic', async () => {
    const server = await serve(ok);
    const f = fetcher({ allowPrivate: [] });
    const targets = [
      `${server.url}/`,
      `http://localhost:${server.port}/`,
      `http://[::1]:${server.port}/`,
      `http://[::ffff:127.0.0.1]:${server.port}/`,
      'http://10.0.0.1/',
      'http://192.168.1.1/',
      'http://172.16.0.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://0.0.0.0/',
      'http://224.0.0.1/',
      'http://[fc00::1]/',
      'http://[fe80::1]/',
    ];
    for (const target of targets) {
      const error = await caught(f.fetch(target));
      expect(error.code, target).toBe('FETCH_REFUSED');
      expect(error.message, target).toMatch(/allowPrivate/);
    }
    expect(server.connections).toBe(0);
  });

  it('checks the addresses a name resolves to, before connecting', async () => {
    const server = await serve(ok);
    const dns = fakeDns({ 'feeds.example': ['127.0.0.1'], 'meta.example': ['169.254.169.254'] });
    const f = fetcher({ allowPrivate: [] }, { resolve: dns });
    const error = await caught(f.fetch(`http://feeds.example:${server.port}/feed`));
    expect(error.code).toBe('FETCH_REFUSED');
    expect(error.message).toContain('feeds.example');
    expect(error.message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect((await caught(f.fetch('http://meta.example/'))).code).toBe('FETCH_REFUSED');
    expect(dns.asked).toContain('feeds.example');
    expect(server.connections).toBe(0);
  });

  it('reports a name that does not resolve as FETCH_FAILED', async () => {
    const f = fetcher({ allowPrivate: [], retries: 0 }, { resolve: fakeDns({}) });
    const error = await caught(f.fetch('http://no-such-host.example/'));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/ENOTFOUND/);
  });
});

describe('SSRF guard with an allow-list', () => {
  it('connects to an allowed address, by IP or through a name resolving to it', async () => {
    const server = await serve(ok);
    const dns = fakeDns({ 'feeds.example': ['127.0.0.1'] });
    const f = fetcher({ allowPrivate: ['127.0.0.1'] }, { resolve: dns });
    expect((await f.fetch(server.url)).status).toBe(200);
    expect((await f.fetch(`http://feeds.example:${server.port}/`)).status).toBe(200);
  });

  it('allows a host name entry whatever it resolves to, and CIDR ranges', async () => {
    const server = await serve(ok);
    const dns = fakeDns({ 'nas.lan': ['127.0.0.1'], 'other.lan': ['127.0.0.1'] });
    const byName = fetcher({ allowPrivate: ['nas.lan'] }, { resolve: dns });
    expect((await byName.fetch(`http://nas.lan:${server.port}/`)).status).toBe(200);
    expect((await caught(byName.fetch(`http://other.lan:${server.port}/`))).code).toBe('FETCH_REFUSED');
    const byRange = fetcher({ allowPrivate: ['127.0.0.0/8'] });
    expect((await byRange.fetch(server.url)).status).toBe(200);
  });

  it('skips refused addresses of a name and uses the allowed ones', async () => {
    const server = await serve(ok);
    const dns = fakeDns({ 'mixed.example': ['10.9.9.9', '169.254.1.1', '127.0.0.1'] });
    const f = fetcher({ allowPrivate: ['127.0.0.1'] }, { resolve: dns });
    expect((await f.fetch(`http://mixed.example:${server.port}/`)).status).toBe(200);
  });

  it('refuses redirects to private addresses outside the allow-list, before connecting', async () => {
    const targets = [
      'http://10.0.0.1/',
      'http://[::1]:1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/',
      'http://192.168.0.1:8080/admin',
      'http://rebind.example/',
      'file:///etc/passwd',
      'ftp://127.0.0.1/',
    ];
    const server = await serve((req, res) => {
      const index = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('to'));
      res.writeHead(302, { Location: targets[index] });
      res.end();
    });
    const dns = fakeDns({ 'rebind.example': ['10.0.0.7'] });
    const f = fetcher({ allowPrivate: ['127.0.0.1'] }, { resolve: dns });
    for (const [index, target] of targets.entries()) {
      const error = await caught(f.fetch(`${server.url}/r?to=${index}`));
      expect(error.code, target).toBe('FETCH_REFUSED');
      expect(error.message, target).toMatch(/redirect refused|allowPrivate/);
    }
    // Only the redirecting server itself was contacted (one request per target).
    expect(server.requests).toHaveLength(targets.length);
  });
});

describe('redirects', () => {
  it('follows a chain of relative and absolute redirects and reports it', async () => {
    const other = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`final ${req.url}`);
    });
    const server = await serve((req, res) => {
      if (req.url === '/a') res.writeHead(301, { Location: '/b' });
      else if (req.url === '/b') res.writeHead(308, { Location: 'c?x=1' });
      else res.writeHead(302, { Location: `${other.url}/done` });
      res.end();
    });
    const result = await fetcher().fetch(`${server.url}/a`);
    expect(result.url).toBe(`${other.url}/done`);
    expect(Buffer.from(result.body).toString()).toBe('final /done');
    expect(result.redirects).toEqual([`${server.url}/a`, `${server.url}/b`, `${server.url}/c?x=1`]);
    expect(result.movedPermanently).toBe(false);
  });

  it('says movedPermanently when every hop was 301/308', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/old') res.writeHead(301, { Location: '/new' });
      else res.writeHead(200);
      res.end();
    });
    const result = await fetcher().fetch(`${server.url}/old`);
    expect(result.movedPermanently).toBe(true);
    expect(result.url).toBe(`${server.url}/new`);
  });

  it('fails with FETCH_FAILED past the redirect limit, including loops', async () => {
    const server = await serve((req, res) => {
      const n = Number(req.url?.slice(1)) || 0;
      res.writeHead(302, { Location: `/${n + 1}` });
      res.end();
    });
    const error = await caught(fetcher({ maxRedirects: 3 }).fetch(`${server.url}/0`));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/more than 3 redirects/);
    expect(server.requests).toHaveLength(4);

    const loop = await serve((_req, res) => {
      res.writeHead(301, { Location: '/' });
      res.end();
    });
    expect((await caught(fetcher({ maxRedirects: 5 }).fetch(loop.url))).code).toBe('FETCH_FAILED');
  });

  it('drops credentials headers when a redirect leaves the origin, keeps them within it', async () => {
    const other = await serve(ok);
    const server = await serve((req, res) => {
      if (req.url === '/start') res.writeHead(302, { Location: '/same' });
      else res.writeHead(302, { Location: `${other.url}/elsewhere` });
      res.end();
    });
    await fetcher().fetch(`${server.url}/start`, {
      headers: { Authorization: 'Bearer secret', 'X-Keep': '1' },
    });
    expect(server.requests[1].headers.authorization).toBe('Bearer secret');
    expect(other.requests[0].headers.authorization).toBeUndefined();
    expect(other.requests[0].headers['x-keep']).toBe('1');
  });
});
