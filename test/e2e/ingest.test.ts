/**
 * End to end through the CLI: import an OPML of 20 local feeds, poll once, find every entry
 * (full text, including pages behind teasers) with `newsbite search`; a second poll is all
 * conditional GETs answered 304; a poll killed with SIGKILL loses no committed entry and the
 * next poll completes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { articlePage, fullContent, rss, TestServer, tempDir } from '../jobs/helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A word no other entry has (letters only, so the tokenizer keeps it whole). */
function marker(feed: number, entry: number): string {
  const letters = (n: number) =>
    String.fromCharCode(97 + (n % 26)) + String.fromCharCode(97 + Math.floor(n / 26));
  return `zq${letters(feed)}x${letters(entry)}`;
}

function env(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEWSBITE_DATA_DIR: dataDir,
    NEWSBITE_FETCH_ALLOW_PRIVATE: '127.0.0.1',
    NEWSBITE_FETCH_RETRIES: '0',
    NEWSBITE_POLL_CONCURRENCY: '4',
  };
}

function cli(
  args: string[],
  dataDir: string,
): ChildProcess & {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/bin.ts'), ...args], {
    cwd: root,
    env: env(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return Object.assign(child, { done });
}

/** Runs the CLI in this process (fast), capturing standard output. */
async function inProcess(args: string[], dataDir: string): Promise<{ code: number; stdout: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env(dataDir));
  let stdout = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  try {
    const code = await main(['node', 'newsbite', ...args]);
    return { code, stdout };
  } finally {
    spy.mockRestore();
    process.env = saved;
  }
}

let server: TestServer;

beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(async () => {
  await server.stop();
});

interface Expected {
  word: string;
  title: string;
}

/** 20 feeds × 3 entries: even feeds carry full text, odd feeds only teasers (the page has the text). */
function publishFeeds(
  prefix: string,
  feeds: number,
  perFeed: number,
  pageDelayMs = 0,
): { opml: string; expected: Expected[] } {
  const expected: Expected[] = [];
  const outlines: string[] = [];
  for (let f = 0; f < feeds; f++) {
    const items = [];
    for (let e = 0; e < perFeed; e++) {
      const word = marker(f, e);
      const title = `${prefix} feed ${f} story ${e}`;
      const link = server.url(`/${prefix}/${f}/story/${e}`);
      const date = new Date(Date.now() - (e + 1) * 3600_000 - f * 60_000).toISOString();
      if (f % 2 === 0) {
        items.push({
          guid: `${prefix}-${f}-${e}`,
          title,
          link,
          date,
          content: `${fullContent(`${prefix}${f}s${e}`)}<p>Marker ${word} closes the report.</p>`,
        });
      } else {
        items.push({
          guid: `${prefix}-${f}-${e}`,
          title,
          link,
          date,
          description: `A short teaser for story ${e}…`,
        });
        const page = articlePage(title, `${prefix}${f}s${e}`).replace(
          '</article>',
          `<p>The page alone names ${word} in its last paragraph.</p></article>`,
        );
        server.routes.set(`/${prefix}/${f}/story/${e}`, {
          body: page,
          type: 'text/html; charset=utf-8',
          delayMs: pageDelayMs,
        });
      }
      expected.push({ word, title });
    }
    server.routes.set(`/${prefix}/${f}/feed.xml`, {
      body: rss(`${prefix} feed ${f}`, items),
      etag: `"${prefix}-${f}-v1"`,
    });
    const category = f < 10 ? 'Local' : 'World';
    outlines.push(
      `<outline text="${prefix} feed ${f}" type="rss" xmlUrl="${server.url(`/${prefix}/${f}/feed.xml`)}" category="${category}"/>`,
    );
  }
  const opml = `<?xml version="1.0"?><opml version="2.0"><head><title>test</title></head><body>${outlines.join('\n')}</body></opml>`;
  return { opml, expected };
}

describe('newsbite import → poll → search', () => {
  it('ingests 20 feeds with full text, and a second poll fetches nothing new', async () => {
    const dir = tempDir('newsbite-e2e-');
    const dataDir = path.join(dir, 'data');
    try {
      const { opml, expected } = publishFeeds('e2e', 20, 3);
      // One dead feed in the file must not fail the import.
      const withDead = opml.replace(
        '</body>',
        `<outline text="dead" xmlUrl="${server.url('/dead/feed.xml')}"/></body>`,
      );
      const opmlFile = path.join(dir, 'subs.opml');
      fs.writeFileSync(opmlFile, withDead);

      const imported = await cli(['import', opmlFile, '--json'], dataDir).done;
      expect(imported.stderr).toBe('');
      expect(imported.code).toBe(0);
      const results = JSON.parse(imported.stdout) as {
        url: string;
        ok: boolean;
        status: string;
        category?: string;
        message: string;
      }[];
      expect(results).toHaveLength(21);
      expect(results.filter((r) => r.status === 'added')).toHaveLength(20);
      const dead = results.find((r) => r.url.includes('/dead/'))!;
      expect(dead).toMatchObject({ ok: false, status: 'added-with-error' });
      expect(dead.message).toMatch(/404/);
      expect(results.filter((r) => r.category === 'World')).toHaveLength(10);

      server.requests.length = 0;
      const polled = await cli(['poll', '--once', '--json'], dataDir).done;
      expect(polled.code).toBe(0);
      const poll = JSON.parse(polled.stdout) as { url: string; status: string; inserted: number }[];
      expect(poll.filter((r) => r.status === 'ok')).toHaveLength(20);
      expect(poll.reduce((n, r) => n + r.inserted, 0)).toBe(60);
      // Teaser feeds: every page was fetched once.
      expect(server.requests.filter((r) => r.path.includes('/story/'))).toHaveLength(30);

      for (const { word, title } of expected) {
        const found = await inProcess(['search', word, '--json'], dataDir);
        expect(found.code).toBe(0);
        const hits = JSON.parse(found.stdout) as { headline: string }[];
        expect(hits.map((h) => h.headline)).toEqual([title]);
      }

      // Second poll of every feed: conditional GETs, all answered 304, nothing stored.
      server.requests.length = 0;
      const again = await cli(['poll', '--once', '--force', '--json'], dataDir).done;
      const second = JSON.parse(again.stdout) as { status: string; inserted: number; updated: number }[];
      const feedRequests = server.requests.filter(
        (r) => r.path.endsWith('/feed.xml') && r.path.startsWith('/e2e/'),
      );
      expect(feedRequests).toHaveLength(20);
      for (const request of feedRequests) {
        expect(request.headers['if-none-match']).toMatch(/^"e2e-\d+-v1"$/);
        expect(request.status).toBe(304);
      }
      expect(second.filter((r) => r.status === 'not-modified')).toHaveLength(20);
      expect(second.reduce((n, r) => n + r.inserted + r.updated, 0)).toBe(0);
      expect(server.requests.filter((r) => r.path.includes('/story/'))).toHaveLength(0);

      // A plain `poll --once` finds nothing due.
      server.requests.length = 0;
      const idle = await cli(['poll', '--once', '--json'], dataDir).done;
      expect(JSON.parse(idle.stdout).filter((r: { url: string }) => r.url.includes('/e2e/'))).toEqual([]);

      const listed = JSON.parse((await inProcess(['list', '--json'], dataDir)).stdout) as {
        status: string;
        articleCount: number;
        lastError?: string;
      }[];
      expect(listed).toHaveLength(21);
      expect(listed.filter((f) => f.status === 'ok' && f.articleCount === 3)).toHaveLength(20);
      expect(listed.find((f) => f.status === 'error')?.lastError).toMatch(/404/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('loses no committed entry when a poll is killed with SIGKILL, and the next poll completes', async () => {
    const dir = tempDir('newsbite-kill-');
    const dataDir = path.join(dir, 'data');
    try {
      // Teaser pages answer slowly, so the poll is still running when it is killed.
      const { opml } = publishFeeds('kill', 8, 6, 250);
      const opmlFile = path.join(dir, 'subs.opml');
      fs.writeFileSync(opmlFile, opml);
      expect((await cli(['import', opmlFile, '--no-check'], dataDir).done).code).toBe(0);

      const child = cli(['poll', '--once'], dataDir);
      const dbFile = path.join(dataDir, 'newsbite.db');
      const count = () => {
        const db = new Database(dbFile, { readonly: true, fileMustExist: true });
        try {
          return (db.prepare('select count(*) as n from articles').get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
      // Kill as soon as something is committed (and before everything is).
      let seen = 0;
      for (let i = 0; i < 600 && seen === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        seen = count();
      }
      child.kill('SIGKILL');
      const killed = await child.done;
      expect(killed.signal).toBe('SIGKILL');

      const db = new Database(dbFile, { readonly: true });
      const before = db.prepare('select id, guid, content_hash from articles order by id').all() as {
        id: number;
        guid: string;
      }[];
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      expect(before.length).toBeGreaterThan(0);
      expect(before.length).toBeLessThan(48);

      const next = await cli(['poll', '--once', '--json'], dataDir).done;
      expect(next.stderr).toBe('');
      expect(next.code).toBe(0);
      const results = JSON.parse(next.stdout) as { status: string }[];
      expect(results.every((r) => r.status === 'ok')).toBe(true);

      const after = new Database(dbFile, { readonly: true });
      const rows = after.prepare('select id, guid, content_hash from articles order by id').all() as {
        id: number;
        guid: string;
      }[];
      const jobs = after.prepare("select count(*) as n from jobs where state = 'running'").get() as {
        n: number;
      };
      after.close();
      expect(rows).toHaveLength(48);
      expect(new Set(rows.map((r) => r.guid)).size).toBe(48);
      // Every entry committed before the kill is still there, unchanged.
      expect(rows).toEqual(expect.arrayContaining(before));
      expect(jobs.n).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
