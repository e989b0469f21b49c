/**
 * Subscribing: add a site or feed URL (with discovery), import an OPML file (every outline on
 * its own, a few at a time: one dead URL never fails the file), export OPML. Used by the CLI
 * and, through the same functions, by the web reader's sources page.
 */
import type { Config } from '../config.js';
import { isNewsBiteError, NewsBiteError } from '../errors.js';
import type { Article, Bite, Feed } from '../model/index.js';
import type { FeedRecord, Store, UpsertResult } from '../store/index.js';
import { standaloneIdentity } from './identity.js';
import { describeError, FEED_ACCEPT, parseFetchedFeed } from './ingest.js';
import {
  COMMON_FEED_PATHS,
  discoverFeeds,
  type Fetcher,
  type FetchResult,
  parseOpml,
  writeOpml,
} from './stages.js';

/** Feeds checked at once during an import. */
export const IMPORT_CONCURRENCY = 8;

export interface AddOptions {
  category?: string;
  title?: string;
  /** Only subscribe to the URL as given (no discovery, no check). */
  noCheck?: boolean;
}

export interface AddedFeed {
  feed: FeedRecord;
  /** How the feed was found: the URL itself, a <link rel=alternate>, or a common path. */
  via: 'direct' | 'link' | 'common-path' | 'unchecked';
  entries?: number;
}

function validateUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new NewsBiteError('INPUT_INVALID', `"${input}" is not a URL (expected http:// or https://…)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NewsBiteError('INPUT_INVALID', `"${input}" is not an http(s) URL`);
  }
  url.hash = '';
  return url.href;
}

async function tryFeed(
  fetcher: Fetcher,
  url: string,
): Promise<{ result: FetchResult; feed: Feed } | undefined> {
  try {
    const result = await fetcher.fetch(url, { accept: FEED_ACCEPT });
    if (result.status >= 400) return undefined;
    return { result, feed: parseFetchedFeed(url, result) };
  } catch {
    return undefined;
  }
}

/**
 * Finds the feed for a site or feed URL: the URL itself when it is a feed; else the page's
 * <link rel="alternate"> feeds; else the common feed paths of the site.
 */
export async function discoverFeed(
  fetcher: Fetcher,
  input: string,
): Promise<{ url: string; feed: Feed; via: 'direct' | 'link' | 'common-path' }> {
  const url = validateUrl(input);
  const first = await fetcher.fetch(url, {
    accept: `${FEED_ACCEPT.replace('*/*;q=0.5', 'text/html;q=0.8, */*;q=0.5')}`,
  });
  if (first.status >= 400) throw new NewsBiteError('FETCH_HTTP', `${url}: HTTP ${first.status}`);
  let firstError: unknown;
  try {
    return { url: first.url, feed: parseFetchedFeed(url, first), via: 'direct' };
  } catch (error) {
    firstError = error;
  }
  const html = Buffer.from(first.body).toString('utf8');
  const tried = new Set<string>([first.url]);
  for (const candidate of discoverFeeds(html, first.url)) {
    if (tried.has(candidate)) continue;
    tried.add(candidate);
    const found = await tryFeed(fetcher, candidate);
    if (found) return { url: found.result.url, feed: found.feed, via: 'link' };
  }
  const origin = new URL(first.url);
  for (const path of COMMON_FEED_PATHS) {
    const candidate = new URL(path, origin).href;
    if (tried.has(candidate)) continue;
    tried.add(candidate);
    const found = await tryFeed(fetcher, candidate);
    if (found) return { url: found.result.url, feed: found.feed, via: 'common-path' };
  }
  const reason =
    isNewsBiteError(firstError) && firstError.code !== 'NOT_A_FEED' ? ` (${firstError.message})` : '';
  throw new NewsBiteError(
    'NOT_A_FEED',
    `${url} is not a feed and links none: no <link rel="alternate"> feed and none of ${COMMON_FEED_PATHS.length} common feed paths answered${reason}`,
  );
}

/** Subscribes to a site or feed URL. Throws NewsBiteError (CONFLICT when already subscribed). */
export async function addFeed(
  store: Store,
  fetcher: Fetcher,
  input: string,
  options: AddOptions = {},
): Promise<AddedFeed> {
  if (options.noCheck) {
    const url = validateUrl(input);
    const feed = await store.addFeed({ url, title: options.title, category: options.category });
    return { feed, via: 'unchecked' };
  }
  const given = validateUrl(input);
  const existing = await store.getFeedByUrl(given);
  if (existing) throw new NewsBiteError('CONFLICT', `already subscribed to ${given} (feed ${existing.id})`);
  const found = await discoverFeed(fetcher, given);
  const feed = await store.addFeed({
    url: found.url,
    title: options.title ?? found.feed.title,
    siteUrl: found.feed.link,
    category: options.category,
  });
  return { feed, via: found.via, entries: found.feed.entries.length };
}

export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  category?: string;
}

export interface ImportResult {
  url: string;
  ok: boolean;
  /** 'added' (checked and working), 'added-with-error' (subscribed, but the check failed), 'exists', 'invalid'. */
  status: 'added' | 'added-with-error' | 'exists' | 'invalid';
  message: string;
  feedId?: number;
  title?: string;
  category?: string;
  entries?: number;
}

export interface ImportOptions {
  /** Subscribe without fetching each feed (fast; errors show at the first poll). */
  noCheck?: boolean;
  /** Also subscribe to feeds whose check failed (they keep their error, visible in `list`). Default true. */
  keepFailed?: boolean;
  onResult?: (result: ImportResult) => void;
}

export function readOpml(text: string): OpmlFeed[] {
  return parseOpml(text).outlines;
}

/**
 * Imports the feeds of an OPML document. Each outline is checked on its own (fetched and
 * parsed, IMPORT_CONCURRENCY at a time) and reported; categories are kept. The check does not
 * store entries or validators, so the first poll fetches everything.
 */
export async function importOpml(
  store: Store,
  fetcher: Fetcher,
  text: string,
  options: ImportOptions = {},
): Promise<ImportResult[]> {
  const outlines = readOpml(text);
  const keepFailed = options.keepFailed ?? true;
  const results = new Array<ImportResult>(outlines.length);
  let next = 0;
  const worker = async () => {
    while (next < outlines.length) {
      const i = next++;
      const outline = outlines[i];
      results[i] = await importOne(store, fetcher, outline, options.noCheck ?? false, keepFailed);
      options.onResult?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IMPORT_CONCURRENCY, outlines.length) }, worker));
  return results;
}

async function importOne(
  store: Store,
  fetcher: Fetcher,
  outline: OpmlFeed,
  noCheck: boolean,
  keepFailed: boolean,
): Promise<ImportResult> {
  const base = { url: outline.url, title: outline.title, category: outline.category };
  let url: string;
  try {
    url = validateUrl(outline.url);
  } catch (error) {
    return { ...base, ok: false, status: 'invalid', message: (error as Error).message };
  }
  const existing = await store.getFeedByUrl(url);
  if (existing) {
    return { ...base, url, ok: true, status: 'exists', message: 'already subscribed', feedId: existing.id };
  }
  let checkError: string | undefined;
  let parsed: Feed | undefined;
  if (!noCheck) {
    try {
      const result = await fetcher.fetch(url, { accept: FEED_ACCEPT });
      if (result.status >= 400) throw new NewsBiteError('FETCH_HTTP', `${url}: HTTP ${result.status}`);
      parsed = parseFetchedFeed(url, result);
    } catch (error) {
      checkError = describeError(url, error);
      if (!keepFailed) return { ...base, url, ok: false, status: 'invalid', message: checkError };
    }
  }
  try {
    const feed = await store.addFeed({
      url,
      title: outline.title ?? parsed?.title,
      siteUrl: outline.siteUrl ?? parsed?.link,
      category: outline.category,
    });
    if (checkError) {
      await store.updateFeed(feed.id, { lastError: checkError, errorCount: 1 });
      return { ...base, url, ok: false, status: 'added-with-error', message: checkError, feedId: feed.id };
    }
    return {
      ...base,
      url,
      title: feed.title,
      ok: true,
      status: 'added',
      message: noCheck ? 'added (not checked)' : `added, ${parsed?.entries.length ?? 0} entries`,
      feedId: feed.id,
      entries: parsed?.entries.length,
    };
  } catch (error) {
    if (isNewsBiteError(error) && error.code === 'CONFLICT') {
      return { ...base, url, ok: true, status: 'exists', message: 'already subscribed' };
    }
    return { ...base, url, ok: false, status: 'invalid', message: describeError(url, error) };
  }
}

/** OPML 2.0 of every subscription, categories as outline groups. */
export async function exportOpml(store: Store, title = 'NewsBite subscriptions'): Promise<string> {
  const feeds = await store.listFeeds();
  return writeOpml({
    title,
    feeds: feeds.map((f) => ({ url: f.url, title: f.title, siteUrl: f.siteUrl, category: f.category })),
  });
}

/**
 * Stores an article that came from no feed (`newsbite read <url>`, pasted text): found again by
 * canonical URL (else by its text), updated in place when it changed.
 */
export async function saveArticle(
  store: Store,
  article: Article,
  options: { bite?: Bite; sourceName?: string } = {},
): Promise<UpsertResult> {
  const { contentHash, ...identity } = standaloneIdentity(article);
  return store.upsertEntry({
    feedId: null,
    ...identity,
    url: article.url,
    contentHash,
    article,
    bite: options.bite,
    sourceName: options.sourceName,
  });
}

export type { Config };
