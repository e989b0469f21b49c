/**
 * Feed bytes (or text) → Feed. RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed 1.0/1.1.
 * See README.md in this folder for the design and the rules (encodings, dates, sanitizing).
 */
import { NewsBiteError } from '../../errors.js';
import type { Feed } from '../../model/index.js';
import { decodeFeedBytes, fixC1Controls } from './decode.js';
import { looksLikeJsonFeed, parseJsonFeed } from './json.js';
import { findFeedRoot, mapFeed } from './map.js';
import { parseXml } from './xml.js';

export interface ParseFeedOptions {
  /** The document's URL: base for relative links. */
  url?: string;
  /** HTTP response headers (Content-Type carries the charset; Content-Location may give the base). */
  headers?: Record<string, string>;
}

export { COMMON_FEED_PATHS, discoverFeeds } from '../discover.js';
export { type OpmlDocument, type OpmlFeed, type OpmlOutline, parseOpml, writeOpml } from '../opml.js';
export { parseDate } from './dates.js';
export { sanitizeFragment as sanitizeFeedHtml } from './sanitize.js';

function header(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

function documentBase(options: ParseFeedOptions): string | undefined {
  const candidates = [header(options.headers, 'content-location'), options.url];
  let base: string | undefined;
  for (const candidate of candidates.reverse()) {
    if (!candidate) continue;
    try {
      base = new URL(candidate, base).href;
    } catch {
      /* not a URL: ignore */
    }
  }
  return base;
}

function reason(found: string, text: string): string {
  if (!text.trim()) return 'it is empty';
  if (found.toLowerCase() === 'html' || /^\s*<!doctype html/i.test(text)) return 'it is an HTML page';
  if (found) return `its root element is <${found}>, not <rss>, <rdf:RDF> or <feed>`;
  return `it has no XML elements (starts with ${JSON.stringify(text.trim().slice(0, 40))})`;
}

export function parseFeed(input: Uint8Array | string, options: ParseFeedOptions = {}): Feed {
  const text =
    typeof input === 'string'
      ? fixC1Controls(input.replace(/^\ufeff/, ''))
      : decodeFeedBytes(input, options.headers).text;
  const base = documentBase(options);
  const subject = options.url ?? 'the document';
  if (looksLikeJsonFeed(text)) {
    try {
      return parseJsonFeed(text, base);
    } catch (error) {
      if (error instanceof NewsBiteError) {
        throw new NewsBiteError(error.code, `${subject} is not a feed: ${error.message}`);
      }
      throw error;
    }
  }
  const tree = parseXml(text, base);
  const { element, format, found } = findFeedRoot(tree);
  if (!element || !format) {
    throw new NewsBiteError('NOT_A_FEED', `${subject} is not a feed: ${reason(found, text)}`);
  }
  return mapFeed(element, format);
}
