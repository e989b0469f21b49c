/** The subscription commands in process: clear one-line errors, no stack traces, JSON output. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { rss, TestServer, tempDir } from './helpers.js';

let server: TestServer;
let dir: string;

beforeAll(async () => {
  server = await new TestServer().start();
  dir = tempDir('newsbite-cli-');
});
afterAll(async () => {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  process.env.NEWSBITE_DATA_DIR = path.join(dir, 'data');
  process.env.NEWSBITE_FETCH_ALLOW_PRIVATE = '127.0.0.1';
  process.env.NEWSBITE_FETCH_RETRIES = '0';
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    stdout += c.toString();
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    stderr += c.toString();
    return true;
  });
  try {
    const code = await main(['node', 'newsbite', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env = saved;
  }
}

describe('subscription commands', () => {
  it('explains an empty list, then adds, lists, exports and searches', async () => {
    expect((await run('list')).stdout).toMatch(/no subscriptions yet/);
    server.routes.set('/feed.xml', {
      body: rss('CLI Feed', [
        {
          guid: 'a',
          title: 'Glacier retreat measured',
          link: server.url('/a'),
          content: `<p>${'The glacier retreated forty metres this year, surveyors said. '.repeat(15)}</p>`,
        },
      ]),
    });
    const added = await run('add', server.url('/feed.xml'), '--category', 'Science', '--json');
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ title: 'CLI Feed', category: 'Science', via: 'direct' });

    const polled = await run('poll', '--once');
    expect(polled.stdout).toMatch(/\+ CLI Feed: 1 new, 0 updated, 0 unchanged/);
    const listed = await run('list');
    expect(listed.stdout).toContain('[Science]');
    expect(listed.stdout).toMatch(/ok\s+CLI Feed/);
    expect(listed.stdout).toMatch(/1 articles/);

    const found = await run('search', 'glacier', 'surveyors');
    expect(found.stdout).toMatch(/Glacier retreat measured — CLI Feed/);
    expect(found.stdout).toMatch(/\*glacier\*/i);
    expect((await run('search', 'volcano')).stdout).toMatch(/nothing found for volcano/);
    expect((await run('search', 'glacier', '-volcano')).stdout).toMatch(/Glacier retreat measured/);
    expect((await run('search', 'glacier', '-metres')).stdout).toMatch(/nothing found/);

    const out = path.join(dir, 'out.opml');
    expect((await run('export', '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain(server.url('/feed.xml'));
  });

  it('reports bad input in one line without a stack trace', async () => {
    const notOpml = path.join(dir, 'page.html');
    fs.writeFileSync(notOpml, '<html><body>not a subscription list</body></html>');
    const cases: [string[], RegExp][] = [
      [['import', notOpml], /page\.html: not an OPML file/],
      [['import', path.join(dir, 'missing.opml')], /missing\.opml: no such file/],
      [['add', 'not a url'], /"not a url" is not a URL/],
      [['search', '-everything'], /only excludes words/],
      [['poll', '--once', '--feed', 'abc'], /--feed abc: expected a feed id/],
      [['search', 'x', '--limit', '0'], /--limit 0/],
    ];
    for (const [args, message] of cases) {
      const result = await run(...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
