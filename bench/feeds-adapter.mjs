// NewsBite adapter for ../shared/bench/feeds/run.mjs: hands the raw bytes, URL and headers to
// NewsBite's parseFeed (no help from the runner's text decoding) and maps Feed → the bench schema.
// It loads the TypeScript source through tsx's API, so it works from a clean clone after `npm ci`.
import { tsImport } from 'tsx/esm/api';

const { parseFeed } = await tsImport('../src/source/feeds/index.ts', import.meta.url);

// A body the feed declared as plain text is reported as that text (NewsBite stores it escaped as HTML).
const unescapeText = (html) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const bodyOf = (value, type) => (value == null ? null : type === 'text' ? unescapeText(value) : value);

export function parse(input) {
  const feed = parseFeed(input.bytes, { url: input.url ?? undefined, headers: input.headers ?? {} });
  return {
    title: feed.titleHtml ?? feed.title ?? null,
    link: feed.link ?? null,
    description: feed.description ?? null,
    updated: feed.updated ?? null,
    entries: feed.entries.map((e) => ({
      title: e.titleHtml ?? e.title ?? null,
      link: e.link ?? null,
      id: e.id ?? null,
      published: e.published ?? null,
      updated: e.updated ?? null,
      summary: bodyOf(e.summary, e.summaryType),
      content: bodyOf(e.content, e.contentType),
      author: e.author ?? null,
      categories: e.categories,
      enclosures: e.enclosures.map((x) => ({ url: x.url, type: x.type ?? null, length: x.length ?? null })),
    })),
  };
}
