/**
 * JSON Feed 1.0/1.1 → Feed. Read by hand (the format is small): only known keys are read, so
 * `__proto__` and other odd keys in the document are never copied anywhere.
 */
import { NewsBiteError } from '../../errors.js';
import type { Enclosure, Feed, FeedEntry } from '../../model/feed.js';
import { safeUrl } from './construct.js';
import { parseDate } from './dates.js';
import { sanitizeFragment } from './sanitize.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
};
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function authorName(obj: Json): string | undefined {
  const authors = Array.isArray(obj.authors) ? obj.authors : [];
  for (const a of [...authors, obj.author]) {
    if (isObject(a)) {
      const name = str(a.name) ?? str(a.url);
      if (name) return name;
    } else if (typeof a === 'string' && a.trim()) return a.trim();
  }
  return undefined;
}

export function looksLikeJsonFeed(text: string): boolean {
  return /^\s*\{/.test(text);
}

export function parseJsonFeed(text: string, documentUrl?: string): Feed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new NewsBiteError('NOT_A_FEED', `it is neither XML nor valid JSON (${(error as Error).message})`);
  }
  if (!isObject(data)) throw new NewsBiteError('NOT_A_FEED', 'it is JSON but not an object');
  const version = str(data.version) ?? '';
  if (!/jsonfeed\.org\/version\//i.test(version) && !Array.isArray(data.items)) {
    const keys = Object.keys(data).slice(0, 5).join(', ');
    throw new NewsBiteError(
      'NOT_A_FEED',
      `it is JSON without a JSON Feed "version" or "items" (keys: ${keys || 'none'})`,
    );
  }
  const base = safeUrl(str(data.feed_url), documentUrl) ?? documentUrl;
  const feedAuthor = authorName(data);
  const items = Array.isArray(data.items) ? data.items : [];
  const entries: FeedEntry[] = [];
  for (const item of items) {
    if (!isObject(item)) continue;
    const link = safeUrl(str(item.url), base) ?? safeUrl(str(item.external_url), base);
    const html = str(item.content_html);
    const plain = str(item.content_text);
    const content =
      html !== undefined
        ? sanitizeFragment(html, link ?? base)
        : plain !== undefined
          ? escapeHtml(plain)
          : undefined;
    const summary = str(item.summary);
    const enclosures: Enclosure[] = [];
    for (const a of Array.isArray(item.attachments) ? item.attachments : []) {
      if (!isObject(a)) continue;
      const url = safeUrl(str(a.url), base);
      if (!url) continue;
      const enclosure: Enclosure = { url };
      const type = str(a.mime_type);
      if (type) enclosure.type = type;
      if (typeof a.size_in_bytes === 'number' && Number.isFinite(a.size_in_bytes))
        enclosure.length = a.size_in_bytes;
      enclosures.push(enclosure);
    }
    const entry: FeedEntry = {
      id: str(item.id),
      // JSON Feed titles are plain text (the spec has no HTML titles).
      title: str(item.title)?.replace(/[\t\n\r ]+/g, ' '),
      link,
      published: parseDate(str(item.date_published)),
      updated: parseDate(str(item.date_modified)),
      summary: summary !== undefined ? escapeHtml(summary) : undefined,
      summaryType: summary !== undefined ? 'text' : undefined,
      contentType: html === undefined && plain !== undefined ? 'text' : undefined,
      content,
      author: authorName(item) ?? feedAuthor,
      categories: (Array.isArray(item.tags) ? item.tags : []).map(str).filter((t): t is string => !!t),
      enclosures,
    };
    for (const key of Object.keys(entry) as (keyof FeedEntry)[])
      if (entry[key] === undefined) delete entry[key];
    entries.push(entry);
  }
  const feed: Feed = {
    format: 'json',
    title: str(data.title),
    link: safeUrl(str(data.home_page_url), documentUrl),
    description: str(data.description) !== undefined ? escapeHtml(str(data.description)!) : undefined,
    language: str(data.language),
    entries,
  };
  for (const key of Object.keys(feed) as (keyof Feed)[]) if (feed[key] === undefined) delete feed[key];
  return feed;
}
