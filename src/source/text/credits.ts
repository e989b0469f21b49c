/**
 * Syndication credits: "Originally published as … / Original URL: …", "This article
 * originally appeared on …", "First published in …", "Republished with permission from …".
 * Each line yields a partial credit; the parser merges them into `Article.original`.
 */
import type { OriginalCredit } from '../../model/index.js';
import { canonicalPublisherName, isKnownPublisherName, publisherName } from '../publishers.js';

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'”’)]+/i;
const DOMAIN_ONLY = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?$/i;
const QUOTES = /^["'“‘«]+|["'”’»]+$/g;

/** Strips quotes and a final full stop from a captured name or title. */
function clean(value: string): string {
  return value
    .trim()
    .replace(/[.,;]+$/, '')
    .replace(QUOTES, '')
    .trim();
}

function looksLikeDate(value: string): boolean {
  return (
    /\b(19|20)\d\d\b/.test(value) && !Number.isNaN(Date.parse(value.replace(/(\d)(st|nd|rd|th)\b/g, '$1')))
  );
}

/** Publisher (and URL) from the words after "published by / in / on / at / from". */
function creditFromWhere(where: string): OriginalCredit {
  const text = where.trim();
  const url = text.match(URL_IN_TEXT)?.[0]?.replace(/[.,;]+$/, '');
  if (url) return { url, publisher: publisherName(url) };
  // Cut trailing clauses: "under a Creative Commons licence", "and is republished …", "on 3 May 2024".
  let name = text.split(/\s+(?:under|and is|and was|with permission|on (?=\d|[A-Z][a-z]+ \d))\b/)[0];
  name = name.split(/[.;(]\s/)[0];
  name = clean(name);
  if (!name) return {};
  if (DOMAIN_ONLY.test(name)) return { publisher: publisherName(name), url: undefined };
  return { publisher: canonicalPublisherName(name) };
}

/** `weak` rules only count in the last lines of a text, where credits sit (a chart's "Source:" does not). */
const RULES: {
  pattern: RegExp;
  weak?: boolean;
  read: (m: RegExpMatchArray) => OriginalCredit | undefined;
}[] = [
  {
    // "Originally published as <title>" — the News Corp form.
    pattern: /^originally published (?:as|under the (?:title|headline))\s*[:\-–—]?\s*(.+)$/i,
    read: (m) => {
      const rest = m[1];
      // "… as <title> by/in <publisher>" only when the tail names a known publisher or a
      // domain: titles themselves say "in California" or "killed by police".
      const by = rest.match(/^(.*?)\s+(?:by|in|on|at)\s+(\S.{1,60})$/u);
      if (
        by &&
        (isKnownPublisherName(clean(by[2])) || DOMAIN_ONLY.test(clean(by[2])) || URL_IN_TEXT.test(by[2]))
      ) {
        return { title: clean(by[1]), ...creditFromWhere(by[2]) };
      }
      return { title: clean(rest) };
    },
  },
  {
    pattern: /^original (?:url|link|article|story|source)\s*[:\-–—]\s*(\S+)\s*$/i,
    read: (m) => {
      const url = m[1].replace(/[.,;]+$/, '');
      if (/^https?:\/\//i.test(url)) return { url, publisher: publisherName(url) };
      return DOMAIN_ONLY.test(url) ? { url: `https://${url}`, publisher: publisherName(url) } : undefined;
    },
  },
  {
    // "This article originally appeared on X", "This story was originally published by X",
    // "First published in X", "It first appeared at X".
    pattern:
      /^(?:\(?\s*)?(?:this|the|it|a version of this)?\s*(?:article|story|piece|post|report|content|column)?\s*(?:was|is|has been)?\s*(?:originally|first|previously)\s+(?:published|appeared|posted|ran|printed)\s+(?:by|in|on|at|with)\s+(.+?)\s*\)?$/i,
    read: (m) => (looksLikeDate(m[1]) ? undefined : creditFromWhere(m[1])),
  },
  {
    // "Republished with permission from X", "Reprinted with permission of X",
    // "This article is republished from X under a Creative Commons license."
    pattern:
      /^(?:this (?:article|story|piece) (?:is|was|has been) )?(?:republished|reprinted|reproduced|syndicated|shared)(?: here)?(?: with (?:the )?(?:kind )?permission)?(?: (?:from|of|by|courtesy of))\s+(.+)$/i,
    read: (m) => creditFromWhere(m[1]),
  },
  {
    pattern: /^read the original (?:article|story)(?:\s+(?:at|on|here)\s*:?\s*(.+?))?\.?$/i,
    read: (m) => (m[1] ? creditFromWhere(m[1]) : {}),
  },
  {
    // A wire or partner source on its own line: "Source: AAP", "Via: The Conversation".
    pattern: /^(?:source|via|courtesy(?: of)?)\s*[:\-–—]\s*(.{2,80})$/i,
    weak: true,
    read: (m) => creditFromWhere(m[1]),
  },
];

/** Reads one line as a syndication credit; undefined when it is not one. */
export function parseCreditLine(
  line: string,
  options: { inFooter?: boolean } = {},
): OriginalCredit | undefined {
  const text = line.trim();
  if (text.length > 400) return undefined;
  for (const rule of RULES) {
    if (rule.weak && !options.inFooter) continue;
    const m = text.match(rule.pattern);
    if (m) {
      const credit = rule.read(m);
      if (credit) return { ...credit, statement: text };
    }
  }
  return undefined;
}

/** Merges credits found on several lines; the first line to name a field wins, statements join. */
export function mergeCredits(credits: OriginalCredit[]): OriginalCredit | undefined {
  if (credits.length === 0) return undefined;
  const merged: OriginalCredit = {};
  for (const credit of credits) {
    merged.title ??= credit.title || undefined;
    merged.url ??= credit.url || undefined;
    merged.publisher ??= credit.publisher || undefined;
  }
  // A name read from the URL's domain is better than none; an explicit name beats it.
  const explicit = credits.find((c) => c.publisher && !c.url)?.publisher;
  if (explicit) merged.publisher = explicit;
  else if (!merged.publisher && merged.url) merged.publisher = publisherName(merged.url);
  merged.statement = credits
    .map((c) => c.statement)
    .filter(Boolean)
    .join(' / ');
  for (const key of Object.keys(merged) as (keyof OriginalCredit)[]) {
    if (merged[key] === undefined) delete merged[key];
  }
  return merged;
}
