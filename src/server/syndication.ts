/**
 * Outgoing feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 from a list of articles. Pure
 * functions; item content is the article's bite summary and escaped text, never raw HTML.
 */
import type { Bite } from '../model/index.js';
import { escapeHtml, safeUrl } from '../model/render.js';

export interface SyndicationItem {
  id: number;
  title: string;
  url?: string;
  published: string;
  authors: string[];
  source?: string;
  /** Plain-text summary (bite) and the article text. */
  summary?: string;
  text?: string;
}

export interface SyndicationFeed {
  title: string;
  /** The feed's own URL. */
  selfUrl: string;
  /** The reader page it mirrors. */
  pageUrl: string;
  /** Base for item links to the reader (…/articles/<id>). */
  baseUrl: string;
  items: SyndicationItem[];
}

export type SyndicationFormat = 'rss' | 'atom' | 'json';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export function xml(text: string): string {
  // Characters XML 1.0 forbids are dropped rather than breaking the reader's parser.
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

export function itemFromRow(row: {
  id: number;
  title: string | null;
  url: string | null;
  sort_at: string;
  authors: string;
  source: string | null;
  bite: string | null;
  text?: string;
}): SyndicationItem {
  let authors: string[] = [];
  let summary: string | undefined;
  try {
    authors = JSON.parse(row.authors);
  } catch {}
  try {
    const bite = row.bite ? (JSON.parse(row.bite) as Bite) : undefined;
    summary = bite?.summary?.map((s) => s.text).join(' ') || undefined;
  } catch {}
  return {
    id: row.id,
    title: row.title ?? '(untitled)',
    url: safeUrl(row.url ?? undefined),
    published: row.sort_at,
    authors: Array.isArray(authors) ? authors.filter((a) => typeof a === 'string') : [],
    source: row.source ?? undefined,
    summary,
    text: row.text,
  };
}

function contentHtml(item: SyndicationItem): string {
  const parts: string[] = [];
  if (item.summary) parts.push(`<p><strong>${escapeHtml(item.summary)}</strong></p>`);
  if (item.text)
    parts.push(
      ...item.text
        .split(/\n{2,}/)
        .slice(0, 200)
        .map((p) => `<p>${escapeHtml(p)}</p>`),
    );
  if (item.url)
    parts.push(
      `<p><a href="${escapeHtml(item.url)}">Read the original${item.source ? ` at ${escapeHtml(item.source)}` : ''}</a></p>`,
    );
  return parts.join('\n');
}

function link(feed: SyndicationFeed, item: SyndicationItem): string {
  return item.url ?? `${feed.baseUrl}/articles/${item.id}`;
}

function guid(feed: SyndicationFeed, item: SyndicationItem): string {
  return `${feed.baseUrl}/articles/${item.id}`;
}

export function renderRss(feed: SyndicationFeed): string {
  const items = feed.items.map(
    (i) => `<item>
<title>${xml(i.title)}</title>
<link>${xml(link(feed, i))}</link>
<guid isPermaLink="false">${xml(guid(feed, i))}</guid>
<pubDate>${new Date(i.published).toUTCString()}</pubDate>
${i.authors.length ? `<dc:creator>${xml(i.authors.join(', '))}</dc:creator>\n` : ''}${i.source ? `<source url="${xml(feed.selfUrl)}">${xml(i.source)}</source>\n` : ''}<description>${xml(i.summary ?? '')}</description>
<content:encoded>${xml(contentHtml(i))}</content:encoded>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xml(feed.title)}</title>
<link>${xml(feed.pageUrl)}</link>
<atom:link href="${xml(feed.selfUrl)}" rel="self" type="application/rss+xml"/>
<description>${xml(feed.title)} — NewsBite</description>
<lastBuildDate>${new Date().toUTCString()}</lastBuildDate>
${items.join('\n')}
</channel>
</rss>
`;
}

export function renderAtom(feed: SyndicationFeed): string {
  const updated = feed.items[0]?.published ?? new Date().toISOString();
  const items = feed.items.map(
    (i) => `<entry>
<title>${xml(i.title)}</title>
<id>${xml(guid(feed, i))}</id>
<link rel="alternate" href="${xml(link(feed, i))}"/>
<published>${xml(new Date(i.published).toISOString())}</published>
<updated>${xml(new Date(i.published).toISOString())}</updated>
${i.authors.map((a) => `<author><name>${xml(a)}</name></author>`).join('')}${i.summary ? `<summary>${xml(i.summary)}</summary>` : ''}
<content type="html">${xml(contentHtml(i))}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>${xml(feed.title)}</title>
<id>${xml(feed.selfUrl)}</id>
<link rel="self" href="${xml(feed.selfUrl)}"/>
<link rel="alternate" href="${xml(feed.pageUrl)}"/>
<updated>${xml(new Date(updated).toISOString())}</updated>
<author><name>NewsBite</name></author>
${items.join('\n')}
</feed>
`;
}

export function renderJsonFeed(feed: SyndicationFeed): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.selfUrl,
    items: feed.items.map((i) => ({
      id: guid(feed, i),
      url: link(feed, i),
      title: i.title,
      summary: i.summary,
      content_html: contentHtml(i),
      date_published: new Date(i.published).toISOString(),
      authors: i.authors.map((name) => ({ name })),
      tags: i.source ? [i.source] : undefined,
    })),
  });
}

export const SYNDICATION_TYPES: Record<SyndicationFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

export function renderFeed(format: SyndicationFormat, feed: SyndicationFeed): string {
  return format === 'rss' ? renderRss(feed) : format === 'atom' ? renderAtom(feed) : renderJsonFeed(feed);
}
