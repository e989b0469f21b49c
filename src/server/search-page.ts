/**
 * The search results page, from a plain job description to HTML: the same function runs on
 * the main thread and in the search worker threads (search-workers.ts), so it takes nothing
 * from Fastify, only a ReaderStore and the few values the templates need.
 */
import { isNewsBiteError } from '../errors.js';
import type { ReaderStore } from '../store/reader.js';
import { compileQuery, parseQuery } from './query.js';
import type { ViewContext, ViewRequest } from './views/layout.js';
import { listPage, searchIntro } from './views/pages.js';

/** Columns the search language's `intitle:` and `author:` map to. */
export const FTS_COLUMNS = { title: 'title', author: 'authors' } as const;

/**
 * Results per page. Fewer than the other lists' 30: a search page carries each hit's summary,
 * and a reader refines the query rather than paging far.
 */
export const SEARCH_PAGE_SIZE = 20;

export interface SearchJob {
  userId: number;
  /** The signed-in user's name and CSRF token and the page's URL, for the templates. */
  view: ViewRequest;
  q: string;
  page: number;
  /** The saved search the page was opened from (0 = none). */
  savedId: number;
  /** `<base>/feeds/<secret>/search/`: a saved search's outgoing feed is this + `<id>.xml`. */
  feedBase: string;
}

export interface RenderedSearch {
  /** 200, or 400 for a query the language or FTS5 rejects (the page then explains why). */
  status: number;
  html: string;
}

export async function renderSearchPage(
  reader: ReaderStore,
  ctx: ViewContext,
  job: SearchJob,
): Promise<RenderedSearch> {
  const { q, page, savedId } = job;
  let error: string | undefined;
  let items: Awaited<ReturnType<ReaderStore['articles']>> = [];
  if (q) {
    try {
      items = await reader.articles(job.userId, {
        ...compileQuery(parseQuery(q), FTS_COLUMNS),
        limit: SEARCH_PAGE_SIZE + 1,
        offset: (page - 1) * SEARCH_PAGE_SIZE,
        summaryOnly: true,
      });
    } catch (e) {
      if (!isNewsBiteError(e) && !/fts5|MATCH/i.test(String((e as Error).message))) throw e;
      error = isNewsBiteError(e) ? e.message : `search: could not run "${q}"`;
    }
  }
  const saved = await reader.savedSearches(job.userId);
  const current = saved.find((s) => s.id === savedId && s.query === q);
  const feedUrl = current ? `${job.feedBase}${current.id}.xml` : undefined;
  const params = new URLSearchParams({ q, page: String(page + 1) });
  const html = listPage(ctx, job.view, {
    title: q ? `Search: ${q}` : 'Search',
    heading: q ? `Search: ${q}` : 'Search',
    section: 'search',
    query: q,
    intro: searchIntro(job.view, q, saved, error, feedUrl),
    items: items.slice(0, SEARCH_PAGE_SIZE),
    next: items.length > SEARCH_PAGE_SIZE ? `/search?${params.toString()}` : undefined,
  });
  return { status: error ? 400 : 200, html: html.value };
}
