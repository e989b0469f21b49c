import { describe, expect, it } from 'vitest';
import { COMMON_FEED_PATHS, discoverFeeds } from './discover.js';

describe('discoverFeeds', () => {
  it('finds RSS, Atom and JSON alternates as absolute URLs, in order, without duplicates', () => {
    const html = `<!doctype html><html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.xml">
      <link rel="alternate" type="application/atom+xml" href="https://cdn.example.org/atom.xml">
      <link rel="ALTERNATE" type="application/feed+json" href="feed.json">
      <link rel="alternate" type="application/rss+xml" href="/feed.xml">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><a rel="alternate" type="application/rss+xml" href="/footer.xml">RSS</a><a href="/x">x</a></body></html>`;
    expect(discoverFeeds(html, 'https://example.com/blog/post')).toEqual([
      'https://example.com/feed.xml',
      'https://cdn.example.org/atom.xml',
      'https://example.com/blog/feed.json',
      'https://example.com/footer.xml',
    ]);
  });

  it('honours <base href>', () => {
    const html =
      '<head><base href="https://static.example.com/site/"><link rel="alternate" type="application/atom+xml" href="atom"></head>';
    expect(discoverFeeds(html, 'https://example.com/')).toEqual(['https://static.example.com/site/atom']);
  });

  it('returns nothing for a page without feeds', () => {
    expect(
      discoverFeeds('<html><head><title>x</title></head><body>hi</body></html>', 'https://example.com/'),
    ).toEqual([]);
  });

  it('exports the common probe paths, rooted', () => {
    expect(COMMON_FEED_PATHS).toEqual(
      expect.arrayContaining([
        '/feed',
        '/rss',
        '/rss.xml',
        '/atom.xml',
        '/feed.xml',
        '/index.xml',
        '/feeds/posts/default',
      ]),
    );
    for (const p of COMMON_FEED_PATHS) expect(p.startsWith('/')).toBe(true);
  });
});
