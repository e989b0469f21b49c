/**
 * The Store: every query NewsBite runs, behind typed methods. Queries go through Kysely's
 * builder (portable); the only raw SQL is FTS5 (MATCH, bm25, snippet) and BEGIN IMMEDIATE.
 */
import type Database from 'better-sqlite3';
import { type ExpressionBuilder, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { NewsBiteError } from '../errors.js';
import type { Bite, Block, StoryInput, SummarySentence } from '../model/index.js';
import { renderHtml } from '../model/index.js';
import type { ArticlesTable, FeedsTable, JobsTable, StoreDatabase, StoriesTable } from './schema.js';
import { parseSearch } from './search-query.js';
import { resolveStoryRow } from './story-redirects.js';
import type {
  ArticleSummary,
  ClaimOptions,
  EntryIdentity,
  EntryInput,
  FeedPatch,
  FeedRecord,
  FeedWithCounts,
  JobRecord,
  KnownEntry,
  ListArticlesOptions,
  ListStoriesOptions,
  NewFeed,
  Page,
  SearchHit,
  SearchOptions,
  StoredArticle,
  StoreStats,
  StoryAssignmentInput,
  StoryRecord,
  UpsertResult,
} from './types.js';

type Db = Kysely<StoreDatabase>;

/** New feeds start at an hour until their posting frequency is known. */
export const DEFAULT_INTERVAL_SEC = 3600;
const MAX_PAGE = 500;

const iso = (date: Date = new Date()) => date.toISOString();
const orUndef = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function feedFromRow(row: Selectable<FeedsTable>): FeedRecord {
  return {
    id: row.id,
    url: row.url,
    siteUrl: orUndef(row.site_url),
    title: orUndef(row.title),
    category: orUndef(row.category),
    etag: orUndef(row.etag),
    lastModified: orUndef(row.last_modified),
    intervalSec: row.interval_sec,
    nextPollAt: row.next_poll_at,
    lastPolledAt: orUndef(row.last_polled_at),
    lastSuccessAt: orUndef(row.last_success_at),
    errorCount: row.error_count,
    lastError: orUndef(row.last_error),
    lastStatus: orUndef(row.last_status),
    paused: row.paused === 1,
    fullText: row.full_text,
    userAgent: orUndef(row.user_agent),
    headers: row.headers ? parseJson<Record<string, string>>(row.headers, {}) : undefined,
    ttlSec: orUndef(row.ttl_sec),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function feedPatchToRow(patch: FeedPatch): Updateable<FeedsTable> {
  const row: Partial<Record<keyof FeedsTable, unknown>> = {};
  const map: [keyof FeedPatch, keyof FeedsTable, ((v: never) => unknown)?][] = [
    ['url', 'url'],
    ['siteUrl', 'site_url'],
    ['title', 'title'],
    ['category', 'category'],
    ['etag', 'etag'],
    ['lastModified', 'last_modified'],
    ['intervalSec', 'interval_sec'],
    ['nextPollAt', 'next_poll_at'],
    ['lastPolledAt', 'last_polled_at'],
    ['lastSuccessAt', 'last_success_at'],
    ['errorCount', 'error_count'],
    ['lastError', 'last_error'],
    ['lastStatus', 'last_status'],
    ['paused', 'paused', (v: boolean) => (v ? 1 : 0)],
    ['fullText', 'full_text'],
    ['userAgent', 'user_agent'],
    ['headers', 'headers', (v: Record<string, string> | undefined) => (v ? JSON.stringify(v) : null)],
    ['ttlSec', 'ttl_sec'],
  ];
  for (const [key, column, convert] of map) {
    if (!(key in patch)) continue;
    const value = patch[key];
    row[column] = convert ? convert(value as never) : (value ?? null);
  }
  return row as Updateable<FeedsTable>;
}

const SUMMARY_COLUMNS = [
  'articles.id',
  'articles.feed_id',
  'articles.url',
  'articles.canonical_url',
  'articles.title',
  'articles.standfirst',
  'articles.authors',
  'articles.site_name',
  'articles.source_name',
  'articles.published_at',
  'articles.sort_at',
  'articles.language',
  'articles.lead_image',
  'articles.story_id',
  'articles.copy_group',
  'articles.copy_of',
  'articles.bite',
  'articles.original',
  'feeds.title as feed_title',
] as const;

type SummaryRow = Pick<
  Selectable<ArticlesTable>,
  | 'id'
  | 'feed_id'
  | 'url'
  | 'canonical_url'
  | 'title'
  | 'standfirst'
  | 'authors'
  | 'site_name'
  | 'source_name'
  | 'published_at'
  | 'sort_at'
  | 'language'
  | 'lead_image'
  | 'story_id'
  | 'copy_group'
  | 'copy_of'
  | 'bite'
  | 'original'
> & { feed_title: string | null };

function summaryFromRow(row: SummaryRow): ArticleSummary {
  const bite = parseJson<Bite | undefined>(row.bite, undefined);
  return {
    id: row.id,
    feedId: orUndef(row.feed_id),
    feedTitle: orUndef(row.feed_title),
    url: orUndef(row.url),
    canonicalUrl: orUndef(row.canonical_url),
    headline: orUndef(row.title),
    standfirst: orUndef(row.standfirst),
    authors: parseJson<string[]>(row.authors, []),
    siteName: orUndef(row.site_name),
    sourceName: orUndef(row.source_name),
    published: orUndef(row.published_at),
    sortAt: row.sort_at,
    language: orUndef(row.language),
    leadImage: orUndef(row.lead_image),
    storyId: orUndef(row.story_id),
    copyGroup: orUndef(row.copy_group),
    copyOf: orUndef(row.copy_of),
    summary: bite?.summary,
    original: parseJson(row.original, undefined),
  };
}

function storyFromRow(row: Selectable<StoriesTable>): StoryRecord {
  return {
    id: row.id,
    headline: row.headline,
    firstAt: orUndef(row.first_at),
    lastAt: orUndef(row.last_at),
    sources: parseJson<string[]>(row.sources, []),
    articleCount: row.article_count,
    bite: parseJson<SummarySentence[] | undefined>(row.bite, undefined),
    redirectTo: orUndef(row.redirect_to),
    updatedAt: row.updated_at,
  };
}

function jobFromRow(row: Selectable<JobsTable>): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    state: row.state,
    runAfter: row.run_after,
    attempts: row.attempts,
    lastError: orUndef(row.last_error),
    lockedUntil: orUndef(row.locked_until),
    lockedBy: orUndef(row.locked_by),
    payload: parseJson(row.payload, undefined),
  };
}

/** A UNIQUE constraint failure (a race with another process) as a CONFLICT people can read. */
async function uniqueOrConflict<T>(message: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
      throw new NewsBiteError('CONFLICT', message, { cause: error });
    throw error;
  }
}

function encodeCursor(sortAt: string, id: number): string {
  return Buffer.from(`${sortAt}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { sortAt: string; id: number } {
  const [sortAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const n = Number(id);
  if (!sortAt || !Number.isInteger(n))
    throw new NewsBiteError('INPUT_INVALID', `page cursor "${cursor}" is not valid`);
  return { sortAt, id: n };
}

function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw new NewsBiteError('INPUT_INVALID', `limit must be a positive whole number, got ${limit}`);
  return Math.min(limit, MAX_PAGE);
}

export class Store {
  constructor(
    /** The Kysely instance; other owners' tables: `store.db.withTables<TheirTables>()`. */
    readonly db: Db,
    private readonly raw: Database.Database,
    /** Path of the database file. */
    readonly file: string,
  ) {}

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Runs `fn` in one write transaction (BEGIN IMMEDIATE: takes the write lock up front, so two
   * processes wait for each other instead of failing with SQLITE_BUSY half-way). Inside, use
   * only the executor passed to `fn`.
   */
  async write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    return this.db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (error) {
        if (this.raw.inTransaction) await sql`ROLLBACK`.execute(conn);
        throw error;
      }
    });
  }

  // ---------------------------------------------------------------- feeds

  async addFeed(feed: NewFeed): Promise<FeedRecord> {
    const existing = await this.getFeedByUrl(feed.url);
    if (existing)
      throw new NewsBiteError('CONFLICT', `already subscribed to ${feed.url} (feed ${existing.id})`);
    const now = iso();
    return this.write(async (trx) => {
      const row = await uniqueOrConflict(`already subscribed to ${feed.url}`, () =>
        trx
          .insertInto('feeds')
          .values({
            url: feed.url,
            site_url: feed.siteUrl ?? null,
            title: feed.title ?? null,
            category: feed.category ?? null,
            etag: null,
            last_modified: null,
            interval_sec: feed.intervalSec ?? DEFAULT_INTERVAL_SEC,
            next_poll_at: feed.nextPollAt ?? now,
            last_polled_at: null,
            last_success_at: null,
            last_error: null,
            last_status: null,
            paused: feed.paused ? 1 : 0,
            full_text: feed.fullText ?? 'auto',
            user_agent: feed.userAgent ?? null,
            headers: feed.headers ? JSON.stringify(feed.headers) : null,
            ttl_sec: null,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow(),
      );
      await this.upsertJob(trx, 'poll', String(row.id), row.next_poll_at);
      return feedFromRow(row);
    });
  }

  async getFeed(id: number): Promise<FeedRecord | undefined> {
    const row = await this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? feedFromRow(row) : undefined;
  }

  async getFeedByUrl(url: string): Promise<FeedRecord | undefined> {
    const row = await this.db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst();
    return row ? feedFromRow(row) : undefined;
  }

  async listFeeds(): Promise<FeedWithCounts[]> {
    const rows = await this.db
      .selectFrom('feeds')
      .selectAll()
      .orderBy('category')
      .orderBy('title')
      .orderBy('id')
      .execute();
    const counts = await this.db
      .selectFrom('articles')
      .select((eb) => ['feed_id', eb.fn.countAll<number>().as('n'), eb.fn.max('sort_at').as('newest')])
      .groupBy('feed_id')
      .execute();
    const byFeed = new Map(counts.map((c) => [c.feed_id, c]));
    return rows.map((row) => ({
      ...feedFromRow(row),
      articleCount: Number(byFeed.get(row.id)?.n ?? 0),
      newestAt: byFeed.get(row.id)?.newest ?? undefined,
    }));
  }

  async updateFeed(id: number, patch: FeedPatch): Promise<FeedRecord> {
    const values = { ...feedPatchToRow(patch), updated_at: iso() };
    return this.write(async (trx) => {
      const row = await uniqueOrConflict(`another feed already has the URL ${patch.url}`, () =>
        trx.updateTable('feeds').set(values).where('id', '=', id).returningAll().executeTakeFirst(),
      );
      if (!row) throw new NewsBiteError('NOT_FOUND', `no feed with id ${id}`);
      if ('nextPollAt' in patch || 'paused' in patch) {
        await this.upsertJob(trx, 'poll', String(id), row.next_poll_at);
      }
      return feedFromRow(row);
    });
  }

  /** Deletes the feed, its articles (cascade) and its poll job. */
  async deleteFeed(id: number): Promise<boolean> {
    return this.write(async (trx) => {
      await trx.deleteFrom('jobs').where('kind', '=', 'poll').where('key', '=', String(id)).execute();
      const result = await trx.deleteFrom('feeds').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  // ---------------------------------------------------------------- entries

  /**
   * Finds an entry already stored for this feed: by guid, else canonical link, else title+date
   * hash. A row found by link or hash whose guid is still in the feed (`liveGuids`) is another
   * entry sharing the link, not this one renamed, so it does not match.
   */
  async findEntry(
    feedId: number | null,
    identity: EntryIdentity,
    liveGuids?: ReadonlySet<string>,
    exec: Db = this.db,
  ): Promise<KnownEntry | undefined> {
    const base = () =>
      exec
        .selectFrom('articles')
        .select(['id', 'guid', 'content_hash'])
        .where((eb) => (feedId === null ? eb('feed_id', 'is', null) : eb('feed_id', '=', feedId)));
    if (identity.guid) {
      const row = await base().where('guid', '=', identity.guid).executeTakeFirst();
      if (row) return { id: row.id, guid: identity.guid, contentHash: row.content_hash, matchedBy: 'guid' };
    }
    const fallbacks: [
      'canonicalUrl' | 'identityHash',
      'canonical_url' | 'identity_hash',
      string | undefined,
    ][] = [
      ['canonicalUrl', 'canonical_url', identity.canonicalUrl],
      ['identityHash', 'identity_hash', identity.identityHash],
    ];
    for (const [matchedBy, column, value] of fallbacks) {
      if (!value) continue;
      const rows = await base().where(column, '=', value).orderBy('id').limit(20).execute();
      const row = rows.find((r) => !r.guid || r.guid === identity.guid || !liveGuids?.has(r.guid));
      if (row) return { id: row.id, guid: orUndef(row.guid), contentHash: row.content_hash, matchedBy };
    }
    return undefined;
  }

  /**
   * `findEntry` for many entries of one feed at once (a few queries instead of one per entry),
   * with the same precedence: guid, then canonical link, then title+date hash.
   */
  async findEntries(
    feedId: number,
    identities: EntryIdentity[],
    liveGuids?: ReadonlySet<string>,
  ): Promise<(KnownEntry | undefined)[]> {
    type Row = {
      id: number;
      guid: string | null;
      canonical_url: string | null;
      identity_hash: string | null;
      content_hash: string;
    };
    const rows = new Map<number, Row>();
    const columns = [
      ['guid', identities.map((i) => i.guid)],
      ['canonical_url', identities.map((i) => i.canonicalUrl)],
      ['identity_hash', identities.map((i) => i.identityHash)],
    ] as const;
    for (const [column, values] of columns) {
      const wanted = [...new Set(values.filter((v): v is string => Boolean(v)))];
      for (let i = 0; i < wanted.length; i += 500) {
        const found = await this.db
          .selectFrom('articles')
          .select(['id', 'guid', 'canonical_url', 'identity_hash', 'content_hash'])
          .where('feed_id', '=', feedId)
          .where(column, 'in', wanted.slice(i, i + 500))
          .execute();
        for (const row of found) rows.set(row.id, row);
      }
    }
    const byGuid = new Map<string, Row>();
    const byUrl = new Map<string, Row[]>();
    const byHash = new Map<string, Row[]>();
    for (const row of [...rows.values()].sort((a, b) => a.id - b.id)) {
      if (row.guid) byGuid.set(row.guid, row);
      if (row.canonical_url) byUrl.set(row.canonical_url, [...(byUrl.get(row.canonical_url) ?? []), row]);
      if (row.identity_hash) byHash.set(row.identity_hash, [...(byHash.get(row.identity_hash) ?? []), row]);
    }
    return identities.map((identity) => {
      const exact = identity.guid ? byGuid.get(identity.guid) : undefined;
      if (exact)
        return {
          id: exact.id,
          guid: identity.guid,
          contentHash: exact.content_hash,
          matchedBy: 'guid' as const,
        };
      const fallbacks: ['canonicalUrl' | 'identityHash', Row[] | undefined][] = [
        ['canonicalUrl', identity.canonicalUrl ? byUrl.get(identity.canonicalUrl) : undefined],
        ['identityHash', identity.identityHash ? byHash.get(identity.identityHash) : undefined],
      ];
      for (const [matchedBy, candidates] of fallbacks) {
        const row = candidates?.find((r) => !r.guid || r.guid === identity.guid || !liveGuids?.has(r.guid));
        if (row) return { id: row.id, guid: orUndef(row.guid), contentHash: row.content_hash, matchedBy };
      }
      return undefined;
    });
  }

  /**
   * Inserts or updates one entry in its own transaction (a crash loses at most this entry).
   * `known` is what `findEntry` returned before the caller built the article (pass it to
   * avoid a second lookup); an update keeps the row id, so story and reader state survive edits.
   */
  async upsertEntry(
    input: EntryInput,
    known?: KnownEntry | null,
    liveGuids?: ReadonlySet<string>,
  ): Promise<UpsertResult> {
    return this.write((trx) => this.upsertIn(trx, input, known, liveGuids));
  }

  /**
   * Several entries in one transaction (a crash loses at most this batch, never part of an
   * entry). `assign` runs for each new entry inside the same transaction and may return its
   * story assignment, stored with it (an edited entry keeps its story: ids stay stable).
   */
  async upsertEntries(
    items: { input: EntryInput; known?: KnownEntry | null }[],
    assign?: (id: number, input: EntryInput) => StoryAssignmentInput | undefined,
  ): Promise<UpsertResult[]> {
    return this.write(async (trx) => {
      const results: UpsertResult[] = [];
      for (const item of items) {
        const result = await this.upsertIn(trx, item.input, item.known);
        if (assign && result.status === 'inserted') {
          const assignment = assign(result.id, item.input);
          if (assignment) await this.assignIn(trx, result.id, assignment);
        }
        results.push(result);
      }
      return results;
    });
  }

  private async upsertIn(
    trx: Db,
    input: EntryInput,
    known?: KnownEntry | null,
    liveGuids?: ReadonlySet<string>,
  ): Promise<UpsertResult> {
    const a = input.article;
    const now = iso();
    const fetchedAt = input.fetchedAt ?? now;
    const values = {
      feed_id: input.feedId ?? null,
      guid: input.guid ?? null,
      url: input.url ?? a.url ?? null,
      canonical_url: input.canonicalUrl ?? null,
      identity_hash: input.identityHash ?? null,
      title: a.headline ?? null,
      standfirst: a.standfirst ?? null,
      authors: JSON.stringify(a.authors ?? []),
      site_name: a.siteName ?? null,
      source_name: input.sourceName ?? a.siteName ?? null,
      published_at: a.published ?? null,
      updated_at: a.updated ?? null,
      fetched_at: fetchedAt,
      sort_at: a.published ?? fetchedAt,
      language: a.language ?? null,
      lead_image: a.leadImage ?? null,
      text: a.text ?? '',
      blocks: JSON.stringify(a.blocks ?? []),
      meta: JSON.stringify({
        keywords: a.keywords ?? [],
        section: a.section,
        extractor: a.diagnostics?.extractor,
        notes: a.diagnostics?.notes?.slice(0, 20),
      }),
      original: a.original ? JSON.stringify(a.original) : null,
      bite: input.bite ? JSON.stringify(input.bite) : null,
      content_hash: input.contentHash,
    };
    const found =
      known === undefined
        ? await this.findEntry(input.feedId ?? null, input, liveGuids, trx)
        : (known ?? undefined);
    if (!found) {
      const row = await trx
        .insertInto('articles')
        .values({ ...values, story_id: null, copy_group: null, copy_of: null, created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: row.id, status: 'inserted' as const };
    }
    if (found.contentHash === input.contentHash) {
      // Same content; only a renamed guid to remember.
      if (input.guid && found.guid !== input.guid) {
        await trx.updateTable('articles').set({ guid: input.guid }).where('id', '=', found.id).execute();
      }
      return { id: found.id, status: 'unchanged' as const };
    }
    // An edit: keep the first sighting's fetched_at/sort order, refresh everything else.
    const { fetched_at: _f, sort_at: _s, ...update } = values;
    await trx
      .updateTable('articles')
      .set({ ...update, sort_at: a.published ?? sql<string>`sort_at` })
      .where('id', '=', found.id)
      .execute();
    return { id: found.id, status: 'updated' as const };
  }

  /** Remembers a renamed guid for an unchanged entry (cheap path of a re-poll). */
  async renameGuid(id: number, guid: string): Promise<void> {
    await this.write((trx) => trx.updateTable('articles').set({ guid }).where('id', '=', id).execute());
  }

  async setStoryAssignment(articleId: number, assignment: StoryAssignmentInput): Promise<void> {
    await this.write((trx) => this.assignIn(trx, articleId, assignment));
  }

  private async assignIn(trx: Db, articleId: number, assignment: StoryAssignmentInput): Promise<void> {
    await trx
      .updateTable('articles')
      .set({
        story_id: assignment.story ?? null,
        copy_group: assignment.copyGroup ?? null,
        copy_of: assignment.copyOf ?? null,
      })
      .where('id', '=', articleId)
      .execute();
  }

  async getArticle(id: number): Promise<StoredArticle | undefined> {
    const row = await this.db
      .selectFrom('articles')
      .leftJoin('feeds', 'feeds.id', 'articles.feed_id')
      .selectAll('articles')
      .select('feeds.title as feed_title')
      .where('articles.id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const blocks = parseJson<Block[]>(row.blocks, []);
    const meta = parseJson<{ keywords?: string[]; section?: string; extractor?: string; notes?: string[] }>(
      row.meta,
      {},
    );
    return {
      id: row.id,
      feedId: orUndef(row.feed_id),
      feedTitle: orUndef(row.feed_title),
      guid: orUndef(row.guid),
      url: orUndef(row.url),
      canonicalUrl: orUndef(row.canonical_url),
      siteName: orUndef(row.site_name),
      sourceName: orUndef(row.source_name),
      headline: orUndef(row.title),
      standfirst: orUndef(row.standfirst),
      authors: parseJson<string[]>(row.authors, []),
      published: orUndef(row.published_at),
      updated: orUndef(row.updated_at),
      language: orUndef(row.language),
      section: meta.section,
      keywords: meta.keywords ?? [],
      leadImage: orUndef(row.lead_image),
      blocks,
      text: row.text,
      html: renderHtml(blocks),
      original: parseJson(row.original, undefined),
      diagnostics: { removed: [], notes: meta.notes ?? [], extractor: meta.extractor ?? 'stored' },
      fetchedAt: row.fetched_at,
      sortAt: row.sort_at,
      bite: parseJson<Bite | undefined>(row.bite, undefined),
      contentHash: row.content_hash,
      storyId: orUndef(row.story_id),
      copyGroup: orUndef(row.copy_group),
      copyOf: orUndef(row.copy_of),
    };
  }

  /** Newest first, keyset-paged (stable while articles arrive). */
  async listArticles(options: ListArticlesOptions = {}): Promise<Page<ArticleSummary>> {
    const limit = clampLimit(options.limit, 50);
    let query = this.db
      .selectFrom('articles')
      .leftJoin('feeds', 'feeds.id', 'articles.feed_id')
      .select(SUMMARY_COLUMNS)
      .orderBy('articles.sort_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit + 1);
    if (options.feedId !== undefined) query = query.where('articles.feed_id', '=', options.feedId);
    if (options.storyId !== undefined) query = query.where('articles.story_id', '=', options.storyId);
    if (options.copyGroup !== undefined) query = query.where('articles.copy_group', '=', options.copyGroup);
    if (options.foldCopies) query = query.where('articles.copy_of', 'is', null);
    if (options.ids) query = query.where('articles.id', 'in', options.ids.length ? options.ids : [-1]);
    if (options.cursor) {
      const { sortAt, id } = decodeCursor(options.cursor);
      query = query.where((eb) =>
        eb.or([
          eb('articles.sort_at', '<', sortAt),
          eb.and([eb('articles.sort_at', '=', sortAt), eb('articles.id', '<', id)]),
        ]),
      );
    }
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(summaryFromRow);
    const last = items[items.length - 1];
    return { items, next: rows.length > limit && last ? encodeCursor(last.sortAt, last.id) : undefined };
  }

  async countArticles(feedId?: number): Promise<number> {
    let query = this.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n'));
    if (feedId !== undefined) query = query.where('feed_id', '=', feedId);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Full-text search (FTS5, bm25 with the headline weighted highest). See search-query.ts for the language. */
  async search(query: string, options: SearchOptions = {}): Promise<SearchHit[]> {
    const parsed = parseSearch(query);
    const limit = clampLimit(options.limit, 20);
    const [open, close] = options.marks ?? ['«', '»'];
    // Weights per column: title, text, authors, source_name.
    const rank = sql<number>`bm25(articles_fts, 10.0, 1.0, 3.0, 2.0)`;
    let q = this.db
      .selectFrom('articles_fts')
      .innerJoin('articles', 'articles.id', 'articles_fts.rowid')
      .leftJoin('feeds', 'feeds.id', 'articles.feed_id')
      .select(SUMMARY_COLUMNS)
      .select([
        sql<string>`snippet(articles_fts, 1, ${open}, ${close}, '…', 24)`.as('snippet'),
        rank.as('rank'),
      ])
      .where(sql<boolean>`articles_fts MATCH ${parsed.match}`)
      .orderBy(rank)
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .offset(options.offset ?? 0);
    if (parsed.before) q = q.where('articles.sort_at', '<', parsed.before);
    if (parsed.after) q = q.where('articles.sort_at', '>=', parsed.after);
    if (options.feedId !== undefined) q = q.where('articles.feed_id', '=', options.feedId);
    const rows = await q.execute();
    return rows.map((row) => ({ ...summaryFromRow(row), snippet: row.snippet, rank: row.rank }));
  }

  // ---------------------------------------------------------------- stories

  /** The window's articles in arrival order, as the story engine takes them (for a warm start). */
  async recentStoryInputs(
    sinceIso: string,
    limit: number,
    afterId = 0,
  ): Promise<{ input: StoryInput; storyId?: string }[]> {
    const rows = await this.db
      .selectFrom('articles')
      .leftJoin('feeds', 'feeds.id', 'articles.feed_id')
      .select([
        'articles.id',
        'articles.title',
        'articles.text',
        'articles.source_name',
        'articles.site_name',
        'articles.published_at',
        'articles.url',
        'articles.canonical_url',
        'articles.original',
        'articles.bite',
        'articles.story_id',
      ])
      .where('articles.fetched_at', '>=', sinceIso)
      .where('articles.id', '>', afterId)
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((row) => {
      const bite = parseJson<Bite | undefined>(row.bite, undefined);
      const original = parseJson<{ url?: string } | undefined>(row.original, undefined);
      return {
        storyId: orUndef(row.story_id),
        input: {
          id: String(row.id),
          title: row.title ?? '',
          text: row.text,
          source: row.source_name ?? row.site_name ?? undefined,
          date: orUndef(row.published_at),
          url: orUndef(row.url),
          canonicalUrl: orUndef(row.canonical_url),
          originalUrl: original?.url,
          entities: bite?.entities?.map((e) => e.name),
        },
      };
    });
  }

  async getStory(id: string): Promise<StoryRecord | undefined> {
    const row = await resolveStoryRow(this.db, id);
    return row ? storyFromRow(row) : undefined;
  }

  /** Live stories, most recently updated coverage first. */
  async listStories(options: ListStoriesOptions = {}): Promise<StoryRecord[]> {
    const rows = await this.db
      .selectFrom('stories')
      .selectAll()
      .where('redirect_to', 'is', null)
      .where('article_count', '>=', options.minArticles ?? 1)
      .orderBy('last_at', 'desc')
      .orderBy('id')
      .limit(clampLimit(options.limit, 50))
      .offset(options.offset ?? 0)
      .execute();
    return rows.map(storyFromRow);
  }

  /**
   * Recomputes stories from their articles (count, first/last, sources) and sets headline and
   * bite when given. Stories left without articles are deleted unless they redirect.
   */
  async refreshStories(
    updates: { id: string; headline?: string; bite?: SummarySentence[] | null; redirectTo?: string | null }[],
  ): Promise<void> {
    if (!updates.length) return;
    const now = iso();
    await this.write(async (trx) => {
      for (const update of updates) {
        const agg = await trx
          .selectFrom('articles')
          .select((eb) => [
            eb.fn.countAll<number>().as('n'),
            eb.fn.min('sort_at').as('first'),
            eb.fn.max('sort_at').as('last'),
          ])
          .where('story_id', '=', update.id)
          .executeTakeFirstOrThrow();
        const sourceRows = await trx
          .selectFrom('articles')
          .select('source_name')
          .distinct()
          .where('story_id', '=', update.id)
          .where('source_name', 'is not', null)
          .orderBy('source_name')
          .execute();
        const first = await trx
          .selectFrom('articles')
          .select('title')
          .where('story_id', '=', update.id)
          .orderBy('sort_at')
          .limit(1)
          .executeTakeFirst();
        const count = Number(agg.n);
        const existing = await trx
          .selectFrom('stories')
          .selectAll()
          .where('id', '=', update.id)
          .executeTakeFirst();
        if (count === 0 && !update.redirectTo && !existing?.redirect_to) {
          await trx.deleteFrom('stories').where('id', '=', update.id).execute();
          continue;
        }
        const headline = update.headline ?? existing?.headline ?? first?.title ?? '(untitled)';
        const row = {
          headline,
          first_at: agg.first ?? null,
          last_at: agg.last ?? null,
          sources: JSON.stringify(sourceRows.map((r) => r.source_name)),
          article_count: count,
          bite:
            update.bite === undefined
              ? (existing?.bite ?? null)
              : update.bite
                ? JSON.stringify(update.bite)
                : null,
          redirect_to: update.redirectTo === undefined ? (existing?.redirect_to ?? null) : update.redirectTo,
          updated_at: now,
        };
        if (existing) await trx.updateTable('stories').set(row).where('id', '=', update.id).execute();
        else
          await trx
            .insertInto('stories')
            .values({ id: update.id, ...row })
            .execute();
      }
    });
  }

  /** Moves a merged story's articles to the story it joined; the old id redirects there. */
  async mergeStory(from: string, into: string): Promise<void> {
    if (from === into) return;
    await this.write(async (trx) => {
      await trx.updateTable('articles').set({ story_id: into }).where('story_id', '=', from).execute();
      const now = iso();
      await trx
        .insertInto('stories')
        .values({
          id: from,
          headline: '',
          first_at: null,
          last_at: null,
          sources: '[]',
          article_count: 0,
          bite: null,
          redirect_to: into,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ redirect_to: into, article_count: 0, updated_at: now }),
        )
        .execute();
      // Stories that redirected to `from` now point straight at `into`.
      await trx.updateTable('stories').set({ redirect_to: into }).where('redirect_to', '=', from).execute();
    });
  }

  /**
   * Moves single articles to another story (the engine's consolidation re-files articles one
   * by one); callers then refresh both stories' counts.
   */
  async moveArticlesToStories(moves: { articleId: number; storyId: string }[]): Promise<void> {
    if (!moves.length) return;
    await this.write(async (trx) => {
      for (const move of moves) {
        await trx
          .updateTable('articles')
          .set({ story_id: move.storyId })
          .where('id', '=', move.articleId)
          .execute();
      }
    });
  }

  // ---------------------------------------------------------------- state

  async getState<T>(name: string): Promise<T | undefined> {
    const row = await this.db
      .selectFrom('engine_state')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? parseJson<T | undefined>(row.value, undefined) : undefined;
  }

  async setState(name: string, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    const now = iso();
    await this.write((trx) =>
      trx
        .insertInto('engine_state')
        .values({ name, value: text, updated_at: now })
        .onConflict((oc) => oc.column('name').doUpdateSet({ value: text, updated_at: now }))
        .execute(),
    );
  }

  // ---------------------------------------------------------------- jobs

  private async upsertJob(
    exec: Db,
    kind: string,
    key: string,
    runAfter: string,
    payload?: unknown,
  ): Promise<void> {
    const now = iso();
    await exec
      .insertInto('jobs')
      .values({
        kind,
        key,
        state: 'queued',
        run_after: runAfter,
        last_error: null,
        locked_until: null,
        locked_by: null,
        payload: payload === undefined ? null : JSON.stringify(payload),
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['kind', 'key']).doUpdateSet((eb) => ({
          run_after: eb.ref('excluded.run_after'),
          // A running job keeps running; its completion sets the next run.
          state: sql<'queued'>`CASE WHEN jobs.state = 'running' THEN 'running' ELSE 'queued' END`,
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  /** Adds (or reschedules) a job: one row per (kind, key). */
  async enqueueJob(kind: string, key: string, runAfter: Date = new Date(), payload?: unknown): Promise<void> {
    await this.write((trx) => this.upsertJob(trx, kind, key, iso(runAfter), payload));
  }

  /**
   * Claims up to `limit` due jobs in one atomic UPDATE … WHERE state = 'queued' (or a running job
   * whose lock expired), so two processes never get the same job.
   * PostgreSQL: the inner SELECT would add FOR UPDATE SKIP LOCKED.
   */
  async claimJobs(options: ClaimOptions): Promise<JobRecord[]> {
    const now = iso(options.now);
    const lockedUntil = iso(new Date((options.now ?? new Date()).getTime() + options.lockMs));
    const limit = options.limit ?? 1;
    const rows = await this.write(async (trx) => {
      const claimable = (eb: ExpressionBuilder<StoreDatabase, 'jobs'>) =>
        eb.or([
          eb.and([
            eb('state', '=', 'queued'),
            ...(options.ignoreSchedule ? [] : [eb('run_after', '<=', now)]),
          ]),
          eb.and([eb('state', '=', 'running'), eb('locked_until', '<', now)]),
        ]);
      let candidates = trx
        .selectFrom('jobs')
        .select('id')
        .where('kind', '=', options.kind)
        .where(claimable)
        .orderBy('run_after')
        .limit(limit);
      if (options.keys) candidates = candidates.where('key', 'in', options.keys.length ? options.keys : ['']);
      return trx
        .updateTable('jobs')
        .set((eb) => ({
          state: 'running',
          locked_until: lockedUntil,
          locked_by: options.owner,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where('id', 'in', candidates)
        .where(claimable)
        .returningAll()
        .execute();
    });
    return rows.map(jobFromRow);
  }

  /** Finishes a job held by `owner`: recurring jobs go back to the queue at `rerunAt`. */
  async completeJob(id: number, owner: string, rerunAt?: Date): Promise<void> {
    const now = iso();
    await this.write((trx) =>
      trx
        .updateTable('jobs')
        .set({
          state: rerunAt ? 'queued' : 'done',
          run_after: rerunAt ? iso(rerunAt) : now,
          attempts: 0,
          last_error: null,
          locked_until: null,
          locked_by: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('locked_by', '=', owner)
        .execute(),
    );
  }

  /** Records a failure; with `retryAt` the job is queued again, else it stays failed. */
  async failJob(id: number, owner: string, error: string, retryAt?: Date): Promise<void> {
    const now = iso();
    await this.write((trx) =>
      trx
        .updateTable('jobs')
        .set({
          state: retryAt ? 'queued' : 'failed',
          run_after: retryAt ? iso(retryAt) : now,
          last_error: error,
          locked_until: null,
          locked_by: null,
          updated_at: now,
        })
        .where('id', '=', id)
        .where('locked_by', '=', owner)
        .execute(),
    );
  }

  /** Puts back the running jobs of holders `isDead` says are gone (a killed poll). */
  async recoverJobs(isDead: (owner: string) => boolean): Promise<number> {
    const running = await this.db
      .selectFrom('jobs')
      .select(['id', 'locked_by'])
      .where('state', '=', 'running')
      .execute();
    const dead = running.filter((j) => j.locked_by && isDead(j.locked_by)).map((j) => j.id);
    if (!dead.length) return 0;
    await this.write((trx) =>
      trx
        .updateTable('jobs')
        .set({ state: 'queued', locked_until: null, locked_by: null, updated_at: iso() })
        .where('id', 'in', dead)
        .where('state', '=', 'running')
        .execute(),
    );
    return dead.length;
  }

  /** When the earliest queued job of `kind` is due (ISO), if any. */
  async nextJobTime(kind: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.min('run_after').as('next'))
      .where('kind', '=', kind)
      .where('state', '=', 'queued')
      .executeTakeFirst();
    return row?.next ?? undefined;
  }

  async getJob(kind: string, key: string): Promise<JobRecord | undefined> {
    const row = await this.db
      .selectFrom('jobs')
      .selectAll()
      .where('kind', '=', kind)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? jobFromRow(row) : undefined;
  }

  async stats(): Promise<StoreStats> {
    const count = async (table: 'feeds' | 'articles' | 'stories') =>
      Number(
        (
          await this.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      feeds: await count('feeds'),
      articles: await count('articles'),
      stories: await count('stories'),
    };
  }
}
