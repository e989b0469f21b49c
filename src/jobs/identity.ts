/**
 * Recognising a feed entry again: guid → canonical link → hash of title and date (see
 * Store.findEntry for the matching rules), and a hash of what the feed said, so an edit is
 * seen as an edit and a re-poll of the same text as nothing new.
 */
import { createHash } from 'node:crypto';
import type { Article, FeedEntry } from '../model/index.js';
import type { EntryIdentity } from '../store/index.js';
import { canonicalUrl } from './stages.js';

function hash(parts: (string | undefined)[]): string {
  const h = createHash('sha256');
  for (const part of parts) h.update(`${part ?? ''}\u0000`);
  return h.digest('base64url').slice(0, 27);
}

const squash = (s: string | undefined) => s?.replace(/\s+/g, ' ').trim().toLowerCase() ?? '';

export function safeCanonical(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return canonicalUrl(url);
  } catch {
    return url;
  }
}

export function entryIdentity(entry: FeedEntry): EntryIdentity {
  const guid = entry.id?.trim() || undefined;
  const canonicalUrl = safeCanonical(entry.link);
  const title = squash(entry.title);
  const date = entry.published ?? entry.updated;
  // Title+date is only an identity when there is a title; an untitled, undated entry falls back to its text.
  const identityHash =
    title || date
      ? hash(['td', title, date])
      : hash(['body', squash(stripTags(entry.content ?? entry.summary ?? ''))]);
  return { guid, canonicalUrl, identityHash };
}

/** Hash of everything the feed says about the entry that would change the stored article. */
export function entryContentHash(entry: FeedEntry): string {
  // Not `updated`: some feeds stamp every item with the time of the request.
  return hash([entry.title, entry.link, entry.published, entry.author, entry.summary, entry.content]);
}

export function stripTags(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Identity of an article that came from no feed (read from a URL or pasted): its canonical URL
 * when it has one, else a hash of its headline and text.
 */
export function standaloneIdentity(article: Article): EntryIdentity & { contentHash: string } {
  const canonicalUrl = safeCanonical(article.canonicalUrl ?? article.url);
  const contentHash = hash(['article', article.headline, article.text, article.published]);
  return {
    canonicalUrl,
    identityHash: canonicalUrl ? undefined : hash(['text', squash(article.headline), squash(article.text)]),
    contentHash,
  };
}
