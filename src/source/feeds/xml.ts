/**
 * A tolerant, linear-time XML tree builder for feeds, on top of htmlparser2's tokenizer in xmlMode.
 *
 * Why not a real XML parser: real feeds are often not well-formed (undeclared HTML entities, bare `&`,
 * junk before `<?xml`, truncated downloads, mismatched tags). htmlparser2 never throws, never expands
 * DTD entities (so billion-laughs and XXE are inert: `<!DOCTYPE …>` is skipped as a declaration) and
 * is fast. We add what it lacks: namespace resolution to canonical prefixes, xml:base tracking,
 * entity decoding with the full HTML entity table, and caps on depth and attribute count.
 */
import { DecodingMode, decodeHTML } from 'entities';
import { Tokenizer } from 'htmlparser2';

export interface XmlElement {
  /** Lower-cased local name, e.g. `title`, `encoded`. */
  local: string;
  /** Canonical namespace key ('' for RSS/no namespace; 'atom', 'dc', 'content', …; or the raw URI). */
  ns: string;
  /** Name as written (for re-serialising inline XHTML). */
  qname: string;
  /** Attributes: name as written → decoded value. Null-prototype object. */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Effective xml:base (already resolved against the parent's base), if any applies. */
  base?: string;
  /** True when the text content came (at least partly) from a CDATA section. */
  cdata?: boolean;
}
export type XmlNode = XmlElement | string;

/** Namespace URI → canonical key. Variants seen in the wild map to the same key. */
const NAMESPACES: Record<string, string> = {
  'http://www.w3.org/2005/atom': 'atom',
  'http://purl.org/atom/ns#': 'atom',
  'http://purl.org/atom/ns#draft-ietf-atompub-format-08': 'atom',
  'http://purl.org/rss/1.0/': '',
  'http://my.netscape.com/rdf/simple/0.9/': '',
  'http://backend.userland.com/rss2': '',
  'http://blogs.law.harvard.edu/tech/rss': '',
  'http://backend.userland.com/rss': '',
  'http://purl.org/net/rss1.1#': '',
  'http://channel.netscape.com/rdf/simple/0.9/': '',
  'http://www.w3.org/1999/02/22-rdf-syntax-ns#': 'rdf',
  'http://purl.org/dc/elements/1.1/': 'dc',
  'http://purl.org/dc/elements/1.0/': 'dc',
  'http://purl.org/dc/terms/': 'dcterms',
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://www.w3.org/1999/xhtml': 'xhtml',
  'http://search.yahoo.com/mrss/': 'media',
  'http://search.yahoo.com/mrss': 'media',
  'http://www.itunes.com/dtds/podcast-1.0.dtd': 'itunes',
  'http://www.itunes.com/dtds/podcast-1.0.dtd/': 'itunes',
  'http://purl.org/rss/1.0/modules/slash/': 'slash',
  'http://wellformedweb.org/commentapi/': 'wfw',
  'http://www.w3.org/xml/1998/namespace': 'xml',
  'http://purl.org/syndication/thread/1.0': 'thr',
  'http://purl.org/rss/1.0/modules/syndication/': 'sy',
  'http://madskills.com/public/xml/rss/module/trackback/': 'trackback',
  'http://www.w3.org/1999/xlink': 'xlink',
  'http://www.w3.org/1998/math/mathml': 'mathml',
  'http://www.w3.org/2000/svg': 'svg',
};
/** Prefixes used without a declaration (common in broken feeds) → canonical key. */
const DEFAULT_PREFIXES: Record<string, string> = {
  atom: 'atom',
  dc: 'dc',
  dcterms: 'dcterms',
  content: 'content',
  rdf: 'rdf',
  media: 'media',
  itunes: 'itunes',
  xhtml: 'xhtml',
  xml: 'xml',
  slash: 'slash',
  wfw: 'wfw',
  thr: 'thr',
  xlink: 'xlink',
};

/** Deeper elements are dropped (their text is kept in the nearest kept ancestor). */
export const MAX_DEPTH = 256;
/** Attributes beyond this count on one element are ignored. */
export const MAX_ATTRIBUTES = 256;

export function canonicalNamespace(uri: string): string {
  const lower = uri.trim().toLowerCase();
  const known = NAMESPACES[lower] ?? NAMESPACES[lower.replace(/\/$/, '')] ?? NAMESPACES[`${lower}/`];
  return known ?? lower;
}

/** Decode entity and character references with the full HTML table (feeds use `&nbsp;` without a DTD). */
export function decodeText(raw: string, declared?: DeclaredEntities): string {
  if (raw.indexOf('&') < 0) return raw;
  if (declared?.values.size) raw = expandDeclared(raw, declared);
  // HTML5 re-pointed &lang;/&rang; to U+27E8/9; feeds were written against HTML 4 (U+2329/A).
  return decodeHTML(
    raw.replace(/&(l|r)ang;/g, (_, side: string) => (side === 'l' ? '&#x2329;' : '&#x232a;')),
    DecodingMode.Strict,
  );
}

/**
 * Internal general entities declared in the DOCTYPE (`<!ENTITY id "tag:example.com,">`). Expanded one
 * level only (a value's own references are not re-expanded, so billion-laughs cannot grow), never from
 * SYSTEM/PUBLIC (no XXE), and within a total budget (quadratic blowup stays bounded).
 */
export interface DeclaredEntities {
  values: Map<string, string>;
  budget: number;
}
export const ENTITY_EXPANSION_BUDGET = 1_000_000;

function readDeclaredEntities(text: string): DeclaredEntities {
  const values = new Map<string, string>();
  const head = text.slice(0, 65536);
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(head);
  if (doctype) {
    const re = /<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(["'])([^"'<&]*)\2\s*>/g;
    for (let m = re.exec(doctype[1]); m; m = re.exec(doctype[1])) {
      if (!values.has(m[1]) && values.size < 256) values.set(m[1], m[3]);
    }
  }
  return { values, budget: ENTITY_EXPANSION_BUDGET };
}

function expandDeclared(raw: string, declared: DeclaredEntities): string {
  return raw.replace(/&([A-Za-z_][\w.-]*);/g, (whole, name: string) => {
    const value = declared.values.get(name);
    if (value === undefined || declared.budget < value.length) return whole;
    declared.budget -= value.length;
    return value;
  });
}

/** Resolve an xml:base; a base with a script-capable or unparseable scheme is ignored (parent's applies). */
function resolveBase(ref: string, base: string | undefined): string | undefined {
  try {
    const url = new URL(ref.trim(), base);
    return /^(?:https?|ftp):$/.test(url.protocol) ? url.href : base;
  } catch {
    return base;
  }
}

const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null));

interface Frame {
  /** Name as written in the tag (matched against close tags). */
  qname: string;
  /** The element receiving children: this frame's own, or the nearest kept ancestor's when too deep. */
  element: XmlElement;
  /** prefix → canonical key, inherited. */
  prefixes: Record<string, string>;
}

/**
 * Parse XML text into a tree. Never throws; linear time in the input (our own element stack: the
 * htmlparser2 Parser's shift/unshift stack is quadratic on 100k-deep nesting, so we drive its
 * Tokenizer directly). Returns a synthetic root whose children are the top-level elements and text.
 * `documentUrl` is the base for xml:base resolution.
 */
export function parseXml(text: string, documentUrl?: string): XmlElement {
  const root: XmlElement = {
    local: '#root',
    ns: '',
    qname: '#root',
    attrs: Object.create(null),
    children: [],
    base: documentUrl,
  };
  const stack: Frame[] = [{ qname: '#root', element: root, prefixes: Object.create(null) }];
  /** How many frames with each name are open, so unmatched close tags cost O(1). */
  const open = new Map<string, number>();
  const declared = text.includes('<!ENTITY') ? readDeclaredEntities(text) : undefined;

  let tagName = '';
  // Most feed elements have no attributes: share one frozen empty record, allocate on the first one.
  let attrs: Record<string, string> = NO_ATTRIBUTES;
  let attrCount = 0;
  let attrName = '';
  let attrValue = '';

  const top = () => stack[stack.length - 1];
  const pushText = (value: string) => {
    if (value) top().element.children.push(value);
  };

  const openElement = () => {
    const parent = top();
    const name = tagName;
    tagName = '';
    const attributes = attrs;
    attrs = NO_ATTRIBUTES;
    attrCount = 0;
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > MAX_DEPTH) {
      stack.push({ qname: name, element: parent.element, prefixes: parent.prefixes });
      return;
    }
    let prefixes = parent.prefixes;
    for (const key in attributes) {
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (prefixes === parent.prefixes) prefixes = Object.assign(Object.create(null), parent.prefixes);
        prefixes[key === 'xmlns' ? '' : key.slice(6).toLowerCase()] = canonicalNamespace(attributes[key]);
      }
    }
    const colon = name.indexOf(':');
    const prefix = colon >= 0 ? name.slice(0, colon).toLowerCase() : '';
    const local = (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
    const ns = prefixes[prefix] ?? DEFAULT_PREFIXES[prefix] ?? prefix;
    const xmlBase = attributes['xml:base'];
    const parentBase = parent.element.base;
    const base = xmlBase !== undefined ? resolveBase(xmlBase, parentBase) : parentBase;
    const element: XmlElement = { local, ns, qname: name, attrs: attributes, children: [], base };
    parent.element.children.push(element);
    stack.push({ qname: name, element, prefixes });
  };

  const closeElement = (name: string) => {
    const count = open.get(name);
    if (!count) return; // a close tag with no matching open element: ignore
    // Pop up to and including the nearest open element of that name (implicitly closing the rest).
    while (stack.length > 1) {
      const frame = stack.pop()!;
      const left = (open.get(frame.qname) ?? 1) - 1;
      if (left) open.set(frame.qname, left);
      else open.delete(frame.qname);
      if (frame.qname === name) break;
    }
  };

  const tokenizer = new Tokenizer(
    { xmlMode: true, decodeEntities: false },
    {
      ontext(start, end) {
        pushText(decodeText(text.slice(start, end), declared));
      },
      ontextentity() {},
      oncdata(start, end, offset) {
        const element = top().element;
        element.cdata = true;
        pushText(text.slice(start, end - offset));
      },
      onopentagname(start, end) {
        tagName = text.slice(start, end);
      },
      onattribname(start, end) {
        attrName = text.slice(start, end);
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += text.slice(start, end);
      },
      onattribentity() {},
      onattribend() {
        if (++attrCount <= MAX_ATTRIBUTES && !(attrName in attrs)) {
          if (attrs === NO_ATTRIBUTES) attrs = Object.create(null);
          attrs[attrName] = decodeText(attrValue, declared);
        }
        attrName = '';
        attrValue = '';
      },
      onopentagend() {
        if (tagName) openElement();
      },
      onselfclosingtag() {
        if (!tagName) return;
        const name = tagName;
        openElement();
        closeElement(name);
      },
      onclosetag(start, end) {
        closeElement(text.slice(start, end));
      },
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(text);
  tokenizer.end();
  return root;
}

// ---------------------------------------------------------------- tree helpers

export function isElement(node: XmlNode): node is XmlElement {
  return typeof node !== 'string';
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter(isElement);
}

/** All text inside the element (descendants included), concatenated. */
export function textOf(element: XmlElement): string {
  // Fast path: a leaf with one text node (most feed fields).
  const { children } = element;
  if (children.length === 1 && typeof children[0] === 'string') return children[0];
  const parts: string[] = [];
  collectText(element, parts);
  return parts.join('');
}

function collectText(el: XmlElement, parts: string[]): void {
  for (const child of el.children) {
    if (typeof child === 'string') parts.push(child);
    else collectText(child, parts);
  }
}

/** Attribute by local name, ignoring any prefix (feeds mix `href` and `atom:href`). */
export function attr(element: XmlElement, name: string): string | undefined {
  const direct = element.attrs[name];
  if (direct !== undefined) return direct;
  for (const key in element.attrs) {
    const colon = key.indexOf(':');
    if (colon >= 0 && key.slice(colon + 1).toLowerCase() === name && !key.startsWith('xmlns')) {
      return element.attrs[key];
    }
    if (key.toLowerCase() === name) return element.attrs[key];
  }
  return undefined;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Serialise the element's children back to markup (for inline XHTML content). Prefixes are dropped. */
export function innerXml(element: XmlElement): string {
  const out: string[] = [];
  const walk = (el: XmlElement) => {
    for (const child of el.children) {
      if (typeof child === 'string') {
        out.push(escapeText(child));
        continue;
      }
      const name = child.qname.includes(':') ? child.local : child.qname;
      out.push(`<${name}`);
      for (const key in child.attrs) {
        if (key === 'xmlns' || key.startsWith('xmlns:')) continue;
        out.push(` ${key}="${escapeAttr(child.attrs[key])}"`);
      }
      out.push('>');
      walk(child);
      out.push(`</${name}>`);
    }
  };
  walk(element);
  return out.join('');
}

/** Treat an unknown namespace used by the feed's root element as the core (unprefixed) vocabulary. */
export function adoptRootNamespace(rootElement: XmlElement): void {
  const ns = rootElement.ns;
  if (ns === '' || !/[:/]/.test(ns)) return;
  const stack: XmlElement[] = [rootElement];
  while (stack.length) {
    const el = stack.pop()!;
    if (el.ns === ns) el.ns = '';
    for (const child of el.children) if (typeof child !== 'string') stack.push(child);
  }
}
