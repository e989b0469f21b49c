/**
 * A small, fast document tree built from parser events: scanner.ts's, or for pathological markup
 * htmlparser2's own (the same events). Script/style/svg… are never built (their text is not
 * article text), JSON-LD and head metadata are collected on the way, and hostile input stays
 * bounded: nesting beyond `maxDepth` is flattened, elements beyond `maxElements` are dropped
 * (their text kept), and only the attributes the extractor reads are kept.
 */
import { Parser } from 'htmlparser2';
import type { RemovalReason } from '../model/index.js';
import { SKIPPED_TAGS, THRESHOLDS } from './rules.js';
import { type ScanSink, scanHtml } from './scanner.js';

export interface Element {
  type: 'element';
  tag: string;
  attrs: Attrs;
  children: Node[];
  parent: Element | null;
  /** First and one-past-last index of the blocks produced inside this element (set by blocks.ts). */
  firstBlock: number;
  endBlock: number;
  /** Cached furniture verdict (blocks.ts): undefined = not computed yet, null = not furniture. */
  furniture?: RemovalReason | null;
  /** Set when the furniture verdict comes from a word that is rarely misused (cookie, comments, share …). */
  furnitureStrong?: boolean;
}

export interface TextNode {
  type: 'text';
  text: string;
  parent: Element;
}

export type Node = Element | TextNode;

/**
 * The attributes the extractor reads (of elements, `<meta>`/`<link>` and `<script type>`); the rest
 * are dropped at parse time.
 */
export type Attrs = {
  id?: string;
  class?: string;
  itemprop?: string;
  itemtype?: string;
  role?: string;
  href?: string;
  src?: string;
  'data-src'?: string;
  'data-lazy-src'?: string;
  'data-original'?: string;
  srcset?: string;
  'data-srcset'?: string;
  alt?: string;
  hidden?: string;
  style?: string;
  'aria-hidden'?: string;
  rel?: string;
  lang?: string;
  datetime?: string;
  content?: string;
  cite?: string;
  name?: string;
  property?: string;
  'http-equiv'?: string;
  charset?: string;
  hreflang?: string;
  type?: string;
};

/**
 * An empty record of every attribute in Attrs. All records have this one shape, so the rules'
 * many `attrs.class`, `attrs.id` … reads stay fast (objects built key by key in page order
 * would have hundreds of shapes).
 */
function newAttrs(): Attrs {
  return {
    id: undefined,
    class: undefined,
    itemprop: undefined,
    itemtype: undefined,
    role: undefined,
    href: undefined,
    src: undefined,
    'data-src': undefined,
    'data-lazy-src': undefined,
    'data-original': undefined,
    srcset: undefined,
    'data-srcset': undefined,
    alt: undefined,
    hidden: undefined,
    style: undefined,
    'aria-hidden': undefined,
    rel: undefined,
    lang: undefined,
    datetime: undefined,
    content: undefined,
    cite: undefined,
    name: undefined,
    property: undefined,
    'http-equiv': undefined,
    charset: undefined,
    hreflang: undefined,
    type: undefined,
  };
}

/** Elements with more attributes than this keep only the ones the extractor reads. */
const MAX_ATTRS = 64;

const READ_ATTRS = Object.keys(newAttrs()) as (keyof Attrs)[];

/** A `<meta>` or `<link>` seen anywhere in the document. */
export interface HeadTag {
  tag: 'meta' | 'link';
  attrs: Record<string, string>;
}

export interface ParsedDocument {
  root: Element;
  body: Element;
  title: string;
  lang?: string;
  jsonLd: string[];
  head: HeadTag[];
  /** Notes about bounds that were hit (cut input, flattened nesting …). */
  notes: string[];
}

const HEAD_ATTRS: (keyof Attrs)[] = [
  'name',
  'property',
  'content',
  'itemprop',
  'http-equiv',
  'charset',
  'rel',
  'href',
  'hreflang',
  'type',
];

function newElement(tag: string, attrs: Attrs, parent: Element | null): Element {
  return {
    type: 'element',
    tag,
    attrs,
    children: [],
    parent,
    firstBlock: 0,
    endBlock: 0,
    furniture: undefined,
    furnitureStrong: undefined,
  };
}

export function parseDocument(input: string): ParsedDocument {
  const notes: string[] = [];
  let html = input;
  if (html.length > THRESHOLDS.maxHtmlChars) {
    // Huge tags (a million attributes) go first, so the final cut keeps the content after them.
    html = tameMarkup(
      html.length > 3 * THRESHOLDS.maxHtmlChars ? html.slice(0, 3 * THRESHOLDS.maxHtmlChars) : html,
    );
    notes.push('oversized input: markup tamed');
  }
  if (html.length > THRESHOLDS.maxHtmlChars) {
    // Inline scripts and styles are most of an oversized page; drop them (JSON-LD stays) before cutting.
    html = html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi, (match, _tag, attrs: string) =>
      /ld\+json/i.test(attrs) && match.length < 1_000_000 ? match : '',
    );
    notes.push('oversized input: inline scripts and styles dropped');
    if (html.length > THRESHOLDS.maxHtmlChars) {
      html = html.slice(0, THRESHOLDS.maxHtmlChars);
      notes.push(`input cut to the first ${THRESHOLDS.maxHtmlChars} characters`);
    }
  }
  // The fast scanner gives htmlparser2's events for all but pathological markup (see scanner.ts).
  const builder = new TreeBuilder([...notes]);
  if (scanHtml(html, builder, newAttrs)) return builder.finish();
  const first = build(html, notes);
  if (first) return first;
  // htmlparser2 slows down quadratically on absurd nesting and huge tags: tame the markup, parse again.
  notes.push('pathological markup (deep nesting or huge tags) tamed before parsing');
  return build(tameMarkup(html), notes, true)!;
}

/**
 * Builds the tree from parser events (htmlparser2's, or the scanner's identical ones). Skipped
 * elements (script, style …) are never built, `<meta>`, `<link>`, `<title>` and JSON-LD are
 * collected, and the depth and element bounds are applied.
 */
class TreeBuilder implements ScanSink {
  readonly root = newElement('#root', newAttrs(), null);
  private current = this.root;
  private depth = 0;
  /** Opened tags not built because of the depth or element bounds; their closes are swallowed. */
  private suppressed = 0;
  private elements = 0;
  /** Inside a skipped subtree (script, style …): nesting counter. */
  private skipping = 0;
  private skipTag = '';
  private title = '';
  private inTitle = false;
  private jsonLdBuffer: string | null = null;
  private readonly jsonLd: string[] = [];
  private readonly head: HeadTag[] = [];
  private lang: string | undefined;
  private depthNoted = false;

  constructor(private readonly notes: string[]) {}

  openTag(name: string, attribs: Attrs): void {
    if (this.skipping) {
      if (name === this.skipTag) this.skipping++;
      return;
    }
    if (name === 'meta' || name === 'link') {
      const attrs: Record<string, string> = {};
      for (const key of HEAD_ATTRS) {
        const value = attribs[key];
        if (value !== undefined) attrs[key] = value;
      }
      this.head.push({ tag: name, attrs });
      return;
    }
    if (name === 'html' && attribs.lang && !this.lang) this.lang = attribs.lang;
    if (name === 'title') {
      this.inTitle = true;
      return;
    }
    if (SKIPPED_TAGS.has(name)) {
      if (name === 'script' && /ld\+json/i.test(attribs.type ?? '')) this.jsonLdBuffer = '';
      this.skipping = 1;
      this.skipTag = name;
      return;
    }
    if (this.depth >= THRESHOLDS.maxDepth || this.elements >= THRESHOLDS.maxElements) {
      if (!this.depthNoted) {
        this.notes.push('document too deep or too large: extra nesting flattened');
        this.depthNoted = true;
      }
      this.suppressed++;
      return;
    }
    const el = newElement(name, attribs, this.current);
    this.current.children.push(el);
    this.elements++;
    if (!isVoid(name)) {
      this.current = el;
      this.depth++;
    }
  }

  text(text: string): void {
    if (this.skipping) {
      if (this.jsonLdBuffer !== null) this.jsonLdBuffer += text;
      return;
    }
    if (this.inTitle) {
      this.title += text;
      return;
    }
    const { children } = this.current;
    const last = children[children.length - 1];
    if (last && last.type === 'text') last.text += text;
    else children.push({ type: 'text', text, parent: this.current });
  }

  closeTag(name: string): void {
    if (this.skipping) {
      if (name === this.skipTag) {
        this.skipping--;
        if (this.skipping === 0) {
          if (this.jsonLdBuffer !== null) {
            this.jsonLd.push(this.jsonLdBuffer);
            this.jsonLdBuffer = null;
          }
          this.skipTag = '';
        }
      }
      return;
    }
    if (name === 'title' && this.inTitle) {
      this.inTitle = false;
      return;
    }
    if (name === 'meta' || name === 'link' || SKIPPED_TAGS.has(name)) return;
    if (this.suppressed > 0) {
      this.suppressed--;
      return;
    }
    if (isVoid(name)) return;
    if (this.current !== this.root && this.current.tag === name) {
      this.current = this.current.parent ?? this.root;
      this.depth--;
    }
  }

  finish(): ParsedDocument {
    const { root, jsonLd, head, lang, notes } = this;
    const body = findBody(root) ?? root;
    return { root, body, title: this.title.replace(/\s+/g, ' ').trim(), lang, jsonLd, head, notes };
  }
}

/** Attributes as htmlparser2 gives them, cut down to the ones read when there are very many. */
function boundedAttrs(attribs: Record<string, string>): Attrs {
  if (Object.keys(attribs).length <= MAX_ATTRS) return attribs;
  const attrs: Attrs = {};
  for (const key of READ_ATTRS) {
    const value = attribs[key];
    if (value !== undefined) attrs[key] = value;
  }
  return attrs;
}

/**
 * Parses with htmlparser2, in chunks; returns undefined when the markup turns out pathological
 * (see parseDocument). The scanner's fallback.
 */
function build(html: string, notes: string[], final = false): ParsedDocument | undefined {
  const builder = new TreeBuilder(notes);
  const parser = new Parser(
    {
      onopentag: (name, attribs) => builder.openTag(name, boundedAttrs(attribs)),
      ontext: (text) => builder.text(text),
      onclosetag: (name) => builder.closeTag(name),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  const internals = parser as unknown as {
    stack: string[];
    attribs: Record<string, string> | null;
    tokenizer: TokenizerScan;
  };
  const tokenizer = internals.tokenizer;
  // Only when the tokenizer still has the v12 shape the replacement relies on.
  if (typeof tokenizer.fastForwardTo === 'function' && typeof tokenizer.offset === 'number')
    tokenizer.fastForwardTo = fastForwardTo;
  for (let offset = 0; offset < html.length; offset += PARSE_CHUNK) {
    parser.write(html.slice(offset, offset + PARSE_CHUNK));
    if (final) continue;
    if (internals.stack.length > MAX_PARSER_DEPTH) return undefined;
    if (internals.attribs && Object.keys(internals.attribs).length > MAX_PARSER_ATTRS) return undefined;
  }
  parser.end();
  return builder.finish();
}

/** The fields of htmlparser2's Tokenizer that its `fastForwardTo` reads and writes. */
interface TokenizerScan {
  buffer: string;
  index: number;
  offset: number;
  fastForwardTo(c: number): boolean;
}

/**
 * htmlparser2's Tokenizer.fastForwardTo (v12) with the native indexOf instead of a charCodeAt loop:
 * the same result and index, much faster through scripts, styles and comments (a large share of
 * the bytes of a news page).
 */
function fastForwardTo(this: TokenizerScan, c: number): boolean {
  const at = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
  if (at >= 0) {
    this.index = at + this.offset;
    return true;
  }
  // As in the original: parse() increments the index after the state call.
  this.index = this.buffer.length + this.offset - 1;
  return false;
}

/** Chunk size for parsing, so pathological markup is noticed before it gets expensive. */
const PARSE_CHUNK = 16 * 1024;
/** Parser stack depth / attribute count that mark markup as pathological. */
const MAX_PARSER_DEPTH = 2000;
const MAX_PARSER_ATTRS = 1000;
/** Longest tag kept whole by tameMarkup. */
const MAX_TAG_CHARS = 8192;

/**
 * A linear pass over the tags: drops tags nested deeper than `maxDepth` (and their closing tags)
 * and cuts tags longer than MAX_TAG_CHARS (a million attributes) down to their name.
 */
export function tameMarkup(html: string): string {
  const out: string[] = [];
  const tag = /<(\/?)([a-zA-Z][^\s/>]*)[^>]*>/g;
  let last = 0;
  let depth = 0;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    const [whole, slash, rawName] = m;
    const name = rawName.toLowerCase();
    const isClose = slash === '/';
    const selfClosing = VOID_TAGS.has(name) || whole.endsWith('/>');
    let keep = true;
    if (isClose) {
      if (depth > THRESHOLDS.maxDepth) keep = false;
      if (depth > 0) depth--;
    } else if (!selfClosing) {
      depth++;
      if (depth > THRESHOLDS.maxDepth) keep = false;
    }
    if (!keep || whole.length > MAX_TAG_CHARS) {
      out.push(html.slice(last, m.index));
      if (keep) out.push(`<${slash}${rawName}>`);
      last = m.index + whole.length;
    }
  }
  // An unterminated tag at the end (a cut input) is dropped when it is huge.
  let tail = html.slice(last);
  const open = tail.lastIndexOf('<');
  if (open >= 0 && tail.length - open > MAX_TAG_CHARS && !tail.includes('>', open))
    tail = tail.slice(0, open);
  out.push(tail);
  return out.join('');
}

const VOID_TAGS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

function isVoid(tag: string): boolean {
  return VOID_TAGS.has(tag);
}

function findBody(root: Element): Element | undefined {
  // <body> sits at depth 1 or 2 (html > body); look no deeper so this stays cheap.
  for (const child of root.children) {
    if (child.type !== 'element') continue;
    if (child.tag === 'body') return child;
    if (child.tag === 'html') {
      for (const inner of child.children) if (inner.type === 'element' && inner.tag === 'body') return inner;
    }
  }
  return undefined;
}

/** All text below an element, whitespace collapsed (iterative: safe on any depth). */
export function textOf(el: Element): string {
  const parts: string[] = [];
  const stack: Node[] = [el];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'text') parts.push(node.text);
    else {
      if (node.tag === 'br') parts.push(' ');
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
      if (BLOCKISH.has(node.tag)) parts.push(' ');
    }
  }
  return normalizeSpace(parts.join(''));
}

const BLOCKISH = new Set([
  'p',
  'div',
  'li',
  'td',
  'th',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'br',
  'dd',
  'dt',
]);

export function normalizeSpace(text: string): string {
  return isNormalSpace(text) ? text : text.replace(/[\s\u200b\u00ad]+/g, ' ').trim();
}

/** True when normalizeSpace would return the text unchanged (single inner spaces only): a cheap scan. */
function isNormalSpace(text: string): boolean {
  const n = text.length;
  let prevSpace = true;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (prevSpace) return false;
      prevSpace = true;
    } else if (c < 32 || (c >= 0xa0 && isOddSpace(c))) return false;
    else prevSpace = false;
  }
  return !prevSpace || n === 0;
}

/** Characters other than U+0020 that normalizeSpace's pattern matches (`\s`, U+200B, U+00AD), from U+00A0 up. */
function isOddSpace(c: number): boolean {
  return (
    c === 0xa0 ||
    c === 0xad ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
