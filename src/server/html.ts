/**
 * Auto-escaping HTML templates. `html\`…\`` escapes every interpolated value unless it is
 * already a `SafeHtml` (another template, or markup that went through a sanitizer), so a
 * forgotten escape cannot happen by default: the unsafe path has to be spelled out.
 */
import { decodeHTML } from 'entities';
import sanitizeHtml from 'sanitize-html';
import { escapeHtml, safeUrl } from '../model/render.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = SafeHtml | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map((v) => render(v)).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Only http(s) links leave the page; anything else (javascript:, data:) becomes "#". */
export function href(url: string | undefined | null): string {
  return safeUrl(url ?? undefined) ?? '#';
}

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

/**
 * Markup this codebase built with every text escaped already (model/render's renderHtml from
 * Blocks). Never for markup from outside: use sanitized() for that.
 */
export function builtSafe(markup: string): SafeHtml {
  return new SafeHtml(markup);
}
