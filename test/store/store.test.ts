import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/model/index.js';
import { renderHtml } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';

function article(headline: string, text: string, extra: Partial<Article> = {}): Article {
  const blocks = text.split('\n\n').map((t) => ({ kind: 'paragraph' as const, text: t }));
  return {
    headline,
    authors: [],
    keywords: [],
    blocks,
    text,
    html: renderHtml(blocks),
    diagnostics: { removed: [], notes: [], extractor: 'test' },
    ...extra,
  };
}

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-store-'));
  store = await openStore({ dataDir: path.join(dir, 'nested', 'data') });
});

afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('openStore', () => {
  it('creates the data directory, a WAL database and every migration once', async () => {
    const file = path.join(dir, 'nested', 'data', 'newsbite.db');
    expect(fs.existsSync(file)).toBe(true);
    await store.close();
    // Reopening runs nothing twice and keeps data.
    store = await openStore({ dataDir: path.join(dir, 'nested', 'data') });
    await store.addFeed({ url: 'https://example.org/feed.xml' });
    await store.close();
    store = await openStore({ dataDir: path.join(dir, 'nested', 'data') });
    expect((await store.listFeeds()).map((f) => f.url)).toEqual(['https://example.org/feed.xml']);
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      const names = raw.prepare('select name from kysely_migration order by name').all() as {
        name: string;
      }[];
      expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(['001-core', '002-search']));
      expect(new Set(names.map((n) => n.name)).size).toBe(names.length);
    } finally {
      raw.close();
    }
  });

  it('names the file when the data directory cannot be created', async () => {
    const blocker = path.join(dir, 'a-file');
    fs.writeFileSync(blocker, 'x');
    await expect(openStore({ dataDir: path.join(blocker, 'data') })).rejects.toThrow(/a-file/);
  });
});

describe('feeds', () => {
  it('adds, lists, updates and deletes feeds with their poll job', async () => {
    const feed = await store.addFeed({
      url: 'https://a.example/rss',
      title: 'A',
      category: 'News',
      headers: { 'X-Key': '1' },
    });
    expect(feed).toMatchObject({
      id: expect.any(Number),
      title: 'A',
      category: 'News',
      paused: false,
      fullText: 'auto',
      errorCount: 0,
    });
    expect(feed.headers).toEqual({ 'X-Key': '1' });
    expect(await store.getJob('poll', String(feed.id))).toMatchObject({ state: 'queued' });
    await expect(store.addFeed({ url: 'https://a.example/rss' })).rejects.toMatchObject({ code: 'CONFLICT' });

    const updated = await store.updateFeed(feed.id, { lastError: 'boom', errorCount: 2, paused: true });
    expect(updated).toMatchObject({ lastError: 'boom', errorCount: 2, paused: true });
    await expect(store.updateFeed(9999, { title: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const second = await store.addFeed({ url: 'https://b.example/rss' });
    await expect(store.updateFeed(second.id, { url: 'https://a.example/rss' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await store.deleteFeed(second.id);

    await store.upsertEntry({
      feedId: feed.id,
      guid: 'g1',
      contentHash: 'h',
      article: article('One', 'Body one'),
    });
    const [listed] = await store.listFeeds();
    expect(listed.articleCount).toBe(1);

    expect(await store.deleteFeed(feed.id)).toBe(true);
    expect(await store.listFeeds()).toEqual([]);
    expect(await store.countArticles()).toBe(0);
    expect(await store.getJob('poll', String(feed.id))).toBeUndefined();
  });
});

describe('entries', () => {
  it('inserts, recognises an unchanged entry and updates an edited one in place', async () => {
    const feed = await store.addFeed({ url: 'https://b.example/rss' });
    const first = await store.upsertEntry({
      feedId: feed.id,
      guid: 'g1',
      contentHash: 'v1',
      article: article('Title', 'First version'),
    });
    expect(first.status).toBe('inserted');
    const again = await store.upsertEntry({
      feedId: feed.id,
      guid: 'g1',
      contentHash: 'v1',
      article: article('Title', 'First version'),
    });
    expect(again).toEqual({ id: first.id, status: 'unchanged' });
    const edited = await store.upsertEntry({
      feedId: feed.id,
      guid: 'g1',
      contentHash: 'v2',
      article: article('Title (updated)', 'Second version'),
    });
    expect(edited).toEqual({ id: first.id, status: 'updated' });
    const stored = await store.getArticle(first.id);
    expect(stored).toMatchObject({ headline: 'Title (updated)', text: 'Second version', contentHash: 'v2' });
    expect(stored?.html).toBe('<p>Second version</p>');
    expect(await store.countArticles(feed.id)).toBe(1);
  });

  it('matches a renamed guid by canonical link, then by title+date hash, but not a live sibling', async () => {
    const feed = await store.addFeed({ url: 'https://c.example/rss' });
    const a = await store.upsertEntry({
      feedId: feed.id,
      guid: 'old-1',
      canonicalUrl: 'https://c.example/a',
      contentHash: 'x',
      article: article('A', 'a'),
    });
    const renamed = await store.findEntry(
      feed.id,
      { guid: 'new-1', canonicalUrl: 'https://c.example/a' },
      new Set(['new-1']),
    );
    expect(renamed).toMatchObject({ id: a.id, matchedBy: 'canonicalUrl' });
    // The old guid is still in the feed: a second entry sharing the link is not the same entry.
    const sibling = await store.findEntry(
      feed.id,
      { guid: 'new-2', canonicalUrl: 'https://c.example/a' },
      new Set(['old-1', 'new-2']),
    );
    expect(sibling).toBeUndefined();

    const b = await store.upsertEntry({
      feedId: feed.id,
      identityHash: 'title-date',
      contentHash: 'y',
      article: article('B', 'b'),
    });
    expect(await store.findEntry(feed.id, { guid: 'zzz', identityHash: 'title-date' })).toMatchObject({
      id: b.id,
      matchedBy: 'identityHash',
    });
    // Another feed never matches.
    const other = await store.addFeed({ url: 'https://d.example/rss' });
    expect(
      await store.findEntry(other.id, { canonicalUrl: 'https://c.example/a', identityHash: 'title-date' }),
    ).toBeUndefined();

    const stillSame = await store.upsertEntry({
      feedId: feed.id,
      guid: 'new-1',
      canonicalUrl: 'https://c.example/a',
      contentHash: 'x',
      article: article('A', 'a'),
    });
    expect(stillSame).toEqual({ id: a.id, status: 'unchanged' });
    expect(await store.findEntry(feed.id, { guid: 'new-1' })).toMatchObject({ id: a.id, matchedBy: 'guid' });
  });

  it('pages articles newest first with a cursor', async () => {
    const feed = await store.addFeed({ url: 'https://e.example/rss' });
    for (let i = 0; i < 7; i++) {
      const published = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
      await store.upsertEntry({
        feedId: feed.id,
        guid: `g${i}`,
        contentHash: `h${i}`,
        article: article(`Day ${i}`, `text ${i}`, { published }),
      });
    }
    const first = await store.listArticles({ limit: 3 });
    expect(first.items.map((a) => a.headline)).toEqual(['Day 6', 'Day 5', 'Day 4']);
    const second = await store.listArticles({ limit: 3, cursor: first.next });
    const third = await store.listArticles({ limit: 3, cursor: second.next });
    expect(second.items.map((a) => a.headline)).toEqual(['Day 3', 'Day 2', 'Day 1']);
    expect(third.items.map((a) => a.headline)).toEqual(['Day 0']);
    expect(third.next).toBeUndefined();
    await expect(store.listArticles({ cursor: 'garbage' })).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });
});

describe('search', () => {
  beforeEach(async () => {
    const feed = await store.addFeed({ url: 'https://f.example/rss', title: 'Harbour Gazette' });
    const items: [string, string, string[], string][] = [
      [
        'Council approves new harbour bridge',
        'The council voted to build a bridge across the harbour.',
        ['Ann Lee'],
        '2026-02-01T10:00:00Z',
      ],
      [
        'Storm closes schools',
        'Heavy rain and wind closed schools; the bridge stayed open.',
        ['Bo Chan'],
        '2026-02-03T10:00:00Z',
      ],
      [
        'Elections next month',
        'Candidates registered for the elections of the harbour district.',
        ['Ann Lee'],
        '2026-02-05T10:00:00Z',
      ],
    ];
    for (const [i, [headline, text, authors, published]] of items.entries()) {
      await store.upsertEntry({
        feedId: feed.id,
        guid: `s${i}`,
        contentHash: 'h',
        sourceName: 'Harbour Gazette',
        article: article(headline, text, { authors, published }),
      });
    }
  });

  it('finds by words in headline and text, ranks headline matches first, and stems', async () => {
    const hits = await store.search('bridge');
    expect(hits.map((h) => h.headline)).toEqual([
      'Council approves new harbour bridge',
      'Storm closes schools',
    ]);
    expect(hits[1].snippet).toContain('«bridge»');
    expect((await store.search('election')).map((h) => h.headline)).toEqual(['Elections next month']);
  });

  it('supports phrases, exclusion, OR, fields and dates', async () => {
    const titles = async (q: string) => (await store.search(q)).map((h) => h.headline).sort();
    expect(await titles('"harbour bridge"')).toEqual(['Council approves new harbour bridge']);
    expect(await titles('harbour -bridge')).toEqual(['Elections next month']);
    expect(await titles('storm OR elections')).toEqual(['Elections next month', 'Storm closes schools']);
    expect(await titles('author:"Bo Chan"')).toEqual(['Storm closes schools']);
    expect(await titles('intitle:bridge')).toEqual(['Council approves new harbour bridge']);
    expect(await titles('source:gazette after:2026-02-02 before:2026-02-05')).toEqual([
      'Storm closes schools',
    ]);
    expect(await titles('bri*')).toHaveLength(2);
  });

  it('never passes FTS syntax errors through and rejects queries with nothing to find', async () => {
    expect(await store.search('bridge" (')).toHaveLength(2);
    expect(await store.search('bridge" AND (')).toHaveLength(1);
    await expect(store.search('-bridge')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
    await expect(store.search('   ')).rejects.toMatchObject({ code: 'INPUT_INVALID' });
  });

  it('keeps the index in step with edits and deletions', async () => {
    const [hit] = await store.search('storm');
    await store.upsertEntry({
      feedId: hit.feedId,
      guid: 's1',
      contentHash: 'h2',
      sourceName: 'Harbour Gazette',
      article: article('Calm returns', 'Schools reopen today.'),
    });
    expect(await store.search('storm')).toHaveLength(0);
    expect((await store.search('reopen')).map((h) => h.id)).toEqual([hit.id]);
    await store.deleteFeed(hit.feedId!);
    expect(await store.search('reopen')).toHaveLength(0);
  });
});

describe('stories', () => {
  it('aggregates a story from its articles and follows redirects', async () => {
    const feed = await store.addFeed({ url: 'https://g.example/rss' });
    const one = await store.upsertEntry({
      feedId: feed.id,
      guid: '1',
      contentHash: 'a',
      sourceName: 'G',
      article: article('Quake hits', 'x', { published: '2026-03-01T00:00:00Z' }),
    });
    const two = await store.upsertEntry({
      feedId: feed.id,
      guid: '2',
      contentHash: 'b',
      sourceName: 'H',
      article: article('Aftershocks', 'y', { published: '2026-03-02T00:00:00Z' }),
    });
    await store.setStoryAssignment(one.id, { story: 's1', copyGroup: String(one.id) });
    await store.setStoryAssignment(two.id, { story: 's1', copyGroup: String(two.id) });
    await store.refreshStories([{ id: 's1' }, { id: 's0', redirectTo: 's1' }]);
    const story = await store.getStory('s0');
    expect(story).toMatchObject({
      id: 's1',
      headline: 'Quake hits',
      articleCount: 2,
      sources: ['G', 'H'],
      firstAt: '2026-03-01T00:00:00Z',
      lastAt: '2026-03-02T00:00:00Z',
    });
    expect((await store.listStories()).map((s) => s.id)).toEqual(['s1']);
    expect((await store.listArticles({ storyId: 's1' })).items).toHaveLength(2);
  });
});

describe('jobs', () => {
  it('claims a due job once, even for two concurrent claimers, and requeues it on completion', async () => {
    await store.enqueueJob('poll', 'k1', new Date(Date.now() - 1000));
    await store.enqueueJob('poll', 'k2', new Date(Date.now() + 3600_000));
    // A second open in the same process shares the connection (two would block each other's thread).
    const other = await openStore({ dataDir: path.join(dir, 'nested', 'data') });
    try {
      const [a, b] = await Promise.all([
        store.claimJobs({ kind: 'poll', owner: 'p1', lockMs: 60_000, limit: 5 }),
        other.claimJobs({ kind: 'poll', owner: 'p2', lockMs: 60_000, limit: 5 }),
      ]);
      expect([...a, ...b].map((j) => j.key)).toEqual(['k1']);
      const winner = a.length ? 'p1' : 'p2';
      // Forced claims take queued jobs that are not due, never running ones.
      const forced = await other.claimJobs({
        kind: 'poll',
        owner: 'p2',
        lockMs: 60_000,
        limit: 5,
        ignoreSchedule: true,
      });
      expect(forced.map((j) => j.key)).toEqual(['k2']);
      const [held] = [...a, ...b];
      await store.completeJob(held.id, 'someone-else', new Date());
      expect((await store.getJob('poll', 'k1'))?.state).toBe('running');
      await store.completeJob(held.id, winner, new Date(Date.now() - 1));
      expect(await store.getJob('poll', 'k1')).toMatchObject({ state: 'queued', attempts: 0 });
    } finally {
      await other.close();
    }
  });

  it('takes over expired locks and recovers the jobs of dead holders', async () => {
    await store.enqueueJob('poll', 'k', new Date(0));
    const [job] = await store.claimJobs({ kind: 'poll', owner: 'dead:1', lockMs: 60_000 });
    expect(await store.claimJobs({ kind: 'poll', owner: 'p', lockMs: 60_000 })).toEqual([]);
    expect(await store.recoverJobs((owner) => owner === 'dead:1')).toBe(1);
    const [again] = await store.claimJobs({ kind: 'poll', owner: 'p', lockMs: -1 });
    expect(again.id).toBe(job.id);
    // Lock already expired (lockMs -1): another claimer may take it over.
    expect((await store.claimJobs({ kind: 'poll', owner: 'q', lockMs: 60_000 })).map((j) => j.id)).toEqual([
      job.id,
    ]);
    await store.failJob(job.id, 'q', 'HTTP 500', new Date(Date.now() + 60_000));
    expect(await store.getJob('poll', 'k')).toMatchObject({ state: 'queued', lastError: 'HTTP 500' });
  });
});
