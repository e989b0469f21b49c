/**
 * Table types for Kysely. Times are ISO-8601 UTC text in one fixed format
 * (`2026-01-02T03:04:05.000Z`), so text comparison is time order in SQLite and PostgreSQL alike;
 * booleans are integers 0/1 and JSON lives in text columns, for the same reason.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

/** How a feed's entries get their body: from the feed when it is complete, or by fetching the page. */
export type FullTextMode = 'auto' | 'always' | 'never';

export interface FeedsTable {
  id: Generated<number>;
  url: string;
  site_url: string | null;
  title: string | null;
  category: string | null;
  etag: string | null;
  last_modified: string | null;
  interval_sec: number;
  next_poll_at: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  /** Consecutive failed polls; 0 after a success. */
  error_count: Generated<number>;
  last_error: string | null;
  last_status: number | null;
  paused: Generated<number>;
  full_text: Generated<FullTextMode>;
  user_agent: string | null;
  /** JSON object of extra request headers. */
  headers: string | null;
  /** The feed's own hint (RSS ttl, Cache-Control max-age), seconds. */
  ttl_sec: number | null;
  created_at: string;
  updated_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  /** Null for articles read from a URL or pasted text. */
  feed_id: number | null;
  guid: string | null;
  url: string | null;
  canonical_url: string | null;
  /** Hash of title + date: the identity of entries with neither guid nor link. */
  identity_hash: string | null;
  title: string | null;
  standfirst: string | null;
  /** JSON array of names. */
  authors: string;
  site_name: string | null;
  /** The name search matches for `source:` (feed title, else site name). */
  source_name: string | null;
  published_at: string | null;
  updated_at: string | null;
  fetched_at: string;
  /** published_at, else fetched_at: the one column lists sort and page by. */
  sort_at: string;
  language: string | null;
  lead_image: string | null;
  /** Plain text (what search indexes). */
  text: string;
  /** JSON Block[]: the body, lossless; HTML is rendered from it on read (safe by construction). */
  blocks: string;
  /** JSON {keywords, section, extractor, notes}. */
  meta: string | null;
  /** JSON OriginalCredit. */
  original: string | null;
  /** JSON Bite. */
  bite: string | null;
  /** Hash of the stored content: an edit changes it, a re-poll does not. */
  content_hash: string;
  story_id: string | null;
  copy_group: string | null;
  copy_of: string | null;
  created_at: string;
}

export interface StoriesTable {
  id: string;
  headline: string;
  first_at: string | null;
  last_at: string | null;
  /** JSON array of publisher names. */
  sources: string;
  article_count: number;
  /** JSON SummarySentence[] of the multi-document story bite, when two or more publishers. */
  bite: string | null;
  /** Set when the story was merged into another; readers follow it. */
  redirect_to: string | null;
  updated_at: string;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  key: string;
  state: JobState;
  run_after: string;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: string | null;
  /** `host:pid` of the process holding the job, so a dead holder's jobs can be recovered. */
  locked_by: string | null;
  /** JSON payload. */
  payload: string | null;
  created_at: string;
  updated_at: string;
}

/** The FTS5 index (SQLite only): columns mirror articles, rowid = articles.id. */
export interface ArticlesFtsTable {
  rowid: number;
  title: string | null;
  text: string;
  authors: string;
  source_name: string | null;
}

export interface EngineStateTable {
  name: string;
  /** JSON. */
  value: string;
  updated_at: string;
}

export interface StoreDatabase {
  engine_state: EngineStateTable;
  feeds: FeedsTable;
  articles: ArticlesTable;
  articles_fts: ArticlesFtsTable;
  stories: StoriesTable;
  jobs: JobsTable;
}

export type FeedRow = Selectable<FeedsTable>;
export type NewFeedRow = Insertable<FeedsTable>;
export type FeedUpdate = Updateable<FeedsTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type StoryRow = Selectable<StoriesTable>;
export type JobRow = Selectable<JobsTable>;
