import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { biteWithLlm, LruBiteCache } from '../../src/analyse/index.js';
import { seedArticle } from './seed-article.js';

let server: http.Server;
let base = '';
let mode: 'ok' | 'error' | 'slow' | 'garbage' = 'ok';
const requests: {
  url?: string;
  auth?: string;
  body: { model: string; messages: { role: string; content: string }[] };
}[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      requests.push({ url: req.url, auth: req.headers.authorization, body: JSON.parse(raw) });
      if (mode === 'error') {
        res.writeHead(500).end('boom');
      } else if (mode === 'garbage') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"choices":[]}');
      } else if (mode === 'slow') {
        setTimeout(() => res.writeHead(200).end('{}'), 2000).unref();
      } else {
        const content =
          'Elon Musk has reportedly been in contact with Vladimir Putin since 2022, according to unnamed sources.\n' +
          'Musk calls the claims absurd.';
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  requests.length = 0;
  mode = 'ok';
});

const fetchImpl = (url: string, init: Parameters<typeof fetch>[1] & object) => fetch(url, init);

describe('biteWithLlm', () => {
  it('uses the endpoint’s summary, asks for attribution, and caches by content', async () => {
    const cache = new LruBiteCache(10);
    const llm = { url: `${base}/`, model: 'tiny', apiKey: 'k', timeoutMs: 5000 };
    const first = await biteWithLlm(seedArticle(), { llm, cache }, fetchImpl);
    expect(first.method).toBe('abstractive');
    expect(first.summary.map((s) => s.text)).toEqual([
      'Elon Musk has reportedly been in contact with Vladimir Putin since 2022, according to unnamed sources.',
      'Musk calls the claims absurd.',
    ]);
    // The rest of the bite is the offline analysis.
    expect(first.entities.some((e) => e.name === 'Elon Musk')).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0].url).toBe('/v1/chat/completions');
    expect(requests[0].auth).toBe('Bearer k');
    expect(requests[0].body.model).toBe('tiny');
    expect(requests[0].body.messages[0].content).toMatch(/attribution/i);
    expect(requests[0].body.messages[1].content).toContain('Kremlin spokesman Dmitry Peskov');
    const second = await biteWithLlm(seedArticle(), { llm, cache }, fetchImpl);
    expect(second.summary).toEqual(first.summary);
    expect(requests).toHaveLength(1);
    expect(cache.size).toBe(1);
  });

  it('falls back to the extractive summary on HTTP errors, bad answers and timeouts', async () => {
    for (const m of ['error', 'garbage', 'slow'] as const) {
      mode = m;
      const llm = { url: base, model: `m-${m}`, timeoutMs: 300 };
      const b = await biteWithLlm(seedArticle(), { llm, cache: new LruBiteCache() }, fetchImpl);
      expect(b.method).toBe('extractive');
      expect(b.summary.length).toBeGreaterThan(0);
      expect(b.summaryNote).toMatch(/LLM summary unavailable/);
    }
  });

  it('evicts the least recently used entry', () => {
    const cache = new LruBiteCache(2);
    cache.set('a', [{ text: 'A' }]);
    cache.set('b', [{ text: 'B' }]);
    cache.get('a');
    cache.set('c', [{ text: 'C' }]);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toEqual([{ text: 'A' }]);
    expect(cache.size).toBe(2);
  });
});
