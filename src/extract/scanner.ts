/**
 * A fast HTML scanner: turns a document into the open-tag, close-tag and text events that
 * htmlparser2's Parser (v12, HTML mode, entities decoded, names lower-cased) gives for it, for the
 * tree builder in tree.ts.
 *
 * Why not the Parser itself: it runs a state machine per character and builds an object with every
 * attribute of every tag; on news pages that was half of the extraction time. This scanner jumps
 * between the characters that matter with `indexOf`, and reads only the attributes the extractor
 * uses, so most attribute names and values are never even sliced out.
 *
 * The events are the Parser's, including its repairs of broken markup: tags that imply the end of
 * others (`<p>` before `<div>`, `<li>` before `<li>` …), `</p>` and `</br>` without an opening tag,
 * a second `<form>`, raw-text elements (script, style, title …), SVG/MathML content (where `/>`
 * closes a tag and `<![CDATA[` is text), comments, and the odd ends of truncated input.
 * For the few inputs where that would take more than a scanner, `scanHtml` returns false and the
 * caller parses with htmlparser2 itself: nesting deeper than MAX_STACK, tags with more than
 * MAX_TAG_ATTRIBUTES attributes (htmlparser2 is quadratic there, and tree.ts tames such markup),
 * two end-of-input states in which htmlparser2 emits leftover text oddly, and raw text (script,
 * style, title …) containing U+000F or U+001C, which htmlparser2 can take for `/` and `<`.
 * scanner.test.ts checks the events against htmlparser2's on real and mangled pages.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities';

/** An attribute record: every attribute to read, undefined where the tag does not have it. */
export type Attributes = { [name: string]: string | undefined };

export interface ScanSink<A extends Attributes = Attributes> {
  openTag(name: string, attrs: A): void;
  closeTag(name: string): void;
  text(text: string): void;
}

/** Parser stack depth from which the scanner hands over to htmlparser2 (tree.ts tames such markup). */
const MAX_STACK = 2000;
/** Attributes on one tag from which the scanner hands over to htmlparser2. */
const MAX_TAG_ATTRIBUTES = 1000;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const DASH = 0x2d;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0c || c === 0x0d;
}

/** Characters that end a tag or attribute name. */
function isEndOfName(c: number): boolean {
  return c === SLASH || c === GT || isWhitespace(c);
}

function isAsciiAlpha(c: number): boolean {
  return ((c | 0x20) - 0x61) >>> 0 <= 25;
}

/** ASCII lower case of a character code (what `toLowerCase` does to ASCII letters). */
function lowerAscii(c: number): number {
  return c >= 0x41 && c <= 0x5a ? c | 0x20 : c;
}

/** Hash of an attribute name, case-folded; used to recognise wanted names without slicing them. */
function nameHash(hash: number, c: number): number {
  return (Math.imul(hash, 31) + lowerAscii(c)) | 0;
}

/** Elements whose content is text up to their end tag; title and textarea decode entities in it. */
const RAW_TEXT = new Set(['script', 'style', 'iframe', 'noembed', 'noframes', 'xmp']);
const ESCAPABLE_RAW_TEXT = new Set(['title', 'textarea']);
const RAW_TEXT_NAMES = [...RAW_TEXT, ...ESCAPABLE_RAW_TEXT, 'plaintext'];

// The tree repairs below are the ones htmlparser2's Parser applies (its src/Parser.ts): facts the
// events must reproduce, so an htmlparser2 upgrade needs scanner.test.ts run again.
const FORM_TAGS = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const P_TAG = new Set(['p']);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const TABLE_SECTION_TAGS = new Set(['thead', 'tbody']);
const DD_DT_TAGS = new Set(['dd', 'dt']);
const RT_RP_TAGS = new Set(['rt', 'rp']);

/** Opening tag → open elements it closes first (innermost first, while they match). */
const OPEN_IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['a', new Set(['a'])],
  ['li', new Set(['li'])],
  ['p', P_TAG],
  ['h1', HEADING_TAGS],
  ['h2', HEADING_TAGS],
  ['h3', HEADING_TAGS],
  ['h4', HEADING_TAGS],
  ['h5', HEADING_TAGS],
  ['h6', HEADING_TAGS],
  ['select', FORM_TAGS],
  ['input', FORM_TAGS],
  ['output', FORM_TAGS],
  ['button', FORM_TAGS],
  ['datalist', FORM_TAGS],
  ['textarea', FORM_TAGS],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DD_DT_TAGS],
  ['dt', DD_DT_TAGS],
  ['address', P_TAG],
  ['article', P_TAG],
  ['aside', P_TAG],
  ['blockquote', P_TAG],
  ['details', P_TAG],
  ['div', P_TAG],
  ['dl', P_TAG],
  ['fieldset', P_TAG],
  ['figcaption', P_TAG],
  ['figure', P_TAG],
  ['footer', P_TAG],
  ['form', P_TAG],
  ['header', P_TAG],
  ['hr', P_TAG],
  ['main', P_TAG],
  ['nav', P_TAG],
  ['ol', P_TAG],
  ['pre', P_TAG],
  ['section', P_TAG],
  ['table', P_TAG],
  ['ul', P_TAG],
  ['rt', RT_RP_TAGS],
  ['rp', RT_RP_TAGS],
  ['tbody', TABLE_SECTION_TAGS],
  ['tfoot', TABLE_SECTION_TAGS],
]);

const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/** Elements inside SVG/MathML whose content is HTML again (SVG-cased names). */
const HTML_INTEGRATION_ELEMENTS = new Set([
  'mi',
  'mo',
  'mn',
  'ms',
  'mtext',
  'annotation-xml',
  'foreignObject',
  'desc',
  'title',
]);

const SVG_TAG_NAMES = new Map(
  [
    'altGlyph',
    'altGlyphDef',
    'altGlyphItem',
    'animateColor',
    'animateMotion',
    'animateTransform',
    'clipPath',
    'feBlend',
    'feColorMatrix',
    'feComponentTransfer',
    'feComposite',
    'feConvolveMatrix',
    'feDiffuseLighting',
    'feDisplacementMap',
    'feDistantLight',
    'feDropShadow',
    'feFlood',
    'feFuncA',
    'feFuncB',
    'feFuncG',
    'feFuncR',
    'feGaussianBlur',
    'feImage',
    'feMerge',
    'feMergeNode',
    'feMorphology',
    'feOffset',
    'fePointLight',
    'feSpecularLighting',
    'feSpotLight',
    'feTile',
    'feTurbulence',
    'foreignObject',
    'glyphRef',
    'linearGradient',
    'radialGradient',
    'textPath',
  ].map((name) => [name.toLowerCase(), name]),
);

/** What kind of content the open elements give: HTML, or SVG/MathML (foreign content). */
const HTML_CONTENT = 0;
const SVG_CONTENT = 1;
const MATHML_CONTENT = 2;

/** Tag names as written → lower-cased; pages repeat a few dozen names thousands of times. */
const tagNames = new Map<string, string>();

/** The wanted attribute names, by nameHash, to recognise them while scanning the name. */
function wantedByHash(names: readonly string[]): Map<number, string> {
  const byHash = new Map<number, string>();
  for (const name of names) {
    let hash = 0;
    for (let i = 0; i < name.length; i++) hash = nameHash(hash, name.charCodeAt(i));
    // A collision would make one of the two names unreadable; the names are fixed, so check once.
    if (byHash.has(hash)) throw new Error(`scanner: attribute names ${name} and ${byHash.get(hash)} collide`);
    byHash.set(hash, name);
  }
  return byHash;
}

/**
 * Scans `html` and reports its elements to `sink` as htmlparser2 would. `newAttributes` gives an
 * empty record of the attributes to read (lower-case ASCII names, all undefined); each tag gets
 * one with the values it has. Returns false, having reported part of the document, when the
 * input needs htmlparser2 itself (see the file comment): the caller starts over with it.
 */
export function scanHtml<A extends Attributes>(
  html: string,
  sink: ScanSink<A>,
  newAttributes: () => A,
): boolean {
  return new Scanner(html, sink, newAttributes, wantedNames(newAttributes)).run();
}

let lastFactory: (() => Attributes) | undefined;
let lastWantedByHash = new Map<number, string>();
function wantedNames(newAttributes: () => Attributes): Map<number, string> {
  if (newAttributes !== lastFactory) {
    lastWantedByHash = wantedByHash(Object.keys(newAttributes()));
    lastFactory = newAttributes;
  }
  return lastWantedByHash;
}

/** Returned by the tag readers when the input needs htmlparser2. */
const HAND_OVER = -1;

class Scanner<A extends Attributes> {
  private readonly html: string;
  private readonly end: number;
  private readonly sink: ScanSink<A>;
  private readonly newAttributes: () => A;
  private readonly wanted: Map<number, string>;
  /** Names of the open elements, innermost last (htmlparser2's Parser stack). */
  private readonly stack: string[] = [];
  /** Content kind of the innermost open SVG/MathML/integration element, innermost last. */
  private readonly contentKinds: number[] = [HTML_CONTENT];
  private openForms = 0;
  /** Index of the next `&` at or after the last text or value read (they are read in order). */
  private nextAmpersand = -1;

  constructor(html: string, sink: ScanSink<A>, newAttributes: () => A, wanted: Map<number, string>) {
    this.html = html;
    this.end = html.length;
    this.sink = sink;
    this.newAttributes = newAttributes;
    this.wanted = wanted;
  }

  run(): boolean {
    const { html, end } = this;
    let textStart = 0;
    let at = 0;
    while (at < end) {
      const lt = html.indexOf('<', at);
      if (lt < 0) break;
      const c = html.charCodeAt(lt + 1);
      let next: number;
      if (isAsciiAlpha(c)) {
        this.text(textStart, lt);
        next = this.openingTag(lt);
      } else if (c === SLASH && lt + 2 < end) {
        this.text(textStart, lt);
        next = this.closingTag(lt);
      } else if (c === BANG) {
        this.text(textStart, lt);
        next = this.markupDeclaration(lt);
      } else if (c === QUESTION) {
        // `<?xml …>` and the like: a bogus comment up to the next `>`.
        this.text(textStart, lt);
        next = this.after('>', lt + 2);
      } else {
        // A `<` that starts no tag ("a < b", a `</` at the very end) is text.
        at = lt + 1;
        continue;
      }
      if (next === HAND_OVER) return false;
      at = textStart = next;
    }
    this.text(textStart, end);
    // The end of input closes every open element.
    for (let i = this.stack.length - 1; i >= 0; i--) this.sink.closeTag(this.stack[i]);
    return true;
  }

  /** Text between tags, entities decoded (never empty, like htmlparser2's text events). */
  private text(start: number, end: number): void {
    if (end <= start) return;
    const raw = this.html.slice(start, end);
    this.sink.text(this.hasAmpersand(start, end) ? decodeHTML(raw) : raw);
  }

  private hasAmpersand(start: number, end: number): boolean {
    if (this.nextAmpersand < start) {
      const at = this.html.indexOf('&', start);
      this.nextAmpersand = at < 0 ? this.end : at;
    }
    return this.nextAmpersand < end;
  }

  /** Index after the next `search` from `from`, or the end of input (an unclosed construct). */
  private after(search: string, from: number): number {
    const at = this.html.indexOf(search, from);
    return at < 0 ? this.end : at + search.length;
  }

  private inForeignContent(): boolean {
    return this.contentKinds[this.contentKinds.length - 1] !== HTML_CONTENT;
  }

  /** `<!…`: comments, CDATA sections, doctype and bogus comments. */
  private markupDeclaration(lt: number): number {
    const { html } = this;
    if (html.charCodeAt(lt + 2) === DASH && html.charCodeAt(lt + 3) === DASH) {
      const start = lt + 4;
      // `<!-->` and `<!--->` are (empty) comments.
      if (html.charCodeAt(start) === GT) return start + 1;
      if (html.charCodeAt(start) === DASH && html.charCodeAt(start + 1) === GT) return start + 2;
      COMMENT_END.lastIndex = start;
      const match = COMMENT_END.exec(html);
      return match ? match.index + match[0].length : this.end;
    }
    if (html.startsWith('[CDATA[', lt + 2)) {
      const start = lt + 9;
      const close = html.indexOf(']]>', start);
      if (close < 0) return this.end;
      // Text inside SVG/MathML, a comment in HTML.
      if (this.inForeignContent()) this.sink.text(html.slice(start, close));
      return close + 3;
    }
    return this.after('>', lt + 2);
  }

  private tagName(start: number, end: number): string {
    const written = this.html.slice(start, end);
    let name = tagNames.get(written);
    if (name === undefined) {
      name = written.toLowerCase();
      if (tagNames.size > 5000) tagNames.clear();
      tagNames.set(written, name);
    }
    return this.adjustTagName(name);
  }

  /** htmlparser2's Parser.readTagName: SVG's camel-cased names, and `image` as `img` in HTML. */
  private adjustTagName(name: string): string {
    const kind = this.contentKinds[this.contentKinds.length - 1];
    if (kind === SVG_CONTENT) return SVG_TAG_NAMES.get(name) ?? name;
    if (this.contentKinds.length > 1) {
      const svgName = SVG_TAG_NAMES.get(name);
      if (svgName !== undefined && this.stack.includes(svgName)) return svgName;
    }
    if (kind === HTML_CONTENT) return name === 'image' ? 'img' : name;
    return name;
  }

  private push(name: string): void {
    this.stack.push(name);
    if (name === 'svg') this.contentKinds.push(SVG_CONTENT);
    else if (name === 'math') this.contentKinds.push(MATHML_CONTENT);
    else if (HTML_INTEGRATION_ELEMENTS.has(name)) this.contentKinds.push(HTML_CONTENT);
    if (name === 'form') this.openForms++;
  }

  private pop(): void {
    const name = this.stack.pop()!;
    if (name === 'svg' || name === 'math' || HTML_INTEGRATION_ELEMENTS.has(name)) this.contentKinds.pop();
    if (name === 'form') this.openForms--;
    this.sink.closeTag(name);
  }

  /** The stack work of an opening tag (its name is read); false when the tag is ignored. */
  private startElement(name: string): boolean {
    // A form inside a form is ignored, as in browsers.
    if (name === 'form' && this.openForms > 0) return false;
    const closes = OPEN_IMPLIES_CLOSE.get(name);
    if (closes) {
      const { stack } = this;
      while (stack.length > 0 && closes.has(stack[stack.length - 1])) this.pop();
    }
    if (!VOID_ELEMENTS.has(name)) this.push(name);
    return true;
  }

  /** The opening tag's `>` is read: report it (void elements close at once). */
  private finishElement(name: string, attrs: A, selfClosing: boolean): void {
    this.sink.openTag(name, attrs);
    if (VOID_ELEMENTS.has(name)) this.sink.closeTag(name);
    // `/>` closes an element only in SVG/MathML content.
    if (selfClosing && this.inForeignContent() && this.stack[this.stack.length - 1] === name) this.pop();
  }

  /** `<name …>`: returns where the text after it starts. */
  private openingTag(lt: number): number {
    const nameEnd = this.endOfName(lt + 2);
    // Raw-text elements are recognised in HTML content only (in SVG, <style> holds elements).
    const inHtmlContent = !this.inForeignContent();
    if (nameEnd >= this.end) return this.cutInTagName(lt, inHtmlContent);
    const name = this.tagName(lt + 1, nameEnd);
    const reported = this.startElement(name);
    if (this.stack.length > MAX_STACK) return HAND_OVER;
    const attrs = this.newAttributes();
    const gt = this.readAttributes(nameEnd, attrs);
    // Input ending inside the tag drops it (its name stays on the stack).
    if (gt === HAND_OVER || gt >= this.end) return gt;
    if (reported) this.finishElement(name, attrs, this.selfClosing);
    return inHtmlContent ? this.afterOpeningTag(name, gt + 1) : gt + 1;
  }

  /** Index of the first whitespace, `/` or `>` from `from` (or the end of input). */
  private endOfName(from: number): number {
    const { html, end } = this;
    let i = from;
    while (i < end && !isEndOfName(html.charCodeAt(i))) i++;
    return i;
  }

  /**
   * Input that ends inside a tag name drops the tag, but what could still be a raw-text element's
   * name ("<scr" at the very end) is text to htmlparser2.
   */
  private cutInTagName(lt: number, inHtmlContent: boolean): number {
    const rest = this.html.slice(lt + 1);
    const lower = rest.toLowerCase();
    if (inHtmlContent && RAW_TEXT_NAMES.some((name) => name.startsWith(lower))) this.sink.text(rest);
    return this.end;
  }

  /** Set by readAttributes: the tag ended with `/>`. */
  private selfClosing = false;

  /**
   * Reads a tag's attributes from `from` (just after its name) into `attrs`; returns the index of its
   * `>`, the end of input when it has none, or HAND_OVER.
   */
  private readAttributes(from: number, attrs: A): number {
    const { html, end } = this;
    let attributes = 0;
    let i = from;
    this.selfClosing = false;
    while (i < end) {
      const c = html.charCodeAt(i);
      if (c === GT) return i;
      if (c === SLASH) {
        // `/` then `>` ends a self-closing tag; anything else after the `/` starts an attribute.
        do i++;
        while (i < end && isWhitespace(html.charCodeAt(i)));
        if (i >= end) return HAND_OVER;
        if (html.charCodeAt(i) === GT) {
          this.selfClosing = true;
          return i;
        }
      } else if (isWhitespace(c)) i++;
      else {
        if (++attributes > MAX_TAG_ATTRIBUTES) return HAND_OVER;
        i = this.readAttribute(i, attrs);
      }
    }
    return end;
  }

  /**
   * One attribute, `name`, `name=value`, `name="value"` or `name='value'`, from `start`; returns
   * where it ends (the end of input when it is cut). Only wanted attributes are stored, and of a
   * repeated attribute the first.
   */
  private readAttribute(start: number, attrs: A): number {
    const { html, end } = this;
    // The first character of a name can be anything (even `=` or a quote).
    let hash = nameHash(0, html.charCodeAt(start));
    let i = start + 1;
    let c = html.charCodeAt(i);
    for (; i < end && c !== EQUALS && !isEndOfName(c); c = html.charCodeAt(++i)) hash = nameHash(hash, c);
    const name = this.wantedName(hash, start, i);
    while (i < end && isWhitespace(c)) c = html.charCodeAt(++i);
    if (c !== EQUALS) {
      if (name !== undefined && attrs[name] === undefined) (attrs as Attributes)[name] = '';
      return i;
    }
    do c = html.charCodeAt(++i);
    while (i < end && isWhitespace(c));
    let valueStart = i;
    let valueEnd: number;
    if (c === DOUBLE_QUOTE || c === SINGLE_QUOTE) {
      valueStart = i + 1;
      valueEnd = html.indexOf(c === DOUBLE_QUOTE ? '"' : "'", valueStart);
      if (valueEnd < 0) return end;
      i = valueEnd + 1;
    } else {
      // Unquoted: up to whitespace or `>` (a `/` is part of the value).
      while (i < end && c !== GT && !isWhitespace(c)) c = html.charCodeAt(++i);
      valueEnd = i;
    }
    if (i >= end) return end;
    if (name !== undefined && attrs[name] === undefined)
      (attrs as Attributes)[name] = this.attributeValue(valueStart, valueEnd);
    return i;
  }

  /** After an opening tag in HTML content: the text of raw-text elements; returns where the scan goes on. */
  private afterOpeningTag(name: string, start: number): number {
    if (RAW_TEXT.has(name)) return this.rawText(name, start, false);
    if (ESCAPABLE_RAW_TEXT.has(name)) return this.rawText(name, start, true);
    if (name === 'plaintext') {
      // Everything after <plaintext> is text.
      if (start < this.end) this.sink.text(this.html.slice(start));
      return this.end;
    }
    return start;
  }

  private wantedName(hash: number, start: number, end: number): string | undefined {
    const name = this.wanted.get(hash);
    if (name === undefined || name.length !== end - start) return undefined;
    for (let i = 0; i < name.length; i++)
      if (lowerAscii(this.html.charCodeAt(start + i)) !== name.charCodeAt(i)) return undefined;
    return name;
  }

  private attributeValue(start: number, end: number): string {
    const raw = this.html.slice(start, end);
    return this.hasAmpersand(start, end) ? decodeHTMLAttribute(raw) : raw;
  }

  /**
   * The content of a raw-text element up to its end tag (`</name` then whitespace, `/` or `>`, any
   * case), reported as text; returns where the end tag starts (the main loop reads it).
   */
  private rawText(name: string, start: number, decodesEntities: boolean): number {
    const { html, end } = this;
    let close = start;
    for (;;) {
      close = html.indexOf('</', close);
      if (close < 0) {
        close = end;
        break;
      }
      if (this.isEndTagOf(name, close)) break;
      close++;
    }
    // htmlparser2 folds case with `| 0x20`, so it also takes U+001C as `<` and U+000F as `/` here.
    if (hasEndTagLookalikes(html, start, Math.min(close + 1, end))) return HAND_OVER;
    if (close > start) {
      this.sink.text(decodesEntities ? this.escapableRawText(name, start, close) : html.slice(start, close));
    }
    return close;
  }

  private isEndTagOf(name: string, at: number): boolean {
    const { html } = this;
    for (let i = 0; i < name.length; i++)
      if ((html.charCodeAt(at + 2 + i) | 0x20) !== name.charCodeAt(i)) return false;
    return isEndOfName(html.charCodeAt(at + 2 + name.length));
  }

  /**
   * Title/textarea text with entities decoded, except an `&` right after a partial end tag
   * (`<&amp;`, `</ti&amp;`), which htmlparser2's tokenizer leaves as it is.
   */
  private escapableRawText(name: string, start: number, end: number): string {
    const { html } = this;
    if (!this.hasAmpersand(start, end)) return html.slice(start, end);
    const endTag = `</${name}`;
    let out = '';
    let pieceStart = start;
    let matched = 0;
    for (let i = start; i < end; i++) {
      const c = html.charCodeAt(i);
      if (matched === endTag.length) matched = 0;
      if (lowerAscii(c) === endTag.charCodeAt(matched)) matched++;
      else if (matched > 0) {
        if (c === 0x26) {
          out += `${decodeHTML(html.slice(pieceStart, i))}&`;
          pieceStart = i + 1;
        }
        matched = c === LT ? 1 : 0;
      }
    }
    return out + decodeHTML(html.slice(pieceStart, end));
  }

  private closingTag(lt: number): number {
    const { html, end } = this;
    const first = html.charCodeAt(lt + 2);
    // `</>` is nothing; `</ …>` and `</3…>` are bogus comments.
    if (first === GT) return lt + 3;
    if (!isAsciiAlpha(first)) return this.after('>', lt + 3);
    let i = lt + 2;
    let c: number;
    do c = html.charCodeAt(++i);
    while (i < end && !isEndOfName(c));
    if (i >= end) return end;
    this.endElement(this.tagName(lt + 2, i));
    const gt = c === GT ? i : html.indexOf('>', i + 1);
    // htmlparser2 reports odd leftover text when the input ends here.
    return gt < 0 ? HAND_OVER : gt + 1;
  }

  /** htmlparser2's Parser.onclosetag. */
  private endElement(name: string): void {
    if (VOID_ELEMENTS.has(name)) {
      // `</br>` is a line break; other void end tags are ignored.
      if (name === 'br') {
        this.sink.openTag('br', this.newAttributes());
        this.sink.closeTag('br');
      }
      return;
    }
    const { stack } = this;
    const at = stack.lastIndexOf(name);
    if (at >= 0) {
      while (stack.length > at) this.pop();
    } else if (name === 'p') {
      // `</p>` without an open <p> is an empty paragraph.
      this.startElement('p');
      this.sink.openTag('p', this.newAttributes());
      if (stack[stack.length - 1] === 'p') this.pop();
    }
  }
}

function hasEndTagLookalikes(html: string, start: number, end: number): boolean {
  if (end - start < 64) {
    for (let i = start; i < end; i++) {
      const c = html.charCodeAt(i);
      if (c === 0x0f || c === 0x1c) return true;
    }
    return false;
  }
  // A slice shares the page's characters; the native search is much faster than a loop.
  const content = html.slice(start, end);
  return content.includes('\u000f') || content.includes('\u001c');
}

/** End of a comment: `-->`, or `--!>` as browsers also accept. */
const COMMENT_END = /--!?>/g;
