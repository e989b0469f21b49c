import fs from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { createFetcher, type Fetcher } from '../../src/fetch/index.js';
import { addFeed, exportOpml, importOpml, readOpml } from '../../src/jobs/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { rss, TestServer, tempDir, testConfig } from './helpers.js';

let server: TestServer;
let dir: string;
let config: Config;
let store: Store;
let fetcher: Fetcher;

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
  fetcher = createFetcher(config.fetch);
  server.routes.clear();
});
afterEach(async () => {
  await fetcher.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const item = { guid: '1', title: 'Hello', link: 'https://example.org/1', description: 'Hi' };

describe('addFeed', () => {
  it('subscribes to a feed URL directly', async () => {
    server.routes.set('/rss', { body: rss('Direct Feed', [item]) });
    const added = await addFeed(store, fetcher, server.url('/rss'), { category: 'Tech' });
    expect(added).toMatchObject({ via: 'direct', entries: 1 });
    expect(added.feed).toMatchObject({ url: server.url('/rss'), title: 'Direct Feed', category: 'Tech' });
    await expect(addFeed(store, fetcher, server.url('/rss'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('discovers the feed a site page links', async () => {
    server.routes.set('/site', {
      type: 'text/html',
      body: `<!doctype html><html><head><title>Site</title><link rel="alternate" type="application/rss+xml" href="/linked.xml"></head><body>hi</body></html>`,
    });
    server.routes.set('/linked.xml', { body: rss('Linked Feed', [item]) });
    const added = await addFeed(store, fetcher, server.url('/site'));
    expect(added).toMatchObject({ via: 'link' });
    expect(added.feed.url).toBe(server.url('/linked.xml'));
  });

  it('falls back to common feed paths, and says clearly when there is no feed', async () => {
    server.routes.set('/', {
      type: 'text/html',
      body: '<!doctype html><html><head><title>Home</title></head><body>no links</body></html>',
    });
    server.routes.set('/feed', { body: rss('Common Path Feed', [item]) });
    const added = await addFeed(store, fetcher, server.url('/'));
    expect(added).toMatchObject({ via: 'common-path' });
    expect(added.feed.title).toBe('Common Path Feed');

    server.routes.delete('/feed');
    await store.deleteFeed(added.feed.id);
    const error = await addFeed(store, fetcher, server.url('/')).catch((e) => e);
    expect(error).toMatchObject({ code: 'NOT_A_FEED' });
    expect(error.message).toContain(server.url('/'));
    await expect(addFeed(store, fetcher, 'not a url')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(addFeed(store, fetcher, 'file:///etc/passwd')).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });
});

describe('OPML', () => {
  it('imports each outline on its own, keeps categories, and exports them back', async () => {
    server.routes.set('/a.xml', { body: rss('A', [item]) });
    server.routes.set('/b.xml', { body: rss('B', [item]) });
    server.routes.set('/html', { type: 'text/html', body: '<!doctype html><html><body>page</body></html>' });
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
      <outline text="News"><outline text="Feed A" xmlUrl="${server.url('/a.xml')}"/>
        <outline text="Not a feed" xmlUrl="${server.url('/html')}"/></outline>
      <outline text="Feed B" xmlUrl="${server.url('/b.xml')}" category="Tech"/>
      <outline text="Broken" xmlUrl="javascript:alert(1)"/>
    </body></opml>`;
    const seen: string[] = [];
    const results = await importOpml(store, fetcher, opml, { onResult: (r) => seen.push(r.url) });
    expect(seen).toHaveLength(4);
    const byTitle = Object.fromEntries(results.map((r) => [r.title ?? r.url, r]));
    expect(byTitle['Feed A']).toMatchObject({ ok: true, status: 'added', category: 'News', entries: 1 });
    expect(byTitle['Feed B']).toMatchObject({ ok: true, status: 'added', category: 'Tech' });
    expect(byTitle['Not a feed']).toMatchObject({ ok: false, status: 'added-with-error' });
    expect(byTitle['Not a feed'].message).toMatch(/HTML page, not a feed/);
    expect(byTitle.Broken).toMatchObject({ ok: false, status: 'invalid' });

    const again = await importOpml(store, fetcher, opml);
    expect(again.filter((r) => r.status === 'exists')).toHaveLength(3);

    const exported = await exportOpml(store);
    const roundTrip = readOpml(exported);
    expect(roundTrip.map((o) => [o.url, o.category]).sort()).toEqual(
      [
        [server.url('/a.xml'), 'News'],
        [server.url('/b.xml'), 'Tech'],
        [server.url('/html'), 'News'],
      ].sort(),
    );
  });

  it('rejects a file that is not OPML with a clear error', async () => {
    await expect(importOpml(store, fetcher, '<html><body>nope</body></html>')).rejects.toMatchObject({
      code: 'INPUT_INVALID',
    });
  });
});

describe('saveArticle', () => {
  it('stores an article from no feed once, found again by canonical URL, updated when it changed', async () => {
    const { saveArticle } = await import('../../src/jobs/index.js');
    const base = {
      url: 'https://news.example/story?utm_source=x',
      headline: 'Pasted story',
      authors: [],
      keywords: [],
      blocks: [{ kind: 'paragraph' as const, text: 'First text.' }],
      text: 'First text.',
      html: '<p>First text.</p>',
      diagnostics: { removed: [], notes: [], extractor: 'test' },
    };
    const first = await saveArticle(store, base);
    expect(first.status).toBe('inserted');
    expect(await saveArticle(store, { ...base, url: 'https://news.example/story' })).toEqual({
      id: first.id,
      status: 'unchanged',
    });
    expect(await saveArticle(store, { ...base, text: 'Second text.' })).toEqual({
      id: first.id,
      status: 'updated',
    });
    const pasted = await saveArticle(store, { ...base, url: undefined, text: 'No URL at all.' });
    expect(pasted.status).toBe('inserted');
    expect(await saveArticle(store, { ...base, url: undefined, text: 'No URL at all.' })).toEqual({
      id: pasted.id,
      status: 'unchanged',
    });
    expect((await store.getArticle(first.id))?.feedId).toBeUndefined();
  });
});
