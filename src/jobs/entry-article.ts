/**
 * Feed entry → Article. A complete entry is read from the feed's own HTML; a teaser (see
 * `isTeaser`) is replaced by the page it links to, fetched through the guarded fetcher and
 * extracted, keeping the feed's date, author and title where the page has none.
 */
import type { Article, FeedEntry } from '../model/index.js';
import { renderHtml, renderText } from '../model/index.js';
import type { FullTextMode } from '../store/index.js';
import { stripTags } from './identity.js';
import { type ExtractHints, extract, fragmentBlocks } from './stages.js';

/**
 * Below this many characters of text an entry is a teaser. 600 characters is about 100 words:
 * an RSS description or "first paragraph + read more"; real article bodies run to thousands.
 */
export const TEASER_MAX_CHARS = 600;
/** Up to this length, a body ending in "…", "[…]", "Read more" or "Continue reading" is a teaser too. */
export const TRUNCATED_MAX_CHARS = 2500;
const TRUNCATION_MARK =
  /(\u2026|\.\.\.|\[(?:\u2026|\.\.\.)\]|read more|continue reading|weiterlesen|lire la suite|leer más)\W*$/i;

/** Whether the entry's own text is only a teaser, so the page should be fetched. */
export function isTeaser(entry: FeedEntry): boolean {
  const text = stripTags(entry.content ?? entry.summary ?? '');
  if (text.length < TEASER_MAX_CHARS) return true;
  return text.length < TRUNCATED_MAX_CHARS && TRUNCATION_MARK.test(text);
}

export function wantsPage(entry: FeedEntry, mode: FullTextMode): boolean {
  if (!entry.link || mode === 'never') return false;
  return mode === 'always' || isTeaser(entry);
}

export function entryHints(entry: FeedEntry, siteName?: string): ExtractHints {
  return {
    published: entry.published ?? entry.updated,
    authors: entry.author ? [entry.author] : undefined,
    headline: entry.title,
    siteName,
  };
}

/** Fills what the page lacked from the feed (date, author, title, site), never overriding the page. */
export function withEntryDefaults(article: Article, entry: FeedEntry, siteName?: string): Article {
  if (!article.published && (entry.published ?? entry.updated))
    article.published = entry.published ?? entry.updated;
  if (!article.updated && entry.updated) article.updated = entry.updated;
  if (!article.authors?.length && entry.author) article.authors = [entry.author];
  if (!article.headline && entry.title) article.headline = entry.title;
  if (!article.siteName && siteName) article.siteName = siteName;
  if (!article.url && entry.link) article.url = entry.link;
  if (!article.keywords?.length && entry.categories?.length) article.keywords = [...entry.categories];
  return article;
}

/** The entry's own HTML as an Article (through the extractor, so feed boilerplate is cleaned too). */
export function articleFromEntry(entry: FeedEntry, siteName?: string): Article {
  const html = entry.content ?? entry.summary ?? '';
  const fragmentText = stripTags(html);
  let article: Article | undefined;
  if (html) {
    try {
      const page = `<!doctype html><html><head><title></title></head><body><article>${html}</article></body></html>`;
      article = extract(page, entry.link, entryHints(entry, siteName));
    } catch {
      article = undefined;
    }
  }
  // The extractor judges pages; on a short or unusual fragment it may keep too little. The feed
  // already chose this text as the body, so keep all of it then.
  if (!article || article.text.length < fragmentText.length * 0.5) {
    const blocks = fragmentBlocks(html);
    article = {
      url: entry.link,
      headline: entry.title,
      authors: [],
      keywords: [],
      blocks,
      text: renderText(blocks),
      html: renderHtml(blocks),
      diagnostics: { removed: [], notes: ['body taken from the feed entry as is'], extractor: 'feed' },
    };
  }
  // Extraction of a fragment cannot know the headline/date: the entry's win here.
  if (entry.title) article.headline = entry.title;
  return withEntryDefaults(article, entry, siteName);
}
