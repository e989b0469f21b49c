import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NewsBiteError } from '../../src/errors.js';
import { compileQuery, parseQuery } from '../../src/server/query.js';
import { FTS_COLUMNS } from '../../src/server/search-page.js';
import type { SourceService } from '../../src/server/sources.js';
import { cookieValue, type Seeded, seed, signIn, startTestServer, type TestServer } from './helpers.js';

const form = (data: Record<string, string>) => ({
  'content-type': 'application/x-www-form-urlencoded',
  payload: new URLSearchParams(data).toString(),
});

describe('first run and sign-in', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ loginLimit: 3 });
  });
  afterAll(async () => server?.close());

  it('sends everyone to /setup while no account exists, and setup creates the admin once', async () => {
    const home = await server.app.inject({ url: '/' });
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/setup');
    const page = await server.app.inject({ url: '/setup' });
    const pre = cookieValue(page.headers['set-cookie'], 'nb_csrf');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1];
    const { 'content-type': type, payload } = form({
      name: 'admin',
      password: 'long enough pw',
      _csrf: csrf,
    });
    const created = await server.app.inject({
      method: 'POST',
      url: '/setup',
      headers: { cookie: `nb_csrf=${pre}`, 'content-type': type },
      payload,
    });
    expect(created.statusCode).toBe(303);
    const setCookie = String(created.headers['set-cookie']);
    expect(setCookie).toMatch(/nb_session=[^;]+; Path=\/; SameSite=Lax; HttpOnly/);
    expect(setCookie).not.toContain('Secure');
    const user = await server.reader.userByName('admin');
    expect(user?.is_admin).toBe(1);
    expect(user?.password_hash).toMatch(/^scrypt\$/);
    // Closed now, even with a valid token.
    const again = await server.app.inject({
      method: 'POST',
      url: '/setup',
      headers: { cookie: `nb_csrf=${pre}`, 'content-type': type },
      payload,
    });
    expect(again.statusCode).toBe(403);
    expect((await server.app.inject({ url: '/setup' })).headers.location).toBe('/login');
  });

  it('refuses a login form without the CSRF token', async () => {
    const { 'content-type': type, payload } = form({ name: 'admin', password: 'long enough pw' });
    const res = await server.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': type },
      payload,
    });
    expect(res.statusCode).toBe(403);
  });

  it('marks the session cookie Secure behind a TLS proxy on loopback', async () => {
    const page = await server.app.inject({ url: '/login' });
    const pre = cookieValue(page.headers['set-cookie'], 'nb_csrf');
    const { 'content-type': type, payload } = form({
      name: 'admin',
      password: 'long enough pw',
      _csrf: decodeURIComponent(pre),
    });
    const res = await server.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: `nb_csrf=${pre}`, 'content-type': type, 'x-forwarded-proto': 'https' },
      payload,
      remoteAddress: '127.0.0.1',
    });
    expect(res.statusCode).toBe(303);
    expect(String(res.headers['set-cookie'])).toContain('Secure');
  });

  it('rate-limits failed logins per address', async () => {
    const page = await server.app.inject({ url: '/login', remoteAddress: '10.0.0.9' });
    const pre = cookieValue(page.headers['set-cookie'], 'nb_csrf');
    const attempt = (password: string) => {
      const { 'content-type': type, payload } = form({
        name: 'admin',
        password,
        _csrf: decodeURIComponent(pre),
      });
      return server.app.inject({
        method: 'POST',
        url: '/login',
        headers: { cookie: `nb_csrf=${pre}`, 'content-type': type },
        payload,
        remoteAddress: '10.0.0.9',
      });
    };
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password')).statusCode).toBe(401);
    const blocked = await attempt('long enough pw');
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('setup race', () => {
  it('two setup posts at once create one account', async () => {
    const server = await startTestServer();
    try {
      const page = await server.app.inject({ url: '/setup' });
      const pre = cookieValue(page.headers['set-cookie'], 'nb_csrf');
      const post = (name: string) => {
        const { 'content-type': type, payload } = form({
          name,
          password: 'long enough pw',
          _csrf: decodeURIComponent(pre),
        });
        return server.app.inject({
          method: 'POST',
          url: '/setup',
          headers: { cookie: `nb_csrf=${pre}`, 'content-type': type },
          payload,
        });
      };
      const results = await Promise.all([post('first'), post('second')]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([303, 409]);
      expect((await server.reader.listUsers()).length).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('reading', () => {
  let server: TestServer;
  let seeded: Seeded;
  let cookie: string;
  let csrf: string;
  let userId: number;
  const added: string[] = [];
  const fakeSources: SourceService = {
    async add(url) {
      if (!url.startsWith('http')) throw new NewsBiteError('INPUT_INVALID', `"${url}" is not a URL`);
      added.push(url);
      const feed = await server.store.addFeed({ url, title: 'Added Feed' });
      return { feedId: feed.id, url, title: 'Added Feed' };
    },
    async importOpml(text) {
      const urls = [...text.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
      const out = [];
      for (const url of urls) {
        if (url.includes('bad')) out.push({ url, ok: false, message: 'not a URL' });
        else {
          const feed = await server.store.addFeed({ url });
          out.push({ url, ok: true, message: 'added', feedId: feed.id, folder: 'Imported' });
        }
      }
      return out;
    },
  };

  beforeAll(async () => {
    server = await startTestServer({ sources: fakeSources });
    seeded = await seed(server.store);
    ({ cookie, csrf, userId } = await signIn(server));
  });
  afterAll(async () => server?.close());

  const get = (url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ url, headers: { cookie, ...headers } });
  const post = (url: string, data: Record<string, string>, withCsrf = true) => {
    const { 'content-type': type, payload } = form(withCsrf ? { ...data, _csrf: csrf } : data);
    return server.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': type }, payload });
  };

  it('front page lists the story with its bite, sources, unread count, and folds the copy', async () => {
    const res = await get('/');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Floods hit valley towns');
    expect(res.body).toContain('Sensors had warned six hours early.');
    expect(res.body).toContain('Tech Daily · World Wire');
    // Two representatives unread; the copy does not count.
    expect(res.body).toContain('2 unread');
    expect(res.body).toContain('Chipmaker opens quantum lab');
  });

  it('story page credits each bite sentence, shows what each source adds and folds copies', async () => {
    const res = await get(`/stories/${seeded.storyId}`);
    expect(res.body).toContain(
      `The Aller river flooded three valley towns. <a class="credit" href="/articles/${seeded.ids['flood-a']}">(World Wire)</a>`,
    );
    expect(res.body).toContain('Only here:');
    expect(res.body).toContain('Engineers said the network of 40 sensors cost less than one pump.');
    expect(res.body).toMatch(/Copies \(folded\)[\s\S]*\/articles\/3/);
  });

  it('article page shows the clean text, bite, entities, quotes, sourcing, credit and copies; opening marks read by POST', async () => {
    const copy = await get(`/articles/${seeded.ids['flood-copy']}`);
    expect(copy.body).toContain('Originally published by <a href="https://world.example/floods"');
    const res = await get(`/articles/${seeded.ids['flood-a']}`);
    expect(res.body).toContain(
      '<p>Mayor Jana Novak said 400 residents were moved to the school gym overnight.</p>',
    );
    expect(res.body).toContain('Key points');
    expect(res.body).toContain('Jana Novak</a> <small>person</small>');
    expect(res.body).toContain('<q>We moved everyone before midnight</q> — Jana Novak');
    expect(res.body).toContain('No attributed sources.');
    expect(res.body).toContain('Also published by');
    expect(res.body).toContain('href="https://world.example/floods"');
    const readState = async () =>
      (
        await server.reader.articles(userId, {
          ids: [seeded.ids['flood-a'], seeded.ids['flood-copy']],
          includeCopies: true,
          limit: 5,
        })
      ).map((a) => a.read);
    // The GET changes nothing (link prefetchers); the page offers the read toggle its script posts.
    expect(await readState()).toEqual([0, 0]);
    expect(res.body).toMatch(
      new RegExp(
        `action="/articles/${seeded.ids['flood-a']}/read" class="js-toggle" data-toggle="read">[\\s\\S]*?name="value" value="1"`,
      ),
    );
    const marked = await server.app.inject({
      method: 'POST',
      url: `/articles/${seeded.ids['flood-a']}/read`,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'value=1',
    });
    expect(marked.json()).toEqual({ id: seeded.ids['flood-a'], read: true });
    // Read state follows the copy group.
    expect(await readState()).toEqual([1, 1]);
  });

  it('stars through the form and through fetch() with the CSRF header, and lists starred', async () => {
    const id = seeded.ids.chip;
    const formRes = await post(`/articles/${id}/star`, { value: '1', back: '/starred' });
    expect(formRes.statusCode).toBe(303);
    expect(formRes.headers.location).toBe('/starred');
    expect((await get('/starred')).body).toContain('Chipmaker opens quantum lab');
    const js = await server.app.inject({
      method: 'POST',
      url: `/articles/${id}/star`,
      headers: {
        cookie,
        'x-csrf-token': csrf,
        accept: 'application/json',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'value=0',
    });
    expect(js.json()).toEqual({ id, starred: false });
    expect((await get('/starred')).body).not.toContain('Chipmaker opens quantum lab');
  });

  it('refuses state changes without the CSRF token', async () => {
    const res = await post(`/articles/${seeded.ids.chip}/read`, { value: '1' }, false);
    expect(res.statusCode).toBe(403);
    const state = await server.reader.articles(userId, { ids: [seeded.ids.chip], limit: 1 });
    expect(state[0].read).toBe(0);
  });

  it('does not follow an off-site "back" after a form post', async () => {
    const res = await post(`/articles/${seeded.ids.chip}/read`, { value: '0', back: '//evil.example/' });
    expect(res.headers.location).toBe(`/articles/${seeded.ids.chip}`);
  });

  it('a repeated search is served again but shows state written in between', async () => {
    const url = `/search?q=${encodeURIComponent('quantum')}`;
    const starredButton = /aria-pressed="true">★ Starred/;
    const first = await get(url);
    expect(first.body).toContain('Chipmaker opens quantum lab');
    expect(first.body).not.toMatch(starredButton);
    expect((await get(url)).body).toBe(first.body);
    await post(`/articles/${seeded.ids.chip}/star`, { value: '1' });
    expect((await get(url)).body).toMatch(starredButton);
    await post(`/articles/${seeded.ids.chip}/star`, { value: '0' });
    expect((await get(url)).body).not.toMatch(starredButton);
  });

  it("search results show each bite's summary, read from the store without the rest of the bite", async () => {
    const res = await get(`/search?q=${encodeURIComponent('valley')}`);
    expect(res.body).toContain('The Aller river flooded three valley towns after heavy rain.');
    const match = compileQuery(parseQuery('valley'), FTS_COLUMNS);
    const full = await server.reader.articles(userId, { ...match, limit: 10 });
    const cut = await server.reader.articles(userId, { ...match, limit: 10, summaryOnly: true });
    expect(cut.map((a) => a.id)).toEqual(full.map((a) => a.id));
    const id = seeded.ids['flood-a'];
    const fullBite = JSON.parse(full.find((a) => a.id === id)?.bite ?? 'null');
    expect(fullBite.entities).toHaveLength(1);
    expect(JSON.parse(cut.find((a) => a.id === id)?.bite ?? 'null')).toEqual({ summary: fullBite.summary });
  });

  it('searches with the query language and saves a search', async () => {
    const res = await get(`/search?q=${encodeURIComponent('valley -sensors source:"World Wire"')}`);
    expect(res.body).toContain('River floods northern valley towns');
    expect(res.body).not.toContain('Flood sensors warned');
    const entity = await get(`/search?q=${encodeURIComponent('entity:"Jana Novak"')}`);
    expect(entity.body).toContain('River floods northern valley towns');
    expect(entity.body).not.toContain('Chipmaker');
    const bad = await get('/search?q=before:2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('is not a date');
    const saved = await post('/searches', { query: 'quantum', name: 'Quantum news' });
    expect(saved.statusCode).toBe(303);
    const list = await get('/search');
    expect(list.body).toContain('Quantum news');
  });

  it('mark-all-read marks every visible article read', async () => {
    await post('/mark-all-read', {});
    expect(await server.reader.unreadCount(userId)).toBe(0);
    const res = await get('/');
    expect(res.body).not.toContain('unread</strong>');
  });

  it('adds a source, imports OPML with per-feed results, exports OPML, pauses a feed', async () => {
    const add = await post('/sources', { url: 'https://new.example/feed.xml', folder: 'Fresh' });
    expect(add.statusCode).toBe(200);
    expect(add.body).toContain('Added Added Feed');
    expect(added).toEqual(['https://new.example/feed.xml']);
    const badAdd = await post('/sources', { url: 'not a url' });
    expect(badAdd.statusCode).toBe(422);
    expect(badAdd.body).toContain('is not a URL');
    const opml =
      '<opml version="2.0"><body><outline xmlUrl="https://a.example/rss"/><outline xmlUrl="bad"/></body></opml>';
    const imported = await post('/sources/import', { opml });
    expect(imported.body).toContain('Imported 1 of 2 feeds.');
    expect(imported.body).toContain('✗ bad — not a URL');
    const exported = await get('/sources/export.opml');
    expect(exported.headers['content-type']).toContain('text/x-opml');
    expect(exported.body).toContain('xmlUrl="https://a.example/rss"');
    expect(exported.body).toMatch(/<outline text="Fresh"[^>]*>\s*<outline type="rss" text="Added Feed"/);
    const pause = await post(`/sources/${seeded.feeds.tech}`, { paused: '1', full_text: 'always' });
    expect(pause.statusCode).toBe(303);
    const feed = await server.reader.feedById(seeded.feeds.tech);
    expect([feed?.paused, feed?.full_text]).toEqual([1, 'always']);
  });

  it('serves static assets with long caching, ETag revalidation and gzip', async () => {
    const page = await get('/');
    const src = /<script src="(\/static\/app\.js\?v=[^"]+)"/.exec(page.body)![1];
    const res = await server.app.inject({ url: src, headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.rawPayload).toString()).toContain('keydown');
    const again = await server.app.inject({
      url: src,
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('gzips pages and sets the security headers', async () => {
    const res = await get('/', { 'accept-encoding': 'gzip, br' });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.rawPayload).toString()).toContain('<!doctype html>');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });

  it('signs out and the session stops working', async () => {
    const out = await post('/logout', {});
    expect(out.statusCode).toBe(303);
    const after = await get('/');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toContain('/login');
  });
});
