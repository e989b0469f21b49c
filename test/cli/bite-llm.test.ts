import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const seedPath = path.resolve(import.meta.dirname, '../fixtures/seed/newsbite-syndicated-article.txt');
const ABSTRACT =
  'Elon Musk has been in regular contact with Vladimir Putin since 2022, the Wall Street Journal reports, citing anonymous sources.';
let server: http.Server;
let base: string;
const seen: { method?: string; auth?: string; model?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      const json = JSON.parse(body || '{}');
      seen.push({ method: req.method, auth: req.headers.authorization, model: json.model });
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: ABSTRACT } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('newsbite bite --llm', () => {
  it('asks the configured endpoint through the guarded fetcher (its host is the explicit opt-in)', async () => {
    const run = await runCli(['bite', '--llm', '--json', seedPath], {
      env: { NEWSBITE_LLM_URL: base, NEWSBITE_LLM_MODEL: 'tiny', NEWSBITE_LLM_API_KEY: 'k123' },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const bite = JSON.parse(run.stdout);
    expect(bite.method).toBe('abstractive');
    expect(bite.summary.map((s: { text: string }) => s.text).join(' ')).toBe(ABSTRACT);
    expect(seen.at(-1)).toEqual({ method: 'POST', auth: 'Bearer k123', model: 'tiny' });
  });

  it('falls back to the extractive bite when the endpoint is unreachable', async () => {
    const run = await runCli(['bite', '--llm', '--json', seedPath], {
      env: { NEWSBITE_LLM_URL: 'http://127.0.0.1:9/v1', NEWSBITE_LLM_TIMEOUT_MS: '2000' },
    });
    expect(run.code).toBe(0);
    const bite = JSON.parse(run.stdout);
    expect(bite.method).toBe('extractive');
    expect(bite.summary.length).toBeGreaterThan(0);
  });
});
