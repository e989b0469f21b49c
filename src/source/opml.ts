/**
 * OPML 1.0/2.0 subscription lists: import (tolerant: any outline with an xmlUrl is a feed; nested
 * outlines give a category path "News/Tech") and export (valid OPML 2.0, every value escaped).
 * Parsed with our tolerant feed XML reader (no DTD expansion, no network), so hostile OPML is inert.
 */
import { NewsBiteError } from '../errors.js';
import { childElements, parseXml, type XmlElement } from './feeds/xml.js';

export interface OpmlOutline {
  url: string;
  title?: string;
  siteUrl?: string;
  /** Category path from enclosing outlines and/or the `category` attribute, joined with "/". */
  category?: string;
}

export interface OpmlDocument {
  title?: string;
  outlines: OpmlOutline[];
}

export interface OpmlFeed {
  url: string;
  title?: string;
  siteUrl?: string;
  category?: string;
}

function attribute(el: XmlElement, name: string): string | undefined {
  for (const key in el.attrs) if (key.toLowerCase() === name) return el.attrs[key].trim() || undefined;
  return undefined;
}

function textOfChild(el: XmlElement | undefined, local: string): string | undefined {
  const child = el && childElements(el).find((c) => c.local === local);
  if (!child) return undefined;
  const text = child.children
    .filter((c): c is string => typeof c === 'string')
    .join('')
    .trim();
  return text || undefined;
}

/** Parse an OPML document. Throws NewsBiteError INPUT_INVALID when the text is not OPML. */
export function parseOpml(text: string): OpmlDocument {
  const root = parseXml(text.replace(/^\ufeff/, ''));
  const opml = childElements(root).find((el) => el.local === 'opml');
  if (!opml) {
    const found = childElements(root)[0]?.qname;
    throw new NewsBiteError(
      'INPUT_INVALID',
      `not an OPML file: ${found ? `root element is <${found}>, expected <opml>` : 'no XML elements found'}`,
    );
  }
  const head = childElements(opml).find((el) => el.local === 'head');
  const body = childElements(opml).find((el) => el.local === 'body') ?? opml;
  const outlines: OpmlOutline[] = [];
  const seen = new Set<string>();
  // Iterative walk (hostile OPML can nest deeply); the stack carries the category path.
  const stack: { el: XmlElement; path: string[] }[] = childElements(body)
    .reverse()
    .map((el) => ({ el, path: [] }));
  while (stack.length) {
    const { el, path } = stack.pop()!;
    if (el.local !== 'outline') continue;
    const url =
      attribute(el, 'xmlurl') ?? (attribute(el, 'type') === 'rss' ? attribute(el, 'url') : undefined);
    const title = attribute(el, 'title') ?? attribute(el, 'text');
    if (url) {
      const categoryAttr = attribute(el, 'category')
        ?.split(',')
        .map((c) => c.trim().replace(/^\/+|\/+$/g, ''))
        .find(Boolean);
      const category = path.length ? path.join('/') : categoryAttr;
      if (!seen.has(url)) {
        seen.add(url);
        const outline: OpmlOutline = { url };
        if (title) outline.title = title;
        const siteUrl = attribute(el, 'htmlurl');
        if (siteUrl) outline.siteUrl = siteUrl;
        if (category) outline.category = category;
        outlines.push(outline);
      }
    }
    const kids = childElements(el);
    if (kids.length) {
      const childPath = url || !title ? path : [...path, title];
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ el: kids[i], path: childPath });
    }
  }
  const doc: OpmlDocument = { outlines };
  const title = textOfChild(head, 'title');
  if (title) doc.title = title;
  return doc;
}

const escapeAttr = (s: string) =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;')
    // XML 1.0 forbids most control characters even as references.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Serialise feeds as OPML 2.0, grouped into nested outlines by category path ("News/Tech"). */
export function writeOpml(input: { title?: string; feeds: OpmlFeed[]; dateCreated?: Date }): string {
  interface Group {
    feeds: OpmlFeed[];
    groups: Map<string, Group>;
  }
  const rootGroup: Group = { feeds: [], groups: new Map() };
  for (const feed of input.feeds) {
    let group = rootGroup;
    for (const part of (feed.category ?? '')
      .split('/')
      .map((p) => p.trim())
      .filter(Boolean)) {
      let next = group.groups.get(part);
      if (!next) {
        next = { feeds: [], groups: new Map() };
        group.groups.set(part, next);
      }
      group = next;
    }
    group.feeds.push(feed);
  }
  const lines: string[] = [];
  const write = (group: Group, indent: string) => {
    for (const [name, child] of group.groups) {
      lines.push(`${indent}<outline text="${escapeAttr(name)}" title="${escapeAttr(name)}">`);
      write(child, `${indent}  `);
      lines.push(`${indent}</outline>`);
    }
    for (const feed of group.feeds) {
      const label = feed.title ?? feed.url;
      let line = `${indent}<outline type="rss" text="${escapeAttr(label)}" title="${escapeAttr(label)}" xmlUrl="${escapeAttr(feed.url)}"`;
      if (feed.siteUrl) line += ` htmlUrl="${escapeAttr(feed.siteUrl)}"`;
      lines.push(`${line}/>`);
    }
  };
  write(rootGroup, '    ');
  const created = (input.dateCreated ?? new Date()).toUTCString();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeAttr(input.title ?? 'NewsBite subscriptions')}</title>`,
    `    <dateCreated>${created}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
