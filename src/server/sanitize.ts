/**
 * Outside HTML (feed markup) for display: sanitize-html with a closed allow-list. Kept out of
 * html.ts so the server does not load sanitize-html (and postcss) at start-up: pages render
 * article bodies from the store's blocks, and only this path needs the sanitizer.
 */
import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';
import { SafeHtml } from './html.js';

const ARTICLE_POLICY: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'footer',
    'pre',
    'code',
    'ul',
    'ol',
    'li',
    'table',
    'caption',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'figure',
    'figcaption',
    'img',
    'a',
    'em',
    'strong',
    'b',
    'i',
    'u',
    's',
    'sub',
    'sup',
    'small',
    'mark',
    'q',
    'cite',
    'abbr',
    'time',
    'dl',
    'dt',
    'dd',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'referrerpolicy'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    time: ['datetime'],
    abbr: ['title'],
  },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: 'noopener noreferrer nofollow', target: '_blank' },
    }),
    img: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, loading: 'lazy', referrerpolicy: 'no-referrer' },
    }),
  },
};

/**
 * Markup from outside (feed HTML, stored article HTML) goes through sanitize-html with a
 * closed allow-list: no scripts, styles, forms, frames, SVG or event attributes; links and
 * images only over http(s). Stored article HTML is built safe from text already; this is
 * the second lock on the same door.
 */
export function sanitized(markup: string | undefined | null): SafeHtml {
  if (!markup) return new SafeHtml('');
  return new SafeHtml(sanitizeHtml(markup, ARTICLE_POLICY));
}

/** Plain text of untrusted HTML (for teasers and feed titles). */
export function textOf(markup: string | undefined | null): string {
  if (!markup) return '';
  return decodeHTML(sanitizeHtml(markup, { allowedTags: [], allowedAttributes: {} }))
    .replace(/\s+/g, ' ')
    .trim();
}
