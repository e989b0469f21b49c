/**
 * Tree → candidate blocks in reading order. Every block remembers how much of its text sits in
 * links, and every element remembers the range of blocks it produced, so later steps can score
 * any element (sum over its range) and drop any element (mark its range) without walking again.
 */
import type { Block, RemovalReason } from '../model/index.js';
import {
  BLOCK_TAGS,
  CONTENT_WORDS,
  FURNITURE_TAGS,
  FURNITURE_WORDS,
  STRONG_FURNITURE_WORDS,
  THRESHOLDS,
} from './rules.js';
import { type Element, type Node, normalizeSpace, textOf } from './tree.js';

export interface RawBlock {
  block: Block;
  /** Plain text of the block (what scoring and the text rendering see). */
  text: string;
  chars: number;
  linkChars: number;
  /** Tag of the element that produced the block ('#run' for loose text in a container). */
  tag: string;
  /** The element that produced the block (the container, for loose text). */
  el: Element;
  /** Cached textSize() (select.ts). */
  size?: number;
  /** Lists: share of items that are (almost) all link text, the mark of a link list. */
  linkItems?: number;
  removed?: RemovalReason;
}

export interface Furniture {
  el: Element;
  reason: RemovalReason;
}

export interface BlockWalk {
  blocks: RawBlock[];
  /** Block-level elements whose class/id/tag marks them as furniture (pruned later, with a guard). */
  furniture: Furniture[];
  /** Small inline furniture skipped during the walk (for diagnostics). */
  skipped: { reason: RemovalReason; text: string }[];
}

/** Each line whitespace-collapsed, empty lines dropped (one pass, no intermediate arrays). */
function normalizeLines(raw: string): string {
  let out = '';
  let start = 0;
  while (start <= raw.length) {
    let end = raw.indexOf('\n', start);
    if (end < 0) end = raw.length;
    if (end > start) {
      const line = normalizeSpace(raw.slice(start, end));
      if (line) out = out ? `${out}\n${line}` : line;
    }
    start = end + 1;
  }
  return out;
}

/** A character that normalizeSpace keeps. */
const HAS_TEXT = /[^\s\u200b\u00ad]/;

const HEADING_LEVEL: Record<string, 1 | 2 | 3 | 4 | 5 | 6> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Splits a class or id value into lower-case words: "article-shareBar_top" → article, share, bar, top. */
export function attrWords(value: string): string[] {
  const words: string[] = [];
  let start = -1;
  let prevLower = false;
  for (let i = 0; i <= value.length; i++) {
    const c = i < value.length ? value.charCodeAt(i) : 32;
    const lower = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    const upper = c >= 65 && c <= 90;
    if (lower || upper) {
      if (start < 0) start = i;
      else if (upper && prevLower) {
        words.push(value.slice(start, i).toLowerCase());
        start = i;
      }
      prevLower = lower;
    } else {
      if (start >= 0) words.push(value.slice(start, i).toLowerCase());
      start = -1;
      prevLower = false;
    }
  }
  return words;
}

/** Why an element is furniture, from its tag, role, class and id (undefined when it is not). */
export function furnitureReason(el: Element): RemovalReason | undefined {
  if (el.furniture === undefined) el.furniture = computeFurnitureReason(el) ?? null;
  return el.furniture ?? undefined;
}

function computeFurnitureReason(el: Element): RemovalReason | undefined {
  const a = el.attrs;
  if (a.hidden !== undefined) return 'hidden';
  if (a.style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(a.style)) return 'hidden';
  const byTag = FURNITURE_TAGS[el.tag];
  if (byTag) {
    if (el.tag === 'nav') el.furnitureStrong = true;
    return byTag;
  }
  if (a.role) {
    const role = a.role.toLowerCase();
    if (role === 'navigation' || role === 'menu' || role === 'menubar') {
      el.furnitureStrong = true;
      return 'navigation';
    }
    if (role === 'complementary') return 'related-links';
    if (role === 'contentinfo') return 'boilerplate';
  }
  const label = a.class === undefined ? a.id : a.id === undefined ? a.class : `${a.class} ${a.id}`;
  if (!label) return undefined;
  const verdict = labelVerdict(label);
  if (verdict.strong) el.furnitureStrong = true;
  return verdict.reason;
}

interface LabelVerdict {
  reason?: RemovalReason;
  strong: boolean;
}

const KEEPS_REASON_WITH_CONTENT_WORD = new Set<RemovalReason>([
  'comments',
  'hidden',
  'caption',
  'credit',
  'byline',
  'dateline',
]);

/** Verdicts per class/id string: pages repeat the same few hundred labels thousands of times. */
const labelCache = new Map<string, LabelVerdict>();

function labelVerdict(label: string): LabelVerdict {
  const cached = labelCache.get(label);
  if (cached) return cached;
  let reason: RemovalReason | undefined;
  let strong = false;
  let content = false;
  for (const w of attrWords(label)) {
    const r = FURNITURE_WORDS[w];
    if (r && !reason) reason = r;
    if (r && STRONG_FURNITURE_WORDS.has(w)) strong = true;
    if (CONTENT_WORDS.has(w)) content = true;
  }
  // "article-body comments-enabled" or "main-content sidebar-left": mixed signals, so not furniture;
  // small parts (captions, credits, bylines: "caption-content") stay what their word says.
  const verdict: LabelVerdict =
    reason && content && !KEEPS_REASON_WITH_CONTENT_WORD.has(reason)
      ? { strong: false }
      : { reason, strong: reason ? strong : false };
  if (labelCache.size > 20_000) labelCache.clear();
  labelCache.set(label, verdict);
  return verdict;
}

/** The words of a class value, cached like labelVerdict. */
const wordsCache = new Map<string, string[]>();
export function classWords(value: string): string[] {
  let words = wordsCache.get(value);
  if (!words) {
    words = attrWords(value);
    if (wordsCache.size > 20_000) wordsCache.clear();
    wordsCache.set(value, words);
  }
  return words;
}

function imageSrc(el: Element): string | undefined {
  const a = el.attrs;
  const candidates = [a['data-src'], a['data-lazy-src'], a['data-original'], a.src];
  for (const c of candidates) if (c && !c.startsWith('data:')) return c;
  const set = a['data-srcset'] ?? a.srcset;
  if (set) {
    const first = set.split(',')[0]?.trim().split(/\s+/)[0];
    if (first) return first;
  }
  return undefined;
}

function resolveUrl(src: string, base?: string): string {
  try {
    return new URL(src, base).href;
  } catch {
    return src;
  }
}

export function walkBlocks(body: Element, baseUrl?: string): BlockWalk {
  const blocks: RawBlock[] = [];
  const furniture: Furniture[] = [];
  const skipped: { reason: RemovalReason; text: string }[] = [];

  // The inline run being collected (loose text and inline elements between blocks).
  let runParts: string[] = [];
  let runLinkChars = 0;
  let linkDepth = 0;
  let pendingImages: Block[] = [];

  /** Elements being walked, innermost last: a block belongs to the innermost one. */
  const open: Element[] = [];
  function push(block: Block, text: string, linkChars: number, tag: string): void {
    const el = open[open.length - 1] ?? body;
    const chars = text.length;
    // Every field set here, also the ones filled in later, so all blocks share one object shape.
    blocks.push({
      block,
      text,
      chars,
      linkChars: Math.min(linkChars, chars),
      tag,
      el,
      size: undefined,
      linkItems: undefined,
      removed: undefined,
    });
  }

  function flushRun(): void {
    if (runParts.length) {
      const raw = runParts.length === 1 ? runParts[0] : runParts.join('');
      runParts = [];
      if (!HAS_TEXT.test(raw)) {
        // Whitespace between blocks (the common case): no paragraph.
        runLinkChars = 0;
        flushImages();
        return;
      }
      if (!raw.includes('\n')) {
        // Common case: one paragraph, no line breaks.
        const text = normalizeSpace(raw);
        if (text) push({ kind: 'paragraph', text }, text, runLinkChars, '#run');
        runLinkChars = 0;
        flushImages();
        return;
      }
      // Line breaks (<br>) inside a run: two or more start a new paragraph.
      const paragraphs = raw.split(/\n\s*\n/);
      const total = raw.replace(/\s+/g, '').length || 1;
      for (const p of paragraphs) {
        const text = normalizeLines(p);
        if (!text) continue;
        const share = text.replace(/\s+/g, '').length / total;
        push({ kind: 'paragraph', text }, text, runLinkChars * share, '#run');
      }
      runLinkChars = 0;
    }
    flushImages();
  }

  function flushImages(): void {
    if (pendingImages.length) {
      for (const img of pendingImages) push(img, '', 0, 'img');
      pendingImages = [];
    }
  }

  function addText(text: string): void {
    runParts.push(text);
    if (linkDepth > 0) runLinkChars += normalizeSpace(text).length;
  }

  // collect()'s output, filled by collectFrom (one closure per walk, not one per block).
  let collectedParts: string[] = [];
  let collectedLinkChars = 0;

  /** Text of an element for a block of its own, with its link characters. */
  function collect(el: Element): { text: string; linkChars: number } {
    collectedParts = [];
    collectedLinkChars = 0;
    collectFrom(el, el, linkDepth > 0);
    return { text: normalizeLines(collectedParts.join('')), linkChars: collectedLinkChars };
  }

  function collectFrom(node: Node, el: Element, inLink: boolean): void {
    if (node.type === 'text') {
      collectedParts.push(node.text);
      if (inLink) collectedLinkChars += normalizeSpace(node.text).length;
      return;
    }
    if (node.tag === 'br') {
      collectedParts.push('\n');
      return;
    }
    if (node !== el && isSmallFurniture(node)) return;
    const link = inLink || isLink(node);
    const block = BLOCK_TAGS.has(node.tag);
    if (block) collectedParts.push('\n');
    for (const child of node.children) collectFrom(child, el, link);
    if (block) collectedParts.push('\n');
  }

  function isSmallFurniture(el: Element): boolean {
    const reason = furnitureReason(el);
    if (!reason) return false;
    const text = textOf(el);
    if (text.length > 400) return false;
    if (text) skipped.push({ reason, text });
    return true;
  }

  function figure(el: Element): void {
    let src: string | undefined;
    let alt: string | undefined;
    const captionParts: string[] = [];
    let credit: string | undefined;
    const stack: Node[] = [el];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type !== 'element') continue;
      if (node.tag === 'img' && !src) {
        src = imageSrc(node);
        alt = node.attrs.alt;
      } else if (node.tag === 'figcaption') {
        const words = attrWords(`${node.attrs.class ?? ''}`);
        const text = textOf(node);
        if (text) captionParts.push(text);
        if (words.includes('credit')) credit = text;
        else {
          const inner = findDescendant(node, (e) =>
            /credit|copyright|photographer|source/i.test(e.attrs.class ?? ''),
          );
          const innerText = inner ? textOf(inner) : '';
          if (innerText) credit = innerText;
        }
        continue;
      } else if (node !== el && /credit|copyright|source/.test(node.attrs.class ?? '')) {
        const text = textOf(node);
        if (text) credit = text;
        continue;
      } else if (node !== el && /caption/.test(node.attrs.class ?? '')) {
        const text = textOf(node);
        if (text) captionParts.push(text);
        continue;
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    let caption = captionParts.join(' ').trim() || undefined;
    if (caption && credit && caption.includes(credit) && caption !== credit)
      caption = caption.replace(credit, '').trim();
    if (!src) {
      // A figure without an image (pull quote, embed): its caption is not article text.
      const text = caption ?? textOf(el);
      if (text) skipped.push({ reason: 'caption', text });
      return;
    }
    const block: Block = { kind: 'image', src: resolveUrl(src, baseUrl) };
    if (alt) block.alt = normalizeSpace(alt);
    if (caption) block.caption = caption;
    if (credit && credit !== caption) block.credit = credit;
    push(block, '', 0, 'figure');
  }

  /**
   * A table used for page layout (common before ~2010) holds paragraphs, nested tables, long cells,
   * cells of line-broken text or link columns; a data table has short cells in a grid.
   */
  function isLayoutTable(el: Element): boolean {
    const role = el.attrs.role?.toLowerCase();
    if (role === 'presentation' || role === 'none') return true;
    const stack: Node[] = [...el.children];
    let cells = 0;
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type !== 'element') continue;
      if (LAYOUT_IN_TABLE.has(node.tag)) return true;
      if (node.tag === 'td' || node.tag === 'th') {
        cells++;
        if (isLayoutCell(node)) return true;
      }
      for (const child of node.children) stack.push(child);
    }
    return cells <= 1;
  }

  function isLayoutCell(cell: Element): boolean {
    let breaks = 0;
    let links = 0;
    const stack: Node[] = [...cell.children];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type !== 'element') continue;
      if (node.tag === 'br') breaks++;
      else if (node.tag === 'a') links++;
      for (const child of node.children) stack.push(child);
    }
    return (
      breaks >= THRESHOLDS.layoutCellBreaks ||
      links >= THRESHOLDS.layoutCellLinks ||
      textOf(cell).length > THRESHOLDS.layoutCellChars
    );
  }

  function table(el: Element): void {
    const rows: string[][] = [];
    let linkChars = 0;
    const stack: Node[] = [...el.children].reverse();
    let caption: string | undefined;
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type !== 'element') continue;
      if (node.tag === 'caption') {
        caption = textOf(node) || undefined;
        continue;
      }
      if (node.tag === 'tr') {
        const row: string[] = [];
        for (const cell of node.children) {
          if (cell.type !== 'element' || (cell.tag !== 'td' && cell.tag !== 'th')) continue;
          const c = collect(cell);
          row.push(c.text.replace(/\n/g, ' '));
          linkChars += c.linkChars;
        }
        if (row.some(Boolean)) rows.push(row);
        continue;
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
    }
    if (!rows.length) return;
    const block: Block = { kind: 'table', rows };
    if (caption) block.caption = caption;
    push(block, rows.map((r) => r.join('\t')).join('\n'), linkChars, 'table');
  }

  function list(el: Element): void {
    const items: string[] = [];
    let linkChars = 0;
    let linkItems = 0;
    for (const child of el.children) {
      if (child.type === 'text') {
        const t = normalizeSpace(child.text);
        if (t) items.push(t);
        continue;
      }
      if (isSmallFurniture(child)) continue;
      const c = collect(child);
      if (!c.text) continue;
      items.push(c.text.replace(/\n/g, ' '));
      linkChars += c.linkChars;
      if (c.linkChars > THRESHOLDS.linkItemDensity * c.text.length) linkItems++;
    }
    if (!items.length) return;
    push({ kind: 'list', ordered: el.tag === 'ol', items }, items.join('\n'), linkChars, el.tag);
    blocks[blocks.length - 1].linkItems = linkItems / items.length;
  }

  function walk(el: Element): void {
    open.push(el);
    walkElement(el);
    open.pop();
  }

  function walkElement(el: Element): void {
    el.firstBlock = blocks.length;
    const tag = el.tag;
    const reason = el === body ? undefined : furnitureReason(el);
    const isBlock = BLOCK_TAGS.has(tag);
    if (reason && !isBlock) {
      // Inline furniture (a share link, a caption span): skipped right here.
      const text = textOf(el);
      if (text.length <= 400) {
        if (text) skipped.push({ reason, text });
        el.endBlock = blocks.length;
        return;
      }
    }
    if (isBlock) flushRun();
    if (reason && isBlock) furniture.push({ el, reason });
    const level = HEADING_LEVEL[tag];
    if (level) {
      const c = collect(el);
      if (c.text)
        push({ kind: 'heading', level, text: c.text.replace(/\n/g, ' ') }, c.text, c.linkChars, tag);
    } else if (tag === 'p') {
      const c = collect(el);
      if (c.text) push({ kind: 'paragraph', text: c.text }, c.text, c.linkChars, tag);
      collectImages(el);
    } else if (tag === 'pre') {
      const text = rawText(el).replace(/^\n+|\s+$/g, '');
      if (text.trim()) push({ kind: 'code', text }, text, 0, tag);
    } else if (tag === 'blockquote' && !hasDescendant(el, EMBED_QUOTE)) {
      const c = collect(el);
      if (c.text) {
        const block: Block = { kind: 'quote', text: c.text };
        if (el.attrs.cite) block.cite = el.attrs.cite;
        push(block, c.text, c.linkChars, tag);
      }
    } else if (tag === 'ul' || tag === 'ol' || tag === 'dl') {
      if (hasDescendant(el, LIST_WITH_BLOCKS)) walkChildren(el);
      else list(el);
    } else if (tag === 'table') {
      if (isLayoutTable(el)) walkChildren(el);
      else table(el);
    } else if (tag === 'figure') {
      figure(el);
    } else if (tag === 'img') {
      const src = imageSrc(el);
      if (src) {
        const block: Block = { kind: 'image', src: resolveUrl(src, baseUrl) };
        if (el.attrs.alt) block.alt = normalizeSpace(el.attrs.alt);
        pendingImages.push(block);
      }
    } else if (tag === 'br') {
      runParts.push('\n');
    } else if (tag === 'hr') {
      // boundary only
    } else {
      const link = isLink(el);
      if (link) linkDepth++;
      walkChildren(el);
      if (link) linkDepth--;
    }
    if (isBlock) flushRun();
    el.endBlock = blocks.length;
  }

  function walkChildren(el: Element): void {
    for (const child of el.children) {
      if (child.type === 'text') addText(child.text);
      else walk(child);
    }
  }

  function collectImages(el: Element): void {
    const stack: Node[] = [...el.children];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type !== 'element') continue;
      if (node.tag === 'img') {
        const src = imageSrc(node);
        if (src) pendingImages.push({ kind: 'image', src: resolveUrl(src, baseUrl) });
      }
      for (const child of node.children) stack.push(child);
    }
  }

  walk(body);
  flushRun();
  body.endBlock = blocks.length;
  return { blocks, furniture, skipped };
}

function isLink(el: Element): boolean {
  return el.tag === 'a' && el.attrs.href !== undefined && !el.attrs.href.startsWith('#');
}

/** Elements that never sit in a data table's cells. */
const LAYOUT_IN_TABLE = new Set([
  'table',
  'p',
  'div',
  'ul',
  'ol',
  'h1',
  'h2',
  'h3',
  'blockquote',
  'form',
  'article',
  'section',
]);

/** Twitter/Instagram embeds are blockquotes holding a link to the post. */
function EMBED_QUOTE(el: Element): boolean {
  return /twitter-tweet|instagram-media|tiktok-embed|reddit-card/.test(el.attrs.class ?? '');
}

/** A list whose items hold paragraphs or headings is a layout list (e.g. a list of sections). */
function LIST_WITH_BLOCKS(el: Element): boolean {
  return LAYOUT_IN_LIST.has(el.tag);
}

/** Elements that make a list a layout list (cards, sections), walked as containers rather than kept as a list. */
const LAYOUT_IN_LIST = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'blockquote',
  'figure',
  'div',
  'article',
  'section',
  'img',
]);

function findDescendant(el: Element, test: (el: Element) => boolean): Element | undefined {
  const stack: Node[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (test(node)) return node;
    for (const child of node.children) stack.push(child);
  }
  return undefined;
}

function hasDescendant(el: Element, test: (el: Element) => boolean): boolean {
  if (test(el)) return true;
  const stack: Node[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'element') continue;
    if (test(node)) return true;
    for (const child of node.children) stack.push(child);
  }
  return false;
}

function rawText(el: Element): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (node.type === 'text') parts.push(node.text);
    else if (node.tag === 'br') parts.push('\n');
    else for (const child of node.children) visit(child);
  };
  visit(el);
  return parts.join('');
}
