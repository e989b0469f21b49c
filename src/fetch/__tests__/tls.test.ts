import type { LookupAddress } from 'node:dns';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, type Fetcher, type FetcherOptions } from '../index.js';
import { caught, testConfig } from './server.js';

const tlsDir = path.resolve(__dirname, '../../../test/fixtures/fetch/tls');
const cert = fs.readFileSync(path.join(tlsDir, 'cert.pem'), 'utf8');
const key = fs.readFileSync(path.join(tlsDir, 'key.pem'), 'utf8');

let server: https.Server | undefined;
const fetchers: Fetcher[] = [];
const seen: { host?: string; servername?: string }[] = [];

async function startHttps(): Promise<number> {
  server = https.createServer({ cert, key }, (req, res) => {
    seen.push({
      host: req.headers.host,
      servername: (req.socket as import('node:tls').TLSSocket).servername || '',
    });
    res.end('secure hello');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}
function fetcher(allowPrivate: string[], options: FetcherOptions = {}) {
  const f = createFetcher(testConfig({ allowPrivate, retries: 0 }), options);
  fetchers.push(f);
  return f;
}
const dns = async (hostname: string): Promise<LookupAddress[]> => {
  if (hostname === 'feeds.test') return [{ address: '127.0.0.1', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

afterEach(async () => {
  await Promise.all(fetchers.splice(0).map((f) => f.close()));
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  seen.length = 0;
});

describe('HTTPS through the guarded connector', () => {
  it('fetches over TLS by host name, sending SNI, with the address guard in the TLS path', async () => {
    const port = await startHttps();
    const result = await fetcher(['127.0.0.1'], { resolve: dns, extraCa: [cert] }).fetch(
      `https://feeds.test:${port}/feed`,
    );
    expect(Buffer.from(result.body).toString()).toBe('secure hello');
    expect(seen[0].servername).toBe('feeds.test');
    expect(seen[0].host).toBe(`feeds.test:${port}`);
  });

  it('refuses the same host when its address is not allowed, before the handshake', async () => {
    const port = await startHttps();
    let connections = 0;
    server?.on('connection', () => connections++);
    const error = await caught(
      fetcher([], { resolve: dns, extraCa: [cert] }).fetch(`https://feeds.test:${port}/`),
    );
    expect(error.code).toBe('FETCH_REFUSED');
    expect(connections).toBe(0);
  });

  it('rejects a certificate it does not trust with FETCH_FAILED', async () => {
    const port = await startHttps();
    const error = await caught(fetcher(['127.0.0.1'], { resolve: dns }).fetch(`https://feeds.test:${port}/`));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/certificate/i);
  });
});
