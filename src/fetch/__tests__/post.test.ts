import { afterEach, describe, expect, it } from 'vitest';
import { createApiFetch, createFetcher, type Fetcher } from '../index.js';
import { caught, startServer, type TestServer, testConfig } from './server.js';

let servers: TestServer[] = [];
let fetchers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(fetchers.map((f) => f.close()));
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  fetchers = [];
});

async function echoServer() {
  const server = await startServer((req, res) => {
    if (req.url === '/moved') {
      res.writeHead(307, { Location: '/echo' }).end();
      return;
    }
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ method: req.method, type: req.headers['content-type'], body }));
    });
  });
  servers.push(server);
  return server;
}

describe('fetch: POST for configured APIs', () => {
  it('sends the method, headers and body', async () => {
    const server = await echoServer();
    const fetcher: Fetcher = createFetcher(testConfig());
    fetchers.push(fetcher);
    const result = await fetcher.fetch(`${server.url}/echo`, {
      method: 'POST',
      body: '{"q":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(Buffer.from(result.body).toString('utf8'))).toEqual({
      method: 'POST',
      type: 'application/json',
      body: '{"q":1}',
    });
  });

  it('does not follow a redirected POST', async () => {
    const server = await echoServer();
    const fetcher = createFetcher(testConfig());
    fetchers.push(fetcher);
    const error = await caught(fetcher.fetch(`${server.url}/moved`, { method: 'POST', body: 'x' }));
    expect(error.message).toMatch(/POST request was redirected/);
  });

  it('createApiFetch allows the configured host on loopback, and only that host', async () => {
    const server = await echoServer();
    const config = testConfig({ allowPrivate: [] });
    const api = createApiFetch(config, `${server.url}/v1`);
    fetchers.push(api);
    const response = await api(`${server.url}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
      signal: new AbortController().signal,
    });
    expect(response.status).toBe(200);
    expect(JSON.parse(await response.text()).method).toBe('POST');
    const refused = await caught(
      api('http://10.0.0.1/v1/chat', {
        method: 'POST',
        headers: {},
        body: '{}',
        signal: new AbortController().signal,
      }),
    );
    expect(refused.message).toMatch(/10\.0\.0\.1/);
  });
});
