/**
 * Entry HTML → safe HTML, with sanitize-html (maintained, htmlparser2-based, allow-list driven).
 *
 * Policy (allow-list; anything not listed is dropped, its text kept unless it is a script-like element):
 * - Elements: the presentational/structural HTML that feeds carry (feedparser's "acceptable elements",
 *   plus a few HTML5 ones: figcaption, mark, picture, summary, track, wbr, ruby…). NOT allowed: script,
 *   style, iframe, frame, object, embed, applet, meta, link, base, svg, math, and `form` (a feed entry
 *   must not be able to post anywhere; form controls outside a form are inert and are kept, except
 *   password fields, which only exist for phishing).
 * - Attributes: feedparser's acceptable attribute list on every allowed element; no `on*` handlers, no
 *   `style` except a small set of CSS properties whose values carry no `url(`/`expression(`.
 * - URLs (href, src, cite, action, poster, background, longdesc, usemap…): only http, https, ftp,
 *   mailto, tel, and relative ones — which we resolve against the entry's base first. `javascript:`
 *   (also entity-obfuscated; sanitize-html decodes before checking), `data:`, `vbscript:` are dropped.
 */
import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';
import {
  ALLOWED_ATTRIBUTES,
  ALLOWED_TAGS,
  CSS_PROPERTIES,
  MATH_ATTRIBUTES,
  MATH_TAGS,
  SVG_ATTRIBUTES,
  SVG_EMPTY,
  SVG_TAGS,
  URL_ATTRIBUTES,
} from './allow-list.js';

const SAFE_CSS_VALUE = /^(?!.*(?:url\s*\(|expression\s*\(|javascript:|\\))[-#%.,'"!()\w\s/]*$/i;
const allowedStyles: Record<string, RegExp[]> = {};
for (const property of CSS_PROPERTIES) allowedStyles[property] = [SAFE_CSS_VALUE];

function resolveAgainst(value: string, base: string | undefined): string {
  if (!base) return value;
  const trimmed = value.trim();
  // Leave fragments and anything with a scheme alone (the scheme check happens afterwards).
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed)) return value;
  try {
    const href = new URL(trimmed, base).href;
    // Keep IRIs readable: undo the percent-encoding the URL parser applied to non-ASCII characters.
    if (/[^\x00-\x7f]/.test(trimmed) && !trimmed.includes('%')) {
      try {
        return decodeURI(href);
      } catch {
        return href;
      }
    }
    return href;
  } catch {
    return value;
  }
}

const FOREIGN = new Map<string, string>([
  ...SVG_TAGS.map((t): [string, string] => [t, 'http://www.w3.org/2000/svg']),
  ...MATH_TAGS.map((t): [string, string] => [t, 'http://www.w3.org/1998/Math/MathML']),
]);
const XLINK = 'http://www.w3.org/1999/xlink';

// One global list: sanitize-html rebuilds its per-tag maps on every call, so per-tag lists for ~60
// foreign elements would dominate the cost. SVG/MathML presentation attributes are inert on HTML elements.
const allowedAttributes: Record<string, string[]> = {
  '*': [...new Set([...ALLOWED_ATTRIBUTES, ...SVG_ATTRIBUTES, ...MATH_ATTRIBUTES])],
};

/** The base for the fragment being sanitized (sanitize-html is synchronous, so one slot is enough). */
let currentBase: string | undefined;

function transformTag(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  // sanitize-html drops an empty class attribute; keep it (as whitespace, same meaning).
  if (attribs.class === '') attribs.class = ' ';
  const base = currentBase;
  if (base) {
    for (const name of URL_ATTRIBUTES) {
      if (attribs[name] !== undefined) attribs[name] = resolveAgainst(attribs[name], base);
    }
    if (attribs['xlink:href'] !== undefined)
      attribs['xlink:href'] = resolveAgainst(attribs['xlink:href'], base);
    if (attribs.srcset !== undefined) {
      attribs.srcset = attribs.srcset
        .split(',')
        .map((part) => {
          const [url, ...rest] = part.trim().split(/\s+/);
          return [resolveAgainst(url ?? '', base), ...rest].join(' ');
        })
        .join(', ');
    }
  }
  // Foreign content: namespace declarations are ours to write, not the author's; attributes sorted
  // (canonical form, as feedparser emits it).
  const foreignNs = FOREIGN.get(tagName);
  const hasXlink = Object.keys(attribs).some((k) => k.startsWith('xlink:'));
  if (foreignNs || hasXlink) {
    const sorted: sanitizeHtml.Attributes = {};
    const entries = Object.entries(attribs).filter(([k]) => k !== 'xmlns' && !k.startsWith('xmlns:'));
    if (tagName === 'svg' || tagName === 'math') entries.push(['xmlns', foreignNs!]);
    if (hasXlink) entries.push(['xmlns:xlink', XLINK]);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [k, v] of entries) sorted[k] = v;
    return { tagName, attribs: sorted };
  }
  return { tagName, attribs };
}

/** sanitize-html 2.17 options; its published types lag behind (allowedEmptyAttributes). */
type Options = sanitizeHtml.IOptions & { allowedEmptyAttributes?: string[] };

function buildOptions(selfClosingSvg: boolean): Options {
  const defaults = sanitizeHtml.defaults.selfClosing ?? [];
  return {
    allowedTags: [...ALLOWED_TAGS, ...SVG_TAGS, ...MATH_TAGS],
    allowedAttributes,
    allowedEmptyAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: { '*': allowedStyles },
    allowedSchemes: ['http', 'https', 'ftp', 'mailto', 'tel', 'news', 'irc', 'feed'],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: [
      ...(sanitizeHtml.defaults.allowedSchemesAppliedToAttributes ?? []),
      'xlink:href',
      'src',
      'href',
    ],
    allowProtocolRelative: true,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noembed', 'noframes', 'xmp', 'template'],
    allowVulnerableTags: false,
    selfClosing: selfClosingSvg ? [...defaults, ...SVG_EMPTY] : defaults,
    parser: { recognizeSelfClosing: selfClosingSvg },
    transformTags: { '*': transformTag },
    exclusiveFilter: (frame) =>
      frame.tag === 'input' && (frame.attribs.type ?? '').toLowerCase() === 'password',
  };
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const OPTIONS = buildOptions(false);
/** When the author wrote `<circle …/>`, keep that form (and not `<circle …></circle>`). */
const OPTIONS_SELF_CLOSING_SVG = buildOptions(true);
const SELF_CLOSED_SVG = new RegExp(`<(?:${SVG_EMPTY.join('|')})\\b[^<>]*/>`, 'i');

const MARK_OPEN = '\ue000';
const MARK_CLOSE = '\ue001';

/**
 * HTML comments are kept only when they stay inert in any context they could land in: no quote or
 * backtick (attribute break-out), no `</` (raw-text break-out, e.g. out of <noscript>), no `=` (so any
 * tag-like text inside has no attributes: no handlers, no URLs), no `--`, no `<!`. Others are dropped.
 */
function protectComments(html: string, kept: string[]): string {
  return html.replace(/<!--([\s\S]*?)-->/g, (_, body: string) => {
    if (/["'`=]|<\/|--|<!|[\ue000\ue001]/.test(body) || body.length > 2000) return '';
    kept.push(body);
    return `${MARK_OPEN}${kept.length - 1}${MARK_CLOSE}`;
  });
}

/** `<!` that opens no comment and no complete declaration is text (`<!' …`, a truncated `<!DOCTYPE`). */
function escapeStrayDeclarations(html: string): string {
  return html.replace(/<!(?!--|\[CDATA\[|[A-Za-z][^<>]*>)/g, '&lt;!');
}

/** Deeper markup is flattened to text before any HTML parse (htmlparser2's Parser stack is O(depth) per tag). */
export const MAX_HTML_DEPTH = 256;
const VOID_HTML = new Set(
  'area base br col embed hr img input link meta param source track wbr keygen'.split(' '),
);

/** Estimated maximum nesting depth of an HTML fragment (one linear regex pass). */
function nestingDepth(html: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^<>]*?(\/?)>/g;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID_HTML.has(m[2].toLowerCase())) {
      depth++;
      if (depth > max) max = depth;
      if (max > MAX_HTML_DEPTH) return max;
    }
  }
  return max;
}

/** Markup too deep to parse safely → its text, with tags removed by a linear regex. */
function flattenDeepMarkup(html: string): string {
  return decodeHTML(html.replace(/<[^<>]*>/g, ' '));
}

/** Sanitize an HTML fragment, resolving relative URLs against `base` (the entry's xml:base or document URL). */
export function sanitizeFragment(html: string, base?: string): string {
  if (!html) return '';
  // Text without markup needs no parse: decode references, re-escape (what sanitize-html would output).
  if (!html.includes('<'))
    return html.includes('&') || html.includes('>') ? escapeText(decodeHTML(html)) : html;
  if (nestingDepth(html) > MAX_HTML_DEPTH) return escapeText(flattenDeepMarkup(html));
  let input =
    html.includes(MARK_OPEN) || html.includes(MARK_CLOSE) ? html.replace(/[\ue000\ue001]/g, '') : html;
  const comments: string[] = [];
  if (input.includes('<!')) input = escapeStrayDeclarations(protectComments(input, comments));
  currentBase = base;
  let out: string;
  try {
    out = sanitizeHtml(input, SELF_CLOSED_SVG.test(input) ? OPTIONS_SELF_CLOSING_SVG : OPTIONS);
  } finally {
    currentBase = undefined;
  }
  if (comments.length) {
    out = out.replace(/\ue000(\d+)\ue001/g, (_, i: string) => `<!--${comments[Number(i)]}-->`);
  }
  return out.trim();
}

const BLOCK_BREAK = new Set(
  'p div br li tr td th h1 h2 h3 h4 h5 h6 blockquote pre ul ol table section article header footer hr dd dt'.split(
    ' ',
  ),
);
const SKIP_TEXT = new Set([
  'script',
  'style',
  'textarea',
  'title',
  'noembed',
  'noframes',
  'xmp',
  'iframe',
  'template',
]);

/** HTML fragment → plain text (tags dropped, entities decoded, block boundaries as spaces). */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[\t\n\r ]+/g, ' ').trim();
  if (nestingDepth(html) > MAX_HTML_DEPTH)
    return flattenDeepMarkup(html)
      .replace(/[\t\n\r ]+/g, ' ')
      .trim();
  const out: string[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (SKIP_TEXT.has(name)) skipping++;
        else if (BLOCK_BREAK.has(name)) out.push(' ');
      },
      onclosetag(name) {
        if (SKIP_TEXT.has(name)) skipping = Math.max(0, skipping - 1);
        else if (BLOCK_BREAK.has(name)) out.push(' ');
      },
      ontext(text) {
        if (!skipping) out.push(text);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return out
    .join('')
    .replace(/[\t\n\r ]+/g, ' ')
    .trim();
}
