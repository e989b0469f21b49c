/** What the store hands out and takes in: camelCase records, JSON already parsed. */
import type { Article, Bite, Block, OriginalCredit, SummarySentence } from '../model/index.js';
import type { FullTextMode, JobState } from './schema.js';

export type { FullTextMode, JobState };

export interface FeedRecord {
  id: number;
  url: string;
  siteUrl?: string;
  title?: string;
  category?: string;
  etag?: string;
  lastModified?: string;
  intervalSec: number;
  nextPollAt: string;
  lastPolledAt?: string;
  lastSuccessAt?: string;
  errorCount: number;
  lastError?: string;
  lastStatus?: number;
  paused: boolean;
  fullText: FullTextMode;
  userAgent?: string;
  headers?: Record<string, string>;
  ttlSec?: number;
  createdAt: string;
  updatedAt: string;
}

export interface FeedWithCounts extends FeedRecord {
  articleCount: number;
  /** Newest article's date (published, else fetched). */
  newestAt?: string;
}

export interface NewFeed {
  url: string;
  siteUrl?: string;
  title?: string;
  category?: string;
  fullText?: FullTextMode;
  userAgent?: string;
  headers?: Record<string, string>;
  paused?: boolean;
  intervalSec?: number;
  /** Default: now (poll soon). */
  nextPollAt?: string;
}

export type FeedPatch = Partial<Omit<FeedRecord, 'id' | 'url' | 'createdAt' | 'updatedAt'>> & {
  url?: string;
};

/** How an entry is recognised again on the next poll (first match wins, in this order). */
export interface EntryIdentity {
  guid?: string;
  canonicalUrl?: string;
  /** Hash of title + date. */
  identityHash?: string;
}

export interface KnownEntry {
  id: number;
  guid?: string;
  contentHash: string;
  matchedBy: 'guid' | 'canonicalUrl' | 'identityHash';
}

export interface EntryInput extends EntryIdentity {
  /** Null/undefined for articles read from a URL or pasted text. */
  feedId?: number | null;
  /** The entry's own link (canonicalUrl is its normalised form). */
  url?: string;
  /** Hash of what the source said; an edit changes it. */
  contentHash: string;
  article: Article;
  bite?: Bite;
  /** Publisher name for search's `source:` (feed title, else site name). */
  sourceName?: string;
  fetchedAt?: string;
}

export interface UpsertResult {
  id: number;
  status: 'inserted' | 'updated' | 'unchanged';
}

export interface StoryAssignmentInput {
  story?: string | null;
  copyGroup?: string | null;
  copyOf?: string | null;
}

export interface StoredArticle extends Article {
  id: number;
  feedId?: number;
  feedTitle?: string;
  guid?: string;
  sourceName?: string;
  fetchedAt: string;
  /** published, else fetched: what lists are ordered by. */
  sortAt: string;
  bite?: Bite;
  contentHash: string;
  storyId?: string;
  copyGroup?: string;
  copyOf?: string;
}

/** A list row: everything but the body. */
export interface ArticleSummary {
  id: number;
  feedId?: number;
  feedTitle?: string;
  url?: string;
  canonicalUrl?: string;
  headline?: string;
  standfirst?: string;
  authors: string[];
  siteName?: string;
  sourceName?: string;
  published?: string;
  sortAt: string;
  language?: string;
  leadImage?: string;
  storyId?: string;
  copyGroup?: string;
  copyOf?: string;
  /** First summary sentence(s) of the bite, when analysed. */
  summary?: SummarySentence[];
  original?: OriginalCredit;
}

export interface ListArticlesOptions {
  feedId?: number;
  storyId?: string;
  copyGroup?: string;
  /** Only the representative of each copy group (copies folded). */
  foldCopies?: boolean;
  limit?: number;
  /** Opaque cursor from a previous page's `next`. */
  cursor?: string;
  /** Restrict to these ids (e.g. the server's per-user unread set). */
  ids?: number[];
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page, absent on the last. */
  next?: string;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  feedId?: number;
  /** Markers around matched words in `snippet` (default « and »). */
  marks?: [string, string];
}

export interface SearchHit extends ArticleSummary {
  snippet: string;
  /** bm25 score; lower is better. */
  rank: number;
}

export interface StoryRecord {
  id: string;
  headline: string;
  firstAt?: string;
  lastAt?: string;
  sources: string[];
  articleCount: number;
  bite?: SummarySentence[];
  redirectTo?: string;
  updatedAt: string;
}

export interface ListStoriesOptions {
  limit?: number;
  offset?: number;
  /** Only stories with at least this many articles. */
  minArticles?: number;
}

export interface JobRecord {
  id: number;
  kind: string;
  key: string;
  state: JobState;
  runAfter: string;
  attempts: number;
  lastError?: string;
  lockedUntil?: string;
  lockedBy?: string;
  payload?: unknown;
}

export interface ClaimOptions {
  kind: string;
  /** Who claims: `host:pid`. */
  owner: string;
  /** How long the claim holds before another process may take the job over. */
  lockMs: number;
  limit?: number;
  /** Only these keys (e.g. one feed). */
  keys?: string[];
  /** Claim queued jobs even when not due yet (a forced poll). Running jobs are never taken. */
  ignoreSchedule?: boolean;
  now?: Date;
}

export interface StoreStats {
  feeds: number;
  articles: number;
  stories: number;
}

export type { Article, Block };
