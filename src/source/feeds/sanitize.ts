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
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'a', 'abbr', 'acronym', 'address', 'area', 'article', 'aside', 'audio', 'b', 'bdi', 'bdo', 'big',
  'blockquote', 'br', 'button', 'canvas', 'caption', 'center', 'cite', 'code', 'col', 'colgroup',
  'command', 'data', 'datagrid', 'datalist', 'dd', 'del', 'details', 'dfn', 'dialog', 'dir', 'div', 'dl',
  'dt', 'em', 'event-source', 'fieldset', 'figcaption', 'figure', 'font', 'footer', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'keygen', 'label',
  'legend', 'li', 'm', 'main', 'map', 'mark', 'menu', 'meter', 'multicol', 'nav', 'nextid', 'noscript',
  'ol', 'optgroup', 'option', 'output', 'p', 'picture', 'pre', 'progress', 'q', 'rp', 'rt', 'ruby', 's',
  'samp', 'section', 'select', 'small', 'sound', 'source', 'spacer', 'span', 'strike', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'textarea', 'tfoot', 'th', 'thead', 'time', 'tr', 'track',
  'tt', 'u', 'ul', 'var', 'video', 'wbr',
];

const ALLOWED_ATTRIBUTES = [
  'abbr', 'accept', 'accept-charset', 'accesskey', 'action', 'align', 'alt', 'autocomplete', 'autofocus',
  'autoplay', 'axis', 'background', 'balance', 'bgcolor', 'bgproperties', 'border', 'bordercolor',
  'bordercolordark', 'bordercolorlight', 'bottompadding', 'cellpadding', 'cellspacing', 'ch', 'challenge',
  'char', 'charoff', 'charset', 'checked', 'choff', 'cite', 'class', 'clear', 'color', 'cols', 'colspan',
  'compact', 'contenteditable', 'controls', 'coords', 'data', 'datafld', 'datapagesize', 'datasrc',
  'datetime', 'default', 'delay', 'dir', 'disabled', 'draggable', 'dynsrc', 'enctype', 'end', 'face',
  'for', 'form', 'frame', 'galleryimg', 'gutter', 'headers', 'height', 'hidden', 'hidefocus', 'high',
  'href', 'hreflang', 'hspace', 'icon', 'id', 'inputmode', 'ismap', 'keytype', 'kind', 'label',
  'lang', 'leftspacing', 'list', 'longdesc', 'loop', 'loopcount', 'loopend', 'loopstart', 'low', 'lowsrc',
  'max', 'maxlength', 'media', 'method', 'min', 'multiple', 'muted', 'name', 'nohref', 'noshade', 'nowrap',
  'open', 'optimum', 'pattern', 'ping', 'point-size', 'poster', 'pqg', 'preload', 'prompt', 'radiogroup',
  'readonly', 'rel', 'repeat-max', 'repeat-min', 'replace', 'required', 'rev', 'rightspacing', 'rows',
  'rowspan', 'rules', 'scope', 'selected', 'shape', 'size', 'sizes', 'span', 'src', 'srclang', 'srcset',
  'start', 'step', 'style', 'summary', 'suppress', 'tabindex', 'target', 'template', 'title', 'toppadding',
  'type', 'unselectable', 'urn', 'usemap', 'valign', 'value', 'variable', 'volume', 'vrml', 'vspace',
  'width', 'wrap', 'xml:lang',
];

/** Attributes holding a URL: resolved against the entry's base, then scheme-checked by sanitize-html. */
const URL_ATTRIBUTES = ['href', 'src', 'cite', 'action', 'poster', 'background', 'longdesc', 'usemap', 'dynsrc', 'lowsrc'];

const SAFE_CSS_VALUE = /^(?!.*(?:url\s*\(|expression\s*\(|javascript:|\\))[-#%.,'"!()\w\s/]*$/i;
const CSS_PROPERTIES = [
  'background-color', 'border-bottom-color', 'border-collapse', 'border-color', 'border-left-color',
  'border-right-color', 'border-top-color', 'clear', 'color', 'direction', 'float', 'font',
  'font-family', 'font-size', 'font-style', 'font-variant', 'font-weight', 'height', 'letter-spacing',
  'line-height', 'text-align', 'text-decoration', 'text-indent', 'unicode-bidi', 'vertical-align',
  'white-space', 'width', 'margin', 'margin-top', 'margin-bottom', 'margin-left', 'margin-right',
  'padding', 'padding-top', 'padding-bottom', 'padding-left', 'padding-right', 'border', 'border-width',
  'border-style',
];
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

/** sanitize-html 2.17 options; its published types lag behind (allowedEmptyAttributes). */
type Options = sanitizeHtml.IOptions & { allowedEmptyAttributes?: string[] };

function buildOptions(base: string | undefined): Options {
  return {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { '*': ALLOWED_ATTRIBUTES },
    allowedEmptyAttributes: ALLOWED_ATTRIBUTES,
    allowedStyles: { '*': allowedStyles },
    allowedSchemes: ['http', 'https', 'ftp', 'mailto', 'tel', 'news', 'irc', 'feed'],
    allowedSchemesByTag: {},
    allowProtocolRelative: true,
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noembed', 'noframes', 'xmp', 'template'],
    allowVulnerableTags: false,
    transformTags: {
      '*': (tagName, attribs) => {
        // sanitize-html drops an empty class attribute; keep it (as whitespace, same meaning).
        if (attribs.class === '') attribs.class = ' ';
        if (base) {
          for (const name of URL_ATTRIBUTES) {
            if (attribs[name] !== undefined) attribs[name] = resolveAgainst(attribs[name], base);
          }
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
        return { tagName, attribs };
      },
    },
    exclusiveFilter: (frame) => frame.tag === 'input' && (frame.attribs.type ?? '').toLowerCase() === 'password',
  };
}

const optionsWithoutBase = buildOptions(undefined);
const optionsCache = new Map<string, Options>();

/** Sanitize an HTML fragment, resolving relative URLs against `base` (the entry's xml:base or document URL). */
export function sanitizeFragment(html: string, base?: string): string {
  if (!html) return '';
  // Plain text with no markup and no entities needs no parse.
  if (!/[<&>]/.test(html)) return html;
  let options = optionsWithoutBase;
  if (base) {
    options = optionsCache.get(base) ?? buildOptions(base);
    if (optionsCache.size > 64) optionsCache.clear();
    optionsCache.set(base, options);
  }
  return sanitizeHtml(html, options).trim();
}

const BLOCK_BREAK = new Set(
  'p div br li tr td th h1 h2 h3 h4 h5 h6 blockquote pre ul ol table section article header footer hr dd dt'.split(' '),
);
const SKIP_TEXT = new Set(['script', 'style', 'textarea', 'title', 'noembed', 'noframes', 'xmp', 'iframe', 'template']);

/** HTML fragment → plain text (tags dropped, entities decoded, block boundaries as spaces). */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[\t\n\r ]+/g, ' ').trim();
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
  return out.join('').replace(/[\t\n\r ]+/g, ' ').trim();
}
