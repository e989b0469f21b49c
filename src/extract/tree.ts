/**
 * A small, fast document tree built from htmlparser2's callbacks. Script/style/svg… are never
 * built (their text is not article text), JSON-LD and head metadata are collected on the way,
 * and hostile input stays bounded: nesting beyond `maxDepth` is flattened, elements beyond
 * `maxElements` are dropped (their text kept), and only the attributes the extractor reads are
 * copied.
 */
import { Parser } from 'htmlparser2';
import type { RemovalReason } from '../model/index.js';
import { SKIPPED_TAGS, THRESHOLDS } from './rules.js';

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

/** The attributes the extractor reads; everything else is dropped at parse time. */
export interface Attrs {
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
}

/** Elements with more attributes than this keep only the ones the extractor reads. */
const MAX_ATTRS = 64;

const KEPT_ATTRS: (keyof Attrs)[] = [
  'id',
  'class',
  'itemprop',
  'itemtype',
  'role',
  'href',
  'src',
  'data-src',
  'data-lazy-src',
  'data-original',
  'srcset',
  'data-srcset',
  'alt',
  'hidden',
  'style',
  'aria-hidden',
  'rel',
  'lang',
  'datetime',
  'content',
  'cite',
];

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

const HEAD_ATTRS = [
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
  return { type: 'element', tag, attrs, children: [], parent, firstBlock: 0, endBlock: 0 };
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
  const first = build(html, notes);
  if (first) return first;
  // htmlparser2 slows down quadratically on absurd nesting and huge tags: tame the markup, parse again.
  notes.push('pathological markup (deep nesting or huge tags) tamed before parsing');
  return build(tameMarkup(html), notes, true)!;
}

/** Parses in chunks; returns undefined when the markup turns out pathological (see parseDocument). */
function build(html: string, notes: string[], final = false): ParsedDocument | undefined {
  const root = newElement('#root', {}, null);
  let current = root;
  let depth = 0;
  /** Opened tags not built because of the depth or element bounds; their closes are swallowed. */
  let suppressed = 0;
  let elements = 0;
  /** Inside a skipped subtree (script, style …): nesting counter. */
  let skipping = 0;
  let skipTag = '';
  let title = '';
  let inTitle = false;
  let jsonLdBuffer: string | null = null;
  const jsonLd: string[] = [];
  const head: HeadTag[] = [];
  let lang: string | undefined;
  let depthNoted = false;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipping) {
          if (name === skipTag) skipping++;
          return;
        }
        if (name === 'meta' || name === 'link') {
          const attrs: Record<string, string> = {};
          for (const key of HEAD_ATTRS) {
            const value = attribs[key];
            if (value !== undefined) attrs[key] = value;
          }
          head.push({ tag: name, attrs });
          return;
        }
        if (name === 'html' && attribs.lang && !lang) lang = attribs.lang;
        if (name === 'title') {
          inTitle = true;
          return;
        }
        if (SKIPPED_TAGS.has(name)) {
          if (name === 'script' && /ld\+json/i.test(attribs.type ?? '')) jsonLdBuffer = '';
          skipping = 1;
          skipTag = name;
          return;
        }
        if (depth >= THRESHOLDS.maxDepth || elements >= THRESHOLDS.maxElements) {
          if (!depthNoted) {
            notes.push('document too deep or too large: extra nesting flattened');
            depthNoted = true;
          }
          suppressed++;
          return;
        }
        // htmlparser2 builds a fresh object per tag; keep it unless it is huge (hostile input).
        let attrs: Attrs = attribs as Attrs;
        if (Object.keys(attribs).length > MAX_ATTRS) {
          attrs = {};
          for (const key of KEPT_ATTRS) {
            const value = attribs[key];
            if (value !== undefined) attrs[key] = value;
          }
        }
        const el = newElement(name, attrs, current);
        current.children.push(el);
        elements++;
        if (!isVoid(name)) {
          current = el;
          depth++;
        }
      },
      ontext(text) {
        if (skipping) {
          if (jsonLdBuffer !== null) jsonLdBuffer += text;
          return;
        }
        if (inTitle) {
          title += text;
          return;
        }
        const last = current.children[current.children.length - 1];
        if (last && last.type === 'text') last.text += text;
        else current.children.push({ type: 'text', text, parent: current });
      },
      onclosetag(name) {
        if (skipping) {
          if (name === skipTag) {
            skipping--;
            if (skipping === 0) {
              if (jsonLdBuffer !== null) {
                jsonLd.push(jsonLdBuffer);
                jsonLdBuffer = null;
              }
              skipTag = '';
            }
          }
          return;
        }
        if (name === 'title' && inTitle) {
          inTitle = false;
          return;
        }
        if (name === 'meta' || name === 'link' || SKIPPED_TAGS.has(name)) return;
        if (suppressed > 0) {
          suppressed--;
          return;
        }
        if (isVoid(name)) return;
        if (current !== root && current.tag === name) {
          current = current.parent ?? root;
          depth--;
        }
      },
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
  const body = findBody(root) ?? root;
  return { root, body, title: title.replace(/\s+/g, ' ').trim(), lang, jsonLd, head, notes };
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
