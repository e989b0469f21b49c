/** The web reader: sign-in, stories, articles, search, sources and settings. */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isNewsBiteError, NewsBiteError } from '../../errors.js';
import type { FeedWithCounts, User } from '../../store/reader.js';
import { field, notFound, PRELOGIN_COOKIE, SESSION_COOKIE, type ServerContext } from '../app.js';
import { feverKey, hashPassword, newToken, tokenHash, verifyPassword } from '../auth.js';
import { html } from '../html.js';
import { parseQuery } from '../query.js';
import { renderSearchPage, type SearchJob } from '../search-page.js';
import { cookie } from '../security.js';
import {
  articlePage,
  authPage,
  frontPage,
  listPage,
  settingsPage,
  sourcesPage,
  storyPage,
  whatEachAdds,
} from '../views/pages.js';

const PAGE_SIZE = 30;
const gzip = promisify(zlib.gzip);
/**
 * A rendered page for the page cache. A search worker sends a 200 as its gzip alone (what
 * nearly every client takes); anything else comes as HTML.
 */
interface RenderedPage {
  status?: number;
  html?: string;
  gzip?: Buffer;
}

/**
 * Cached pages are compressed once, at level 1 like every other response: a search that is
 * not asked again pays the compression alone (level 6 costs ~3× the CPU of level 1).
 * Inline up to 64 kB, as in security.ts: cheaper than the hand-off to the thread pool.
 */
const gzipPage = async (text: string) =>
  text.length <= 64 * 1024 ? zlib.gzipSync(text, { level: 1 }) : gzip(text, { level: 1 });

function sendHtml(reply: FastifyReply, page: { value: string }) {
  reply.header('cache-control', 'no-store');
  return reply.type('text/html; charset=utf-8').send(page.value);
}

/** Only same-site relative paths are followed after a form post. */
export function localPath(value: string | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  return value;
}

export function validateName(name: string | undefined): string {
  const n = (name ?? '').trim();
  if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(n)) {
    throw new NewsBiteError('INPUT_INVALID', 'user name: 1–64 letters, digits, dot, dash, underscore or @');
  }
  return n;
}

export function validatePassword(password: string | undefined): string {
  if (!password || password.length < 8)
    throw new NewsBiteError('INPUT_INVALID', 'password: at least 8 characters');
  if (password.length > 1024) throw new NewsBiteError('INPUT_INVALID', 'password: at most 1024 characters');
  return password;
}

/** Creates a user with a hashed password and fresh feed secret (the CLI uses this too). */
export async function createUser(
  ctx: Pick<ServerContext, 'reader'>,
  name: string,
  password: string,
  isAdmin: boolean,
): Promise<User> {
  const n = validateName(name);
  validatePassword(password);
  if (await ctx.reader.userByName(n)) throw new NewsBiteError('CONFLICT', `user "${n}" already exists`);
  return ctx.reader.createUser({
    name: n,
    passwordHash: await hashPassword(password),
    isAdmin,
    feedToken: newToken(),
  });
}

export function registerPages(app: FastifyInstance, ctx: ServerContext): void {
  const { reader } = ctx;

  /** The signed-in user, or a redirect to sign-in (or to setup while no account exists). */
  async function user(request: FastifyRequest, reply: FastifyReply): Promise<User | undefined> {
    if (request.auth.user) return request.auth.user;
    const target =
      (await reader.countUsers()) === 0 ? '/setup' : `/login?next=${encodeURIComponent(request.url)}`;
    reply.redirect(target, 303);
    return undefined;
  }

  /** Login and setup forms carry a pre-session double-submit token. */
  function ensurePreloginCsrf(request: FastifyRequest, reply: FastifyReply) {
    if (request.auth.csrf) return;
    const token = newToken();
    request.auth.csrf = token;
    reply.header('set-cookie', cookie(request, PRELOGIN_COOKIE, token));
  }

  app.get('/setup', async (request, reply) => {
    if ((await reader.countUsers()) > 0) return reply.redirect('/login', 303);
    ensurePreloginCsrf(request, reply);
    return sendHtml(reply, authPage(ctx, request, 'setup'));
  });

  // Two setup posts at once must not both see "no account yet".
  let setupRunning = false;
  app.post('/setup', async (request, reply) => {
    if (setupRunning) return reply.code(409).type('text/plain').send('setup is already running');
    setupRunning = true;
    try {
      if ((await reader.countUsers()) > 0) {
        return reply.code(403).type('text/plain').send('setup is closed: an account exists');
      }
      const created = await createUser(
        ctx,
        field(request.body, 'name') ?? '',
        field(request.body, 'password') ?? '',
        true,
      );
      await ctx.startSession(request, reply, created);
      return reply.redirect('/sources', 303);
    } catch (error) {
      if (!isNewsBiteError(error)) throw error;
      reply.code(400);
      return sendHtml(reply, authPage(ctx, request, 'setup', error.message));
    } finally {
      setupRunning = false;
    }
  });

  app.get('/login', async (request, reply) => {
    if ((await reader.countUsers()) === 0) return reply.redirect('/setup', 303);
    ensurePreloginCsrf(request, reply);
    return sendHtml(reply, authPage(ctx, request, 'login'));
  });

  app.post('/login', async (request, reply) => {
    const name = (field(request.body, 'name') ?? '').trim();
    const password = field(request.body, 'password') ?? '';
    const keys = [`ip:${request.ip}`, `name:${name.toLowerCase()}`];
    const wait = Math.max(...keys.map((k) => ctx.throttle.retryAfter(k)));
    if (wait > 0) {
      reply.code(429).header('retry-after', String(Math.ceil(wait / 1000)));
      return sendHtml(reply, authPage(ctx, request, 'login', 'Too many failed attempts. Try again later.'));
    }
    const found = name ? await reader.userByName(name) : undefined;
    const ok = found ? await verifyPassword(password, found.password_hash) : false;
    if (!found || !ok) {
      for (const k of keys) ctx.throttle.fail(k);
      reply.code(401);
      return sendHtml(reply, authPage(ctx, request, 'login', 'Wrong user name or password.'));
    }
    for (const k of keys) ctx.throttle.succeed(k);
    await ctx.startSession(request, reply, found);
    const next = (request.query as Record<string, string>).next;
    return reply.redirect(localPath(next), 303);
  });

  app.post('/logout', async (request, reply) => {
    if (request.auth.sessionHash) await reader.deleteSession(request.auth.sessionHash);
    reply.header('set-cookie', cookie(request, SESSION_COOKIE, '', { maxAgeSec: 0 }));
    return reply.redirect('/login', 303);
  });

  /**
   * The front page and search results are the most requested pages and change only when
   * articles arrive or state changes: the rendered page (and its gzip) is kept per session and
   * URL for up to 5 s, keyed by the data version (latest article id + this process's state
   * writes), like the story list beneath it. Saved-search edits bump the version too.
   */
  interface CachedPage {
    version: string;
    at: number;
    gzip: Buffer;
    /** Decompressed on the first request from a client without gzip. */
    html?: string;
  }
  const pageCache = new Map<string, CachedPage>();
  const PAGE_CACHE_MS = 5000;

  function sendCached(request: FastifyRequest, reply: FastifyReply, hit: CachedPage) {
    reply
      .header('cache-control', 'no-store')
      .header('vary', 'accept-encoding')
      .type('text/html; charset=utf-8');
    if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      return reply.header('content-encoding', 'gzip').send(hit.gzip);
    }
    hit.html ??= zlib.gunzipSync(hit.gzip).toString('utf8');
    return reply.send(hit.html);
  }

  /** Serves `key` from the cache when the data has not changed, else renders, stores and sends it. */
  async function cachedPage(
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    render: () => Promise<RenderedPage | undefined>,
  ) {
    const version = await reader.version();
    const hit = pageCache.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < PAGE_CACHE_MS) {
      return sendCached(request, reply, hit);
    }
    const rendered = await render();
    if (!rendered) return reply;
    if (rendered.status !== undefined) reply.code(rendered.status);
    // Errors (and anything not a 200) are sent as they are, never cached.
    if (reply.statusCode !== 200) return sendHtml(reply, { value: rendered.html ?? '' });
    if (pageCache.size > 500) pageCache.clear(); // at most ~25 MB of pages
    const entry: CachedPage = {
      version,
      at: Date.now(),
      html: rendered.html,
      gzip: rendered.gzip ?? (await gzipPage(rendered.html ?? '')),
    };
    pageCache.set(key, entry);
    return sendCached(request, reply, entry);
  }

  app.get<{ Querystring: { page?: string } }>('/', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const page = Math.max(1, Math.min(1000, Number(request.query.page) || 1));
    return cachedPage(request, reply, `front:${u.id}:${page}:${request.auth.csrf}`, async () => ({
      html: (await renderFront(request, u, page)).value,
    }));
  });

  async function renderFront(request: FastifyRequest, u: User, page: number) {
    const [stories, unread] = await Promise.all([
      reader.stories(u.id, { limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE }),
      reader.unreadCount(u.id),
    ]);
    // Before the story engine has run (or for articles without a story), show the latest articles.
    const loose =
      page === 1 && stories.length < 5
        ? (await reader.articles(u.id, { limit: PAGE_SIZE, unreadOnly: false })).filter((a) => !a.story_id)
        : [];
    return frontPage(ctx, request, {
      stories: stories.slice(0, PAGE_SIZE),
      loose,
      unread,
      page,
      more: stories.length > PAGE_SIZE,
    });
  }

  app.get<{ Params: { id: string } }>('/stories/:id', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const story = await reader.story(request.params.id);
    if (!story) return notFound(`story ${request.params.id}`);
    if (story.id !== request.params.id)
      return reply.redirect(`/stories/${encodeURIComponent(story.id)}`, 301);
    const articles = await reader.articles(u.id, { storyId: story.id, limit: 200, oldestFirst: true });
    if (articles.length === 0) return notFound(`story ${request.params.id}`);
    const texts = await Promise.all(
      articles
        .filter((a) => !a.copy_of)
        .slice(0, 30)
        .map((a) => reader.article(u.id, a.id)),
    );
    const adds = whatEachAdds(
      texts.filter((t) => t !== undefined).map((t) => ({ id: t!.id, source: t!.source, text: t!.text })),
    );
    return sendHtml(reply, storyPage(ctx, request, story, articles, adds));
  });

  app.get<{ Params: { id: string } }>('/articles/:id', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const id = Number(request.params.id);
    const article = Number.isInteger(id) ? await reader.article(u.id, id) : undefined;
    if (!article) return notFound(`article ${request.params.id}`);
    const copies = article.copies > 0 ? await reader.copies(u.id, article) : [];
    // A GET changes nothing (link prefetchers, crawlers, cross-site images): the page's script
    // marks the article read with a POST when it opens; without JavaScript, "Mark read" does.
    return sendHtml(reply, articlePage(ctx, request, article, copies));
  });

  app.get<{ Querystring: { view?: string; feed?: string; folder?: string; before?: string } }>(
    '/articles',
    async (request, reply) => {
      const u = await user(request, reply);
      if (!u) return reply;
      const q = request.query;
      const view = q.view === 'all' ? 'all' : 'unread';
      const feedId = q.feed ? Number(q.feed) : undefined;
      const cursor = parseCursor(q.before);
      const items = await reader.articles(u.id, {
        feedId: Number.isInteger(feedId) ? feedId : undefined,
        folder: q.folder,
        unreadOnly: view === 'unread',
        cursor,
        limit: PAGE_SIZE + 1,
      });
      const feed = feedId ? await reader.feedById(feedId) : undefined;
      const params = new URLSearchParams();
      params.set('view', view);
      if (q.feed) params.set('feed', q.feed);
      if (q.folder) params.set('folder', q.folder);
      const next = items.length > PAGE_SIZE ? nextLink('/articles', params, items[PAGE_SIZE - 1]) : undefined;
      const markAll: Record<string, string> = {};
      if (feedId) markAll.feed = String(feedId);
      const other = new URLSearchParams(params);
      other.set('view', view === 'unread' ? 'all' : 'unread');
      return sendHtml(
        reply,
        listPage(ctx, request, {
          title: feed?.title ?? (view === 'unread' ? 'Unread' : 'All articles'),
          heading: `${feed?.title ?? (q.folder ? `Folder ${q.folder}` : 'Articles')} — ${view === 'unread' ? 'unread' : 'all'}`,
          section: 'articles',
          intro: html`<p><a href="/articles?${other.toString()}">Show ${view === 'unread' ? 'all' : 'unread only'}</a></p>`,
          items: items.slice(0, PAGE_SIZE),
          next,
          markAll,
          markOnScroll: view === 'unread',
        }),
      );
    },
  );

  app.get<{ Querystring: { before?: string } }>('/starred', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const items = await reader.articles(u.id, {
      starredOnly: true,
      cursor: parseCursor(request.query.before),
      limit: PAGE_SIZE + 1,
    });
    const base = ctx.baseUrl(request);
    return sendHtml(
      reply,
      listPage(ctx, request, {
        title: 'Starred',
        heading: 'Starred',
        section: 'starred',
        intro: html`<p class="feedlink">Feed: <a href="${base}/feeds/${u.feed_token}/starred.xml">RSS</a> · <a href="${base}/feeds/${u.feed_token}/starred.atom">Atom</a> · <a href="${base}/feeds/${u.feed_token}/starred.json">JSON Feed</a></p>`,
        items: items.slice(0, PAGE_SIZE),
        next:
          items.length > PAGE_SIZE
            ? nextLink('/starred', new URLSearchParams(), items[PAGE_SIZE - 1])
            : undefined,
      }),
    );
  });

  app.get<{ Querystring: { q?: string; page?: string; saved?: string } }>(
    '/search',
    async (request, reply) => {
      const u = await user(request, reply);
      if (!u) return reply;
      const q = (request.query.q ?? '').trim();
      const page = Math.max(1, Math.min(100, Number(request.query.page) || 1));
      const savedId = Number(request.query.saved) || 0;
      const job: SearchJob = {
        userId: u.id,
        view: { auth: { user: { name: u.name }, csrf: request.auth.csrf }, url: request.url },
        q,
        page,
        savedId,
        feedBase: `${ctx.baseUrl(request)}/feeds/${u.feed_token}/search/`,
      };
      return cachedPage(
        request,
        reply,
        `search:${u.id}:${request.auth.csrf}:${request.host}:${page}:${savedId}:${q}`,
        () => (ctx.searchWorkers ? ctx.searchWorkers.render(job) : renderSearchPage(reader, ctx, job)),
      );
    },
  );

  app.post('/searches', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const query = (field(request.body, 'query') ?? '').trim();
    const name = (field(request.body, 'name') ?? query).trim().slice(0, 200);
    parseQuery(query); // refuse what cannot run
    if (!query) throw new NewsBiteError('INPUT_EMPTY', 'saved search: the query is empty');
    const saved = await reader.createSavedSearch(u.id, name || query, query);
    return reply.redirect(`/search?q=${encodeURIComponent(query)}&saved=${saved.id}`, 303);
  });

  app.post<{ Params: { id: string } }>('/searches/:id/delete', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    await reader.deleteSavedSearch(u.id, Number(request.params.id));
    return reply.redirect('/search', 303);
  });

  for (const kind of ['read', 'star'] as const) {
    app.post<{ Params: { id: string } }>(`/articles/:id/${kind}`, async (request, reply) => {
      const u = await user(request, reply);
      if (!u) return reply;
      const id = Number(request.params.id);
      const article = Number.isInteger(id) ? await reader.article(u.id, id) : undefined;
      if (!article) return notFound(`article ${request.params.id}`);
      const value = field(request.body, 'value') !== '0';
      if (kind === 'read') await reader.markRead(u.id, [id], value);
      else await reader.setStarred(u.id, [id], value);
      if (request.headers.accept?.includes('application/json'))
        return reply.send({ id, [kind === 'read' ? 'read' : 'starred']: value });
      return reply.redirect(localPath(field(request.body, 'back'), `/articles/${id}`), 303);
    });
  }

  app.post('/mark-all-read', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const feed = Number(field(request.body, 'feed'));
    const story = field(request.body, 'story');
    await reader.markAllRead(u.id, {
      feedId: Number.isInteger(feed) && feed > 0 ? feed : undefined,
      storyId: story || undefined,
      before: new Date().toISOString(),
    });
    return reply.redirect(
      story
        ? `/stories/${encodeURIComponent(story)}`
        : localPath(request.headers.referer ? new URL(request.headers.referer).pathname : '/'),
      303,
    );
  });

  // ---- sources -----------------------------------------------------------------------

  async function renderSources(
    request: FastifyRequest,
    reply: FastifyReply,
    u: User,
    extra: { message?: string; results?: { url: string; ok: boolean; message: string }[] } = {},
  ) {
    const feeds = await reader.subscriptions(u.id);
    return sendHtml(
      reply,
      sourcesPage(ctx, request, {
        feeds,
        feedToken: u.feed_token,
        canAdd: Boolean(ctx.options.sources),
        ...extra,
      }),
    );
  }

  app.get('/sources', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    await reader.adoptOrphanFeeds();
    return renderSources(request, reply, u);
  });

  app.post('/sources', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const sources = ctx.options.sources;
    if (!sources) throw new NewsBiteError('INPUT_INVALID', 'adding sources is not available in this server');
    const url = (field(request.body, 'url') ?? '').trim();
    const folder = (field(request.body, 'folder') ?? '').trim() || undefined;
    try {
      const added = await sources.add(url, { folder });
      await reader.subscribe(u.id, added.feedId, { folder });
      return renderSources(request, reply, u, {
        message: `Added ${added.title ?? added.url}. It will be fetched in the background.`,
      });
    } catch (error) {
      if (!isNewsBiteError(error)) throw error;
      reply.code(422);
      return renderSources(request, reply, u, { message: `Could not add ${url}: ${error.message}` });
    }
  });

  app.post('/sources/import', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const sources = ctx.options.sources;
    if (!sources)
      throw new NewsBiteError('INPUT_INVALID', 'importing sources is not available in this server');
    const results = await sources.importOpml(field(request.body, 'opml') ?? '');
    for (const r of results)
      if (r.feedId !== undefined) await reader.subscribe(u.id, r.feedId, { folder: r.folder });
    const ok = results.filter((r) => r.ok).length;
    return renderSources(request, reply, u, {
      message: `Imported ${ok} of ${results.length} feeds.`,
      results,
    });
  });

  app.get('/sources/export.opml', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const feeds = await reader.subscriptions(u.id);
    reply.header('content-disposition', 'attachment; filename="newsbite.opml"');
    return reply.type('text/x-opml; charset=utf-8').send(exportOpml(feeds));
  });

  app.post<{ Params: { id: string } }>('/sources/:id', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const id = Number(request.params.id);
    if (!(await reader.isSubscribed(u.id, id))) return notFound(`source ${request.params.id}`);
    const fullText = field(request.body, 'full_text');
    await reader.updateFeedSettings(id, {
      paused: field(request.body, 'paused') === '1',
      fullText: fullText === 'always' || fullText === 'never' || fullText === 'auto' ? fullText : undefined,
    });
    return reply.redirect('/sources', 303);
  });

  app.post<{ Params: { id: string } }>('/sources/:id/unsubscribe', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    await reader.unsubscribe(u.id, Number(request.params.id));
    return reply.redirect('/sources', 303);
  });

  // ---- settings ----------------------------------------------------------------------

  async function renderSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    u: User,
    extra: { message?: string; newToken?: string } = {},
  ) {
    const tokens = await reader.listApiTokens(u.id);
    const fresh = await reader.userById(u.id);
    return sendHtml(
      reply,
      settingsPage(ctx, request, { tokens, feverEnabled: Boolean(fresh?.fever_key), ...extra }),
    );
  }

  app.get('/settings', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    return renderSettings(request, reply, u);
  });

  app.post('/settings/tokens', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const name = (field(request.body, 'name') ?? '').trim().slice(0, 100) || 'token';
    const token = newToken();
    await reader.createApiToken({ userId: u.id, name, kind: 'api', tokenHash: tokenHash(token) });
    return renderSettings(request, reply, u, { newToken: token });
  });

  app.post<{ Params: { id: string } }>('/settings/tokens/:id/delete', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    await reader.deleteApiToken(u.id, Number(request.params.id));
    return reply.redirect('/settings', 303);
  });

  app.post('/settings/fever', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    const password = validatePassword(field(request.body, 'password'));
    await reader.updateUser(u.id, { feverKey: feverKey(u.name, password) });
    return renderSettings(request, reply, u, { message: 'Fever password set.' });
  });

  app.post('/settings/feed-token', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    await reader.updateUser(u.id, { feedToken: newToken() });
    request.auth.user = await reader.userById(u.id);
    return renderSettings(request, reply, request.auth.user!, {
      message: 'Feed URLs changed; update your feed reader.',
    });
  });

  app.post('/settings/password', async (request, reply) => {
    const u = await user(request, reply);
    if (!u) return reply;
    if (!(await verifyPassword(field(request.body, 'current') ?? '', u.password_hash))) {
      reply.code(400);
      return renderSettings(request, reply, u, { message: 'The current password is wrong.' });
    }
    const password = validatePassword(field(request.body, 'password'));
    await reader.updateUser(u.id, { passwordHash: await hashPassword(password) });
    return renderSettings(request, reply, u, { message: 'Password changed.' });
  });
}

export function parseCursor(value: string | undefined): { at: string; id: number } | undefined {
  if (!value) return undefined;
  const [at, id] = value.split('_');
  const n = Number(id);
  if (!at || !Number.isInteger(n) || Number.isNaN(Date.parse(at))) return undefined;
  return { at, id: n };
}

function nextLink(path: string, params: URLSearchParams, last: { sort_at: string; id: number }): string {
  const p = new URLSearchParams(params);
  p.set('before', `${last.sort_at}_${last.id}`);
  return `${path}?${p.toString()}`;
}

function xmlEscape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** OPML 2.0 of the user's subscriptions, grouped by folder. */
export function exportOpml(feeds: Pick<FeedWithCounts, 'url' | 'title' | 'site_url' | 'folder'>[]): string {
  const outline = (f: (typeof feeds)[number]) =>
    `<outline type="rss" text="${xmlEscape(f.title ?? f.url)}" title="${xmlEscape(f.title ?? f.url)}" xmlUrl="${xmlEscape(f.url)}"${
      f.site_url ? ` htmlUrl="${xmlEscape(f.site_url)}"` : ''
    }/>`;
  const byFolder = new Map<string, typeof feeds>();
  const loose: typeof feeds = [];
  for (const f of feeds) {
    if (f.folder) byFolder.set(f.folder, [...(byFolder.get(f.folder) ?? []), f]);
    else loose.push(f);
  }
  const body = [
    ...loose.map((f) => `    ${outline(f)}`),
    ...[...byFolder].map(
      ([folder, list]) =>
        `    <outline text="${xmlEscape(folder)}" title="${xmlEscape(folder)}">\n${list.map((f) => `      ${outline(f)}`).join('\n')}\n    </outline>`,
    ),
  ].join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head><title>NewsBite subscriptions</title><dateCreated>${new Date().toUTCString()}</dateCreated></head>\n  <body>\n${body}\n  </body>\n</opml>\n`;
}
