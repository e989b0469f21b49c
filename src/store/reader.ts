/**
 * The reader's queries: accounts (migration 100) and every read of feeds, articles and
 * stories the web reader and the APIs need. The server never writes SQL; it calls these.
 *
 * Visibility: a user sees articles of the feeds they subscribe to, plus articles that came
 * from no feed (read from a URL or pasted). Feeds nobody subscribes to (added with the CLI)
 * are adopted by every admin, see adoptOrphanFeeds().
 *
 * Copies: lists show one row per copy group (the representative, copy_of IS NULL); read
 * and star state written through markRead/setStarred follow the whole group.
 */

import Database from 'better-sqlite3';
import { CompiledQuery, Kysely, type RawBuilder, type Selectable, SqliteDialect, sql } from 'kysely';
import type { Condition } from '../server/query.js';
import type { StoreDatabase } from './schema.js';
import { resolveStoryRow } from './story-redirects.js';

export interface UsersTable {
  id: import('kysely').Generated<number>;
  name: string;
  password_hash: string;
  is_admin: number;
  fever_key: string | null;
  feed_token: string;
  created_at: string;
}
export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}
export interface ApiTokensTable {
  id: import('kysely').Generated<number>;
  user_id: number;
  name: string;
  kind: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}
export interface SubscriptionsTable {
  user_id: number;
  feed_id: number;
  title: string | null;
  folder: string | null;
  created_at: string;
}
export interface ArticleStateTable {
  user_id: number;
  article_id: number;
  read: number;
  starred: number;
  updated_at: string;
}
export interface SavedSearchesTable {
  id: import('kysely').Generated<number>;
  user_id: number;
  name: string;
  query: string;
  created_at: string;
}

export interface ReaderDatabase extends StoreDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  subscriptions: SubscriptionsTable;
  article_state: ArticleStateTable;
  saved_searches: SavedSearchesTable;
}

export type User = Selectable<UsersTable>;
export type SavedSearch = Selectable<SavedSearchesTable>;

/** One row of an article list. */
export interface ArticleListItem {
  id: number;
  feed_id: number | null;
  title: string | null;
  url: string | null;
  source: string | null;
  authors: string;
  published_at: string | null;
  fetched_at: string;
  sort_at: string;
  standfirst: string | null;
  story_id: string | null;
  copy_group: string | null;
  copy_of: string | null;
  /** Other members of the copy group. */
  copies: number;
  read: number;
  starred: number;
  /** JSON Bite or null (lists read only the summary). */
  bite: string | null;
}

export interface ArticleDetail extends ArticleListItem {
  canonical_url: string | null;
  site_name: string | null;
  feed_title: string | null;
  language: string | null;
  lead_image: string | null;
  text: string;
  /** JSON Block[]; the page renders HTML from it (escaped by construction). */
  blocks: string;
  /** JSON {keywords, section, extractor, notes}. */
  meta: string | null;
  original: string | null;
  updated_at: string | null;
}

export interface StoryListItem {
  id: string;
  headline: string;
  first_at: string | null;
  last_at: string | null;
  sources: string;
  article_count: number;
  bite: string | null;
  unread: number;
}

export interface FeedWithCounts {
  id: number;
  url: string;
  site_url: string | null;
  title: string | null;
  category: string | null;
  folder: string | null;
  interval_sec: number;
  next_poll_at: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  error_count: number;
  last_error: string | null;
  last_status: number | null;
  paused: number;
  full_text: string;
  unread: number;
  total: number;
}

export interface ListFilter {
  feedId?: number;
  storyId?: string;
  folder?: string;
  unreadOnly?: boolean;
  starredOnly?: boolean;
  readOnly?: boolean;
  /** Compiled search (see server/query.ts). */
  match?: string;
  conditions?: Condition[][];
  /** `match` runs on the prefix index (articles_prefix, migration 004) when it is set. */
  prefixIndex?: boolean;
  /** Published (or fetched) strictly before this ISO instant / after. */
  before?: string;
  after?: string;
  /** Keyset pagination: rows after this (sort key, id). */
  cursor?: { at: string; id: number };
  /** Only rows with id greater than this (GReader `ot`-style polling, Fever since_id). */
  sinceId?: number;
  maxId?: number;
  ids?: number[];
  oldestFirst?: boolean;
  /** Keep copies in the list (APIs that sync every item). */
  includeCopies?: boolean;
  /**
   * `bite` holds only the summary (`{"summary":[…]}`): what a results page shows. SQLite cuts
   * it out, so the whole bite (entities, quotes, sourcing) is neither copied into JS nor parsed.
   */
  summaryOnly?: boolean;
  limit: number;
  offset?: number;
}

const now = () => new Date().toISOString();

/** The sort key of an article: its publication time, else when we fetched it (a store column). */
const SORT_AT = sql`a.sort_at`;

export class ReaderStore {
  /**
   * Bumped by every state, subscription, saved-search or account write in this process; keys the
   * unread-count, story-list and rendered-page caches.
   */
  private stateVersion = 0;
  private readonly unreadCache = new Map<number, { key: string; value: number; at: number }>();

  /** A read connection with cached prepared statements (hot paths), when given a file or a connection. */
  private readonly raw?: Database.Database;
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    readonly db: Kysely<ReaderDatabase>,
    options: { file?: string; connection?: Database.Database } = {},
  ) {
    this.raw =
      options.connection ??
      (options.file ? new Database(options.file, { readonly: true, fileMustExist: true }) : undefined);
    if (this.raw) {
      this.raw.pragma('busy_timeout = 10000');
      // Article rows carry their full text (several overflow pages each): a larger page cache and
      // memory-mapped reads keep list queries from re-reading them through syscalls.
      this.raw.pragma('cache_size = -65536');
      this.raw.pragma('mmap_size = 1073741824');
    }
  }

  /**
   * A reader of its own on an existing database file, read-only (a search worker thread: WAL
   * lets it read while the main thread writes), one connection for Kysely and the prepared
   * statements alike. No migrations: the server has run them.
   */
  static openReadOnly(file: string): ReaderStore {
    const connection = new Database(file, { readonly: true, fileMustExist: true });
    const db = new Kysely<ReaderDatabase>({ dialect: new SqliteDialect({ database: connection }) });
    return new ReaderStore(db, { connection });
  }

  close(): void {
    this.raw?.close();
  }

  /**
   * Runs a SELECT. With our own connection the statement is prepared once and reused: Kysely
   * prepares every query anew, which for the reader's joins costs more than running them.
   */
  private async rows<T>(query: { compile(db: Kysely<ReaderDatabase>): CompiledQuery<T> }): Promise<T[]> {
    const compiled = query.compile(this.db);
    if (!this.raw) return (await this.db.executeQuery(compiled)).rows;
    let statement = this.statements.get(compiled.sql);
    if (!statement) {
      statement = this.raw.prepare(compiled.sql);
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(compiled.sql, statement);
    }
    return statement.all(...(compiled.parameters as unknown[])) as T[];
  }

  /**
   * Runs one of the hot paths' fixed SELECTs (every page: the session, the data version) from
   * its SQL text: no query builder to compile per request, the statement is prepared once.
   */
  private async fixed<T>(text: string, parameters: unknown[]): Promise<T[]> {
    if (!this.raw) return (await this.db.executeQuery(CompiledQuery.raw(text, parameters))).rows as T[];
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.raw.prepare(text);
      this.statements.set(text, statement);
    }
    return statement.all(...parameters) as T[];
  }

  // ---- users -------------------------------------------------------------------------

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createUser(input: {
    name: string;
    passwordHash: string;
    isAdmin: boolean;
    feedToken: string;
  }): Promise<User> {
    const row = await this.db
      .insertInto('users')
      .values({
        name: input.name,
        password_hash: input.passwordHash,
        is_admin: input.isAdmin ? 1 : 0,
        feed_token: input.feedToken,
        created_at: now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.adoptOrphanFeeds();
    return row;
  }

  async userByName(name: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async userById(id: number): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async userByFeverKey(key: string): Promise<User | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('fever_key', '=', key.toLowerCase())
      .executeTakeFirst();
  }

  async userByFeedToken(token: string): Promise<User | undefined> {
    return this.db.selectFrom('users').selectAll().where('feed_token', '=', token).executeTakeFirst();
  }

  async listUsers(): Promise<User[]> {
    return this.db.selectFrom('users').selectAll().orderBy('id').execute();
  }

  async updateUser(
    id: number,
    changes: { passwordHash?: string; feverKey?: string | null; feedToken?: string; isAdmin?: boolean },
  ): Promise<void> {
    const values: Record<string, unknown> = {};
    if (changes.passwordHash !== undefined) values.password_hash = changes.passwordHash;
    if (changes.feverKey !== undefined) values.fever_key = changes.feverKey;
    if (changes.feedToken !== undefined) values.feed_token = changes.feedToken;
    if (changes.isAdmin !== undefined) values.is_admin = changes.isAdmin ? 1 : 0;
    if (Object.keys(values).length === 0) return;
    this.stateVersion++; // cached pages show the feed secret
    await this.db.updateTable('users').set(values).where('id', '=', id).execute();
  }

  async deleteUser(id: number): Promise<boolean> {
    // SQLite enforces the ON DELETE CASCADE only with foreign_keys on; delete explicitly.
    return this.db.transaction().execute(async (trx) => {
      for (const table of [
        'sessions',
        'api_tokens',
        'subscriptions',
        'article_state',
        'saved_searches',
      ] as const) {
        await trx.deleteFrom(table).where('user_id', '=', id).execute();
      }
      const result = await trx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  // ---- sessions and tokens -----------------------------------------------------------

  async createSession(input: {
    idHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: input.idHash,
        user_id: input.userId,
        csrf_token: input.csrfToken,
        created_at: now(),
        expires_at: input.expiresAt,
      })
      .execute();
  }

  async sessionByHash(idHash: string): Promise<{ user: User; csrfToken: string } | undefined> {
    const [row] = await this.fixed<User & { csrf_token: string; expires_at: string }>(
      `SELECT u.id, u.name, u.password_hash, u.is_admin, u.fever_key, u.feed_token, u.created_at,
        s.csrf_token, s.expires_at
      FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`,
      [idHash],
    );
    if (!row || row.expires_at < now()) return undefined;
    const { csrf_token, expires_at: _expires, ...user } = row;
    return { user, csrfToken: csrf_token };
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', idHash).execute();
  }

  async purgeExpiredSessions(): Promise<void> {
    await this.db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
  }

  async createApiToken(input: {
    userId: number;
    name: string;
    kind: 'api' | 'greader';
    tokenHash: string;
  }): Promise<number> {
    const row = await this.db
      .insertInto('api_tokens')
      .values({
        user_id: input.userId,
        name: input.name,
        kind: input.kind,
        token_hash: input.tokenHash,
        created_at: now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async userByTokenHash(tokenHash: string, kind?: 'api' | 'greader'): Promise<User | undefined> {
    let query = this.db
      .selectFrom('api_tokens as t')
      .innerJoin('users as u', 'u.id', 't.user_id')
      .selectAll('u')
      .select('t.id as token_id')
      .where('t.token_hash', '=', tokenHash);
    if (kind) query = query.where('t.kind', '=', kind);
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    const { token_id, ...user } = row;
    await this.db.updateTable('api_tokens').set({ last_used_at: now() }).where('id', '=', token_id).execute();
    return user;
  }

  async listApiTokens(userId: number) {
    return this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'kind', 'created_at', 'last_used_at'])
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
  }

  async deleteApiToken(userId: number, id: number): Promise<boolean> {
    const r = await this.db
      .deleteFrom('api_tokens')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ---- feeds and subscriptions -------------------------------------------------------

  /** Feeds no user subscribes to (e.g. added with `newsbite add`) go to every admin. */
  async adoptOrphanFeeds(): Promise<void> {
    this.stateVersion++;
    await sql`INSERT INTO subscriptions (user_id, feed_id, folder, created_at)
      SELECT u.id, f.id, f.category, ${now()} FROM feeds f, users u
      WHERE u.is_admin = 1 AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.feed_id = f.id)
      ON CONFLICT DO NOTHING`.execute(this.db);
  }

  async subscribe(
    userId: number,
    feedId: number,
    options: { title?: string; folder?: string } = {},
  ): Promise<void> {
    this.stateVersion++;
    await this.db
      .insertInto('subscriptions')
      .values({
        user_id: userId,
        feed_id: feedId,
        title: options.title ?? null,
        folder: options.folder ?? null,
        created_at: now(),
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'feed_id']).doUpdateSet({
          title: (eb) => eb.fn.coalesce(eb.ref('excluded.title'), eb.ref('subscriptions.title')),
          folder: (eb) => eb.fn.coalesce(eb.ref('excluded.folder'), eb.ref('subscriptions.folder')),
        }),
      )
      .execute();
  }

  async unsubscribe(userId: number, feedId: number): Promise<boolean> {
    this.stateVersion++;
    const r = await this.db
      .deleteFrom('subscriptions')
      .where('user_id', '=', userId)
      .where('feed_id', '=', feedId)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async isSubscribed(userId: number, feedId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('subscriptions')
      .select('feed_id')
      .where('user_id', '=', userId)
      .where('feed_id', '=', feedId)
      .executeTakeFirst();
    return Boolean(row);
  }

  async renameSubscription(
    userId: number,
    feedId: number,
    changes: { title?: string | null; folder?: string | null },
  ) {
    const values: Record<string, string | null> = {};
    if (changes.title !== undefined) values.title = changes.title;
    if (changes.folder !== undefined) values.folder = changes.folder;
    if (Object.keys(values).length === 0) return;
    await this.db
      .updateTable('subscriptions')
      .set(values)
      .where('user_id', '=', userId)
      .where('feed_id', '=', feedId)
      .execute();
  }

  async feedByUrl(url: string) {
    return this.db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst();
  }

  async feedById(id: number) {
    return this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Pause and full-text switches, the two per-feed settings the sources page edits. */
  async updateFeedSettings(
    id: number,
    changes: { paused?: boolean; fullText?: 'auto' | 'always' | 'never' },
  ) {
    const values: { paused?: number; full_text?: 'auto' | 'always' | 'never'; updated_at: string } = {
      updated_at: now(),
    };
    if (changes.paused !== undefined) values.paused = changes.paused ? 1 : 0;
    if (changes.fullText !== undefined) values.full_text = changes.fullText;
    await this.db.updateTable('feeds').set(values).where('id', '=', id).execute();
  }

  /** The user's feeds with status and unread/total counts (representatives only). */
  async subscriptions(userId: number): Promise<FeedWithCounts[]> {
    const rows = await this.rows(sql<FeedWithCounts>`
      SELECT f.id, f.url, f.site_url, coalesce(s.title, f.title) AS title, f.category, s.folder,
        f.interval_sec, f.next_poll_at, f.last_polled_at, f.last_success_at, f.error_count, f.last_error,
        f.last_status, f.paused, f.full_text,
        coalesce(c.total, 0) AS total, coalesce(c.total, 0) - coalesce(r.n, 0) AS unread
      FROM subscriptions s JOIN feeds f ON f.id = s.feed_id
      LEFT JOIN (SELECT feed_id, count(*) AS total FROM articles WHERE copy_of IS NULL GROUP BY feed_id) c
        ON c.feed_id = f.id
      LEFT JOIN (SELECT a.feed_id, count(*) AS n FROM article_state st JOIN articles a ON a.id = st.article_id
                 WHERE st.user_id = ${userId} AND st.read = 1 AND a.copy_of IS NULL GROUP BY a.feed_id) r
        ON r.feed_id = f.id
      WHERE s.user_id = ${userId}
      ORDER BY lower(coalesce(s.title, f.title, f.url))`);
    return rows.map((r) => ({ ...r, unread: Math.max(0, Number(r.unread)), total: Number(r.total) }));
  }

  async folders(userId: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('subscriptions')
      .select('folder')
      .distinct()
      .where('user_id', '=', userId)
      .where('folder', 'is not', null)
      .orderBy('folder')
      .execute();
    return rows.map((r) => r.folder!).filter(Boolean);
  }

  // ---- articles ----------------------------------------------------------------------

  private visible(userId: number): RawBuilder<unknown> {
    return sql`(a.feed_id IS NULL OR a.feed_id IN (SELECT feed_id FROM subscriptions WHERE user_id = ${userId}))`;
  }

  private conditionSql(userId: number, c: Condition): RawBuilder<unknown> {
    let expr: RawBuilder<unknown>;
    switch (c.kind) {
      case 'fts':
        expr = sql`a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ${c.match})`;
        break;
      case 'source': {
        const like = `%${c.value.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
        expr = sql`(coalesce(a.source_name, a.site_name, '') LIKE ${like} ESCAPE '\\' OR a.feed_id IN (
          SELECT id FROM feeds WHERE coalesce(title, '') LIKE ${like} ESCAPE '\\' OR url LIKE ${like} ESCAPE '\\'))`;
        break;
      }
      case 'entity':
        // Names and mentions of each bite, indexed by store migration 005.
        expr = sql`EXISTS (SELECT 1 FROM article_entities x WHERE x.article_id = a.id AND x.name = lower(${c.value}))`;
        break;
      case 'date':
        expr = c.op === 'before' ? sql`${SORT_AT} < ${c.value}` : sql`${SORT_AT} >= ${c.value}`;
        break;
      case 'is': {
        const state = c.value === 'starred' ? sql`st.starred = 1` : sql`st.read = 1`;
        const has = sql`EXISTS (SELECT 1 FROM article_state st WHERE st.user_id = ${userId} AND st.article_id = a.id AND ${state})`;
        expr = c.value === 'unread' ? sql`NOT ${has}` : has;
        break;
      }
    }
    return c.negated ? sql`NOT (${expr})` : sql`(${expr})`;
  }

  private whereSql(userId: number, f: ListFilter): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [this.visible(userId)];
    if (!f.includeCopies && f.storyId === undefined) parts.push(sql`a.copy_of IS NULL`);
    if (f.feedId !== undefined) parts.push(sql`a.feed_id = ${f.feedId}`);
    if (f.storyId !== undefined) parts.push(sql`a.story_id = ${f.storyId}`);
    if (f.folder !== undefined) {
      parts.push(
        sql`a.feed_id IN (SELECT feed_id FROM subscriptions WHERE user_id = ${userId} AND folder = ${f.folder})`,
      );
    }
    if (f.unreadOnly) parts.push(sql`coalesce(st.read, 0) = 0`);
    if (f.readOnly) parts.push(sql`st.read = 1`);
    if (f.starredOnly) parts.push(sql`st.starred = 1`);
    if (f.match)
      parts.push(sql`a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ${f.match})`);
    for (const group of f.conditions ?? []) {
      parts.push(
        sql`(${sql.join(
          group.map((c) => this.conditionSql(userId, c)),
          sql` OR `,
        )})`,
      );
    }
    if (f.before) parts.push(sql`${SORT_AT} < ${f.before}`);
    if (f.after) parts.push(sql`${SORT_AT} >= ${f.after}`);
    if (f.sinceId !== undefined) parts.push(sql`a.id > ${f.sinceId}`);
    if (f.maxId !== undefined) parts.push(sql`a.id < ${f.maxId}`);
    if (f.ids) parts.push(f.ids.length ? sql`a.id IN (${sql.join(f.ids)})` : sql`0`);
    if (f.cursor) {
      parts.push(
        f.oldestFirst
          ? sql`(${SORT_AT} > ${f.cursor.at} OR (${SORT_AT} = ${f.cursor.at} AND a.id > ${f.cursor.id}))`
          : sql`(${SORT_AT} < ${f.cursor.at} OR (${SORT_AT} = ${f.cursor.at} AND a.id < ${f.cursor.id}))`,
      );
    }
    return sql.join(parts, sql` AND `);
  }

  private static LIST_COLUMNS = sql`a.id, a.feed_id, a.title, a.url,
      coalesce(a.source_name, a.site_name, f.title) AS source, a.authors, a.published_at, a.fetched_at, a.sort_at,
      a.standfirst, a.story_id, a.copy_group, a.copy_of,
      CASE WHEN a.copy_group IS NULL THEN 0
        ELSE (SELECT count(*) FROM articles c WHERE c.copy_group = a.copy_group AND c.id <> a.id) END AS copies,
      coalesce(st.read, 0) AS read, coalesce(st.starred, 0) AS starred, a.bite`;

  /** LIST_COLUMNS with the bite cut down to its summary (a bite that is not JSON reads as null). */
  private static LIST_COLUMNS_SUMMARY = sql`a.id, a.feed_id, a.title, a.url,
      coalesce(a.source_name, a.site_name, f.title) AS source, a.authors, a.published_at, a.fetched_at, a.sort_at,
      a.standfirst, a.story_id, a.copy_group, a.copy_of,
      CASE WHEN a.copy_group IS NULL THEN 0
        ELSE (SELECT count(*) FROM articles c WHERE c.copy_group = a.copy_group AND c.id <> a.id) END AS copies,
      coalesce(st.read, 0) AS read, coalesce(st.starred, 0) AS starred,
      CASE WHEN json_valid(a.bite) THEN json_object('summary', json_extract(a.bite, '$.summary')) END AS bite`;

  private static listColumns(filter: ListFilter): RawBuilder<unknown> {
    return filter.summaryOnly ? ReaderStore.LIST_COLUMNS_SUMMARY : ReaderStore.LIST_COLUMNS;
  }

  /** A page of articles, newest first (or oldest first), with the user's state. */
  async articles(userId: number, filter: ListFilter): Promise<ArticleListItem[]> {
    if (filter.match && !filter.oldestFirst && !filter.cursor) return this.searchByRecency(userId, filter);
    const order = filter.oldestFirst ? sql`ASC` : sql`DESC`;
    const result = await this.rows(sql<ArticleListItem>`
      SELECT ${ReaderStore.listColumns(filter)}
      FROM articles a
      LEFT JOIN feeds f ON f.id = a.feed_id
      LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
      WHERE ${this.whereSql(userId, filter)}
      ORDER BY ${SORT_AT} ${order}, a.id ${order}
      LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}`);
    return result;
  }

  /**
   * Full-text matches, newest arrival first. The FTS5 index is walked in descending rowid order
   * and joined to articles row by row, so the first page costs the same for a rare word as for
   * one in every article (ordering by sort_at instead would sort every match: 50–1000 ms at 100k).
   */
  private async searchByRecency(userId: number, filter: ListFilter): Promise<ArticleListItem[]> {
    const { match, prefixIndex, ...rest } = filter;
    const matches = prefixIndex
      ? sql`SELECT rowid AS id FROM articles_prefix WHERE articles_prefix MATCH ${match} ORDER BY rowid DESC`
      : sql`SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ${match} ORDER BY rowid DESC`;
    const result = await this.rows(sql<ArticleListItem>`
      SELECT ${ReaderStore.listColumns(filter)}
      FROM (${matches}) m
      CROSS JOIN articles a ON a.id = m.id
      LEFT JOIN feeds f ON f.id = a.feed_id
      LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
      WHERE ${this.whereSql(userId, rest)}
      ORDER BY m.id DESC
      LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}`);
    return result;
  }

  /** Ids only (Google Reader stream/items/ids, Fever unread/saved ids). */
  async articleIds(
    userId: number,
    filter: ListFilter,
  ): Promise<{ id: number; at: string; feed_id: number | null }[]> {
    const order = filter.oldestFirst ? sql`ASC` : sql`DESC`;
    const result = await this.rows(sql<{ id: number; at: string; feed_id: number | null }>`
      SELECT a.id, ${SORT_AT} AS at, a.feed_id
      FROM articles a
      LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
      WHERE ${this.whereSql(userId, filter)}
      ORDER BY ${SORT_AT} ${order}, a.id ${order}
      LIMIT ${filter.limit} OFFSET ${filter.offset ?? 0}`);
    return result;
  }

  async countArticles(userId: number, filter: Omit<ListFilter, 'limit'>): Promise<number> {
    const result = await this.rows(sql<{ n: number }>`
      SELECT count(*) AS n FROM articles a
      LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
      WHERE ${this.whereSql(userId, { ...filter, limit: 0 })}`);
    return Number(result[0]?.n ?? 0);
  }

  async article(userId: number, id: number): Promise<ArticleDetail | undefined> {
    const result = await this.rows(sql<ArticleDetail>`
      SELECT ${ReaderStore.LIST_COLUMNS}, a.canonical_url, a.site_name, f.title AS feed_title, a.language,
        a.lead_image, a.text, a.blocks, a.meta, a.original, a.updated_at
      FROM articles a
      LEFT JOIN feeds f ON f.id = a.feed_id
      LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
      WHERE a.id = ${id} AND ${this.visible(userId)}`);
    return result[0];
  }

  /** The other members of an article's copy group. */
  async copies(
    userId: number,
    article: { id: number; copy_group: string | null },
  ): Promise<ArticleListItem[]> {
    if (!article.copy_group) return [];
    const result = await this.rows(sql<ArticleListItem>`
      SELECT ${ReaderStore.LIST_COLUMNS}
      FROM articles a
      LEFT JOIN feeds f ON f.id = a.feed_id
      LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
      WHERE a.copy_group = ${article.copy_group} AND a.id <> ${article.id} AND ${this.visible(userId)}
      ORDER BY ${SORT_AT} ASC, a.id ASC LIMIT 100`);
    return result;
  }

  // ---- stories -----------------------------------------------------------------------

  /** Latest article id + this process's state version: what a cached list or page depends on. */
  async version(): Promise<string> {
    const [max] = await this.fixed<{ m: number | null }>('SELECT max(id) AS m FROM articles', []);
    return `${max?.m ?? 0}:${this.stateVersion}`;
  }

  private readonly storyCache = new Map<string, { version: string; at: number; value: StoryListItem[] }>();

  /**
   * Stories with at least one visible article, latest activity first, with unread counts.
   * The front page asks for the same lists again and again: a result stays valid until an
   * article arrives or state changes here, and at most 5 s (story engine edits, other processes).
   */
  async stories(
    userId: number,
    options: { limit: number; before?: string; offset?: number },
  ): Promise<StoryListItem[]> {
    const key = `${userId}:${options.limit}:${options.offset ?? 0}:${options.before ?? ''}`;
    const version = await this.version();
    const hit = this.storyCache.get(key);
    if (hit && hit.version === version && Date.now() - hit.at < 5000) return hit.value;
    const value = await this.storiesUncached(userId, options);
    if (this.storyCache.size > 1000) this.storyCache.clear();
    this.storyCache.set(key, { version, at: Date.now(), value });
    return value;
  }

  private async storiesUncached(
    userId: number,
    options: { limit: number; before?: string; offset?: number },
  ): Promise<StoryListItem[]> {
    const before = options.before ? sql`AND s.last_at < ${options.before}` : sql``;
    const result = await this.rows(sql<StoryListItem>`
      SELECT s.id, s.headline, s.first_at, s.last_at, s.sources, s.article_count, s.bite,
        (SELECT count(*) FROM articles a
          LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
          WHERE a.story_id = s.id AND a.copy_of IS NULL AND coalesce(st.read, 0) = 0 AND ${this.visible(userId)}) AS unread
      FROM stories s
      WHERE s.redirect_to IS NULL ${before}
        AND EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id AND ${this.visible(userId)})
      ORDER BY s.last_at DESC, s.id DESC
      LIMIT ${options.limit} OFFSET ${options.offset ?? 0}`);
    return result;
  }

  /** A story by id, following merge redirects (at most a few hops). */
  async story(id: string): Promise<Selectable<StoreDatabase['stories']> | undefined> {
    return resolveStoryRow(this.db as unknown as Kysely<StoreDatabase>, id);
  }

  async countStories(): Promise<number> {
    const r = await this.db
      .selectFrom('stories')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('redirect_to', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  // ---- state -------------------------------------------------------------------------

  /** Ids of the given articles plus every member of their copy groups. */
  private async withCopies(ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const result = await this.rows(sql<{ id: number }>`
      SELECT id FROM articles WHERE id IN (${sql.join(ids)})
      UNION
      SELECT c.id FROM articles a JOIN articles c ON c.copy_group = a.copy_group
      WHERE a.id IN (${sql.join(ids)}) AND a.copy_group IS NOT NULL`);
    return result.map((r) => r.id);
  }

  private async setState(
    userId: number,
    ids: number[],
    column: 'read' | 'starred',
    value: boolean,
  ): Promise<number> {
    const all = await this.withCopies(ids);
    if (all.length === 0) return 0;
    this.stateVersion++;
    const at = now();
    const v = value ? 1 : 0;
    const write = (exec: Kysely<ReaderDatabase>, chunk: number[]) =>
      exec
        .insertInto('article_state')
        .values(
          chunk.map((id) => ({
            user_id: userId,
            article_id: id,
            read: column === 'read' ? v : 0,
            starred: column === 'starred' ? v : 0,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['user_id', 'article_id']).doUpdateSet({ [column]: v, updated_at: at }),
        )
        .execute();
    // One statement is atomic on its own; only bigger sets need a transaction around the chunks.
    if (all.length <= 500) await write(this.db, all);
    else {
      await this.db.transaction().execute(async (trx) => {
        for (let i = 0; i < all.length; i += 500) await write(trx, all.slice(i, i + 500));
      });
    }
    return all.length;
  }

  async markRead(userId: number, ids: number[], read = true): Promise<number> {
    return this.setState(userId, ids, 'read', read);
  }

  async setStarred(userId: number, ids: number[], starred = true): Promise<number> {
    return this.setState(userId, ids, 'starred', starred);
  }

  /** Marks every visible article matching the filter read (copies included), in one statement. */
  async markAllRead(userId: number, filter: Omit<ListFilter, 'limit'> = {}): Promise<number> {
    this.stateVersion++;
    const at = now();
    const result = await sql`
      INSERT INTO article_state (user_id, article_id, read, starred, updated_at)
      SELECT ${userId}, a.id, 1, 0, ${at} FROM articles a
      LEFT JOIN article_state st ON st.user_id = ${userId} AND st.article_id = a.id
      WHERE ${this.whereSql(userId, { ...filter, includeCopies: true, unreadOnly: true, limit: 0 })}
      ON CONFLICT (user_id, article_id) DO UPDATE SET read = 1, updated_at = excluded.updated_at`.execute(
      this.db,
    );
    return Number(result.numAffectedRows ?? 0);
  }

  /**
   * Unread representatives. Counting scans every visible article, so the answer is cached
   * until an article arrives (max id changes), this process writes state, or a minute passes
   * (state written by another process).
   */
  async unreadCount(userId: number): Promise<number> {
    const key = await this.version();
    const hit = this.unreadCache.get(userId);
    if (hit && hit.key === key && Date.now() - hit.at < 60_000) return hit.value;
    // Representatives minus the read ones: two index-only counts instead of a join over every article.
    const result = await this.rows(sql<{ total: number; read: number }>`
      SELECT
        (SELECT count(*) FROM articles a WHERE a.copy_of IS NULL
          AND a.feed_id IN (SELECT feed_id FROM subscriptions WHERE user_id = ${userId}))
        + (SELECT count(*) FROM articles a WHERE a.copy_of IS NULL AND a.feed_id IS NULL) AS total,
        (SELECT count(*) FROM article_state st JOIN articles a ON a.id = st.article_id
          WHERE st.user_id = ${userId} AND st.read = 1 AND a.copy_of IS NULL AND ${this.visible(userId)}) AS read`);
    const row = result[0];
    const value = Math.max(0, Number(row?.total ?? 0) - Number(row?.read ?? 0));
    this.unreadCache.set(userId, { key, value, at: Date.now() });
    return value;
  }

  // ---- saved searches ----------------------------------------------------------------

  async savedSearches(userId: number): Promise<SavedSearch[]> {
    return this.fixed<SavedSearch>(
      'SELECT id, user_id, name, query, created_at FROM saved_searches WHERE user_id = ? ORDER BY name',
      [userId],
    );
  }

  async savedSearch(userId: number, id: number): Promise<SavedSearch | undefined> {
    return this.db
      .selectFrom('saved_searches')
      .selectAll()
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async createSavedSearch(userId: number, name: string, query: string): Promise<SavedSearch> {
    // Pages that list saved searches are cached by version(): a change here must show at once.
    this.stateVersion++;
    return this.db
      .insertInto('saved_searches')
      .values({ user_id: userId, name, query, created_at: now() })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async deleteSavedSearch(userId: number, id: number): Promise<boolean> {
    this.stateVersion++;
    const r = await this.db
      .deleteFrom('saved_searches')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }
}
