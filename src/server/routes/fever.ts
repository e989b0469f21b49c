/**
 * The Fever API (api_version 3): POST /fever/?api&… with api_key = md5("name:password")
 * for the Fever password each user sets in Settings. Groups are folders.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { User } from '../../store/reader.js';
import { field, type ServerContext } from '../app.js';
import { xml } from '../syndication.js';

export function registerFever(app: FastifyInstance, ctx: ServerContext): void {
  const { reader } = ctx;

  const handler = async (request: FastifyRequest) => {
    const q = request.query as Record<string, string>;
    const param = (k: string) => field(request.body, k) ?? q[k];
    const has = (k: string) => k in q || field(request.body, k) !== undefined;
    const key = (param('api_key') ?? '').toLowerCase();
    const user: User | undefined = /^[0-9a-f]{32}$/.test(key) ? await reader.userByFeverKey(key) : undefined;
    const out: Record<string, unknown> = { api_version: 3, auth: user ? 1 : 0 };
    if (!user) return out;
    out.last_refreshed_on_time = Math.floor(Date.now() / 1000);

    const subs = await reader.subscriptions(user.id);
    const folders = [...new Set(subs.map((s) => s.folder).filter((f): f is string => Boolean(f)))].sort();
    const groupId = (folder: string) => folders.indexOf(folder) + 1;
    const feedsGroups = folders.map((f) => ({
      group_id: groupId(f),
      feed_ids: subs
        .filter((s) => s.folder === f)
        .map((s) => s.id)
        .join(','),
    }));

    const mark = param('mark');
    if (mark) {
      const as = param('as');
      const id = Number(param('id'));
      const before = Number(param('before'));
      const beforeIso = before > 0 ? new Date(before * 1000).toISOString() : new Date().toISOString();
      if (mark === 'item' && Number.isInteger(id)) {
        if (as === 'read' || as === 'unread') await reader.markRead(user.id, [id], as === 'read');
        if (as === 'saved' || as === 'unsaved') await reader.setStarred(user.id, [id], as === 'saved');
      } else if (mark === 'feed' && as === 'read') {
        await reader.markAllRead(user.id, { feedId: id, before: beforeIso });
      } else if (mark === 'group' && as === 'read') {
        const folder = folders[id - 1];
        await reader.markAllRead(user.id, folder ? { folder, before: beforeIso } : { before: beforeIso });
      }
    }

    if (has('groups')) {
      out.groups = folders.map((f) => ({ id: groupId(f), title: f }));
      out.feeds_groups = feedsGroups;
    }
    if (has('feeds')) {
      out.feeds = subs.map((s) => ({
        id: s.id,
        favicon_id: 0,
        title: s.title ?? s.url,
        url: s.url,
        site_url: s.site_url ?? s.url,
        is_spark: 0,
        last_updated_on_time: s.last_success_at ? Math.floor(Date.parse(s.last_success_at) / 1000) : 0,
      }));
      out.feeds_groups = feedsGroups;
    }
    if (has('favicons')) out.favicons = [];
    if (has('links')) out.links = [];
    if (has('items')) {
      const sinceId = Number(param('since_id'));
      const maxId = Number(param('max_id'));
      const withIds = (param('with_ids') ?? '')
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0)
        .slice(0, 50);
      const rows = await reader.articles(user.id, {
        includeCopies: true,
        limit: 50,
        ...(withIds.length ? { ids: withIds } : {}),
        ...(sinceId > 0 ? { sinceId, oldestFirst: true } : {}),
        ...(maxId > 0 ? { maxId } : {}),
      });
      // Fever clients page by id; order by id as they expect.
      rows.sort((a, b) => (sinceId > 0 ? a.id - b.id : b.id - a.id));
      const details = await Promise.all(rows.map((r) => reader.article(user.id, r.id)));
      out.total_items = await reader.countArticles(user.id, { includeCopies: true });
      out.items = rows.map((r, i) => {
        let authors: string[] = [];
        try {
          authors = JSON.parse(r.authors);
        } catch {}
        const text = details[i]?.text ?? '';
        return {
          id: r.id,
          feed_id: r.feed_id ?? 0,
          title: r.title ?? '(untitled)',
          author: authors.join(', '),
          html: text
            .split(/\n{2,}/)
            .filter(Boolean)
            .map((p) => `<p>${xml(p)}</p>`)
            .join(''),
          url: r.url ?? `${ctx.baseUrl(request)}/articles/${r.id}`,
          is_saved: r.starred ? 1 : 0,
          is_read: r.read ? 1 : 0,
          created_on_time: Math.floor(Date.parse(r.sort_at) / 1000),
        };
      });
    }
    if (has('unread_item_ids')) {
      const ids = await reader.articleIds(user.id, { unreadOnly: true, includeCopies: true, limit: 50_000 });
      out.unread_item_ids = ids.map((r) => r.id).join(',');
    }
    if (has('saved_item_ids')) {
      const ids = await reader.articleIds(user.id, { starredOnly: true, includeCopies: true, limit: 50_000 });
      out.saved_item_ids = ids.map((r) => r.id).join(',');
    }
    return out;
  };
  app.post('/fever', handler);
  app.get('/fever', handler);
}
