import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feverKey, newToken, tokenHash } from '../../src/server/auth.js';
import { longItemId, parseItemId } from '../../src/server/routes/greader.js';
import { type Seeded, seed, signIn, startTestServer, type TestServer } from './helpers.js';

let server: TestServer;
let seeded: Seeded;
let userId: number;
let bearer: string;
let cookie: string;
let csrf: string;

beforeAll(async () => {
  server = await startTestServer();
  seeded = await seed(server.store);
  ({ userId, cookie, csrf } = await signIn(server, 'alice', 'correct horse battery'));
  const token = newToken();
  await server.reader.createApiToken({ userId, name: 'test', kind: 'api', tokenHash: tokenHash(token) });
  bearer = `Bearer ${token}`;
});
afterAll(async () => server?.close());

const unreadIds = async () =>
  (await server.reader.articleIds(userId, { unreadOnly: true, includeCopies: true, limit: 100 }))
    .map((r) => r.id)
    .sort((a, b) => a - b);

describe('REST API', () => {
  it('requires a token and refuses a wrong one', async () => {
    expect((await server.app.inject({ url: '/api/v1/articles' })).statusCode).toBe(401);
    expect(
      (await server.app.inject({ url: '/api/v1/articles', headers: { authorization: 'Bearer nope' } }))
        .statusCode,
    ).toBe(401);
  });

  it('serves an OpenAPI 3.1 document listing every path', async () => {
    const doc = (await server.app.inject({ url: '/api/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/articles',
        '/articles/{id}',
        '/stories',
        '/stories/{id}',
        '/sources',
        '/search',
        '/state',
      ]),
    );
  });

  it('lists articles with copies folded, pages with a cursor', async () => {
    const first = (
      await server.app.inject({ url: '/api/v1/articles?limit=2', headers: { authorization: bearer } })
    ).json();
    expect(first.items.map((a: { title: string }) => a.title)).toEqual([
      'Chipmaker opens quantum lab',
      'Flood sensors warned valley hours early',
    ]);
    const second = (
      await server.app.inject({
        url: `/api/v1/articles?limit=2&before=${encodeURIComponent(first.next)}`,
        headers: { authorization: bearer },
      })
    ).json();
    expect(second.items.map((a: { title: string }) => a.title)).toEqual([
      'River floods northern valley towns',
    ]);
    expect(second.items[0].copies).toBe(1);
    expect(second.next).toBeUndefined();
  });

  it('returns one article with text, bite and its copies; 404 for unknown', async () => {
    const a = (
      await server.app.inject({
        url: `/api/v1/articles/${seeded.ids['flood-a']}`,
        headers: { authorization: bearer },
      })
    ).json();
    expect(a.text).toContain('Mayor Jana Novak');
    expect(a.bite.entities[0].name).toBe('Jana Novak');
    expect(a.copiesOf.map((c: { id: number }) => c.id)).toEqual([seeded.ids['flood-copy']]);
    expect(
      (await server.app.inject({ url: '/api/v1/articles/99999', headers: { authorization: bearer } }))
        .statusCode,
    ).toBe(404);
  });

  it('lists stories and one story with its articles', async () => {
    const list = (
      await server.app.inject({ url: '/api/v1/stories', headers: { authorization: bearer } })
    ).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: seeded.storyId,
      articleCount: 3,
      unread: 2,
      sources: ['Tech Daily', 'World Wire'],
    });
    const story = (
      await server.app.inject({
        url: `/api/v1/stories/${seeded.storyId}`,
        headers: { authorization: bearer },
      })
    ).json();
    expect(story.articles).toHaveLength(3);
  });

  it('searches with the query language; a bad query is a 400 naming the problem', async () => {
    const res = (
      await server.app.inject({ url: '/api/v1/search?q=intitle:quantum', headers: { authorization: bearer } })
    ).json();
    expect(res.items.map((a: { title: string }) => a.title)).toEqual(['Chipmaker opens quantum lab']);
    const bad = await server.app.inject({
      url: '/api/v1/search?q=is:maybe',
      headers: { authorization: bearer },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toContain('is:maybe');
  });

  it('sets read and starred state, copies following, and lists sources with counts', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/state',
      headers: { authorization: bearer },
      payload: { ids: [seeded.ids['flood-a']], read: true, starred: true },
    });
    expect(res.json().items).toEqual([{ id: seeded.ids['flood-a'], read: true, starred: true }]);
    expect(await unreadIds()).toEqual([seeded.ids['flood-b'], seeded.ids.chip]);
    const sources = (
      await server.app.inject({ url: '/api/v1/sources', headers: { authorization: bearer } })
    ).json();
    const world = sources.items.find((s: { id: number }) => s.id === seeded.feeds.world);
    expect(world).toMatchObject({ title: 'World Wire', folder: 'News', unread: 0, total: 1 });
    // Undo for the next tests.
    await server.reader.markRead(userId, [seeded.ids['flood-a']], false);
    await server.reader.setStarred(userId, [seeded.ids['flood-a']], false);
  });

  it('accepts the browser session only with the CSRF header for writes', async () => {
    const url = '/api/v1/state';
    const payload = { ids: [seeded.ids.chip], starred: true };
    expect((await server.app.inject({ method: 'POST', url, headers: { cookie }, payload })).statusCode).toBe(
      403,
    );
    expect(
      (await server.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': csrf }, payload }))
        .statusCode,
    ).toBe(200);
    await server.reader.setStarred(userId, [seeded.ids.chip], false);
  });
});

describe('Google Reader API', () => {
  let auth: string;
  const gr = (url: string, init: { method?: 'GET' | 'POST'; form?: string } = {}) =>
    server.app.inject({
      method: init.method ?? 'GET',
      url,
      headers: {
        authorization: auth,
        ...(init.form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: init.form,
    });

  it('converts item ids both ways', () => {
    expect(longItemId(255)).toBe('tag:google.com,2005:reader/item/00000000000000ff');
    expect(parseItemId('tag:google.com,2005:reader/item/00000000000000ff')).toBe(255);
    expect(parseItemId('255')).toBe(255);
    expect(parseItemId('junk')).toBeUndefined();
  });

  it('logs in with ClientLogin and refuses a wrong password', async () => {
    const bad = await server.app.inject({
      method: 'POST',
      url: '/accounts/ClientLogin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'Email=alice&Passwd=wrong',
    });
    expect(bad.statusCode).toBe(401);
    const res = await server.app.inject({
      method: 'POST',
      url: '/accounts/ClientLogin',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'Email=alice&Passwd=correct+horse+battery&service=reader',
    });
    expect(res.statusCode).toBe(200);
    const token = /^Auth=(.+)$/m.exec(res.body)![1];
    auth = `GoogleLogin auth=${token}`;
    expect((await server.app.inject({ url: '/reader/api/0/user-info' })).statusCode).toBe(401);
    expect((await gr('/reader/api/0/user-info')).json()).toMatchObject({
      userName: 'alice',
      userId: String(userId),
    });
    expect((await gr('/reader/api/0/token')).body).toMatch(/^\w{20,}$/);
  });

  it('lists subscriptions, tags and unread counts', async () => {
    const subs = (await gr('/reader/api/0/subscription/list?output=json')).json().subscriptions;
    expect(subs.map((s: { id: string }) => s.id).sort()).toEqual(
      [`feed/${seeded.feeds.tech}`, `feed/${seeded.feeds.world}`].sort(),
    );
    expect(subs.find((s: { id: string }) => s.id === `feed/${seeded.feeds.world}`).categories).toEqual([
      { id: 'user/-/label/News', label: 'News' },
    ]);
    const tags = (await gr('/reader/api/0/tag/list?output=json'))
      .json()
      .tags.map((t: { id: string }) => t.id);
    expect(tags).toEqual(['user/-/state/com.google/starred', 'user/-/label/News']);
    const counts = (await gr('/reader/api/0/unread-count?output=json')).json().unreadcounts;
    const byId = Object.fromEntries(counts.map((c: { id: string; count: number }) => [c.id, c.count]));
    expect(byId['user/-/state/com.google/reading-list']).toBe(3);
    expect(byId[`feed/${seeded.feeds.tech}`]).toBe(2);
  });

  it('streams item ids and contents, with continuation', async () => {
    const ids = (
      await gr(
        '/reader/api/0/stream/items/ids?s=user/-/state/com.google/reading-list&n=2&xt=user/-/state/com.google/read',
      )
    ).json();
    expect(ids.itemRefs.map((r: { id: string }) => Number(r.id))).toEqual([
      seeded.ids.chip,
      seeded.ids['flood-b'],
    ]);
    expect(ids.continuation).toBe('2');
    const contents = (await gr(`/reader/api/0/stream/contents/feed%2F${seeded.feeds.world}?n=10`)).json();
    expect(contents.items).toHaveLength(1);
    expect(contents.items[0]).toMatchObject({
      id: longItemId(seeded.ids['flood-a']),
      title: 'River floods northern valley towns',
    });
    expect(contents.items[0].summary.content).toContain('Mayor Jana Novak');
    const items = (
      await gr('/reader/api/0/stream/items/contents', {
        method: 'POST',
        form: `i=${seeded.ids.chip}&i=${longItemId(seeded.ids['flood-b'])}`,
      })
    ).json();
    expect(items.items.map((i: { title: string }) => i.title).sort()).toEqual([
      'Chipmaker opens quantum lab',
      'Flood sensors warned valley hours early',
    ]);
  });

  it('edit-tag marks read and starred; mark-all-as-read clears a feed', async () => {
    const ok = await gr('/reader/api/0/edit-tag', {
      method: 'POST',
      form: `i=${longItemId(seeded.ids.chip)}&a=user/-/state/com.google/read&a=user/-/state/com.google/starred&T=x`,
    });
    expect(ok.body).toBe('OK');
    const starred = (await gr('/reader/api/0/stream/items/ids?s=user/-/state/com.google/starred')).json();
    expect(starred.itemRefs.map((r: { id: string }) => Number(r.id))).toEqual([seeded.ids.chip]);
    expect(await unreadIds()).toEqual([
      seeded.ids['flood-a'],
      seeded.ids['flood-b'],
      seeded.ids['flood-copy'],
    ]);
    await gr('/reader/api/0/mark-all-as-read', { method: 'POST', form: `s=feed/${seeded.feeds.world}` });
    expect(await unreadIds()).toEqual([seeded.ids['flood-b'], seeded.ids['flood-copy']]);
    await gr('/reader/api/0/edit-tag', {
      method: 'POST',
      form: `i=${seeded.ids.chip}&r=user/-/state/com.google/read&r=user/-/state/com.google/starred`,
    });
    await server.reader.markRead(userId, [seeded.ids['flood-a']], false);
    expect(await unreadIds()).toEqual([
      seeded.ids['flood-a'],
      seeded.ids['flood-b'],
      seeded.ids['flood-copy'],
      seeded.ids.chip,
    ]);
  });

  it('serves FeedHQ-style Atom streams with read state as categories', async () => {
    await server.reader.markRead(userId, [seeded.ids.chip]);
    const res = await gr(`/reader/atom/feed%2F${seeded.feeds.tech}?n=10`);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const entries = res.body.split('<entry').length - 1;
    expect(entries).toBe(3);
    const readEntries = res.body.split('<entry').filter((e) => e.includes('state/com.google/read"'));
    expect(readEntries).toHaveLength(1);
    expect(readEntries[0]).toContain(longItemId(seeded.ids.chip));
    await server.reader.markRead(userId, [seeded.ids.chip], false);
  });
});

describe('Fever API', () => {
  const fever = (query: string, key: string) =>
    server.app.inject({
      method: 'POST',
      url: `/fever/?api&${query}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `api_key=${key}`,
    });

  it('answers auth 0 without a Fever password, 1 with md5(name:password)', async () => {
    expect((await fever('', feverKey('alice', 'fever-pass'))).json()).toEqual({ api_version: 3, auth: 0 });
    await server.reader.updateUser(userId, { feverKey: feverKey('alice', 'fever-pass') });
    expect((await fever('', feverKey('alice', 'fever-pass'))).json()).toMatchObject({
      api_version: 3,
      auth: 1,
    });
  });

  it('lists groups, feeds, items and unread/saved ids, and marks items', async () => {
    const key = feverKey('alice', 'fever-pass');
    const groups = (await fever('groups', key)).json();
    expect(groups.groups).toEqual([{ id: 1, title: 'News' }]);
    expect(groups.feeds_groups).toEqual([{ group_id: 1, feed_ids: String(seeded.feeds.world) }]);
    const feeds = (await fever('feeds', key)).json();
    expect(feeds.feeds.map((f: { title: string }) => f.title).sort()).toEqual(['Tech Daily', 'World Wire']);
    const items = (await fever('items&since_id=0', key)).json();
    expect(items.items.map((i: { id: number }) => i.id)).toEqual(
      [...Object.values(seeded.ids)].sort((a, b) => b - a),
    );
    expect(items.total_items).toBe(4);
    const since = (await fever(`items&since_id=${seeded.ids['flood-b']}`, key)).json();
    expect(since.items.map((i: { id: number }) => i.id)).toEqual([seeded.ids['flood-copy'], seeded.ids.chip]);
    await fever(`mark=item&as=read&id=${seeded.ids.chip}`, key);
    await fever(`mark=item&as=saved&id=${seeded.ids['flood-b']}`, key);
    const unread = (await fever('unread_item_ids', key))
      .json()
      .unread_item_ids.split(',')
      .map(Number)
      .sort((a: number, b: number) => a - b);
    expect(unread).toEqual([seeded.ids['flood-a'], seeded.ids['flood-b'], seeded.ids['flood-copy']]);
    expect((await fever('saved_item_ids', key)).json().saved_item_ids).toBe(String(seeded.ids['flood-b']));
    await fever(`mark=feed&as=read&id=${seeded.feeds.world}`, key);
    expect(await unreadIds()).toEqual([seeded.ids['flood-b'], seeded.ids['flood-copy']]);
    await fever(`mark=item&as=unsaved&id=${seeded.ids['flood-b']}`, key);
    expect((await fever('saved_item_ids', key)).json().saved_item_ids).toBe('');
  });
});

describe('outgoing feeds', () => {
  it('serves RSS, Atom and JSON Feed for a source, a story, a saved search and starred, behind the secret', async () => {
    const user = (await server.reader.userByName('alice'))!;
    const t = user.feed_token;
    const rss = await server.app.inject({ url: `/feeds/${t}/source/${seeded.feeds.tech}.xml` });
    expect(rss.headers['content-type']).toContain('application/rss+xml');
    expect(rss.body.match(/<item>/g)).toHaveLength(2);
    expect(rss.body).toContain('<title>Chipmaker opens quantum lab</title>');
    const atom = await server.app.inject({ url: `/feeds/${t}/story/${seeded.storyId}.atom` });
    expect(atom.body.match(/<entry>/g)).toHaveLength(3);
    const saved = await server.reader.createSavedSearch(userId, 'floods', 'valley');
    const json = (await server.app.inject({ url: `/feeds/${t}/search/${saved.id}.json` })).json();
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items.map((i: { title: string }) => i.title)).toEqual([
      'Flood sensors warned valley hours early',
      'River floods northern valley towns',
    ]);
    await server.reader.setStarred(userId, [seeded.ids.chip]);
    const starred = await server.app.inject({ url: `/feeds/${t}/starred.xml` });
    expect(starred.body.match(/<item>/g)).toHaveLength(1);
    expect((await server.app.inject({ url: `/feeds/wrong-secret/starred.xml` })).statusCode).toBe(404);
    expect((await server.app.inject({ url: `/feeds/${t}/source/999.xml` })).statusCode).toBe(404);
  });
});
