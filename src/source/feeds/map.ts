/**
 * XML tree → Feed for RSS 0.9x/1.0 (RDF)/2.0 and Atom 0.3/1.0. One pass over the top-level children;
 * each entry is mapped independently, so the work is linear in the number of items.
 */
import type { Enclosure, Feed, FeedEntry } from '../../model/feed.js';
import { asHtml, asTitle, body, readTextConstruct, safeUrl, type TextValue } from './construct.js';
import { parseDate } from './dates.js';
import { adoptRootNamespace, attr, childElements, textOf, type XmlElement } from './xml.js';

type Format = Feed['format'];

const CORE = ['', 'atom'];

const nsMatches = (c: XmlElement, ns: string | string[]) =>
  typeof ns === 'string' ? c.ns === ns : ns.includes(c.ns);

/** An element's child elements with lookups by local name and namespace key (no per-call closures). */
class Children {
  readonly list: XmlElement[];
  constructor(el: XmlElement) {
    this.list = childElements(el);
  }
  first(local: string, ns: string | string[] = CORE): XmlElement | undefined {
    for (const c of this.list) if (c.local === local && nsMatches(c, ns)) return c;
    return undefined;
  }
  last(local: string, ns: string | string[] = CORE): XmlElement | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) {
      const c = this.list[i];
      if (c.local === local && nsMatches(c, ns)) return c;
    }
    return undefined;
  }
  all(local: string, ns: string | string[] = CORE): XmlElement[] {
    const out: XmlElement[] = [];
    for (const c of this.list) if (c.local === local && nsMatches(c, ns)) out.push(c);
    return out;
  }
}

function indexChildren(el: XmlElement): Children {
  return new Children(el);
}

function text(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const t = textOf(el).trim();
  return t || undefined;
}

/** First candidate element name that yields a date; a repeated element counts by its last value. */
function firstDate(kids: Children, candidates: [string, string | string[]][]): string | undefined {
  for (const [local, ns] of candidates) {
    const el = kids.last(local, ns);
    if (!el) continue;
    const iso = parseDate(text(el));
    if (iso) return iso;
    const els = kids.all(local, ns);
    for (let i = els.length - 2; i >= 0; i--) {
      const earlier = parseDate(text(els[i]));
      if (earlier) return earlier;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- Atom

function atomLinks(kids: Children, base: string | undefined, ns: string | string[] = CORE) {
  let alternate: string | undefined;
  let fallback: string | undefined;
  const enclosures: Enclosure[] = [];
  for (const link of kids.all('link', ns)) {
    const href = attr(link, 'href') ?? (text(link) && link.ns === '' ? text(link) : undefined);
    if (href === undefined) continue;
    const rel = (attr(link, 'rel') ?? 'alternate').trim().toLowerCase();
    const url = safeUrl(href, link.base ?? base);
    if (!url) continue;
    if (rel === 'alternate' || rel === 'http://www.iana.org/assignments/relation/alternate') {
      const type = (attr(link, 'type') ?? '').toLowerCase();
      if (!alternate && (!type || type.includes('html'))) alternate = url;
      else if (!fallback) fallback = url;
    } else if (rel === 'enclosure') {
      enclosures.push(makeEnclosure(url, attr(link, 'type'), attr(link, 'length')));
    }
  }
  return { link: alternate ?? fallback, enclosures };
}

function makeEnclosure(url: string, type?: string, length?: string): Enclosure {
  const enclosure: Enclosure = { url };
  if (type?.trim()) enclosure.type = type.trim();
  const n = Number(length);
  if (length !== undefined && length.trim() !== '' && Number.isFinite(n) && n >= 0) enclosure.length = n;
  return enclosure;
}

function atomPerson(el: XmlElement | undefined): string | undefined {
  if (!el) return undefined;
  const kids = indexChildren(el);
  const name = text(kids.first('name', ['atom', '']));
  if (name) return name;
  const email = text(kids.first('email', ['atom', '']));
  if (email) return email;
  return kids.list.length ? undefined : text(el);
}

function atomCategories(kids: Children): string[] {
  const out: string[] = [];
  for (const c of kids.all('category', ['atom', ''])) {
    const term = attr(c, 'term')?.trim() || attr(c, 'label')?.trim() || text(c);
    if (term) out.push(term);
  }
  for (const c of kids.all('subject', 'dc')) {
    const t = text(c);
    if (t) out.push(t);
  }
  return out;
}

/** Atom ids are IRIs; a relative one (seen in the wild) is resolved against the entry's base. */
function atomId(el: XmlElement | undefined): string | undefined {
  const id = text(el);
  if (!id || !el?.base || /^[a-z][a-z0-9+.-]*:/i.test(id)) return id;
  return safeUrl(id, el.base) ?? id;
}

function mapAtomEntry(entry: XmlElement, feedAuthor: string | undefined): FeedEntry {
  const kids = indexChildren(entry);
  const { link, enclosures } = atomLinks(kids, entry.base);
  const summaryEl =
    kids.first('summary') ??
    kids.first('description', 'dc') ??
    kids.first('description', 'media') ??
    mediaGroupChildren(kids, 'description')[0];
  const contentEl = kids.first('content') ?? kids.first('encoded', 'content');
  const titleEl = kids.first('title') ?? kids.first('title', 'dc');
  const result: FeedEntry = {
    id: atomId(kids.first('id')) ?? text(kids.first('identifier', 'dc')),
    ...asTitle(titleEl && readTextConstruct(titleEl, 'text')),
    link,
    published: firstDate(kids, [
      ['published', CORE],
      ['issued', CORE],
      ['created', CORE],
      ['date', 'dc'],
      ['issued', 'dcterms'],
      ['created', 'dcterms'],
    ]),
    updated: firstDate(kids, [
      ['updated', CORE],
      ['modified', CORE],
      ['modified', 'dcterms'],
    ]),
    ...body('summary', summaryEl && readTextConstruct(summaryEl, 'text')),
    ...body('content', contentEl && contentOf(contentEl)),
    author: atomPerson(kids.first('author')) ?? text(kids.first('creator', 'dc')) ?? feedAuthor,
    categories: atomCategories(kids),
    enclosures,
  };
  return result;
}

/** Atom content with `src` (out-of-line content) has no inline value. */
function contentOf(el: XmlElement): TextValue | undefined {
  if (attr(el, 'src') !== undefined && !textOf(el).trim()) return undefined;
  return readTextConstruct(el, 'text');
}

function mapAtom(feedEl: XmlElement): Feed {
  const kids = indexChildren(feedEl);
  const { link } = atomLinks(kids, feedEl.base);
  const titleEl = kids.first('title');
  const subtitleEl = kids.first('subtitle') ?? kids.first('tagline') ?? kids.first('info');
  const feedAuthor = atomPerson(kids.first('author'));
  const feed: Feed = {
    format: 'atom',
    ...asTitle(titleEl && readTextConstruct(titleEl, 'text')),
    link,
    description: subtitleEl ? asHtml(readTextConstruct(subtitleEl, 'text'), true) : undefined,
    updated: firstDate(kids, [
      ['updated', CORE],
      ['modified', CORE],
      ['date', 'dc'],
    ]),
    language: attr(feedEl, 'xml:lang')?.trim() || undefined,
    entries: kids.list
      .filter((c) => (c.local === 'entry' || c.local === 'item') && (c.ns === 'atom' || c.ns === ''))
      .map((e) => mapAtomEntry(e, feedAuthor)),
  };
  return prune(feed);
}

// ---------------------------------------------------------------- RSS / RDF

function rssAuthor(kids: Children): string | undefined {
  return (
    text(kids.first('author', '')) ??
    text(kids.first('creator', 'dc')) ??
    text(kids.first('author', 'dc')) ??
    atomPerson(kids.first('author', 'atom')) ??
    text(kids.first('author', 'itunes')) ??
    text(kids.first('contributor', 'dc')) ??
    text(kids.first('publisher', 'dc'))
  );
}

function rssCategories(kids: Children): string[] {
  const out: string[] = [];
  for (const c of kids.all('category', '')) {
    const t = text(c) ?? attr(c, 'term')?.trim();
    if (t) out.push(t);
  }
  for (const c of kids.all('subject', 'dc')) {
    const t = text(c);
    if (t) out.push(t);
  }
  for (const c of kids.all('category', 'atom')) {
    const t = attr(c, 'term')?.trim() || text(c);
    if (t) out.push(t);
  }
  for (const c of kids.all('keywords', 'itunes')) {
    for (const k of (text(c) ?? '').split(',')) if (k.trim()) out.push(k.trim());
  }
  for (const c of kids.all('tags', '')) {
    for (const k of (text(c) ?? '').split(',')) if (k.trim()) out.push(k.trim());
  }
  // itunes:category nests (<itunes:category text="Technology"><itunes:category text="Gadgets"/>…).
  const stack = kids.all('category', 'itunes');
  while (stack.length) {
    const c = stack.shift()!;
    const t = attr(c, 'text')?.trim();
    if (t) out.push(t);
    stack.push(...childElements(c).filter((k) => k.local === 'category' && k.ns === 'itunes'));
  }
  for (const c of [...kids.all('category', 'media'), ...mediaGroupChildren(kids, 'category')]) {
    const t = text(c) ?? attr(c, 'label')?.trim();
    if (t) out.push(t);
  }
  return out;
}

function rssLink(kids: Children, base: string | undefined, item?: XmlElement): string | undefined {
  for (const el of kids.all('link', '')) {
    const value = text(el) ?? attr(el, 'href');
    const url = safeUrl(value, el.base ?? base);
    if (url) return url;
  }
  const atom = atomLinks(kids, base, 'atom').link;
  if (atom) return atom;
  const guid = kids.first('guid', '');
  if (guid) {
    const permalink = (attr(guid, 'ispermalink') ?? attr(guid, 'isPermaLink') ?? 'true').trim().toLowerCase();
    const value = text(guid);
    if (permalink !== 'false' && value && /^https?:\/\//i.test(value))
      return safeUrl(value, guid.base ?? base);
  }
  if (item) {
    const about = attr(item, 'rdf:about') ?? attr(item, 'about');
    if (about && /^https?:\/\//i.test(about.trim())) return safeUrl(about, base);
  }
  return undefined;
}

function mediaGroupChildren(kids: Children, local: string): XmlElement[] {
  const groups = kids.all('group', 'media');
  if (!groups.length) return groups;
  const out: XmlElement[] = [];
  for (const group of groups) out.push(...indexChildren(group).all(local, 'media'));
  return out;
}

function mapRssItem(item: XmlElement): FeedEntry {
  const kids = indexChildren(item);
  const base = item.base;
  const titleEl =
    kids.first('title', '') ??
    kids.first('title', 'dc') ??
    kids.first('title', 'atom') ??
    kids.first('title', 'media') ??
    mediaGroupChildren(kids, 'title')[0];
  // <description> and a non-standard <summary>: whichever comes first is the summary.
  const teasers: XmlElement[] = [];
  for (const c of kids.list) {
    if (c.ns === '' && (c.local === 'description' || c.local === 'summary')) teasers.push(c);
  }
  const descriptionEl =
    teasers[0] ??
    kids.first('description', 'dc') ??
    kids.first('summary', 'atom') ??
    kids.first('summary', 'itunes') ??
    kids.first('abstract', 'dcterms') ??
    kids.first('description', 'media') ??
    mediaGroupChildren(kids, 'description')[0];
  const contentEl =
    kids.first('encoded', 'content') ??
    kids.first('body', 'xhtml') ??
    kids.first('body', '') ??
    kids.first('fullitem', '') ??
    kids.first('content', 'atom') ??
    teasers[1];
  const enclosures: Enclosure[] = [];
  for (const e of kids.all('enclosure', '')) {
    const url = safeUrl(attr(e, 'url') ?? attr(e, 'href'), e.base ?? base);
    if (url) enclosures.push(makeEnclosure(url, attr(e, 'type'), attr(e, 'length')));
  }
  for (const l of kids.all('link', 'atom')) {
    if ((attr(l, 'rel') ?? '').toLowerCase() !== 'enclosure') continue;
    const url = safeUrl(attr(l, 'href'), l.base ?? base);
    if (url) enclosures.push(makeEnclosure(url, attr(l, 'type'), attr(l, 'length')));
  }
  const guid = kids.first('guid', '');
  const result: FeedEntry = {
    id:
      text(guid) ??
      text(kids.first('id', 'atom')) ??
      text(kids.first('identifier', 'dc')) ??
      (attr(item, 'rdf:about') ?? attr(item, 'about'))?.trim(),
    ...asTitle(titleEl && readTextConstruct(titleEl, 'guess')),
    link: rssLink(kids, base, item),
    published: firstDate(kids, [
      ['pubdate', ''],
      ['date', 'dc'],
      ['issued', 'dcterms'],
      ['created', 'dcterms'],
      ['published', 'atom'],
      ['date', 'dcterms'],
    ]),
    updated: firstDate(kids, [
      ['updated', 'atom'],
      ['modified', 'dcterms'],
      ['lastbuilddate', ''],
    ]),
    ...body('summary', descriptionEl && readTextConstruct(descriptionEl, 'html')),
    ...body('content', contentEl && readTextConstruct(contentEl, 'html')),
    author: rssAuthor(kids),
    categories: rssCategories(kids),
    enclosures,
  };
  return result;
}

function mapRss(rootEl: XmlElement, format: Format): Feed {
  const rootKids = indexChildren(rootEl);
  const channel = rootEl.local === 'channel' ? rootEl : rootKids.first('channel', ['', 'atom', 'rdf']);
  const kids = channel ? indexChildren(channel) : rootKids;
  const base = (channel ?? rootEl).base;
  // Items live in the channel (RSS 2.0) or beside it (RSS 1.0, and broken 2.0 feeds).
  const items: XmlElement[] = [];
  if (channel && channel !== rootEl) items.push(...kids.all('item', ''));
  items.push(...rootKids.all('item', ''));
  if (!items.length && channel) {
    // <item>s wrapped in an unexpected container (e.g. <items>) — look one level down.
    for (const c of kids.list) if (c.local !== 'image') items.push(...indexChildren(c).all('item', ''));
  }
  const titleEl = kids.first('title', '') ?? kids.first('title', 'dc') ?? kids.first('title', 'atom');
  const descriptionEl =
    kids.first('description', '') ??
    kids.first('description', 'dc') ??
    kids.first('subtitle', 'atom') ??
    kids.first('summary', 'itunes') ??
    kids.first('subtitle', 'itunes');
  const ttl = Number(text(kids.first('ttl', '')));
  const feed: Feed = {
    format,
    ...asTitle(titleEl && readTextConstruct(titleEl, 'guess')),
    link: rssLink(kids, base),
    description: descriptionEl ? asHtml(readTextConstruct(descriptionEl, 'html'), true) : undefined,
    updated: firstDate(kids, [
      ['lastbuilddate', ''],
      ['pubdate', ''],
      ['date', 'dc'],
      ['modified', 'dcterms'],
      ['issued', 'dcterms'],
      ['created', 'dcterms'],
      ['updated', 'atom'],
    ]),
    language: text(kids.first('language', '')) ?? text(kids.first('language', 'dc')),
    ttl: Number.isFinite(ttl) && ttl > 0 ? ttl : undefined,
    entries: items.map(mapRssItem),
  };
  return prune(feed);
}

// ---------------------------------------------------------------- entry point

/** What the document's root is, for format detection and for the NOT_A_FEED message. */
export function findFeedRoot(root: XmlElement): { element?: XmlElement; format?: Format; found: string } {
  const top = childElements(root);
  for (const el of top) {
    if (el.local === 'rss' || el.local === 'channel') return { element: el, format: 'rss', found: el.local };
    if (el.local === 'rdf') return { element: el, format: 'rdf', found: el.local };
    if (el.local === 'feed') return { element: el, format: 'atom', found: el.local };
  }
  // Junk before the real root (a PHP warning in HTML, say) can swallow it: look one level down.
  for (const el of top) {
    for (const inner of childElements(el)) {
      if (inner.local === 'rss') return { element: inner, format: 'rss', found: inner.local };
      if (inner.local === 'rdf') return { element: inner, format: 'rdf', found: inner.local };
      if (inner.local === 'feed' && (inner.ns === 'atom' || inner.ns === ''))
        return { element: inner, format: 'atom', found: inner.local };
    }
  }
  return { found: top[0]?.qname ?? '' };
}

export function mapFeed(element: XmlElement, format: Format): Feed {
  adoptRootNamespace(element);
  return format === 'atom' ? mapAtom(element) : mapRss(element, format);
}

/** Drop undefined/empty optional fields so outputs stay small and JSON-stable. */
function prune<T extends object>(value: T): T {
  // A fresh object rather than `delete`: deleting keys drops V8 objects into slow dictionary mode.
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || (v === '' && key !== 'title' && key !== 'description')) continue;
    out[key] = v;
  }
  return out as T;
}
