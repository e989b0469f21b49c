/**
 * One poll of one feed: conditional GET → parse → for each new or edited entry: article (the
 * page when the feed has a teaser) → bite → store → story. Entries are committed one by one;
 * the feed's ETag/Last-Modified are saved only after every entry is committed, so a crash
 * mid-poll never makes the next conditional GET skip entries that were not stored.
 */
import type { Config } from '../config.js';
import { isNewsBiteError, NewsBiteError } from '../errors.js';
import type { Article, Bite, Feed, FeedEntry } from '../model/index.js';
import type { EntryIdentity, FeedRecord, KnownEntry, Store } from '../store/index.js';
import { articleFromEntry, entryHints, wantsPage, withEntryDefaults } from './entry-article.js';
import { entryContentHash, entryIdentity } from './identity.js';
import { backoffSec, cacheMaxAgeSec, pollInterval } from './schedule.js';
import {
  extractBytes,
  type Fetcher,
  type FetchResult,
  isFetchHttpError,
  type OptionalStages,
  parseFeed,
} from './stages.js';
import type { StoryTracker } from './stories.js';

/** Accept header for feeds: the formats we parse first, anything else last (many servers mislabel). */
export const FEED_ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5';
/** Pages fetched at once for one feed's teasers (the fetcher also caps per host). */
const PAGE_CONCURRENCY = 4;

export interface IngestContext {
  store: Store;
  config: Config;
  fetcher: Fetcher;
  stages: OptionalStages;
  /** Assigns stories per entry; the caller writes them with `stories.flush()` (the Poller does, per round). */
  stories?: StoryTracker;
  now?: () => Date;
}

export interface PollResult {
  feedId: number;
  url: string;
  title?: string;
  status: 'ok' | 'not-modified' | 'error';
  inserted: number;
  updated: number;
  unchanged: number;
  /** Entries whose page fetch or extraction failed (kept with the feed's own text). */
  pageErrors: number;
  error?: string;
  /** Problems that did not stop the poll (story engine failures). */
  warnings: string[];
  intervalSec: number;
  nextPollAt: string;
}

export function requestHeaders(feed: Pick<FeedRecord, 'userAgent' | 'headers'>): Record<string, string> {
  const headers: Record<string, string> = { ...(feed.headers ?? {}) };
  if (feed.userAgent) headers['user-agent'] = feed.userAgent;
  return headers;
}

/** A message for people: names the feed and what went wrong, never a stack. */
export function describeError(url: string, error: unknown): string {
  const message = isNewsBiteError(error)
    ? error.message
    : error instanceof Error
      ? error.message
      : String(error);
  return message.includes(url) ? message : `${url}: ${message}`;
}

function looksLikeHtml(body: Uint8Array, headers: Record<string, string>): boolean {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (/text\/html|application\/xhtml/i.test(type)) return true;
  const head = Buffer.from(body.subarray(0, 512)).toString('latin1').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}

/** Fetches and parses a feed; an HTML page or unparsable body becomes a NOT_A_FEED error naming the URL. */
export function parseFetchedFeed(url: string, result: FetchResult): Feed {
  try {
    return parseFeed(result.body, { url: result.url, headers: result.headers });
  } catch (error) {
    if (looksLikeHtml(result.body, result.headers)) {
      throw new NewsBiteError(
        'NOT_A_FEED',
        `${url} returned an HTML page, not a feed (add the site with \`newsbite add\` to discover its feed)`,
        { cause: error },
      );
    }
    throw new NewsBiteError('NOT_A_FEED', describeError(url, error), { cause: error });
  }
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Oldest first, so article ids follow publication order within a poll (feeds list newest first). */
function inArrivalOrder(entries: FeedEntry[]): FeedEntry[] {
  const indexed = entries.map((entry, index) => ({
    entry,
    index,
    time: Date.parse(entry.published ?? entry.updated ?? ''),
  }));
  indexed.sort((a, b) => {
    const ta = Number.isFinite(a.time) ? a.time : Number.NEGATIVE_INFINITY;
    const tb = Number.isFinite(b.time) ? b.time : Number.NEGATIVE_INFINITY;
    return ta !== tb ? ta - tb : b.index - a.index;
  });
  return indexed.map((x) => x.entry);
}

interface PreparedEntry {
  entry: FeedEntry;
  article: Article;
  bite?: Bite;
  pageError: boolean;
}

/** Builds the article for one entry: the page when the feed has a teaser, else the feed's HTML. */
async function prepareEntry(
  ctx: IngestContext,
  feed: FeedRecord,
  entry: FeedEntry,
  siteName: string | undefined,
): Promise<PreparedEntry> {
  let article: Article | undefined;
  let pageError = false;
  if (wantsPage(entry, feed.fullText)) {
    try {
      const page = await ctx.fetcher.fetch(entry.link!, {
        headers: requestHeaders(feed),
        accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
      });
      const contentType = Object.entries(page.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
      article = extractBytes(page.body, { url: page.url, contentType, hints: entryHints(entry, siteName) });
      withEntryDefaults(article, entry, siteName);
      // A page that yields less text than the feed had is not an improvement.
      const fromFeed = articleFromEntry(entry, siteName);
      if (article.text.length < fromFeed.text.length) article = fromFeed;
    } catch {
      pageError = true;
      article = undefined;
    }
  }
  article ??= articleFromEntry(entry, siteName);
  if (pageError) article.diagnostics.notes.push('page could not be fetched or extracted; kept the feed text');
  let bite: Bite | undefined;
  if (ctx.stages.bite && article.text) {
    try {
      bite = ctx.stages.bite(article);
    } catch {
      bite = undefined;
    }
  }
  return { entry, article, bite, pageError };
}

/** Polls one feed now and records the outcome on the feed (errors included: this never throws for the feed's faults). */
export async function ingestFeed(ctx: IngestContext, feed: FeedRecord): Promise<PollResult> {
  const now = ctx.now?.() ?? new Date();
  const poll = ctx.config.poll;
  const result: PollResult = {
    feedId: feed.id,
    url: feed.url,
    title: feed.title,
    status: 'ok',
    inserted: 0,
    updated: 0,
    unchanged: 0,
    pageErrors: 0,
    warnings: [],
    intervalSec: feed.intervalSec,
    nextPollAt: feed.nextPollAt,
  };

  let fetched: FetchResult;
  let parsed: Feed;
  try {
    fetched = await ctx.fetcher.fetch(feed.url, {
      headers: requestHeaders(feed),
      etag: feed.etag,
      lastModified: feed.lastModified,
      accept: FEED_ACCEPT,
    });
    if (!fetched.notModified && fetched.status >= 400) {
      throw new NewsBiteError('FETCH_HTTP', `${feed.url}: HTTP ${fetched.status}`);
    }
    parsed = fetched.notModified ? { format: 'rss', entries: [] } : parseFetchedFeed(feed.url, fetched);
  } catch (error) {
    const errorCount = feed.errorCount + 1;
    const retryAfterSec =
      isFetchHttpError(error) && error.retryAfterMs ? error.retryAfterMs / 1000 : undefined;
    const delay = backoffSec(errorCount, feed.intervalSec, poll, retryAfterSec);
    const nextPollAt = new Date(now.getTime() + delay * 1000).toISOString();
    const message = describeError(feed.url, error);
    await ctx.store.updateFeed(feed.id, {
      errorCount,
      lastError: message,
      lastStatus: isFetchHttpError(error) ? error.status : undefined,
      lastPolledAt: now.toISOString(),
      nextPollAt,
    });
    return { ...result, status: 'error', error: message, nextPollAt };
  }

  if (fetched.notModified) {
    const nextPollAt = new Date(now.getTime() + feed.intervalSec * 1000).toISOString();
    await ctx.store.updateFeed(feed.id, {
      errorCount: 0,
      lastError: undefined,
      lastStatus: 304,
      lastPolledAt: now.toISOString(),
      lastSuccessAt: now.toISOString(),
      nextPollAt,
    });
    return { ...result, status: 'not-modified', nextPollAt };
  }

  const siteName = feed.title ?? parsed.title;
  const sourceName = siteName;
  const entries = inArrivalOrder(parsed.entries);
  const liveGuids = new Set(entries.map((e) => e.id?.trim()).filter((g): g is string => Boolean(g)));

  // Decide per entry what is new or edited; only those are fetched, analysed and written.
  const unique: { entry: FeedEntry; identity: EntryIdentity; hash: string }[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const identity = entryIdentity(entry);
    const hash = entryContentHash(entry);
    // A feed listing the same entry twice: the first occurrence wins.
    const key = identity.guid ?? identity.canonicalUrl ?? identity.identityHash ?? hash;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push({ entry, identity, hash });
  }
  const known = await ctx.store.findEntries(
    feed.id,
    unique.map((u) => u.identity),
    liveGuids,
  );
  const work: { entry: FeedEntry; identity: EntryIdentity; hash: string; known?: KnownEntry }[] = [];
  const matched = new Set<number>();
  for (const [i, u] of unique.entries()) {
    // Two entries of this document matching one stored row (by link or title+date): only the
    // first is that row; the other is new.
    const k = known[i] && !matched.has(known[i]!.id) ? known[i] : undefined;
    if (k) matched.add(k.id);
    if (k && k.contentHash === u.hash) {
      if (u.identity.guid && k.guid !== u.identity.guid) await ctx.store.renameGuid(k.id, u.identity.guid);
      result.unchanged++;
    } else work.push({ ...u, known: k });
  }

  // Pages are fetched a few at a time; each batch is committed in one transaction, in arrival order.
  const batchSize = PAGE_CONCURRENCY * 8;
  for (let start = 0; start < work.length; start += batchSize) {
    const batch = work.slice(start, start + batchSize);
    const prepared = await mapLimit(batch, PAGE_CONCURRENCY, (w) =>
      prepareEntry(ctx, feed, w.entry, siteName),
    );
    const saved = await ctx.store.upsertEntries(
      batch.map((w, i) => ({
        input: {
          feedId: feed.id,
          ...w.identity,
          url: w.entry.link,
          contentHash: w.hash,
          article: prepared[i].article,
          bite: prepared[i].bite,
          sourceName,
          fetchedAt: now.toISOString(),
        },
        known: w.known ?? null,
      })),
      ctx.stories
        ? (id, input) => {
            try {
              return ctx.stories!.assign(id, input.article, input.bite, sourceName);
            } catch (error) {
              // Stories are an extra: an engine failure must not lose the article.
              if (result.warnings.length < 5)
                result.warnings.push(`story assignment failed: ${(error as Error).message}`);
              return undefined;
            }
          }
        : undefined,
    );
    for (const [i, s] of saved.entries()) {
      if (prepared[i].pageError) result.pageErrors++;
      if (s.status === 'inserted') result.inserted++;
      else if (s.status === 'updated') result.updated++;
      else result.unchanged++;
    }
  }
  const intervalSec = pollInterval(
    {
      entryDates: entries.map((e) => e.published ?? e.updated),
      ttlMinutes: parsed.ttl,
      maxAgeSec: cacheMaxAgeSec(fetched.headers),
      now,
    },
    poll,
  );
  const nextPollAt = new Date(now.getTime() + intervalSec * 1000).toISOString();
  const patch: Parameters<Store['updateFeed']>[1] = {
    etag: fetched.etag,
    lastModified: fetched.lastModified,
    intervalSec,
    nextPollAt,
    errorCount: 0,
    lastError: undefined,
    lastStatus: fetched.status,
    lastPolledAt: now.toISOString(),
    lastSuccessAt: now.toISOString(),
    ttlSec: parsed.ttl ? parsed.ttl * 60 : (cacheMaxAgeSec(fetched.headers) ?? undefined),
  };
  if (!feed.title && parsed.title) patch.title = parsed.title;
  if (!feed.siteUrl && parsed.link) patch.siteUrl = parsed.link;
  // A permanent redirect moves the subscription (unless another feed already has that URL).
  if (fetched.movedPermanently && fetched.url !== feed.url && !(await ctx.store.getFeedByUrl(fetched.url))) {
    patch.url = fetched.url;
  }
  const updated = await ctx.store.updateFeed(feed.id, patch);
  return { ...result, url: updated.url, title: updated.title, intervalSec, nextPollAt };
}
