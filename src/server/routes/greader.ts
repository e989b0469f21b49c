/**
 * The Google Reader API as FreshRSS, Miniflux and FeedHQ speak it, so existing apps connect:
 * ClientLogin → `Authorization: GoogleLogin auth=<token>`, subscription/tag lists, unread
 * counts, stream contents and ids, edit-tag (read/starred), mark-all-as-read, quickadd and
 * the FeedHQ-style Atom streams (/reader/atom/<stream>) that newsboat reads.
 *
 * Item ids: decimal article ids in itemRefs; long form tag:google.com,2005:reader/item/<16 hex>.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NewsBiteError } from '../../errors.js';
import type { ArticleListItem, ListFilter, User } from '../../store/reader.js';
import { field, fields, type ServerContext } from '../app.js';
import { newToken, tokenHash, verifyPassword } from '../auth.js';
import { xml } from '../syndication.js';

const READING_LIST = 'user/-/state/com.google/reading-list';
const READ = 'user/-/state/com.google/read';
const STARRED = 'user/-/state/com.google/starred';
const ITEM_PREFIX = 'tag:google.com,2005:reader/item/';

export function longItemId(id: number): string {
  return ITEM_PREFIX + id.toString(16).padStart(16, '0');
}

/** Accepts the long form, 16-hex short form or decimal. */
export function parseItemId(value: string): number | undefined {
  const v = value.trim();
  if (v.startsWith(ITEM_PREFIX)) {
    const n = Number.parseInt(v.slice(ITEM_PREFIX.length), 16);
    return Number.isSafeInteger(n) ? n : undefined;
  }
  if (/^[0-9a-f]{16}$/i.test(v)) return Number.parseInt(v, 16);
  if (/^-?\d+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  }
  return undefined;
}

/** "user/1234/state/…" and "user/-/state/…" mean the same. */
function normaliseStream(id: string): string {
  return id.replace(/^user\/[^/]+\//, 'user/-/');
}

export function registerGoogleReader(app: FastifyInstance, ctx: ServerContext): void {
  const { reader } = ctx;

  async function authUser(request: FastifyRequest): Promise<User> {
    const header = String(request.headers.authorization ?? '');
    const m = /^GoogleLogin\s+auth=(\S+)/i.exec(header);
    if (m) {
      const user = await reader.userByTokenHash(tokenHash(m[1]), 'greader');
      if (user) return user;
    }
    throw new NewsBiteError('UNAUTHORIZED', 'Google Reader API: missing or wrong GoogleLogin auth token');
  }

  const clientLogin = async (request: FastifyRequest, reply: FastifyReply) => {
    const q = request.query as Record<string, string>;
    const name = field(request.body, 'Email') ?? q.Email ?? '';
    const password = field(request.body, 'Passwd') ?? q.Passwd ?? '';
    const keys = [`ip:${request.ip}`, `name:${name.toLowerCase()}`];
    if (keys.some((k) => ctx.throttle.retryAfter(k) > 0))
      return reply.code(429).type('text/plain').send('Error=TooManyAttempts\n');
    const user = await reader.userByName(name);
    if (!user || !(await verifyPassword(password, user.password_hash))) {
      for (const k of keys) ctx.throttle.fail(k);
      return reply.code(401).type('text/plain').send('Error=BadAuthentication\n');
    }
    const token = newToken();
    await reader.createApiToken({
      userId: user.id,
      name: `ClientLogin ${String(request.headers['user-agent'] ?? '').slice(0, 60)}`,
      kind: 'greader',
      tokenHash: tokenHash(token),
    });
    if ((field(request.body, 'output') ?? q.output) === 'json')
      return reply.send({ SID: token, LSID: token, Auth: token });
    return reply.type('text/plain; charset=utf-8').send(`SID=${token}\nLSID=${token}\nAuth=${token}\n`);
  };
  app.post('/accounts/ClientLogin', clientLogin);
  app.get('/accounts/ClientLogin', clientLogin);

  // Reject API calls without the token with 401 (clients re-login on it).
  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/reader/')) return;
    try {
      request.auth.user = await authUser(request);
      request.auth.via = 'token';
    } catch {
      return reply.code(401).type('text/plain').send('Unauthorized');
    }
  });

  app.get('/reader/api/0/token', async (request, reply) => {
    // A per-user write token clients echo as T=; the auth header already authenticates them.
    return reply.type('text/plain').send(tokenHash(`T:${request.auth.user!.feed_token}`).slice(0, 57));
  });

  app.get('/reader/api/0/user-info', async (request) => {
    const u = request.auth.user!;
    return {
      userId: String(u.id),
      userName: u.name,
      userProfileId: String(u.id),
      userEmail: '',
      isBloggerUser: false,
      signupTimeSec: Math.floor(Date.parse(u.created_at) / 1000),
    };
  });

  app.get('/reader/api/0/subscription/list', async (request) => {
    const base = ctx.baseUrl(request);
    const subs = await reader.subscriptions(request.auth.user!.id);
    return {
      subscriptions: subs.map((s) => ({
        id: `feed/${s.id}`,
        title: s.title ?? s.url,
        categories: s.folder ? [{ id: `user/-/label/${s.folder}`, label: s.folder }] : [],
        url: s.url,
        htmlUrl: s.site_url ?? s.url,
        iconUrl: `${base}/static/icon.svg`,
        firstitemmsec: '0',
        sortid: String(s.id).padStart(8, '0'),
      })),
    };
  });

  app.get('/reader/api/0/tag/list', async (request) => {
    const folders = await reader.folders(request.auth.user!.id);
    return {
      tags: [
        { id: STARRED, sortid: 'A0000001' },
        ...folders.map((f) => ({ id: `user/-/label/${f}`, type: 'folder', sortid: `B${f}` })),
      ],
    };
  });

  app.get('/reader/api/0/unread-count', async (request) => {
    const u = request.auth.user!;
    const subs = await reader.subscriptions(u.id);
    const total = subs.reduce((n, s) => n + s.unread, 0);
    const nowUsec = String(Date.now() * 1000);
    const folders = new Map<string, number>();
    for (const s of subs) if (s.folder) folders.set(s.folder, (folders.get(s.folder) ?? 0) + s.unread);
    return {
      max: 1000,
      unreadcounts: [
        { id: READING_LIST, count: total, newestItemTimestampUsec: nowUsec },
        ...subs.map((s) => ({ id: `feed/${s.id}`, count: s.unread, newestItemTimestampUsec: nowUsec })),
        ...[...folders].map(([f, count]) => ({
          id: `user/-/label/${f}`,
          count,
          newestItemTimestampUsec: nowUsec,
        })),
      ],
    };
  });

  /** Stream id + the usual parameters → a list filter. */
  async function streamFilter(
    user: User,
    streamId: string,
    q: Record<string, string | string[] | undefined>,
  ): Promise<ListFilter> {
    const one = (k: string) => (Array.isArray(q[k]) ? (q[k] as string[])[0] : (q[k] as string | undefined));
    const all = (k: string) => (Array.isArray(q[k]) ? (q[k] as string[]) : q[k] ? [q[k] as string] : []);
    const n = Math.min(Math.max(Number(one('n')) || 20, 1), 1000);
    const offset = Math.max(0, Number(one('c')) || 0);
    const filter: ListFilter = { limit: n, offset, includeCopies: true, oldestFirst: one('r') === 'o' };
    const s = normaliseStream(streamId || READING_LIST);
    if (s === STARRED) filter.starredOnly = true;
    else if (s === READ) filter.readOnly = true;
    else if (s.startsWith('feed/')) {
      const ref = s.slice(5);
      const id = /^\d+$/.test(ref) ? Number(ref) : (await reader.feedByUrl(ref))?.id;
      if (!id || !(await reader.isSubscribed(user.id, id)))
        throw new NewsBiteError('NOT_FOUND', `stream ${streamId} not found`);
      filter.feedId = id;
    } else if (s.startsWith('user/-/label/')) filter.folder = s.slice('user/-/label/'.length);
    else if (s !== READING_LIST) throw new NewsBiteError('NOT_FOUND', `stream ${streamId} not found`);
    for (const x of all('xt').map(normaliseStream)) {
      if (x === READ) filter.unreadOnly = true;
    }
    for (const it of all('it').map(normaliseStream)) {
      if (it === STARRED) filter.starredOnly = true;
      if (it === READ) filter.readOnly = true;
    }
    const ot = Number(one('ot'));
    if (ot > 0) filter.after = new Date(ot * 1000).toISOString();
    const nt = Number(one('nt'));
    if (nt > 0) filter.before = new Date(nt * 1000).toISOString();
    return filter;
  }

  function itemJson(base: string, a: ArticleListItem & { text?: string }, feedTitles: Map<number, string>) {
    const ts = Date.parse(a.sort_at) || Date.now();
    const categories = [READING_LIST];
    if (a.read) categories.push(READ);
    if (a.starred) categories.push(STARRED);
    let authors: string[] = [];
    try {
      authors = JSON.parse(a.authors);
    } catch {}
    let summary = '';
    try {
      summary = a.bite
        ? (JSON.parse(a.bite).summary ?? []).map((s: { text: string }) => s.text).join(' ')
        : '';
    } catch {}
    const content = [
      summary ? `<p><strong>${xml(summary)}</strong></p>` : '',
      ...(a.text ?? a.standfirst ?? '')
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((p) => `<p>${xml(p)}</p>`),
    ].join('');
    const link = a.url ?? `${base}/articles/${a.id}`;
    return {
      id: longItemId(a.id),
      crawlTimeMsec: String(ts),
      timestampUsec: String(ts * 1000),
      published: Math.floor(ts / 1000),
      updated: Math.floor(ts / 1000),
      title: a.title ?? '(untitled)',
      author: authors.join(', '),
      canonical: [{ href: link }],
      alternate: [{ href: link, type: 'text/html' }],
      categories,
      summary: { direction: 'ltr', content },
      origin: {
        streamId: a.feed_id ? `feed/${a.feed_id}` : READING_LIST,
        title: (a.feed_id && feedTitles.get(a.feed_id)) || a.source || '',
        htmlUrl: base,
      },
    };
  }

  async function withText(userId: number, items: ArticleListItem[]) {
    const details = await Promise.all(items.map((a) => reader.article(userId, a.id)));
    return items.map((a, i) => ({ ...a, text: details[i]?.text }));
  }

  async function feedTitles(userId: number) {
    return new Map(
      (await reader.subscriptions(userId)).map((s) => [s.id, s.title ?? s.url] as [number, string]),
    );
  }

  const streamContents = async (request: FastifyRequest<{ Params: { '*': string } }>) => {
    const u = request.auth.user!;
    const q = {
      ...(request.query as Record<string, string>),
      ...((request.body as Record<string, string>) ?? {}),
    };
    const streamId = decodeURIComponent(request.params['*'] || (q.s as string) || READING_LIST);
    const filter = await streamFilter(u, streamId, q);
    const rows = await reader.articles(u.id, { ...filter, limit: filter.limit + 1 });
    const page = rows.slice(0, filter.limit);
    const base = ctx.baseUrl(request);
    const titles = await feedTitles(u.id);
    return {
      direction: 'ltr',
      id: streamId,
      title: streamId,
      self: [{ href: `${base}${request.url}` }],
      updated: Math.floor(Date.now() / 1000),
      items: (await withText(u.id, page)).map((a) => itemJson(base, a, titles)),
      ...(rows.length > filter.limit ? { continuation: String((filter.offset ?? 0) + filter.limit) } : {}),
    };
  };
  app.get('/reader/api/0/stream/contents/*', streamContents);
  app.get('/reader/api/0/stream/contents', streamContents as never);

  app.get('/reader/api/0/stream/items/ids', async (request) => {
    const u = request.auth.user!;
    const q = request.query as Record<string, string>;
    const filter = await streamFilter(u, q.s ?? READING_LIST, q);
    const rows = await reader.articleIds(u.id, { ...filter, limit: filter.limit + 1 });
    return {
      itemRefs: rows.slice(0, filter.limit).map((r) => ({
        id: String(r.id),
        directStreamIds: r.feed_id ? [`feed/${r.feed_id}`] : [],
        timestampUsec: String((Date.parse(r.at) || 0) * 1000),
      })),
      ...(rows.length > filter.limit ? { continuation: String((filter.offset ?? 0) + filter.limit) } : {}),
    };
  });

  const itemsContents = async (request: FastifyRequest) => {
    const u = request.auth.user!;
    const ids = [...fields(request.body, 'i'), ...fields(request.query, 'i')]
      .map(parseItemId)
      .filter((n): n is number => n !== undefined);
    const rows = ids.length
      ? await reader.articles(u.id, { ids, includeCopies: true, limit: ids.length })
      : [];
    const base = ctx.baseUrl(request);
    const titles = await feedTitles(u.id);
    return {
      direction: 'ltr',
      id: READING_LIST,
      updated: Math.floor(Date.now() / 1000),
      items: (await withText(u.id, rows)).map((a) => itemJson(base, a, titles)),
    };
  };
  app.post('/reader/api/0/stream/items/contents', itemsContents);
  app.get('/reader/api/0/stream/items/contents', itemsContents);

  app.post('/reader/api/0/edit-tag', async (request, reply) => {
    const u = request.auth.user!;
    const ids = [...fields(request.body, 'i'), ...fields(request.query, 'i')]
      .map(parseItemId)
      .filter((n): n is number => n !== undefined);
    const add = [...fields(request.body, 'a'), ...fields(request.query, 'a')].map(normaliseStream);
    const remove = [...fields(request.body, 'r'), ...fields(request.query, 'r')].map(normaliseStream);
    if (add.includes(READ)) await reader.markRead(u.id, ids, true);
    if (remove.includes(READ)) await reader.markRead(u.id, ids, false);
    if (add.includes(STARRED)) await reader.setStarred(u.id, ids, true);
    if (remove.includes(STARRED)) await reader.setStarred(u.id, ids, false);
    return reply.type('text/plain').send('OK');
  });

  app.post('/reader/api/0/mark-all-as-read', async (request, reply) => {
    const u = request.auth.user!;
    const body = {
      ...(request.query as Record<string, string>),
      ...((request.body as Record<string, string>) ?? {}),
    };
    const s = field(body, 's') ?? READING_LIST;
    const filter = await streamFilter(u, s, {});
    const ts = Number(field(body, 'ts'));
    // ts is in microseconds; everything up to it becomes read.
    const before = ts > 0 ? new Date(Math.floor(ts / 1000) + 1).toISOString() : new Date().toISOString();
    await reader.markAllRead(u.id, {
      feedId: filter.feedId,
      folder: filter.folder,
      starredOnly: filter.starredOnly,
      before,
    });
    return reply.type('text/plain').send('OK');
  });

  app.post('/reader/api/0/subscription/quickadd', async (request) => {
    const u = request.auth.user!;
    const url = field(request.body, 'quickadd') ?? field(request.query, 'quickadd') ?? '';
    if (!ctx.options.sources)
      throw new NewsBiteError('INPUT_INVALID', 'adding sources is not available in this server');
    const added = await ctx.options.sources.add(url.replace(/^feed\//, ''));
    await reader.subscribe(u.id, added.feedId);
    return {
      numResults: 1,
      query: url,
      streamId: `feed/${added.feedId}`,
      streamName: added.title ?? added.url,
    };
  });

  app.post('/reader/api/0/subscription/edit', async (request, reply) => {
    const u = request.auth.user!;
    const body = request.body;
    const action = field(body, 'ac') ?? 'edit';
    const labelOf = (v: string | undefined) =>
      v ? normaliseStream(v).replace(/^user\/-\/label\//, '') : undefined;
    for (const s of fields(body, 's')) {
      const ref = s.replace(/^feed\//, '');
      let feedId = /^\d+$/.test(ref) ? Number(ref) : (await reader.feedByUrl(ref))?.id;
      if (action === 'subscribe') {
        if (!feedId) {
          if (!ctx.options.sources)
            throw new NewsBiteError('INPUT_INVALID', 'adding sources is not available in this server');
          feedId = (await ctx.options.sources.add(ref)).feedId;
        }
        await reader.subscribe(u.id, feedId, { title: field(body, 't'), folder: labelOf(field(body, 'a')) });
      } else if (!feedId) {
        throw new NewsBiteError('NOT_FOUND', `subscription ${s} not found`);
      } else if (action === 'unsubscribe') await reader.unsubscribe(u.id, feedId);
      else {
        const add = labelOf(field(body, 'a'));
        const removed = field(body, 'r');
        await reader.renameSubscription(u.id, feedId, {
          title: field(body, 't'),
          folder: add ?? (removed ? null : undefined),
        });
      }
    }
    return reply.type('text/plain').send('OK');
  });

  // FeedHQ's Atom streams: newsboat's "feedhq" mode reads every subscription this way.
  app.get<{ Params: { '*': string } }>('/reader/atom/*', async (request, reply) => {
    const u = request.auth.user!;
    const q = request.query as Record<string, string>;
    const streamId = decodeURIComponent(request.params['*'] || READING_LIST);
    const filter = await streamFilter(u, streamId, q);
    const rows = await withText(u.id, await reader.articles(u.id, filter));
    const base = ctx.baseUrl(request);
    const titles = await feedTitles(u.id);
    const title = filter.feedId ? (titles.get(filter.feedId) ?? streamId) : streamId;
    const entries = rows.map((a) => {
      const item = itemJson(base, a, titles);
      return `<entry gr:crawl-timestamp-msec="${item.crawlTimeMsec}">
<id>${xml(item.id)}</id>
${item.categories.map((c) => `<category term="${xml(c.replace('user/-/', `user/${u.id}/`))}" scheme="http://www.google.com/reader/" label="${xml(c.split('/').pop()!)}"/>`).join('')}
<title type="html">${xml(item.title)}</title>
<published>${new Date(item.published * 1000).toISOString()}</published>
<updated>${new Date(item.updated * 1000).toISOString()}</updated>
<link rel="alternate" href="${xml(item.alternate[0].href)}" type="text/html"/>
<summary type="html">${xml(item.summary.content)}</summary>
<author><name>${xml(item.author || item.origin.title || 'unknown')}</name></author>
<source gr:stream-id="${xml(item.origin.streamId)}"><id>${xml(item.origin.streamId)}</id><title type="html">${xml(item.origin.title)}</title></source>
</entry>`;
    });
    return reply.type('application/atom+xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:gr="http://www.google.com/schemas/reader/atom/">
<id>tag:google.com,2005:reader/${xml(streamId)}</id>
<title>${xml(title)}</title>
<link rel="alternate" href="${xml(base)}" type="text/html"/>
<updated>${new Date().toISOString()}</updated>
${entries.join('\n')}
</feed>
`);
  });
}
