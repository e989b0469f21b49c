/**
 * The Fastify application: `buildServer(config, store, options)` wires security headers,
 * sessions, CSRF, gzip and static assets, then registers the page and API routes.
 * It does not listen; `newsbite serve` (cli/commands/serve.ts) does.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import { isNewsBiteError, NewsBiteError } from '../errors.js';
import { type ReaderDatabase, ReaderStore, type User } from '../store/reader.js';
import { LoginThrottle, newToken, tokenHash } from './auth.js';
import { registerApi } from './routes/api.js';
import { registerFever } from './routes/fever.js';
import { registerGoogleReader } from './routes/greader.js';
import { registerOutgoingFeeds } from './routes/outgoing.js';
import { registerPages } from './routes/pages.js';
import { SearchWorkers } from './search-workers.js';
import { cookie, csrfValid, maybeGzip, parseCookies, setSecurityHeaders } from './security.js';
import type { SourceService } from './sources.js';
import { loadAssets, type StaticAsset } from './static.js';
import { errorPage } from './views/pages.js';

export const SESSION_COOKIE = 'nb_session';
/** Pre-login double-submit CSRF cookie (login and setup forms have no session yet). */
export const PRELOGIN_COOKIE = 'nb_csrf';
export const SESSION_DAYS = 30;

/** What the server needs from the store: its Kysely handle (the reader's tables ride along). */
export interface StoreLike {
  // biome-ignore lint/suspicious/noExplicitAny: any store database that includes the reader's tables.
  db: Kysely<any>;
  /** The SQLite file: the reader opens its own read connection with cached statements. */
  file?: string;
}

export interface ServerOptions {
  logger?: boolean;
  /** Fastify's trustProxy. Default: trust a reverse proxy on loopback (for X-Forwarded-Proto). */
  trustProxy?: boolean | string;
  /** Adding and importing feeds (fetch + discovery + store); absent = the sources page is read-only. */
  sources?: SourceService;
  /** Failed logins allowed per IP and per name in 15 minutes. */
  loginLimit?: number;
}

export interface RequestAuth {
  user?: User;
  /** Token a form or fetch() must echo back. */
  csrf: string;
  /** How the user was identified; only 'session' needs CSRF protection. */
  via?: 'session' | 'token';
  sessionHash?: string;
  cookies: Record<string, string>;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth;
  }
}

export interface ServerContext {
  config: Config;
  reader: ReaderStore;
  store: StoreLike;
  options: ServerOptions;
  throttle: LoginThrottle;
  assets: Map<string, StaticAsset>;
  /** Worker threads for uncached search pages (absent: searches run on the main thread). */
  searchWorkers?: SearchWorkers;
  /** Public base URL: config.baseUrl, else derived from the request. */
  baseUrl(request: FastifyRequest): string;
  startSession(request: FastifyRequest, reply: FastifyReply, user: User): Promise<void>;
}

export type FormBody = Record<string, string | string[]>;

/** First value of a form field. */
export function field(body: unknown, name: string): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const v = (body as Record<string, unknown>)[name];
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : undefined;
  return typeof v === 'string' ? v : undefined;
}

/** Every value of a form field (Google Reader repeats `i=`, `a=`, `r=`). */
export function fields(body: unknown, name: string): string[] {
  if (!body || typeof body !== 'object') return [];
  const v = (body as Record<string, unknown>)[name];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

export function parseForm(text: string): FormBody {
  const out: FormBody = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else if (Array.isArray(prev)) prev.push(value);
    else out[key] = [prev, value];
  }
  return out;
}

export async function buildServer(
  config: Config,
  store: StoreLike,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? { level: config.logLevel === 'silent' ? 'silent' : config.logLevel } : false,
    trustProxy: options.trustProxy ?? '127.0.0.1,::1',
    bodyLimit: 16 * 1024 * 1024,
    // The APIs' clients send ids as repeated query parameters and big forms.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
  });
  const reader = new ReaderStore(store.db as Kysely<ReaderDatabase>, { file: store.file });
  app.addHook('onClose', async () => reader.close());
  const assets = loadAssets();
  // Workers read the database file themselves: an in-memory store keeps searches on this thread.
  const searchWorkers =
    store.file && config.searchThreads > 0
      ? new SearchWorkers(
          {
            file: store.file,
            assetHashes: Object.fromEntries([...assets].map(([name, a]) => [name, a.hash])),
          },
          config.searchThreads,
        )
      : undefined;
  if (searchWorkers) app.addHook('onClose', () => searchWorkers.close());
  const ctx: ServerContext = {
    config,
    reader,
    store,
    options,
    throttle: new LoginThrottle(options.loginLimit ?? 10),
    assets,
    searchWorkers,
    baseUrl(request) {
      if (config.baseUrl) return config.baseUrl;
      return `${request.protocol}://${request.host}`;
    },
    async startSession(request, reply, user) {
      const token = newToken();
      const csrf = newToken();
      const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000);
      await reader.createSession({
        idHash: tokenHash(token),
        userId: user.id,
        csrfToken: csrf,
        expiresAt: expires.toISOString(),
      });
      reply.header(
        'set-cookie',
        cookie(request, SESSION_COOKIE, token, { maxAgeSec: SESSION_DAYS * 86_400 }),
      );
      request.auth = { ...request.auth, user, csrf, via: 'session', sessionHash: tokenHash(token) };
    },
  };
  await reader.adoptOrphanFeeds().catch(() => undefined);
  await reader.purgeExpiredSessions().catch(() => undefined);

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, parseForm(body as string));
  });
  // OPML and feed bodies posted to the API arrive as XML text.
  app.addContentTypeParser(
    ['text/xml', 'application/xml', 'text/x-opml', 'text/plain'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );

  app.decorateRequest('auth', null as unknown as RequestAuth);

  // Identify the user from the session cookie (APIs add their own token schemes on top).
  app.addHook('onRequest', async (request, reply) => {
    setSecurityHeaders(reply);
    const cookies = parseCookies(request.headers.cookie);
    request.auth = { csrf: cookies[PRELOGIN_COOKIE] ?? '', cookies };
    const session = cookies[SESSION_COOKIE];
    if (session) {
      const hash = tokenHash(session);
      const found = await reader.sessionByHash(hash);
      if (found)
        request.auth = {
          user: found.user,
          csrf: found.csrfToken,
          via: 'session',
          sessionHash: hash,
          cookies,
        };
    }
  });

  // CSRF: any state-changing request that rides on the session cookie must echo the token.
  app.addHook('preHandler', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    const needsCheck =
      request.auth.via === 'session' || request.url.startsWith('/login') || request.url.startsWith('/setup');
    if (!needsCheck) return;
    const provided = request.headers['x-csrf-token'] ?? field(request.body, '_csrf');
    if (!csrfValid(request.auth.csrf, provided)) {
      reply.code(403);
      if (request.url.startsWith('/api/')) return reply.send({ error: 'CSRF token missing or wrong' });
      return reply
        .type('text/html; charset=utf-8')
        .send(
          errorPage(
            ctx,
            request,
            403,
            'This form expired or came from another site. Go back, reload and try again.',
          ).value,
        );
    }
  });

  app.addHook('onSend', async (request, reply, payload) => maybeGzip(request, reply, payload));

  app.setErrorHandler((error, request, reply) => {
    const known = isNewsBiteError(error);
    const status = known
      ? codeStatus((error as NewsBiteError).code)
      : ((error as { statusCode?: number }).statusCode ?? 500);
    if (status >= 500) request.log.error(error);
    const message = known || status < 500 ? (error as Error).message : 'Internal error';
    reply.code(status);
    const wantsJson =
      request.url.startsWith('/api/') ||
      request.url.startsWith('/reader/') ||
      request.url.startsWith('/fever');
    if (wantsJson)
      return reply.send({ error: message, code: known ? (error as NewsBiteError).code : undefined });
    return reply.type('text/html; charset=utf-8').send(errorPage(ctx, request, status, message).value);
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404);
    if (request.url.startsWith('/api/'))
      return reply.send({ error: `no route ${request.method} ${request.url}` });
    return reply.type('text/html; charset=utf-8').send(errorPage(ctx, request, 404, 'Nothing here.').value);
  });

  app.get<{ Params: { name: string } }>('/static/:name', async (request, reply) => {
    const asset = ctx.assets.get(request.params.name);
    if (!asset) return reply.code(404).type('text/plain').send('not found');
    const etag = `"${asset.hash}"`;
    reply.header('etag', etag);
    const versioned = typeof (request.query as Record<string, unknown>).v === 'string';
    reply.header('cache-control', versioned ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
    reply.header('vary', 'accept-encoding');
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.type(asset.type);
    if (asset.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      reply.header('content-encoding', 'gzip');
      return reply.send(asset.gzip);
    }
    return reply.send(asset.body);
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/favicon.ico', async (_request, reply) => reply.redirect(`/static/icon.svg`, 301));

  registerPages(app, ctx);
  registerApi(app, ctx);
  registerGoogleReader(app, ctx);
  registerFever(app, ctx);
  registerOutgoingFeeds(app, ctx);
  return app;
}

export function codeStatus(code: NewsBiteError['code']): number {
  switch (code) {
    case 'NOT_FOUND':
    case 'INPUT_NOT_FOUND':
      return 404;
    case 'UNAUTHORIZED':
      return 401;
    case 'CONFLICT':
      return 409;
    case 'INPUT_TOO_LARGE':
      return 413;
    case 'FETCH_FAILED':
    case 'FETCH_TIMEOUT':
    case 'FETCH_HTTP':
    case 'FETCH_REFUSED':
    case 'NOT_A_FEED':
      return 422;
    default:
      return 400;
  }
}

/** Sends a NewsBiteError for a missing thing. */
export function notFound(what: string): never {
  throw new NewsBiteError('NOT_FOUND', `${what} not found`);
}
