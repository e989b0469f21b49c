/**
 * Outgoing feeds for any source, saved search, story or the starred list:
 *   /feeds/<secret>/source/<id>.xml|.atom|.json, /feeds/<secret>/search/<id>.…,
 *   /feeds/<secret>/story/<id>.…, /feeds/<secret>/starred.…
 * The per-user secret in the path is the credential (feed readers cannot log in).
 */
import type { FastifyInstance } from 'fastify';
import { NewsBiteError } from '../../errors.js';
import type { ListFilter } from '../../store/reader.js';
import { notFound, type ServerContext } from '../app.js';
import { compileQuery, parseQuery } from '../query.js';
import { FTS_COLUMNS } from '../search-page.js';
import { itemFromRow, renderFeed, SYNDICATION_TYPES, type SyndicationFormat } from '../syndication.js';

const EXTENSIONS: Record<string, SyndicationFormat> = { xml: 'rss', rss: 'rss', atom: 'atom', json: 'json' };
const ITEMS = 50;

function splitExt(name: string): { id: string; format: SyndicationFormat } {
  const m = /^(.+)\.(xml|rss|atom|json)$/.exec(name);
  if (!m) throw new NewsBiteError('NOT_FOUND', `feed ${name}: use .xml (RSS), .atom or .json`);
  return { id: m[1], format: EXTENSIONS[m[2]] };
}

export function registerOutgoingFeeds(app: FastifyInstance, ctx: ServerContext): void {
  const { reader } = ctx;

  async function send(
    request: import('fastify').FastifyRequest,
    reply: import('fastify').FastifyReply,
    token: string,
    kind: string,
    name: string,
  ) {
    const user = await reader.userByFeedToken(token);
    if (!user)
      throw new NewsBiteError('NOT_FOUND', 'feed not found (the secret in the URL is wrong or was changed)');
    const { id, format } =
      kind === 'starred' ? { ...splitExt(`x.${name.split('.').pop()}`), id: '' } : splitExt(name);
    let filter: ListFilter = { limit: ITEMS };
    let title: string;
    let page: string;
    const base = ctx.baseUrl(request);
    switch (kind) {
      case 'source': {
        const feed = (await reader.isSubscribed(user.id, Number(id)))
          ? await reader.feedById(Number(id))
          : undefined;
        if (!feed) return notFound(`source ${id}`);
        filter = { ...filter, feedId: feed.id };
        title = feed.title ?? feed.url;
        page = `${base}/articles?feed=${feed.id}`;
        break;
      }
      case 'search': {
        const saved = await reader.savedSearch(user.id, Number(id));
        if (!saved) return notFound(`saved search ${id}`);
        filter = { ...filter, ...compileQuery(parseQuery(saved.query), FTS_COLUMNS) };
        title = `Search: ${saved.name}`;
        page = `${base}/search?q=${encodeURIComponent(saved.query)}`;
        break;
      }
      case 'story': {
        const story = await reader.story(decodeURIComponent(id));
        if (!story) return notFound(`story ${id}`);
        filter = { ...filter, storyId: story.id };
        title = story.headline;
        page = `${base}/stories/${encodeURIComponent(story.id)}`;
        break;
      }
      case 'starred':
        filter = { ...filter, starredOnly: true };
        title = `${user.name}'s starred articles`;
        page = `${base}/starred`;
        break;
      default:
        return notFound(`feed kind ${kind}`);
    }
    const rows = await reader.articles(user.id, filter);
    const details = await Promise.all(rows.map((r) => reader.article(user.id, r.id)));
    const items = rows.map((r, i) => itemFromRow({ ...r, text: details[i]?.text }));
    const body = renderFeed(format, {
      title: `${title} · NewsBite`,
      selfUrl: `${base}${request.url}`,
      pageUrl: page,
      baseUrl: base,
      items,
    });
    reply.header('cache-control', 'private, max-age=300');
    return reply.type(SYNDICATION_TYPES[format]).send(body);
  }

  app.get<{ Params: { token: string; kind: string; name: string } }>(
    '/feeds/:token/:kind/:name',
    (request, reply) => send(request, reply, request.params.token, request.params.kind, request.params.name),
  );
  app.get<{ Params: { token: string; name: string } }>('/feeds/:token/:name', (request, reply) => {
    if (!/^starred\.(xml|rss|atom|json)$/.test(request.params.name)) return notFound('feed');
    return send(request, reply, request.params.token, 'starred', request.params.name);
  });
}
