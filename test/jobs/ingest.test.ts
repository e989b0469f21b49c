import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { Poller } from '../../src/jobs/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import {
  articlePage,
  fullContent,
  type Item,
  paragraphs,
  rss,
  TestServer,
  tempDir,
  testConfig,
} from './helpers.js';

let server: TestServer;
let dir: string;
let config: Config;
let store: Store;
let poller: Poller;

beforeAll(async () => {
  server = await new TestServer().start();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  dir = tempDir();
  config = testConfig(dir);
  store = await openStore(config);
  poller = new Poller(store, config);
  server.routes.clear();
  server.requests.length = 0;
});
afterEach(async () => {
  await poller.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function pollFeed(feedId: number) {
  const results = await poller.pollOnce({ feedIds: [feedId] });
  expect(results).toHaveLength(1);
  return results[0];
}

function items(n: number, seed = 'harbour', hours = 6): Item[] {
  return Array.from({ length: n }, (_, i) => ({
    guid: `${seed}-${i}`,
    title: `${seed} story number ${i}`,
    link: server.url(`/${seed}/${i}`),
    date: new Date(Date.now() - 600_000 - i * hours * 3600_000).toISOString(),
    author: 'Jo Writer',
    content: fullContent(`${seed}${i}`),
  }));
}

describe('polling a feed', () => {
  it('stores full-content entries and answers a second poll with a conditional GET', async () => {
    server.routes.set('/feed.xml', { body: rss('Harbour News', items(5)), etag: '"v1"' });
    const feed = await store.addFeed({ url: server.url('/feed.xml') });
    const first = await pollFeed(feed.id);
    expect(first).toMatchObject({ status: 'ok', inserted: 5, updated: 0 });
    expect(await store.countArticles(feed.id)).toBe(5);
    const stored = await store.getFeed(feed.id);
    expect(stored).toMatchObject({ title: 'Harbour News', etag: '"v1"', errorCount: 0 });
    // Six-hourly posting → a six-hour interval.
    expect(stored?.intervalSec).toBe(6 * 3600);

    const [page] = (await store.listArticles({ feedId: feed.id, limit: 1 })).items;
    const article = await store.getArticle(page.id);
    expect(article?.text).toContain(paragraphs('harbour0')[0].slice(0, 40));
    expect(article?.authors).toEqual(['Jo Writer']);
    // Nothing but the feed was fetched: the entries were complete.
    expect(server.requests.map((r) => r.path)).toEqual(['/feed.xml']);

    const second = await pollFeed(feed.id);
    expect(second.status).toBe('not-modified');
    const [, again] = server.requestsFor('/feed.xml');
    expect(again.headers['if-none-match']).toBe('"v1"');
    expect(again.status).toBe(304);
    expect(await store.countArticles(feed.id)).toBe(5);
  });

  it('uses Last-Modified when the server sends no ETag', async () => {
    const lastModified = 'Tue, 06 Jan 2026 10:00:00 GMT';
    server.routes.set('/lm.xml', { body: rss('LM', items(2, 'lm')), lastModified });
    const feed = await store.addFeed({ url: server.url('/lm.xml') });
    expect(await pollFeed(feed.id)).toMatchObject({ status: 'ok', inserted: 2 });
    expect(await pollFeed(feed.id)).toMatchObject({ status: 'not-modified' });
    const [, again] = server.requestsFor('/lm.xml');
    expect(again.headers['if-modified-since']).toBe(lastModified);
    expect(again.status).toBe(304);
  });

  it('keeps one article per entry when the feed changes its guids, and updates an edited entry in place', async () => {
    const original = items(3, 'bridge');
    server.routes.set('/feed.xml', { body: rss('Bridge', original) });
    const feed = await store.addFeed({ url: server.url('/feed.xml') });
    await pollFeed(feed.id);
    const before = (await store.listArticles({ feedId: feed.id })).items;
    expect(before).toHaveLength(3);

    // New guid scheme for every entry; entry 1 also edited.
    const renamed = original.map((item, i) => ({
      ...item,
      guid: `https://example.org/?p=${i}`,
      content: i === 1 ? fullContent('bridgeedited') : item.content,
    }));
    server.routes.set('/feed.xml', { body: rss('Bridge', renamed) });
    const result = await pollFeed(feed.id);
    expect(result).toMatchObject({ inserted: 0, updated: 1, unchanged: 2 });
    const after = (await store.listArticles({ feedId: feed.id })).items;
    expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    const edited = after.find((a) => a.headline === 'bridge story number 1')!;
    expect((await store.getArticle(edited.id))?.text).toContain('bridgeedited');

    // Guids and links both change: the title+date identity still holds.
    const relinked = renamed.map((item, i) => ({
      ...item,
      guid: `tag:${i}`,
      link: server.url(`/moved/${i}`),
    }));
    server.routes.set('/feed.xml', { body: rss('Bridge', relinked) });
    expect(await pollFeed(feed.id)).toMatchObject({ inserted: 0, updated: 3 });
    expect(await store.countArticles(feed.id)).toBe(3);
  });

  it('treats two new entries sharing one stored link as one renamed entry plus one new entry', async () => {
    const link = server.url('/live/blog');
    const entry = (guid: string, title: string, seed: string) => ({
      guid,
      title,
      link,
      date: new Date(Date.now() - 60_000).toISOString(),
      content: fullContent(seed),
    });
    server.routes.set('/live.xml', { body: rss('Live', [entry('a', 'Live: morning', 'morning')]) });
    const feed = await store.addFeed({ url: server.url('/live.xml') });
    await pollFeed(feed.id);
    server.routes.set('/live.xml', {
      body: rss('Live', [entry('b', 'Live: morning', 'morning'), entry('c', 'Live: evening', 'evening')]),
    });
    const result = await pollFeed(feed.id);
    expect(result.inserted).toBe(1);
    expect(result.inserted + result.updated + result.unchanged).toBe(2);
    const titles = (await store.listArticles({ feedId: feed.id })).items.map((a) => a.headline).sort();
    expect(titles).toEqual(['Live: evening', 'Live: morning']);
  });

  it('fetches the page of a teaser entry and keeps the feed date and author when the page has none', async () => {
    const date = '2026-01-05T08:00:00.000Z';
    server.routes.set('/feed.xml', {
      body: rss('Teasers', [
        {
          guid: 't1',
          title: 'Council backs tunnel',
          link: server.url('/news/tunnel'),
          date,
          author: 'Ann Lee',
          description: 'The council backed the tunnel…',
        },
      ]),
    });
    server.routes.set('/news/tunnel', {
      body: articlePage('Council backs tunnel', 'tunnel'),
      type: 'text/html; charset=utf-8',
    });
    const feed = await store.addFeed({ url: server.url('/feed.xml') });
    const result = await pollFeed(feed.id);
    expect(result).toMatchObject({ inserted: 1, pageErrors: 0 });
    expect(server.requestsFor('/news/tunnel')).toHaveLength(1);
    const [summary] = (await store.listArticles({ feedId: feed.id })).items;
    const article = await store.getArticle(summary.id);
    expect(article?.text).toContain(paragraphs('tunnel')[2].slice(0, 50));
    expect(article?.text).not.toContain('All rights reserved');
    expect(article?.published).toBe(date);
    expect(article?.authors).toEqual(['Ann Lee']);
    expect((await store.search('tunnel committee')).map((h) => h.id)).toEqual([summary.id]);
  });

  it('keeps the teaser when the page cannot be fetched', async () => {
    server.routes.set('/feed.xml', {
      body: rss('Teasers', [
        {
          guid: 't1',
          title: 'Gone page',
          link: server.url('/missing'),
          description: 'Only this teaser text survives.',
        },
      ]),
    });
    const feed = await store.addFeed({ url: server.url('/feed.xml') });
    expect(await pollFeed(feed.id)).toMatchObject({ status: 'ok', inserted: 1, pageErrors: 1 });
    const [summary] = (await store.listArticles({ feedId: feed.id })).items;
    expect((await store.getArticle(summary.id))?.text).toContain('Only this teaser text survives.');
  });

  it('reports an HTML page instead of a feed clearly on that feed, and backs off', async () => {
    server.routes.set('/blog', { body: articlePage('A blog', 'blog'), type: 'text/html' });
    server.routes.set('/ok.xml', { body: rss('Fine', items(2, 'fine')) });
    const bad = await store.addFeed({ url: server.url('/blog') });
    const good = await store.addFeed({ url: server.url('/ok.xml') });
    const results = await poller.pollOnce({ force: true });
    const badResult = results.find((r) => r.feedId === bad.id)!;
    expect(badResult.status).toBe('error');
    expect(badResult.error).toContain(server.url('/blog'));
    expect(badResult.error).toMatch(/HTML page, not a feed/);
    expect(results.find((r) => r.feedId === good.id)).toMatchObject({ status: 'ok', inserted: 2 });

    const stored = await store.getFeed(bad.id);
    expect(stored).toMatchObject({ errorCount: 1, lastError: badResult.error });
    const delay1 = Date.parse(stored!.nextPollAt) - Date.parse(stored!.lastPolledAt!);
    await pollFeed(bad.id);
    const twice = await store.getFeed(bad.id);
    expect(twice?.errorCount).toBe(2);
    expect(Date.parse(twice!.nextPollAt) - Date.parse(twice!.lastPolledAt!)).toBe(delay1 * 2);

    // Recovery clears the error.
    server.routes.set('/blog', { body: rss('Now a feed', items(1, 'blog')) });
    const recovered = await pollFeed(bad.id);
    expect(recovered.error).toBeUndefined();
    expect(recovered).toMatchObject({ status: 'ok', inserted: 1 });
    expect(await store.getFeed(bad.id)).toMatchObject({ errorCount: 0, lastError: undefined });
  });

  it('reports HTTP errors per feed with the status', async () => {
    server.routes.set('/down.xml', { body: 'oops', status: 500, type: 'text/plain' });
    const feed = await store.addFeed({ url: server.url('/down.xml') });
    const result = await pollFeed(feed.id);
    expect(result.status).toBe('error');
    expect(result.error).toMatch(/500/);
    expect((await store.getFeed(feed.id))?.lastStatus).toBe(500);
  });

  it('honours RSS ttl as the shortest interval', async () => {
    server.routes.set('/ttl.xml', { body: rss('TTL', items(4, 'ttl', 0.1), '<ttl>180</ttl>') });
    const feed = await store.addFeed({ url: server.url('/ttl.xml') });
    await pollFeed(feed.id);
    expect((await store.getFeed(feed.id))?.intervalSec).toBe(180 * 60);
  });

  it('stores story and copy assignments: a syndicated copy in another feed joins the original', async () => {
    const text = fullContent('syndicated', 6);
    const published = new Date(Date.now() - 3600_000).toISOString();
    server.routes.set('/wire.xml', {
      body: rss('Wire', [
        {
          guid: 'w1',
          title: 'Dam plan approved',
          link: server.url('/wire/1'),
          date: published,
          content: text,
        },
      ]),
    });
    const later = new Date(Date.now() - 1800_000).toISOString();
    server.routes.set('/paper.xml', {
      body: rss('Paper', [
        { guid: 'p1', title: 'Dam plan approved', link: server.url('/paper/1'), date: later, content: text },
      ]),
    });
    const wire = await store.addFeed({ url: server.url('/wire.xml') });
    const paper = await store.addFeed({ url: server.url('/paper.xml') });
    await pollFeed(wire.id);
    await pollFeed(paper.id);
    const [original] = (await store.listArticles({ feedId: wire.id })).items;
    const [copy] = (await store.listArticles({ feedId: paper.id })).items;
    expect(original.storyId).toBeTruthy();
    expect(copy.storyId).toBe(original.storyId);
    expect(copy.copyOf).toBe(String(original.id));
    expect(copy.copyGroup).toBe(original.copyGroup);
    expect((await store.listArticles({ foldCopies: true })).items.map((a) => a.id)).toEqual([original.id]);
    const story = await store.getStory(original.storyId!);
    expect(story).toMatchObject({ articleCount: 2, sources: ['Paper', 'Wire'] });
  });

  it('keeps story ids across a restart: a later copy joins the story stored before', async () => {
    const text = fullContent('restart', 6);
    server.routes.set('/first.xml', {
      body: rss('First', [
        {
          guid: 'f1',
          title: 'Tunnel opens',
          link: server.url('/first/1'),
          date: new Date(Date.now() - 3600_000).toISOString(),
          content: text,
        },
      ]),
    });
    server.routes.set('/second.xml', {
      body: rss('Second', [
        {
          guid: 's1',
          title: 'Tunnel opens',
          link: server.url('/second/1'),
          date: new Date(Date.now() - 600_000).toISOString(),
          content: text,
        },
      ]),
    });
    const first = await store.addFeed({ url: server.url('/first.xml') });
    const second = await store.addFeed({ url: server.url('/second.xml') });
    await pollFeed(first.id);
    const [original] = (await store.listArticles({ feedId: first.id })).items;
    // A new poller is what a new process starts with: an empty engine, restored from the store.
    await poller.close();
    poller = new Poller(store, config);
    const result = await pollFeed(second.id);
    expect(result.warnings).toEqual([]);
    const [copy] = (await store.listArticles({ feedId: second.id })).items;
    expect(copy.storyId).toBe(original.storyId);
    expect(copy.copyOf).toBe(String(original.id));
  });

  it('run() polls due feeds until stopped', async () => {
    server.routes.set('/loop.xml', { body: rss('Loop', items(2, 'loop')) });
    const feed = await store.addFeed({ url: server.url('/loop.xml') });
    const controller = new AbortController();
    const seen: number[] = [];
    await poller.run({
      signal: controller.signal,
      onResult: (r) => {
        seen.push(r.feedId);
        controller.abort();
      },
    });
    expect(seen).toEqual([feed.id]);
    expect(await store.countArticles(feed.id)).toBe(2);
    // The feed went back on the queue for its next time.
    const job = await store.getJob('poll', String(feed.id));
    expect(job).toMatchObject({ state: 'queued' });
    expect(Date.parse(job!.runAfter)).toBeGreaterThan(Date.now());
  });

  it('ingests a 10,000-item feed', async () => {
    const many: Item[] = Array.from({ length: 10_000 }, (_, i) => ({
      guid: `big-${i}`,
      title: `Bulletin ${i}`,
      link: server.url(`/big/${i}`),
      date: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
      content: `<p>Bulletin ${i} reports that the river level at gauge ${i % 97} was ${(i % 50) / 10} metres, within the normal range for the season according to the agency.</p><p>${'Readings are taken every hour and published without delay. '.repeat(10)}</p>`,
    }));
    server.routes.set('/big.xml', { body: rss('Big', many) });
    const feed = await store.addFeed({ url: server.url('/big.xml'), fullText: 'never' });
    // Parse, identity and storage at scale; bites and stories are measured by `npm run bench:ingest`.
    await poller.close();
    poller = new Poller(store, config, { stages: {} });
    const result = await pollFeed(feed.id);
    expect(result).toMatchObject({ status: 'ok', inserted: 10_000 });
    expect(await store.countArticles(feed.id)).toBe(10_000);
    expect((await store.search('"Bulletin 9999"')).length).toBeGreaterThan(0);
    // A re-poll of the same 10,000 writes nothing.
    server.routes.set('/big.xml', { body: rss('Big', many) });
    expect(await pollFeed(feed.id)).toMatchObject({ inserted: 0, updated: 0, unchanged: 10_000 });
  }, 300_000);
});
