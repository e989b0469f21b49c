/**
 * REST JSON API under /api/v1, described by the OpenAPI 3.1 document at /api/openapi.json.
 * Auth: `Authorization: Bearer <API token>` (Settings → API tokens), or the browser session
 * (then writes need the X-CSRF-Token header, which the page's script sends).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NewsBiteError } from '../../errors.js';
import type { ArticleListItem, User } from '../../store/reader.js';
import { notFound, type ServerContext } from '../app.js';
import { tokenHash } from '../auth.js';
import { compileQuery, parseQuery } from '../query.js';
import { FTS_COLUMNS } from '../search-page.js';
import { parseJson } from '../views/pages.js';
import { parseCursor } from './pages.js';

function articleJson(a: ArticleListItem) {
  return {
    id: a.id,
    feedId: a.feed_id,
    title: a.title,
    url: a.url,
    source: a.source,
    authors: parseJson<string[]>(a.authors, []),
    published: a.published_at,
    sortAt: a.sort_at,
    storyId: a.story_id,
    copyGroup: a.copy_group,
    copyOf: a.copy_of,
    copies: a.copies,
    read: Boolean(a.read),
    starred: Boolean(a.starred),
    summary:
      parseJson<{ summary?: { text: string }[] } | null>(a.bite, null)?.summary?.map((s) => s.text) ?? [],
  };
}

function limitOf(value: unknown, max = 200): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : 50;
}

export function registerApi(app: FastifyInstance, ctx: ServerContext): void {
  const { reader } = ctx;

  app.addHook('preHandler', async (request, reply) => {
    if (!request.url.startsWith('/api/v1/')) return;
    const m = /^Bearer\s+(\S+)/i.exec(String(request.headers.authorization ?? ''));
    if (m) {
      const user = await reader.userByTokenHash(tokenHash(m[1]), 'api');
      if (!user) return reply.code(401).send({ error: 'unknown or revoked API token' });
      request.auth.user = user;
      request.auth.via = 'token';
      return;
    }
    if (!request.auth.user)
      return reply.code(401).send({ error: 'authentication required: Authorization: Bearer <token>' });
  });

  const me = (request: FastifyRequest): User => request.auth.user!;

  app.get('/api/openapi.json', async (request) => openApiDocument(ctx.baseUrl(request)));

  app.get('/api/v1/me', async (request) => {
    const u = me(request);
    return { id: u.id, name: u.name, admin: Boolean(u.is_admin), unread: await reader.unreadCount(u.id) };
  });

  app.get<{ Querystring: Record<string, string> }>('/api/v1/articles', async (request) => {
    const q = request.query;
    const feedId = q.feed ? Number(q.feed) : undefined;
    const limit = limitOf(q.limit);
    const rows = await reader.articles(me(request).id, {
      feedId: Number.isInteger(feedId) ? feedId : undefined,
      storyId: q.story,
      unreadOnly: q.unread === 'true',
      starredOnly: q.starred === 'true',
      cursor: parseCursor(q.before),
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(articleJson),
      next: rows.length > limit && last ? `${last.sort_at}_${last.id}` : undefined,
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/articles/:id', async (request) => {
    const u = me(request);
    const a = await reader.article(u.id, Number(request.params.id));
    if (!a) return notFound(`article ${request.params.id}`);
    const copies = await reader.copies(u.id, a);
    return {
      ...articleJson(a),
      standfirst: a.standfirst,
      text: a.text,
      blocks: parseJson(a.blocks, []),
      bite: parseJson(a.bite, null),
      original: parseJson(a.original, null),
      copiesOf: copies.map(articleJson),
    };
  });

  app.get<{ Querystring: Record<string, string> }>('/api/v1/stories', async (request) => {
    const limit = limitOf(request.query.limit, 100);
    const offset = Math.max(0, Number(request.query.offset) || 0);
    const rows = await reader.stories(me(request).id, { limit, offset });
    return {
      items: rows.map((s) => ({
        id: s.id,
        headline: s.headline,
        first: s.first_at,
        last: s.last_at,
        sources: parseJson<string[]>(s.sources, []),
        articleCount: s.article_count,
        unread: s.unread,
        bite: parseJson(s.bite, []),
      })),
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/stories/:id', async (request) => {
    const u = me(request);
    const story = await reader.story(request.params.id);
    if (!story) return notFound(`story ${request.params.id}`);
    const articles = await reader.articles(u.id, { storyId: story.id, limit: 500, oldestFirst: true });
    return {
      id: story.id,
      headline: story.headline,
      first: story.first_at,
      last: story.last_at,
      sources: parseJson<string[]>(story.sources, []),
      bite: parseJson(story.bite, []),
      articles: articles.map(articleJson),
    };
  });

  app.get('/api/v1/sources', async (request) => {
    const subs = await reader.subscriptions(me(request).id);
    return {
      items: subs.map((s) => ({
        id: s.id,
        url: s.url,
        siteUrl: s.site_url,
        title: s.title,
        folder: s.folder,
        paused: Boolean(s.paused),
        fullText: s.full_text,
        intervalSec: s.interval_sec,
        lastPolledAt: s.last_polled_at,
        lastError: s.last_error,
        errorCount: s.error_count,
        unread: s.unread,
        total: s.total,
      })),
    };
  });

  app.post<{ Body: { url?: string; folder?: string } }>('/api/v1/sources', async (request, reply) => {
    const u = me(request);
    if (!ctx.options.sources)
      throw new NewsBiteError('INPUT_INVALID', 'adding sources is not available in this server');
    const url = typeof request.body?.url === 'string' ? request.body.url : '';
    const folder = typeof request.body?.folder === 'string' ? request.body.folder : undefined;
    const added = await ctx.options.sources.add(url, { folder });
    await reader.subscribe(u.id, added.feedId, { folder });
    return reply.code(201).send(added);
  });

  app.delete<{ Params: { id: string } }>('/api/v1/sources/:id', async (request, reply) => {
    const ok = await reader.unsubscribe(me(request).id, Number(request.params.id));
    if (!ok) return notFound(`source ${request.params.id}`);
    return reply.code(204).send();
  });

  app.get<{ Querystring: Record<string, string> }>('/api/v1/search', async (request) => {
    const q = request.query.q ?? '';
    const limit = limitOf(request.query.limit);
    const offset = Math.max(0, Number(request.query.offset) || 0);
    const compiled = compileQuery(parseQuery(q), FTS_COLUMNS);
    const rows = await reader.articles(me(request).id, { ...compiled, limit, offset });
    return { query: q, items: rows.map(articleJson) };
  });

  app.post<{ Body: { ids?: unknown; read?: unknown; starred?: unknown } }>(
    '/api/v1/state',
    async (request) => {
      const u = me(request);
      const body = request.body ?? {};
      const ids = Array.isArray(body.ids)
        ? body.ids.map(Number).filter((n) => Number.isInteger(n) && n > 0)
        : [];
      if (ids.length === 0 || ids.length > 1000)
        throw new NewsBiteError('INPUT_INVALID', 'state: ids must be 1–1000 article ids');
      if (typeof body.read === 'boolean') await reader.markRead(u.id, ids, body.read);
      if (typeof body.starred === 'boolean') await reader.setStarred(u.id, ids, body.starred);
      const rows = await reader.articles(u.id, { ids, includeCopies: true, limit: ids.length });
      return { items: rows.map((a) => ({ id: a.id, read: Boolean(a.read), starred: Boolean(a.starred) })) };
    },
  );

  app.post<{ Body: { feed?: number; story?: string } }>('/api/v1/mark-all-read', async (request) => {
    const body = request.body ?? {};
    const n = await reader.markAllRead(me(request).id, {
      feedId: typeof body.feed === 'number' ? body.feed : undefined,
      storyId: typeof body.story === 'string' ? body.story : undefined,
      before: new Date().toISOString(),
    });
    return { marked: n };
  });
}

export function openApiDocument(baseUrl: string) {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const ok = (schema: object) => ({
    '200': { description: 'OK', content: { 'application/json': { schema } } },
  });
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'NewsBite API',
      version: '1.0.0',
      description: 'Articles, stories, sources, search and read/starred state.',
    },
    servers: [{ url: `${baseUrl}/api/v1` }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'API token from Settings' } },
      schemas: {
        Article: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            feedId: { type: ['integer', 'null'] },
            title: { type: ['string', 'null'] },
            url: { type: ['string', 'null'] },
            source: { type: ['string', 'null'] },
            authors: { type: 'array', items: { type: 'string' } },
            published: { type: ['string', 'null'], format: 'date-time' },
            storyId: { type: ['string', 'null'] },
            copyGroup: { type: ['string', 'null'] },
            copyOf: { type: ['string', 'null'] },
            copies: { type: 'integer' },
            read: { type: 'boolean' },
            starred: { type: 'boolean' },
            summary: { type: 'array', items: { type: 'string' } },
          },
        },
        Story: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            headline: { type: 'string' },
            first: { type: ['string', 'null'] },
            last: { type: ['string', 'null'] },
            sources: { type: 'array', items: { type: 'string' } },
            articleCount: { type: 'integer' },
            unread: { type: 'integer' },
            bite: {
              type: 'array',
              items: { type: 'object', properties: { text: { type: 'string' }, source: { type: 'string' } } },
            },
          },
        },
        Source: {
          type: 'object',
          properties: {
            id: { type: 'integer' },
            url: { type: 'string' },
            title: { type: ['string', 'null'] },
            folder: { type: ['string', 'null'] },
            paused: { type: 'boolean' },
            fullText: { enum: ['auto', 'always', 'never'] },
            lastError: { type: ['string', 'null'] },
            unread: { type: 'integer' },
            total: { type: 'integer' },
          },
        },
        Error: { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' } } },
      },
    },
    paths: {
      '/me': { get: { summary: 'The signed-in user', responses: ok({ type: 'object' }) } },
      '/articles': {
        get: {
          summary: 'Articles, newest first (copies folded)',
          parameters: ['feed', 'story', 'unread', 'starred', 'before', 'limit'].map((name) => ({
            name,
            in: 'query',
            schema: { type: 'string' },
          })),
          responses: ok({
            type: 'object',
            properties: { items: { type: 'array', items: ref('Article') }, next: { type: 'string' } },
          }),
        },
      },
      '/articles/{id}': {
        get: {
          summary: 'One article with text, bite and copies',
          parameters: [idParam],
          responses: ok(ref('Article')),
        },
      },
      '/stories': {
        get: {
          summary: 'Stories, latest first',
          responses: ok({ type: 'object', properties: { items: { type: 'array', items: ref('Story') } } }),
        },
      },
      '/stories/{id}': {
        get: { summary: 'One story with its articles', parameters: [idParam], responses: ok(ref('Story')) },
      },
      '/sources': {
        get: {
          summary: 'Subscribed feeds with status',
          responses: ok({ type: 'object', properties: { items: { type: 'array', items: ref('Source') } } }),
        },
        post: {
          summary: 'Subscribe to a site or feed URL (discovery included)',
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['url'],
                  properties: { url: { type: 'string' }, folder: { type: 'string' } },
                },
              },
            },
          },
          responses: { '201': { description: 'Added' } },
        },
      },
      '/sources/{id}': {
        delete: {
          summary: 'Unsubscribe',
          parameters: [idParam],
          responses: { '204': { description: 'Removed' } },
        },
      },
      '/search': {
        get: {
          summary:
            'Search with the query language (words, "phrases", -x, OR, intitle:, author:, source:, entity:, before:, after:, is:)',
          parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }],
          responses: ok({ type: 'object', properties: { items: { type: 'array', items: ref('Article') } } }),
        },
      },
      '/state': {
        post: {
          summary: 'Set read and/or starred for articles (copies follow)',
          requestBody: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['ids'],
                  properties: {
                    ids: { type: 'array', items: { type: 'integer' } },
                    read: { type: 'boolean' },
                    starred: { type: 'boolean' },
                  },
                },
              },
            },
          },
          responses: ok({ type: 'object' }),
        },
      },
      '/mark-all-read': {
        post: { summary: 'Mark everything (or a feed / story) read', responses: ok({ type: 'object' }) },
      },
    },
  };
}
