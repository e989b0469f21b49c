import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { caught, fetchHarness } from './server.js';

const fixtures = path.resolve(__dirname, '../../../test/fixtures/fetch');
const feedXml = fs.readFileSync(path.join(fixtures, 'feed.xml'));
const pageHtml = fs.readFileSync(path.join(fixtures, 'page.html'));
const text = (body: Uint8Array) => Buffer.from(body).toString('utf8');

const { serve, fetcher } = fetchHarness();

describe('fetch: plain responses', () => {
  it('returns status, lower-case headers and the body, sending our User-Agent and Accept', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'X-Custom': 'yes' });
      res.end(feedXml);
    });
    const result = await fetcher({ userAgent: 'TestAgent/1' }).fetch(`${server.url}/feed.xml`, {
      accept: 'application/rss+xml',
    });
    expect(result.status).toBe(200);
    expect(result.url).toBe(`${server.url}/feed.xml`);
    expect(result.headers['content-type']).toBe('application/rss+xml');
    expect(result.headers['x-custom']).toBe('yes');
    expect(Buffer.from(result.body).equals(feedXml)).toBe(true);
    expect(result.notModified).toBe(false);
    expect(result.redirects).toEqual([]);
    const req = server.requests[0];
    expect(req.headers['user-agent']).toBe('TestAgent/1');
    expect(req.headers.accept).toBe('application/rss+xml');
    expect(req.headers['accept-encoding']).toMatch(/gzip/);
    expect(req.headers['accept-encoding']).toMatch(/br/);
  });

  it('sends per-request headers, which may override the User-Agent but not framing or encoding headers', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    await fetcher().fetch(server.url, {
      headers: {
        'User-Agent': 'PerSource/2',
        'X-Api-Key': 'k1',
        'Accept-Encoding': 'identity',
        Host: 'evil.test',
      },
    });
    const headers = server.requests[0].headers;
    expect(headers['user-agent']).toBe('PerSource/2');
    expect(headers['x-api-key']).toBe('k1');
    expect(headers['accept-encoding']).toMatch(/gzip/);
    expect(headers.host).toBe(`127.0.0.1:${server.port}`);
  });

  it('returns HTML where a feed was expected as it is: the caller decides', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(pageHtml);
    });
    const result = await fetcher().fetch(`${server.url}/feed`, { accept: 'application/rss+xml' });
    expect(result.headers['content-type']).toMatch(/text\/html/);
    expect(text(result.body)).toContain('Not a feed');
  });

  it('turns 404 into FETCH_HTTP with the status, without retrying', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(404);
      res.end('missing');
    });
    const error = await caught(fetcher().fetch(`${server.url}/gone`));
    expect(error.code).toBe('FETCH_HTTP');
    expect(error.status).toBe(404);
    expect(error.message).toContain(`${server.url}/gone`);
    expect(error.message).toContain('HTTP 404');
    expect(server.requests).toHaveLength(1);
  });
});

describe('fetch: connection reuse', () => {
  it('reuses kept-alive connections across requests, redirects and error responses', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { Location: '/here' });
      else if (req.url === '/missing') res.writeHead(404);
      res.end('x'.repeat(1000));
    });
    const f = fetcher();
    for (let i = 0; i < 3; i++) await f.fetch(`${server.url}/page${i}`);
    await f.fetch(`${server.url}/moved`);
    await caught(f.fetch(`${server.url}/missing`));
    await f.fetch(`${server.url}/last`);
    expect(server.requests).toHaveLength(7);
    // undici's pool may open a second socket when a request is dispatched while the previous
    // response is still being finalised; a socket destroyed per redirect/error would make it 3+.
    expect(server.connections).toBeLessThanOrEqual(2);
  });
});

describe('fetch: conditional GET', () => {
  it('sends If-None-Match and reports a 304 as notModified, keeping the ETag', async () => {
    const etag = '"v1-abc"';
    const server = await serve((req, res) => {
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { ETag: etag });
      res.end(feedXml);
    });
    const f = fetcher();
    const first = await f.fetch(server.url);
    expect(first.notModified).toBe(false);
    expect(first.etag).toBe(etag);
    const second = await f.fetch(server.url, { etag: first.etag });
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    expect(second.etag).toBe(etag);
  });

  it('sends If-Modified-Since and reports a 304 as notModified, keeping Last-Modified', async () => {
    const lastModified = 'Tue, 03 Mar 2026 10:00:00 GMT';
    const server = await serve((req, res) => {
      if (req.headers['if-modified-since'] === lastModified) {
        res.writeHead(304);
        res.end();
        return;
      }
      res.writeHead(200, { 'Last-Modified': lastModified });
      res.end(feedXml);
    });
    const f = fetcher();
    const first = await f.fetch(server.url);
    expect(first.lastModified).toBe(lastModified);
    const second = await f.fetch(server.url, { lastModified: first.lastModified });
    expect(second.notModified).toBe(true);
    expect(second.lastModified).toBe(lastModified);
    // A changed resource is fetched in full even when validators are sent.
    const third = await f.fetch(server.url, { lastModified: 'Mon, 02 Mar 2026 10:00:00 GMT' });
    expect(third.notModified).toBe(false);
    expect(Buffer.from(third.body).equals(feedXml)).toBe(true);
  });
});

describe('fetch: content encodings', () => {
  const encoders: Record<string, (b: Buffer) => Buffer> = {
    gzip: (b) => zlib.gzipSync(b),
    deflate: (b) => zlib.deflateSync(b),
    'deflate (raw)': (b) => zlib.deflateRawSync(b),
    br: (b) => zlib.brotliCompressSync(b),
  };
  it.each(Object.keys(encoders))('decodes %s bodies', async (name) => {
    const encoded = encoders[name](feedXml);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': name.split(' ')[0], 'Content-Length': encoded.length });
      res.end(encoded);
    });
    const result = await fetcher().fetch(server.url);
    expect(Buffer.from(result.body).equals(feedXml)).toBe(true);
  });

  it('decodes stacked encodings in reverse order of application', async () => {
    const encoded = zlib.brotliCompressSync(zlib.gzipSync(feedXml));
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip, br' });
      res.end(encoded);
    });
    const result = await fetcher().fetch(server.url);
    expect(Buffer.from(result.body).equals(feedXml)).toBe(true);
  });

  it('keeps what arrived of a truncated gzip body', async () => {
    const encoded = zlib.gzipSync(feedXml);
    const cut = encoded.subarray(0, encoded.length - 40);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(cut);
    });
    const body = Buffer.from((await fetcher().fetch(server.url)).body);
    expect(body.length).toBeGreaterThan(0);
    expect(body.length).toBeLessThan(feedXml.length);
    expect(feedXml.subarray(0, body.length).equals(body)).toBe(true);
  });

  it('fails with FETCH_FAILED on a body that is not what its encoding says', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'br' });
      res.end(feedXml);
    });
    const error = await caught(fetcher().fetch(server.url));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/cannot decode br/);
  });

  it('fails with FETCH_FAILED on an encoding it did not ask for', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'compress' });
      res.end('xxxx');
    });
    const error = await caught(fetcher().fetch(server.url));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/compress/);
  });
});

describe('fetch: size cap', () => {
  const big = Buffer.alloc(64 * 1024, 'a');

  it('refuses a declared Content-Length above the cap', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': big.length });
      res.end(big);
    });
    const error = await caught(fetcher({ maxBytes: 10_000 }).fetch(server.url));
    expect(error.code).toBe('FETCH_TOO_LARGE');
    expect(error.message).toContain(server.url);
  });

  it('cuts off a chunked body (no Content-Length) once it passes the cap', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      for (let i = 0; i < 8; i++) res.write(big);
      res.end();
    });
    const error = await caught(fetcher({ maxBytes: 100_000 }).fetch(server.url));
    expect(error.code).toBe('FETCH_TOO_LARGE');
  });

  it('honours a lower per-request cap but never a higher one', async () => {
    const server = await serve((_req, res) => res.end(big));
    const f = fetcher({ maxBytes: 100_000 });
    expect((await caught(f.fetch(server.url, { maxBytes: 1000 }))).code).toBe('FETCH_TOO_LARGE');
    expect((await f.fetch(server.url, { maxBytes: 10_000_000 })).body.length).toBe(big.length);
  });

  it.each(['gzip', 'br'])('stops a %s decompression bomb at the cap', async (coding) => {
    const bomb = Buffer.alloc(8 * 1024 * 1024, 0);
    const packed = coding === 'gzip' ? zlib.gzipSync(bomb, { level: 9 }) : zlib.brotliCompressSync(bomb);
    expect(packed.length).toBeLessThan(20_000);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': coding });
      res.end(packed);
    });
    const error = await caught(fetcher({ maxBytes: 1024 * 1024 }).fetch(server.url));
    expect(error.code).toBe('FETCH_TOO_LARGE');
    expect(error.message).toMatch(/decompressed/);
  });
});
