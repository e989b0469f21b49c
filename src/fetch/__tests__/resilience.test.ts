import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { createFetcher, isFetchHttpError } from '../index.js';
import { caught, fetchHarness, startServer, testConfig } from './server.js';

const { serve, fetcher } = fetchHarness();
const timers: NodeJS.Timeout[] = [];
// Registered after the harness, so it runs first: no timer writes to a closing server.
afterEach(() => {
  for (const timer of timers.splice(0)) clearInterval(timer);
});

/** Sends headers, then one byte every 20 ms, forever. */
function slowLoris(_req: unknown, res: import('node:http').ServerResponse) {
  res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
  const timer = setInterval(() => res.write('<'), 20);
  timers.push(timer);
  res.on('close', () => clearInterval(timer));
}

describe('timeouts', () => {
  it('cuts off a slow-loris body at the whole-body deadline with FETCH_TIMEOUT', async () => {
    const server = await serve(slowLoris);
    const error = await caught(fetcher({ bodyTimeoutMs: 300 }).fetch(server.url));
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(error.message).toContain(server.url);
    // A slow body is not retried: it would hold the worker for another full deadline.
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a server that never sends headers with FETCH_TIMEOUT', async () => {
    const server = await serve(() => {
      /* never answers */
    });
    const error = await caught(fetcher({ headersTimeoutMs: 200, retries: 0 }).fetch(server.url));
    expect(error.code).toBe('FETCH_TIMEOUT');
    expect(error.message).toMatch(/headers/);
  });
});

describe('retries', () => {
  it('retries a 429 after the Retry-After delay and succeeds', async () => {
    const server = await serve((_req, res, state) => {
      if (state.requests.length === 1) {
        res.writeHead(429, { 'Retry-After': '1' });
        res.end('slow down');
      } else {
        res.end('finally');
      }
    });
    const result = await fetcher().fetch(server.url);
    expect(Buffer.from(result.body).toString()).toBe('finally');
    expect(server.requests).toHaveLength(2);
  });

  it('waits as long as Retry-After says (seconds or HTTP date), else backs off exponentially', async () => {
    const inTwoMinutes = new Date(Date.now() + 90_000).toUTCString();
    const answers: [number, Record<string, string>][] = [
      [429, { 'Retry-After': '2' }],
      [503, {}],
      [503, { 'Retry-After': inTwoMinutes }],
      [200, {}],
    ];
    const server = await serve((_req, res, state) => {
      const [status, headers] = answers[state.requests.length - 1];
      res.writeHead(status, headers);
      res.end();
    });
    const waits: number[] = [];
    const f = fetcher(
      { retries: 3 },
      { retryBaseDelayMs: 100, random: () => 1, sleep: async (ms) => void waits.push(ms) },
    );
    expect((await f.fetch(server.url)).status).toBe(200);
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBe(2000); // Retry-After: 2 beats the 100 ms backoff
    expect(waits[1]).toBe(200); // second backoff step, no Retry-After
    expect(waits[2]).toBeGreaterThan(80_000); // the HTTP date, about 90 s ahead
    expect(waits[2]).toBeLessThanOrEqual(90_000);
  });

  it('fails at once with retryAfterMs when Retry-After exceeds the cap (no stall for hours)', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503, { 'Retry-After': '7200' });
      res.end();
    });
    const error = await caught(fetcher({}, { maxRetryAfterMs: 60_000 }).fetch(server.url));
    expect(isFetchHttpError(error)).toBe(true);
    expect(error.code).toBe('FETCH_HTTP');
    expect(error.status).toBe(503);
    expect(error.retryAfterMs).toBe(7_200_000);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a 503 after the configured retries with FETCH_HTTP carrying the status', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(503);
      res.end('down');
    });
    const error = await caught(fetcher({ retries: 3 }).fetch(server.url));
    expect(error.code).toBe('FETCH_HTTP');
    expect(error.status).toBe(503);
    expect(error.message).toContain(`${server.url}/: HTTP 503`);
    expect(server.requests).toHaveLength(4);
  });

  it.each([502, 504])('retries %i then succeeds', async (status) => {
    const server = await serve((_req, res, state) => {
      res.writeHead(state.requests.length < 3 ? status : 200);
      res.end('body');
    });
    const result = await fetcher({ retries: 2 }).fetch(server.url);
    expect(result.status).toBe(200);
    expect(server.requests).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    const server = await serve((req, res, state) => {
      if (state.requests.length === 1) req.socket.destroy();
      else res.end('second time lucky');
    });
    const result = await fetcher({ retries: 1 }).fetch(server.url);
    expect(Buffer.from(result.body).toString()).toBe('second time lucky');
    expect(server.requests).toHaveLength(2);
  });

  it('reports a refused connection as FETCH_FAILED after retrying', async () => {
    const server = await startServer(() => {});
    const url = server.url;
    await server.close();
    const error = await caught(fetcher({ retries: 1 }).fetch(url));
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

describe('per-host concurrency', () => {
  it('never has more than perHostConcurrency requests at the server at once', async () => {
    const server = await serve((_req, res) => {
      setTimeout(() => res.end('ok'), 60);
    });
    const f = fetcher({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 7 }, (_, i) => f.fetch(`${server.url}/${i}`)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(server.requests).toHaveLength(7);
    expect(server.maxConcurrent).toBe(2);
  });
});

describe('cancellation and cleanup', () => {
  it('rejects with the abort reason when the signal fires mid-body, and closes the connection', async () => {
    const server = await serve(slowLoris);
    const controller = new AbortController();
    const f = fetcher({ bodyTimeoutMs: 10_000 });
    const pending = f.fetch(server.url, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user gave up')), 100);
    const error = await caught(pending);
    expect(error.message).toBe('user gave up');
    await expect.poll(() => server.openConnections()).toBe(0);
  });

  it('aborts a request waiting for a host slot and one sleeping before a retry', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/busy') setTimeout(() => res.end('done'), 200);
      else {
        res.writeHead(503, { 'Retry-After': '30' });
        res.end();
      }
    });
    const f = fetcher({ perHostConcurrency: 1 });
    const busy = f.fetch(`${server.url}/busy`);
    const queued = new AbortController();
    const waiting = f.fetch(`${server.url}/queued`, { signal: queued.signal });
    queued.abort(new Error('not needed'));
    expect((await caught(waiting)).message).toBe('not needed');
    expect((await busy).status).toBe(200);
    expect(server.requests.map((r) => r.url)).toEqual(['/busy']);

    const sleeping = new AbortController();
    const retrying = f.fetch(`${server.url}/retry`, { signal: sleeping.signal });
    await expect.poll(() => server.requests.length).toBe(2);
    sleeping.abort(new Error('shutting down'));
    expect((await caught(retrying)).message).toBe('shutting down');
    expect(server.requests).toHaveLength(2);
  });

  it("leaves no listener on the caller's signal once fetches settle", async () => {
    const server = await serve((req, res) => {
      res.writeHead(req.url === '/bad' ? 500 : 200);
      res.end('x');
    });
    const controller = new AbortController();
    const f = fetcher({ perHostConcurrency: 1 });
    await Promise.all([
      f.fetch(`${server.url}/a`, { signal: controller.signal }),
      f.fetch(`${server.url}/b`, { signal: controller.signal }),
      caught(f.fetch(`${server.url}/bad`, { signal: controller.signal })),
    ]);
    expect(server.requests).toHaveLength(3);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('fails fast for an already aborted signal without contacting the server', async () => {
    const server = await serve((_req, res) => res.end('ok'));
    const error = await caught(
      fetcher().fetch(server.url, { signal: AbortSignal.abort(new Error('early')) }),
    );
    expect(error.message).toBe('early');
    expect(server.connections).toBe(0);
  });

  it('close() aborts requests in flight, refuses new ones and leaves no socket open', async () => {
    const server = await serve(slowLoris);
    const f = createFetcher(testConfig({ bodyTimeoutMs: 10_000 }));
    const inFlight = caught(f.fetch(server.url));
    await expect.poll(() => server.requests.length).toBe(1);
    await f.close();
    const error = await inFlight;
    expect(error.code).toBe('FETCH_FAILED');
    expect(error.message).toMatch(/closed/);
    expect((await caught(f.fetch(server.url))).code).toBe('FETCH_FAILED');
    await expect.poll(() => server.openConnections()).toBe(0);
  });

  it('closes kept-alive sockets on close() after many requests, and after failures', async () => {
    const server = await serve((req, res) => {
      if (req.url === '/big') {
        res.writeHead(200, { 'Content-Length': 5_000_000 });
        res.end(Buffer.alloc(5_000_000));
      } else if (req.url === '/err') {
        res.writeHead(500);
        res.end('boom');
      } else res.end('ok');
    });
    const f = createFetcher(testConfig({ maxBytes: 1_000_000 }));
    for (let i = 0; i < 10; i++) await f.fetch(`${server.url}/${i}`);
    await caught(f.fetch(`${server.url}/big`));
    await caught(f.fetch(`${server.url}/err`));
    await f.close();
    await expect.poll(() => server.openConnections()).toBe(0);
  });
});
