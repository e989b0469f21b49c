/**
 * Article metadata from the page, each field from the first source that has it, in this order:
 * JSON-LD (NewsArticle/Article …, @graph included) → OpenGraph/Twitter → other <meta>
 * (article:*, citation_*, Dublin Core, parsely, sailthru …) → the page itself (<h1>, <time>,
 * bylines) → the URL (dates in the path) → hints from the caller (feed entry).
 */
import { decodeHTML } from 'entities';
import type { OriginalCredit } from '../model/index.js';
import { META_KEYS } from './metadata-rules.js';
import type { HeadTag } from './tree.js';

export interface PageSignals {
  url?: string;
  title: string;
  lang?: string;
  jsonLd: string[];
  head: HeadTag[];
  /** First <h1> texts in the body. */
  h1: string[];
  /** <time datetime> values, with a flag for those marked as the publication date. */
  times: { value: string; published: boolean }[];
  /** Texts of byline elements (class/itemprop/rel author), in page order. */
  bylines: string[];
  /** Short texts of elements whose class says date/published/posted, in page order. */
  dateTexts: string[];
}

export interface Metadata {
  headline?: string;
  standfirst?: string;
  authors: string[];
  published?: string;
  updated?: string;
  siteName?: string;
  canonicalUrl?: string;
  language?: string;
  leadImage?: string;
  section?: string;
  keywords: string[];
  original?: OriginalCredit;
  /** JSON-LD articleBody, when the page carries one (used when the HTML body is script-rendered). */
  articleBody?: string;
}

const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|ScholarlyArticle|TechArticle|Report|SatiricalArticle|Review|Recipe|VideoObject|Posting)$/i;

type Json = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function str(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const s = value.replace(/\s+/g, ' ').trim();
    return s || undefined;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return str(value[0]);
  if (value && typeof value === 'object') {
    const o = value as Json;
    return str(o.name ?? o['@value'] ?? o.url ?? o['@id']);
  }
  return undefined;
}

function typesOf(node: Json): string[] {
  return asArray(node['@type'])
    .filter((t): t is string => typeof t === 'string')
    .map((t) => t.replace(/^.*[/#]/, ''));
}

/** Parses every JSON-LD script leniently and returns the flattened objects. */
export function jsonLdObjects(scripts: string[]): Json[] {
  const out: Json[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 6 || out.length > 200) return;
    for (const item of asArray(value)) {
      if (!item || typeof item !== 'object') continue;
      const obj = item as Json;
      out.push(obj);
      if (obj['@graph']) visit(obj['@graph'], depth + 1);
      if (obj.mainEntity && typeof obj.mainEntity === 'object') visit(obj.mainEntity, depth + 1);
    }
  };
  for (const script of scripts) {
    const text = script
      .replace(/^\s*(<!--|\/\/\s*<!\[CDATA\[|<!\[CDATA\[)/, '')
      .replace(/(-->|\/\/\s*\]\]>|\]\]>)\s*$/, '')
      .trim();
    if (!text || text.length > 2_000_000) continue;
    try {
      visit(JSON.parse(text), 0);
    } catch {
      // Some sites put control characters in strings; retry once with them replaced.
      try {
        visit(JSON.parse(text.replace(/[\u0000-\u001f]+/g, ' ')), 0);
      } catch {
        /* unusable JSON-LD: other sources will do */
      }
    }
  }
  return out;
}

function metaMap(head: HeadTag[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const tag of head) {
    if (tag.tag !== 'meta') continue;
    const key = (tag.attrs.property ?? tag.attrs.name ?? tag.attrs.itemprop ?? '').toLowerCase().trim();
    const content = tag.attrs.content?.replace(/\s+/g, ' ').trim();
    if (!key || !content) continue;
    const list = map.get(key);
    if (list) list.push(content);
    else map.set(key, [content]);
  }
  return map;
}

function firstMeta(map: Map<string, string[]>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = map.get(key)?.[0];
    if (value) return value;
  }
  return undefined;
}

function allMeta(map: Map<string, string[]>, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) for (const value of map.get(key) ?? []) out.push(value);
  return out;
}

/** Normalises a date string to ISO-8601 (date-only input stays a date); undefined when unparseable. */
export function normalizeDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return validDay(s) ? s : undefined;
  if (/^\d{8}$/.test(s)) {
    const d = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    return validDay(d) ? d : undefined;
  }
  // "2019-11-18 14:03:00" (no zone) and "+0000" forms.
  const fixed = s
    .replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/, '$1T$2')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const t = Date.parse(fixed);
  if (!Number.isNaN(t)) return plausible(t) ? new Date(t).toISOString() : undefined;
  return dateInText(s);
}

function normalizeTitle(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function decodeText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : decodeHTML(text).replace(/\s+/g, ' ').trim();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?';

const MONTH_DAY_YEAR = new RegExp(
  `\\b${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})(?!\\d\\d)`,
);
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+${MONTH},?\\s+((?:19|20)\\d{2})\\b`);
const ISO_DAY = /\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)/;
const NUMERIC_DAY = /\b(\d{1,2})[./](\d{1,2})[./]((?:19|20)\d{2})\b/;

/** Year, month, day found in lower-cased free text, trying the common written forms in turn. */
function dayParts(t: string): [number, number, number] | undefined {
  let m = t.match(MONTH_DAY_YEAR);
  if (m) return [Number(m[3]), MONTHS.indexOf(m[1]) + 1, Number(m[2])];
  m = t.match(DAY_MONTH_YEAR);
  if (m) return [Number(m[3]), MONTHS.indexOf(m[2]) + 1, Number(m[1])];
  m = t.match(ISO_DAY);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  m = t.match(NUMERIC_DAY);
  if (m) {
    // Day-first unless that is impossible (US pages write the month first when the day is > 12).
    const a = Number(m[1]);
    const b = Number(m[2]);
    return a > 12 || b <= 12 ? [Number(m[3]), b, a] : [Number(m[3]), a, b];
  }
  return undefined;
}

/** A calendar day written inside free text ("Published Nov 20, 2019 01:38 pm", "18 November 2019", "21/06/2014"). */
export function dateInText(text: string): string | undefined {
  const parts = dayParts(text.toLowerCase());
  if (!parts) return undefined;
  const [y, m, d] = parts;
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return validDay(iso) ? iso : undefined;
}

function validDay(d: string): boolean {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && plausible(t);
}

function plausible(t: number): boolean {
  return t > Date.UTC(1990, 0, 1) && t < Date.now() + 2 * 86_400_000;
}

/** A date in the URL path: /2019/11/18/, /2019-11-18/, /20191118/. */
export function dateFromUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const named = path
    .toLowerCase()
    .match(/\/((?:19|20)\d{2})\/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\/(\d{1,2})\//);
  if (named)
    return normalizeDate(
      `${named[1]}-${String(MONTHS.indexOf(named[2]) + 1).padStart(2, '0')}-${named[3].padStart(2, '0')}`,
    );
  const m =
    path.match(/\/((?:19|20)\d{2})[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:\/|-|_|$)/) ??
    path.match(/[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)/);
  if (!m) return undefined;
  return normalizeDate(`${m[1]}-${m[2]}-${m[3]}`);
}

/** Parts of a byline that describe the author's job, not the author. */
const JOB_TITLE =
  /\b(writer|correspondent|editor|reporter|contributor|columnist|producer|staff|contributing|senior|bureau|chief|journalist|redakteur|redakteurin)\b/i;

const NOT_A_NAME =
  /^(https?:|www\.)|@|\b(staff|editor|editors|newsroom|redaktion|redação|redazione|admin|the associated press)\b/i;

/** Splits and cleans author names ("By Jane Doe and John Roe" → two names). */
export function cleanAuthors(values: string[], siteName?: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const cleaned = value
      .replace(/\s+/g, ' ')
      .replace(/^(written |posted |reported )?(by|von|por|par|di|от|автор)\s*:?\s+/i, '')
      .replace(/\s*[|•·—–]\s.*$/, '')
      .replace(/\s*@\w+.*$/, '')
      .replace(/\b(updated|published|posted)\b.*$/i, '')
      .replace(
        new RegExp(
          `\\s*,?\\s*\\b(mon|tues?|wed(nes)?|thu(rs)?|fri|sat(ur)?|sun)(day)?\\b.*$|\\s*,?\\s*\\b${MONTH}\\s+\\d.*$|\\s*\\d{1,2}[:/.]\\d.*$`,
          'i',
        ),
        '',
      )
      .trim();
    // Separators between names; "Jane Doe. Example Times" (a sentence stop after a word) too.
    for (let part of cleaned.split(
      /\s*(?:,|;|\band\b|&|\bund\b|\be\b|\by\b)\s*|(?<=\p{Ll}{2})\.\s+(?=\p{Lu})/u,
    )) {
      part = part.replace(/^[\s.:-]+|[\s.:,-]+$/g, '');
      if (part.length < 3 || part.length > 60) continue;
      if (NOT_A_NAME.test(part) && !/^[\p{Lu}]/u.test(part)) continue;
      if (/^https?:/i.test(part) || /\d{3,}/.test(part)) continue;
      if (part.split(' ').length > 5) continue;
      if (siteName?.toLowerCase().includes(part.toLowerCase())) continue;
      if (JOB_TITLE.test(part)) continue;
      // "Cleveland.com", "NJ.com": the publication, not a person.
      if (/^[\w.-]+\.[a-z]{2,6}$/i.test(part)) continue;
      const key = part.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(part);
    }
  }
  return out;
}

function authorNames(value: unknown): string[] {
  const names: string[] = [];
  for (const a of asArray(value)) {
    if (typeof a === 'string') names.push(a);
    else if (a && typeof a === 'object') {
      const o = a as Json;
      const n = str(o.name);
      if (n) names.push(n);
    }
  }
  return names;
}

function imageUrl(value: unknown): string | undefined {
  for (const item of asArray(value)) {
    if (typeof item === 'string' && item) return item;
    if (item && typeof item === 'object') {
      const o = item as Json;
      const u = str(o.url ?? o.contentUrl ?? o['@id']);
      if (u) return u;
    }
  }
  return undefined;
}

function absolute(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function hostKey(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.replace(/^(www\d?|m|amp|mobile)\./, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** The site part of a registrable-ish host: "edition.cnn.com" and "cnn.com" are one site. */
function sameSite(a: string, b: string): boolean {
  const tail = (h: string) => h.split('.').slice(-2).join('.');
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`) || tail(a) === tail(b);
}

/** The site name at the end of a <title> ("Headline - Site Name"), when there is one. */
function siteFromTitle(title: string): string | undefined {
  const parts = title.split(/\s+[|–—•»]\s+|\s+-\s+/);
  if (parts.length < 2) return undefined;
  const last = parts[parts.length - 1].trim();
  return last.length >= 2 && last.length <= 40 && last.split(/\s+/).length <= 5 ? last : undefined;
}

/** Removes a " | Site" / " - Site" tail from a title. */
let sitePatterns: { site: string; patterns: [RegExp, RegExp] } | undefined;

/** " | Site" at the end and "Site: " at the start of a title; cached for the page's site name. */
function siteNamePatterns(siteName: string): [RegExp, RegExp] {
  if (sitePatterns?.site !== siteName) {
    const escaped = siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    sitePatterns = {
      site: siteName,
      patterns: [
        new RegExp(`\\s*[|\\-–—:·•»]\\s*${escaped}\\s*$`, 'i'),
        new RegExp(`^${escaped}\\s*[|\\-–—:·•»]\\s*`, 'i'),
      ],
    };
  }
  return sitePatterns.patterns;
}

export function cleanHeadline(title: string | undefined, siteName?: string): string | undefined {
  if (!title) return undefined;
  let t = title.replace(/\s+/g, ' ').trim();
  if (siteName) {
    const [tail, head] = siteNamePatterns(siteName);
    t = t.replace(tail, '').replace(head, '');
  }
  const parts = t.split(/\s+[|–—•»]\s+|\s+-\s+/);
  if (parts.length > 1) {
    const last = parts[parts.length - 1];
    if (last.length < 30 && parts.slice(0, -1).join(' ').length > last.length)
      t = t.slice(0, t.length - last.length).replace(/\s*[|\-–—•»]\s*$/, '');
  }
  return t || undefined;
}

function normalizeLanguage(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const m = value.trim().match(/^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?/);
  if (!m) return undefined;
  return m[2] ? `${m[1].toLowerCase()}-${m[2].toUpperCase()}` : m[1].toLowerCase();
}

export function extractMetadata(page: PageSignals): Metadata {
  const objects = jsonLdObjects(page.jsonLd);
  // An Article type first; else any object that has a headline and an author or date (MedicalWebPage …).
  const article =
    objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPES.test(t))) ??
    objects.find((o) => o.headline && (o.author || o.datePublished));
  const webPage = objects.find((o) => typesOf(o).some((t) => /WebPage$/.test(t)));
  const org = objects.find((o) =>
    typesOf(o).some((t) => /^(Organization|NewsMediaOrganization|WebSite)$/.test(t)),
  );
  const meta = metaMap(page.head);
  const link = (rel: string) =>
    page.head.find((h) => h.tag === 'link' && (h.attrs.rel ?? '').toLowerCase().split(/\s+/).includes(rel))
      ?.attrs.href;

  const siteName =
    str((article?.publisher as Json | undefined)?.name) ??
    firstMeta(meta, META_KEYS.siteName) ??
    str(org?.name) ??
    siteFromTitle(page.title);

  // The visible <h1> wins when a metadata title confirms it (JSON-LD/og titles are sometimes SEO variants).
  const titles = [str(article?.headline), ...META_KEYS.headline.map((k) => meta.get(k)?.[0]), page.title]
    .filter((t): t is string => Boolean(t))
    .flatMap((t) => [
      normalizeTitle(decodeHTML(t)),
      normalizeTitle(cleanHeadline(decodeHTML(t), siteName) ?? ''),
    ]);
  const confirmedH1 = page.h1.find((h) => {
    const key = normalizeTitle(h);
    return key.length > 0 && titles.some((t) => t === key);
  });
  const headline =
    confirmedH1 ??
    cleanHeadline(decodeText(str(article?.headline)), siteName) ??
    cleanHeadline(firstMeta(meta, META_KEYS.headline), siteName) ??
    page.h1[0] ??
    cleanHeadline(page.title, siteName);

  const standfirst = str(article?.description) ?? firstMeta(meta, META_KEYS.description);

  let authors = cleanAuthors(
    article ? authorNames(article.author ?? article.creator).map(decodeHTML) : [],
    siteName,
  );
  if (!authors.length) {
    // The first <meta> author key that has names (several keys usually repeat the same people).
    for (const key of META_KEYS.author) {
      authors = cleanAuthors(
        (meta.get(key) ?? []).filter((a) => !/^https?:/i.test(a)),
        siteName,
      );
      if (authors.length) break;
    }
  }
  if (!authors.length) {
    for (const byline of page.bylines) {
      authors = cleanAuthors([byline], siteName);
      if (authors.length) break;
    }
  }

  const publishedTime = page.times.find((t) => t.published)?.value ?? page.times[0]?.value;
  const published =
    normalizeDate(str(article?.datePublished)) ??
    normalizeDate(firstMeta(meta, META_KEYS.published)) ??
    normalizeDate(str(webPage?.datePublished)) ??
    normalizeDate(publishedTime) ??
    page.dateTexts.map(dateInText).find(Boolean) ??
    dateFromUrl(page.url);
  const updated =
    normalizeDate(str(article?.dateModified)) ??
    normalizeDate(firstMeta(meta, META_KEYS.updated)) ??
    normalizeDate(str(webPage?.dateModified));

  const canonicalUrl =
    absolute(link('canonical'), page.url) ??
    absolute(firstMeta(meta, ['og:url']), page.url) ??
    absolute(
      str(
        (article?.mainEntityOfPage as Json | undefined)?.['@id'] ?? article?.mainEntityOfPage ?? article?.url,
      ),
      page.url,
    );

  const language =
    normalizeLanguage(page.lang) ??
    normalizeLanguage(str(article?.inLanguage)) ??
    normalizeLanguage(firstMeta(meta, META_KEYS.language));

  const leadImage = absolute(imageUrl(article?.image) ?? firstMeta(meta, META_KEYS.image), page.url);
  const section = str(article?.articleSection) ?? firstMeta(meta, META_KEYS.section);
  const keywordValues: string[] = [];
  for (const k of asArray(article?.keywords)) if (typeof k === 'string') keywordValues.push(k);
  if (!keywordValues.length) keywordValues.push(...allMeta(meta, META_KEYS.keywords));
  const keywords = [
    ...new Set(
      keywordValues
        .flatMap((k) => k.split(','))
        .map((k) => k.trim())
        .filter((k) => k && k.length < 60),
    ),
  ].slice(0, 30);

  let original: OriginalCredit | undefined;
  const basedOn = article?.isBasedOn ?? article?.isBasedOnUrl;
  if (basedOn) {
    const url = absolute(str(basedOn), page.url);
    const publisher = typeof basedOn === 'object' ? str((basedOn as Json).publisher) : undefined;
    if (url) original = { url, ...(publisher ? { publisher } : {}), statement: 'JSON-LD isBasedOn' };
  }
  const pageHost = hostKey(page.url);
  const canonicalHost = hostKey(canonicalUrl);
  if (!original && pageHost && canonicalHost && !sameSite(pageHost, canonicalHost)) {
    original = { url: canonicalUrl, publisher: canonicalHost, statement: 'canonical URL on another site' };
  }

  return {
    headline,
    standfirst,
    authors,
    published,
    updated,
    siteName,
    canonicalUrl,
    language,
    leadImage,
    section,
    keywords,
    original,
    articleBody: typeof article?.articleBody === 'string' ? decodeHTML(article.articleBody) : undefined,
  };
}
