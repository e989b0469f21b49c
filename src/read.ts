/**
 * `read`: anything a user hands NewsBite → the clean Article and its Bite. Detects HTML
 * versus pasted text from the content (not the file name), then runs the matching source
 * stage and the analysis. `readUrl` does the same for a URL through the guarded fetcher.
 */
import { bite } from './analyse/index.js';
import type { Config } from './config.js';
import { NewsBiteError } from './errors.js';
import { extract, extractBytes } from './extract/index.js';
import { createFetcher } from './fetch/index.js';
import type { Article, Bite } from './model/index.js';
import { decodeText } from './source/text/decode.js';
import { parseText } from './source/text/index.js';

export type InputKind = 'html' | 'text' | 'feed';

export interface ReadOptions {
  /** Where the input came from (base for relative links; the page's own URL). */
  url?: string;
  /** HTTP Content-Type, when known. */
  contentType?: string;
  /** Skip detection. */
  kind?: 'html' | 'text';
  /** Name used in error messages ("story.txt", "standard input"). */
  name?: string;
  /** Leave out the bite (faster when only the clean text is wanted). */
  withoutBite?: boolean;
}

export interface ReadResult {
  article: Article;
  bite?: Bite;
}

const HTML_START =
  /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>])/i;
const FEED_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:rss|feed|rdf:RDF)[\s>]/i;
const BLOCK_TAGS = /<(?:p|div|article|section|h[1-6]|br|li|span|a|table)\b[^>]*>/gi;

/** HTML, a feed, or text: decided by the content's start and its density of tags. */
export function detectKind(text: string): InputKind {
  const head = text.slice(0, 65536);
  if (FEED_START.test(head)) return 'feed';
  if (HTML_START.test(head)) return 'html';
  const tags = head.match(BLOCK_TAGS)?.length ?? 0;
  return tags >= 3 ? 'html' : 'text';
}

function finish(article: Article, options: ReadOptions): ReadResult {
  if (options.withoutBite) return { article };
  try {
    return { article, bite: bite(article) };
  } catch (error) {
    // An article too thin to analyse (a headline only) is still worth reading.
    if (!(error instanceof NewsBiteError)) throw error;
    article.diagnostics.notes.push(`no bite: ${error.message}`);
    return { article };
  }
}

/** Reads a string or bytes (a file's content, stdin, a pasted copy). */
export function read(input: string | Uint8Array, options: ReadOptions = {}): ReadResult {
  const name = options.name ?? 'input';
  if (input.length === 0) throw new NewsBiteError('INPUT_EMPTY', `${name}: is empty, nothing to read`);
  if (typeof input === 'string') {
    const kind = options.kind ?? detectKind(input);
    if (kind === 'feed') throw notAnArticle(name);
    const article = kind === 'html' ? extract(input, options.url) : parseText(input, { url: options.url });
    return finish(article, options);
  }
  const { text, charset } = decodeText(input, name);
  const kind = options.kind ?? detectKind(text);
  if (kind === 'feed') throw notAnArticle(name);
  if (kind === 'html') {
    return finish(extractBytes(input, { url: options.url, contentType: options.contentType }), options);
  }
  const article = parseText(text, { url: options.url });
  if (charset !== 'utf-8') article.diagnostics.notes.push(`decoded as ${charset}`);
  article.diagnostics.charset = charset;
  return finish(article, options);
}

function notAnArticle(name: string): NewsBiteError {
  return new NewsBiteError(
    'INPUT_INVALID',
    `${name}: is a feed (RSS/Atom), not an article; subscribe to it with \`newsbite add\``,
  );
}

/** Fetches a URL with the guarded fetcher and reads the page. */
export async function readUrl(
  url: string,
  config: Config,
  options: Omit<ReadOptions, 'url'> = {},
): Promise<ReadResult> {
  const fetcher = createFetcher(config.fetch);
  try {
    const response = await fetcher.fetch(url, {
      accept: 'text/html,application/xhtml+xml,text/plain;q=0.8,*/*;q=0.5',
    });
    return read(response.body, {
      ...options,
      url: response.url,
      contentType: response.headers['content-type'],
      name: url,
    });
  } finally {
    await fetcher.close();
  }
}
