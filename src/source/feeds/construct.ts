/**
 * Text constructs: how a feed element's content is read (Atom `type`/`mode`, RSS conventions) and
 * turned into plain text or sanitized HTML; and the link-safety rule shared by all formats.
 */
import type { FeedEntry } from '../../model/feed.js';
import { htmlToText, sanitizeFragment } from './sanitize.js';
import { attr, childElements, innerXml, textOf, type XmlElement } from './xml.js';

/** A text construct read from the feed: either plain text or (unsanitized) HTML. */
export interface TextValue {
  kind: 'text' | 'html';
  value: string;
  base?: string;
}

const SAFE_LINK_SCHEMES = new Set(['http:', 'https:', 'ftp:', 'mailto:', 'news:', 'feed:', 'tel:', 'urn:']);

/** Resolve a link against a base; refuse script-capable schemes (javascript:, data:, vbscript:). */
export function safeUrl(value: string | undefined, base?: string): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!trimmed) return undefined;
  try {
    const url = new URL(trimmed, base);
    if (!SAFE_LINK_SCHEMES.has(url.protocol)) return undefined;
    // An absolute URL is returned as written (no case or escaping normalisation).
    return /^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i.test(trimmed) ? trimmed : url.href;
  } catch {
    // Not resolvable (relative with no base): keep it only when it cannot carry a scheme.
    return /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ? undefined : trimmed;
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** feedparser's heuristic for text that is really HTML: a closing tag or an entity reference. */
function looksLikeHtml(s: string): boolean {
  return /<\/[a-z][\w-]*\s*>/i.test(s) || /&#?\w+;/.test(s) || /<(?:br|img|hr|p)\b[^>]*\/?>/i.test(s);
}

function decodeBase64(s: string): string {
  try {
    return Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('utf8');
  } catch {
    return '';
  }
}

/** The element that wraps inline XHTML content: a single xhtml:div child, if present. */
function xhtmlBody(el: XmlElement): XmlElement {
  const kids = childElements(el);
  const onlyText = el.children.every((c) => typeof c !== 'string' || c.trim() === '');
  if (kids.length === 1 && kids[0].local === 'div' && onlyText) return kids[0];
  return el;
}

/** Read a text construct (Atom 0.3/1.0 `type`/`mode`, or RSS conventions). */
export function readTextConstruct(el: XmlElement, rssDefault: 'text' | 'html' | 'guess'): TextValue {
  const type = (attr(el, 'type') ?? '').trim().toLowerCase();
  const mode = (attr(el, 'mode') ?? '').trim().toLowerCase();
  const base = el.base;
  const hasElements = el.children.some((c) => typeof c !== 'string');
  // Atom 0.3 mode="base64", or Atom 1.0 with a non-text, non-XML media type: base64 content.
  const binaryType =
    type.includes('/') && !type.startsWith('text/') && !type.endsWith('+xml') && !type.endsWith('/xml');
  if (mode === 'base64' || (binaryType && el.ns === 'atom' && !hasElements)) {
    const decoded = decodeBase64(textOf(el));
    return { kind: type.includes('html') || looksLikeHtml(decoded) ? 'html' : 'text', value: decoded, base };
  }
  if (
    type === 'xhtml' ||
    type === 'application/xhtml+xml' ||
    mode === 'xml' ||
    (type.endsWith('+xml') && hasElements)
  ) {
    // Atom 1.0 type="xhtml" wraps the content in a div that is not part of it; Atom 0.3 does not.
    return { kind: 'html', value: innerXml(type === 'xhtml' ? xhtmlBody(el) : el), base };
  }
  if (type === 'html' || type === 'text/html' || mode === 'escaped') {
    // Escaped HTML wrapped in a stray xhtml div: the div is packaging, its text is the HTML.
    const wrapped = hasElements && xhtmlBody(el) !== el;
    return { kind: 'html', value: hasElements && !wrapped ? innerXml(el) : textOf(el), base };
  }
  if (type === 'text' || type === 'text/plain') {
    return { kind: 'text', value: hasElements ? htmlToText(innerXml(el)) : textOf(el), base };
  }
  if (hasElements) return { kind: 'html', value: innerXml(el), base };
  const text = textOf(el);
  if (rssDefault === 'html') return { kind: 'html', value: text, base };
  if (rssDefault === 'guess') return { kind: looksLikeHtml(text) ? 'html' : 'text', value: text, base };
  return { kind: 'text', value: text, base };
}

/** A title: plain text always; sanitized HTML too when the source was HTML. An empty title stays ''. */
export function asTitle(v: TextValue | undefined): { title?: string; titleHtml?: string } {
  if (!v) return {};
  if (v.kind !== 'html') return { title: v.value.replace(/[\t\n\r ]+/g, ' ').trim() };
  const html = sanitizeFragment(v.value, v.base);
  return { title: htmlToText(html), titleHtml: html };
}

/** As sanitized HTML (for summary/content/description). */
export function asHtml(v: TextValue | undefined, keepEmpty = false): string | undefined {
  if (!v) return undefined;
  const html = v.kind === 'html' ? sanitizeFragment(v.value, v.base) : escapeHtml(v.value.trim());
  return html.trim() || keepEmpty ? html.trim() : undefined;
}

/** summary/content as sanitized HTML, plus its declared type when that was plain text. */
export function body(field: 'summary' | 'content', v: TextValue | undefined): Partial<FeedEntry> {
  const html = asHtml(v);
  if (html === undefined) return {};
  return v?.kind === 'text' ? { [field]: html, [`${field}Type`]: 'text' } : { [field]: html };
}
