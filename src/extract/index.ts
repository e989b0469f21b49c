/**
 * HTML → Article. See README.md in this folder for the design; every selector, word list and
 * threshold lives in rules.ts / metadata-rules.ts.
 */
import { NewsBiteError } from '../errors.js';
import { decodeHtml } from '../fetch/charset.js';
import type { Article, Block, OriginalCredit, Removal } from '../model/index.js';
import { renderHtml, renderText } from '../model/index.js';
import { mergeCredits, parseCreditLine } from '../source/text/credits.js';
import { classWords, type RawBlock, walkBlocks } from './blocks.js';
import { cleanAuthors, extractMetadata, normalizeDate, type PageSignals } from './metadata.js';
import { THRESHOLDS } from './rules.js';
import {
  chooseContainer,
  dropAuthorBio,
  filterBlocks,
  markTeaserGrids,
  markTeasers,
  pruneFurniture,
} from './select.js';
import { type Element, type Node, type ParsedDocument, parseDocument, textOf } from './tree.js';

/** What the caller already knows about the page (from the feed entry or the HTTP response). */
export { fragmentBlocks } from './fragment.js';

export interface ExtractHints {
  /** The feed entry's date/author/title, used when the page lacks them. */
  published?: string;
  authors?: string[];
  headline?: string;
  siteName?: string;
}

export interface ExtractBytesOptions {
  url?: string;
  /** The HTTP Content-Type header, whose charset wins over the page's own declaration. */
  contentType?: string;
  hints?: ExtractHints;
}

/** HTML → Article. Throws NewsBiteError for input that is not text, is empty, or is binary data. */
export function extract(html: string, url?: string, hints?: ExtractHints): Article {
  if (typeof html !== 'string')
    throw new NewsBiteError('INPUT_INVALID', `extract: expected HTML text, got ${typeof html}`);
  const name = url ?? 'the page';
  if (!/\S/.test(html)) {
    throw new NewsBiteError('INPUT_EMPTY', `${name}: the HTML is empty`);
  }
  if (looksBinary(html)) throw new NewsBiteError('INPUT_BINARY', `${name}: looks like binary data, not HTML`);
  const doc = parseDocument(html);
  return buildArticle(doc, url, hints);
}

/** Bytes (as fetched) → Article, decoding with the charset found by `decodeHtml`. */
export function extractBytes(bytes: Uint8Array, opts: ExtractBytesOptions = {}): Article {
  if (!(bytes instanceof Uint8Array))
    throw new NewsBiteError('INPUT_INVALID', 'extractBytes: expected bytes (Uint8Array)');
  const { text, charset } = decodeHtml(bytes, opts.contentType);
  const article = extract(text, opts.url, opts.hints);
  article.diagnostics.charset = charset;
  return article;
}

/** Paragraph blocks from JSON-LD articleBody when it is much longer than what the HTML gave. */
function jsonLdBody(articleBody: string | undefined, extractedChars: number): Block[] | undefined {
  if (!articleBody || articleBody.length < THRESHOLDS.jsonLdBodyMinChars) return undefined;
  if (extractedChars >= articleBody.length * THRESHOLDS.jsonLdBodyShare) return undefined;
  const paragraphs = articleBody
    .replace(/<[^>]+>/g, ' ')
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return paragraphs.map((text) => ({ kind: 'paragraph', text }));
}

/** Control characters (other than whitespace) in the first 8 KB mean the input is not text. */
function looksBinary(text: string): boolean {
  const sample = text.length > 8192 ? text.slice(0, 8192) : text;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control > sample.length * 0.1;
}

/** Class words of elements that show the publication date. */
const DATE_CLASS_WORDS = new Set([
  'date',
  'published',
  'pubdate',
  'posted',
  'timestamp',
  'dateline',
  'postdate',
]);

const DATE_CLASS = 1;
const BYLINE_CLASS = 2;
const COMMENT_CLASS = 4;
/** bodySignals' class tests per class string (pages repeat the same few hundred class values). */
const classFlagsCache = new Map<string, number>();
function classFlags(value: string): number {
  let flags = classFlagsCache.get(value);
  if (flags === undefined) {
    flags = 0;
    for (const w of classWords(value)) {
      if (DATE_CLASS_WORDS.has(w)) flags |= DATE_CLASS;
      if (w === 'byline' || w === 'author' || w === 'authors') flags |= BYLINE_CLASS;
      if (w === 'comment' || w === 'comments' || w === 'form' || w === 'reply') flags |= COMMENT_CLASS;
    }
    if (classFlagsCache.size > 20_000) classFlagsCache.clear();
    classFlagsCache.set(value, flags);
  }
  return flags;
}

/** Signals for metadata that live in the body: <h1>, <time>, bylines. */
function bodySignals(body: Element): Pick<PageSignals, 'h1' | 'times' | 'bylines' | 'dateTexts'> {
  const dateTexts: string[] = [];
  const h1: string[] = [];
  const times: PageSignals['times'] = [];
  const bylines: string[] = [];
  const stack: Node[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    const a = node.attrs;
    if (node.tag === 'h1' && h1.length < 3) {
      const t = textOf(node);
      if (t) h1.push(t);
    }
    if (
      times.length < 10 &&
      (node.tag === 'time' || a.itemprop === 'datePublished') &&
      (a.datetime || a.content)
    ) {
      const published = a.itemprop === 'datePublished' || /publish|pubdate|posted/i.test(a.class ?? '');
      times.push({ value: (a.datetime ?? a.content)!, published });
    }
    const flags = a.class === undefined ? 0 : classFlags(a.class);
    if (dateTexts.length < 5 && flags & DATE_CLASS) {
      const t = textOf(node);
      if (t && t.length < 100) dateTexts.push(t);
    }
    if (bylines.length < 5) {
      // Comment threads and forms have "comment-author" fields: not the article's byline.
      const isByline =
        (a.itemprop === 'author' || a.rel === 'author' || flags & BYLINE_CLASS) && !(flags & COMMENT_CLASS);
      if (isByline) {
        const t = textOf(node);
        if (t && t.length < 120) {
          bylines.push(t);
          continue;
        }
      }
    }
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return { h1, times, bylines, dateTexts };
}

function buildArticle(
  doc: ParsedDocument,
  url: string | undefined,
  hints: ExtractHints | undefined,
): Article {
  const signals = bodySignals(doc.body);
  const meta = extractMetadata({
    url,
    title: doc.title,
    lang: doc.lang,
    jsonLd: doc.jsonLd,
    head: doc.head,
    ...signals,
  });
  const headline = meta.headline ?? hints?.headline;

  const walk = walkBlocks(doc.body, url);
  markTeasers(walk.blocks);
  markTeaserGrids(doc.body, walk.blocks);
  pruneFurniture(walk);
  const container = chooseContainer(doc.body, walk.blocks);
  const removedLines: RawBlock[] = [];
  const kept = dropAuthorBio(
    filterBlocks(
      walk.blocks,
      container.firstBlock,
      container.endBlock,
      headline ?? signals.h1[0],
      removedLines,
    ),
    meta.authors,
  );

  // "Originally published in …" lines credit the original and leave the body.
  let original: OriginalCredit | undefined = meta.original;
  let blocks: Block[] = [];
  let extractor = 'newsbite';
  for (const raw of kept) {
    if (raw.block.kind === 'paragraph' && raw.chars < 300) {
      // The same credit forms as pasted copies ("Originally published as …", "Original URL: …").
      const credit = parseCreditLine(raw.text, { inFooter: false });
      if (credit) {
        raw.removed = 'syndication-credit';
        original = mergeCredits(original ? [original, credit] : [credit]);
        continue;
      }
    }
    blocks.push(raw.block);
  }

  // Script-rendered pages (JS off) may carry the body only in JSON-LD articleBody.
  let text = renderText(blocks);
  const fromJsonLd = jsonLdBody(meta.articleBody, text.length);
  if (fromJsonLd) {
    blocks = fromJsonLd;
    text = renderText(blocks);
    extractor = 'newsbite (JSON-LD articleBody)';
  }

  const removed: Removal[] = [];
  for (const s of walk.skipped) {
    if (removed.length >= THRESHOLDS.maxRemovals) break;
    removed.push({ reason: s.reason, text: s.text });
  }
  for (const line of removedLines) {
    if (removed.length < THRESHOLDS.maxRemovals)
      removed.push({ reason: line.removed ?? 'other', text: line.text });
  }
  walk.blocks.forEach((b, i) => {
    if (removed.length >= THRESHOLDS.maxRemovals || !b.text) return;
    const outside = i < container.firstBlock || i >= container.endBlock;
    // Blocks outside the chosen container were not pruned one by one: they scored lower as a whole.
    const reason = b.removed ?? (outside ? 'low-score' : undefined);
    if (reason) removed.push({ reason, text: b.text.slice(0, 300) });
  });

  let authors = meta.authors;
  if (!authors.length) {
    // A "By Jane Doe" line the filter removed from the article area is the page's byline.
    const byline = [...removedLines, ...walk.blocks.slice(container.firstBlock, container.endBlock)].find(
      (b) => b.removed === 'byline',
    );
    if (byline) authors = cleanAuthors([byline.text.split('\n')[0]], meta.siteName);
  }
  if (!authors.length && hints?.authors?.length) authors = cleanAuthors(hints.authors);
  const published = meta.published ?? normalizeDate(hints?.published);
  const notes = [...doc.notes];
  if (!meta.published && published) notes.push('published date from hints');

  const article: Article = {
    url,
    canonicalUrl: meta.canonicalUrl,
    siteName: meta.siteName ?? hints?.siteName,
    headline,
    standfirst: meta.standfirst,
    authors,
    published,
    updated: meta.updated,
    language: meta.language,
    section: meta.section,
    keywords: meta.keywords,
    leadImage: meta.leadImage,
    blocks,
    text,
    html: renderHtml(blocks),
    original,
    diagnostics: { removed, notes, extractor },
  };
  for (const key of Object.keys(article) as (keyof Article)[])
    if (article[key] === undefined) delete article[key];
  return article;
}
