/**
 * Feed discovery from an HTML page: `<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`
 * (and the common variants; also `<a rel="alternate" type=…>`, which some themes put in the footer),
 * resolved to absolute URLs against the page URL and any `<base href>`. Pages beyond 2 MB are cut.
 * COMMON_FEED_PATHS lists the paths the fetcher probes when a page announces no feed.
 */
import { Parser } from 'htmlparser2';

/** Paths probed (in this order) on a site that announces no feed. Kept short: each is a request. */
export const COMMON_FEED_PATHS: readonly string[] = [
  '/feed',
  '/rss',
  '/rss.xml',
  '/atom.xml',
  '/feed.xml',
  '/index.xml',
  '/feed.json',
  '/feeds/posts/default',
  '/index.rss',
  '/rss/index.xml',
  '/blog/feed',
  '/?feed=rss2',
];

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'application/x-rss+xml',
  'application/x-atom+xml',
  'text/xml',
  'application/xml',
  'text/rss+xml',
  'text/atom+xml',
]);

function resolve(href: string, base: string): string | undefined {
  try {
    const url = new URL(href.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Feed URLs announced by an HTML page, absolute, de-duplicated, in document order. */
export function discoverFeeds(html: string, pageUrl: string): string[] {
  let base = pageUrl;
  const found: string[] = [];
  const seen = new Set<string>();
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'base' && attrs.href && found.length === 0) {
          base = resolve(attrs.href, pageUrl) ?? base;
          return;
        }
        if (name !== 'link' && name !== 'a') return;
        const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
        const type = (attrs.type ?? '').toLowerCase().split(';')[0].trim();
        if (!attrs.href || !rel.includes('alternate') || !FEED_TYPES.has(type)) return;
        if (type === 'application/json' && !/feed|json/i.test(`${attrs.title ?? ''} ${attrs.href}`)) return;
        const url = resolve(attrs.href, base);
        if (url && !seen.has(url)) {
          seen.add(url);
          found.push(url);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html.length > 2_000_000 ? html.slice(0, 2_000_000) : html);
  parser.end();
  return found;
}
