import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { compileQuery, parseQuery } from '../../src/server/query.js';
import { FTS_COLUMNS } from '../../src/server/search-page.js';
import { SearchWorkers } from '../../src/server/search-workers.js';
import { makeArticle, makeBite, seed, signIn, startTestServer, type TestServer } from './helpers.js';

const QUERIES = [
  'valley',
  'quantum',
  'valley -sensors source:"World Wire"',
  'entity:"Jana Novak"',
  'intitle:river OR chip*',
  'before:2026-13-01',
  '"no such phrase anywhere"',
];

describe('search pages rendered by worker threads', () => {
  let server: TestServer;
  let inProcess: FastifyInstance;
  let cookie: string;
  beforeAll(async () => {
    server = await startTestServer({}, { searchThreads: 2 });
    await seed(server.store);
    ({ cookie } = await signIn(server));
    // The same database and session, with searches on the main thread.
    inProcess = await buildServer({ ...server.config, searchThreads: 0 }, server.store);
    await inProcess.ready();
  });
  afterAll(async () => {
    await inProcess?.close();
    await server?.close();
  });

  it('are the same pages, status and gzip as the main thread renders', async () => {
    for (const q of QUERIES) {
      const url = `/search?q=${encodeURIComponent(q)}`;
      const [viaWorker, viaMain] = await Promise.all([
        server.app.inject({ url, headers: { cookie, 'accept-encoding': 'gzip' } }),
        inProcess.inject({ url, headers: { cookie } }),
      ]);
      expect(viaWorker.statusCode, q).toBe(viaMain.statusCode);
      expect(viaWorker.headers['content-encoding'], q).toBe('gzip');
      expect(zlib.gunzipSync(viaWorker.rawPayload).toString(), q).toBe(viaMain.body);
    }
    // A client without gzip gets the page the worker compressed, decompressed.
    const plain = await server.app.inject({ url: '/search?q=valley&plain=1', headers: { cookie } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toContain('River floods northern valley towns');
    expect(plain.body).toBe(
      (await inProcess.inject({ url: '/search?q=valley&plain=1', headers: { cookie } })).body,
    );
    const bad = await server.app.inject({ url: '/search?q=before:2026-13-01', headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('is not a date');
  });

  it('answer searches that run at the same time, each with its own results', async () => {
    const pages = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.app.inject({
          url: `/search?q=${i % 2 ? 'quantum' : 'valley'}&page=1&n=${i}`,
          headers: { cookie },
        }),
      ),
    );
    pages.forEach((page, i) => {
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(
        i % 2 ? 'Chipmaker opens quantum lab' : 'River floods northern valley towns',
      );
    });
  });
});

describe('SearchWorkers', () => {
  it('fails the searches of a worker that cannot start, with the reason, and tries again afterwards', async () => {
    const pool = new SearchWorkers({ file: '/nonexistent/newsbite.db', assetHashes: {} }, 1);
    const job = {
      userId: 1,
      view: { auth: { csrf: 't' }, url: '/search?q=x' },
      q: 'x',
      page: 1,
      savedId: 0,
      feedBase: 'http://localhost/feeds/s/search/',
    };
    await expect(pool.render(job)).rejects.toThrow(/unable to open database file|directory does not exist/);
    await expect(pool.render(job)).rejects.toThrow(/unable to open database file|directory does not exist/);
    await pool.close();
    await expect(pool.render(job)).rejects.toThrow('search workers are closed');
  });
});

describe('the prefix index', () => {
  let server: TestServer;
  let userId: number;
  beforeAll(async () => {
    server = await startTestServer({}, { searchThreads: 0 });
    await seed(server.store);
    ({ userId } = await signIn(server));
  });
  afterAll(async () => server?.close());

  const ids = async (q: string, prefixIndex: boolean) => {
    const compiled = compileQuery(parseQuery(q), FTS_COLUMNS);
    const rows = await server.reader.articles(userId, { ...compiled, prefixIndex, limit: 50 });
    return rows.map((r) => r.id);
  };

  it('finds what the main index finds for prefix searches', async () => {
    for (const q of ['val*', 'riv* flood', 'sens* -valley', 'qu* OR fl*', 'entity:Novak val*', 'zz*']) {
      expect(compileQuery(parseQuery(q), FTS_COLUMNS).prefixIndex, q).toBe(true);
      const main = await ids(q, false);
      expect(await ids(q, true), q).toEqual(main);
    }
    expect(await ids('val*', true)).not.toHaveLength(0);
    expect(await ids('zz*', true)).toHaveLength(0);
    // It is that index that answers: emptied, it finds nothing; rebuilt, all again.
    const prefixIndex = (command: string) =>
      sql`INSERT INTO articles_prefix(articles_prefix) VALUES (${command})`.execute(server.store.db);
    await prefixIndex('delete-all');
    expect(await ids('val*', true)).toHaveLength(0);
    await prefixIndex('rebuild');
    expect(await ids('val*', true)).toEqual(await ids('val*', false));
  });

  it('follows edits and deletions of articles', async () => {
    const before = await ids('pumpk*', true);
    expect(before).toHaveLength(0);
    const [chip] = await server.reader.articles(userId, {
      ...compileQuery(parseQuery('chipmaker'), FTS_COLUMNS),
      limit: 1,
    });
    const row = await server.store.db
      .selectFrom('articles')
      .select(['feed_id', 'guid'])
      .where('id', '=', chip.id)
      .executeTakeFirstOrThrow();
    await server.store.upsertEntry({
      feedId: row.feed_id ?? undefined,
      guid: row.guid ?? undefined,
      contentHash: 'edited',
      article: makeArticle({
        headline: 'Pumpkin harvest breaks records',
        paragraphs: ['Pumpkins everywhere.'],
      }),
    });
    expect(await ids('pumpk*', true)).toEqual([chip.id]);
    expect(await ids('chipmak*', true)).toEqual(await ids('chipmak*', false));
    await server.store.deleteFeed(row.feed_id!);
    expect(await ids('pumpk*', true)).toHaveLength(0);
  });
});

describe('the entity index', () => {
  let server: TestServer;
  let userId: number;
  beforeAll(async () => {
    server = await startTestServer({}, { searchThreads: 0 });
    await seed(server.store);
    ({ userId } = await signIn(server));
  });
  afterAll(async () => server?.close());

  const titles = async (q: string) => {
    const rows = await server.reader.articles(userId, {
      ...compileQuery(parseQuery(q), FTS_COLUMNS),
      limit: 50,
      includeCopies: true,
    });
    return rows.map((r) => r.title);
  };

  it('finds names and mentions, in any case, and follows new bites and deletions', async () => {
    expect(await titles('entity:"Jana Novak"')).toContain('River floods northern valley towns');
    expect(await titles('entity:"jana novak"')).toContain('River floods northern valley towns');
    // In the text but not an entity of the bite: not found.
    expect(await titles('entity:Mayor')).toEqual([]);
    const feed = await server.store.addFeed({ url: 'http://127.0.0.1:9/e.xml', title: 'E' });
    await server.reader.adoptOrphanFeeds();
    const entry = (bite: ReturnType<typeof makeBite>) =>
      server.store.upsertEntry({
        feedId: feed.id,
        guid: 'e1',
        contentHash: JSON.stringify(bite.entities),
        article: makeArticle({
          headline: 'Harbour deal signed',
          paragraphs: ['Ola Berg and the port signed.'],
        }),
        bite,
      });
    const berg = { name: 'Ola Berg', type: 'person' as const, count: 1, first: 0, mentions: ['Berg'] };
    await entry(makeBite('Ola Berg signed the harbour deal.', { entities: [berg] }));
    expect(await titles('entity:"Ola Berg"')).toEqual(['Harbour deal signed']);
    expect(await titles('entity:berg')).toEqual(['Harbour deal signed']);
    // A new bite replaces the names; a bite without entities has none.
    await entry(makeBite('The port signed the harbour deal.', { entities: [] }));
    expect(await titles('entity:"Ola Berg"')).toEqual([]);
    await entry(makeBite('Ola Berg signed the harbour deal.', { entities: [berg] }));
    await server.store.deleteFeed(feed.id);
    expect(await titles('entity:"Ola Berg"')).toEqual([]);
    const left = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM article_entities WHERE name = 'ola berg'`.execute(server.store.db);
    expect(left.rows[0].n).toBe(0);
  });
});
