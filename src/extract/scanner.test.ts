/**
 * The scanner must give exactly htmlparser2's events (the tree builder's input), so the extractor's
 * output does not depend on which of the two parsed a page. Checked on real pages, on the same
 * pages cut and mangled, and on snippets of awkward markup.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { type Attributes, type ScanSink, scanHtml } from './scanner.js';

const WANTED = [
  'id',
  'class',
  'href',
  'src',
  'alt',
  'rel',
  'content',
  'name',
  'property',
  'type',
  'lang',
  'data-src',
];
const newAttributes = (): Attributes => Object.fromEntries(WANTED.map((name) => [name, undefined]));

/** Events as comparable strings; consecutive text events are merged (the tree builder merges them). */
function recorder(): ScanSink & { events: string[]; done(): string[] } {
  const events: string[] = [];
  let text: string | undefined;
  const flush = () => {
    if (text !== undefined) events.push(`text ${JSON.stringify(text)}`);
    text = undefined;
  };
  return {
    events,
    openTag(name, attrs: Attributes) {
      flush();
      const read = WANTED.filter((k) => attrs[k] !== undefined).map((k) => [k, attrs[k]]);
      events.push(`<${name} ${JSON.stringify(read)}>`);
    },
    closeTag(name) {
      flush();
      events.push(`</${name}>`);
    },
    text(t) {
      if (t === '') events.push('empty text');
      text = (text ?? '') + t;
    },
    done() {
      flush();
      return events;
    },
  };
}

/** htmlparser2 as tree.ts's fallback drives it (16 KB chunks). */
function parserEvents(html: string): string[] {
  const r = recorder();
  const parser = new Parser(
    { onopentag: (n, a) => r.openTag(n, a), onclosetag: (n) => r.closeTag(n), ontext: (t) => r.text(t) },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );
  for (let i = 0; i < html.length; i += 16 * 1024) parser.write(html.slice(i, i + 16 * 1024));
  parser.end();
  return r.done();
}

/** The scanner's events, or undefined when it hands the input over to htmlparser2. */
function scannerEvents(html: string): string[] | undefined {
  const r = recorder();
  return scanHtml(html, r, newAttributes) ? r.done() : undefined;
}

function expectSameEvents(html: string): void {
  const scanned = scannerEvents(html);
  if (scanned) expect(scanned).toEqual(parserEvents(html));
}

const SNIPPETS = [
  '<p>one<p>two<div>three</p>four</div>',
  '<ul><li>a<li>b</ul><dl><dt>x<dd>y</dl><table><tr><td>1<td>2<tr><th>3</table>',
  '<h1>a<h2>b</h1>c</h2><a href=x>1<a href=y>2</a>',
  '<form><form><input></form></form>x</p></br><br/>',
  '<select><option>a<option>b<optgroup>c</select><button><button>',
  '<div class="a" CLASS="b" Id=\'q\' data-src=/x/y.png hidden>t</div>',
  '<a href="?a=1&amp;b=2&copy=3&notit;&#x41;&#65">&amp;&lt;&notit;&#x1F600;&#0;&#128;&</a>',
  '<img src=a.png alt="x"/><img src=b.png / alt=y><a / b><a ="v"><a b =  c d>e</a>',
  '<script>if (a<b) {}</scr</script x><style>p</STYLE ><title>T &amp; <&amp; </ti&lt;</title >',
  '<textarea><p>not a tag</textarea><xmp><b></xmp><iframe><i></iframe><noembed>n</noembed>',
  '<script type="application/ld+json">{"@type":"NewsArticle"}</script><noscript><p>x</p></noscript>',
  '<!-- c --><!-->x<!--->y<!---->z<!-- a --!> b --><!doctype html><!x><!-y><?php x ?><![CDATA[q]]>',
  '<svg><style>a<b>c</b></style><path/><clipPath></clippath><![CDATA[x<y]]><foreignObject><p>h</p></foreignObject></svg>',
  '<svg><title><script>x</script></title><desc><style>s</style></desc></svg><svg/>after<math><mi><b>m</b></mi></math>',
  '<image src=i.png><svg><image href=j.png/></svg><IMG SRC=K.PNG>',
  'a < b <3 </> </ x> </3> <<p>>',
  '<html lang=en><head><meta name=a content="b&amp;c"><link rel=canonical href=/x></head><body>t</body></html>',
  '<plaintext><p>all text</p>',
  '<p>a</p ><p>b</p\n><p>c</p/>',
  '<lin\u212A rel=x href=y><sc\u212Aipt>z</script><ab\u0130c>d',
  // Input ending in each kind of construct.
  '<p>x<scr',
  '<p>x<s',
  '<p>x<title',
  '<p>x<div',
  '<p>x<div class="a',
  '<p>x<div class=a ',
  '<p>x</',
  '<p>x</div',
  '<p>x<',
  '<p>x<!',
  '<p>x<!--y',
  '<p>x<![CDATA[y',
  '<p>x<script>y</scr',
  '<p>x<title>a &amp',
  '<p>x &amp',
];

describe('scanner: the same events as htmlparser2', () => {
  it('on awkward snippets', () => {
    for (const html of SNIPPETS) {
      const scanned = scannerEvents(html);
      expect(scanned, html).toBeDefined();
      expect(scanned, html).toEqual(parserEvents(html));
    }
  });

  const fixture = path.resolve(
    path.dirname(fileURLToPath(import.meta.url)),
    '../../test/fixtures/extract/metadata-pages.jsonl.gz',
  );
  const pages: { html: string }[] = zlib
    .gunzipSync(fs.readFileSync(fixture))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

  it('on real pages', () => {
    for (const { html } of pages) {
      expect(scannerEvents(html)).toBeDefined();
      expectSameEvents(html);
    }
  });

  it('on real pages cut anywhere and mangled with awkward snippets', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const pieces = SNIPPETS.flatMap((s) => [s, s.slice(0, random(s.length + 1))]).concat([
      '<',
      '>',
      '"',
      "'",
      '/',
    ]);
    for (const { html } of pages) {
      for (let k = 0; k < 6; k++) {
        let mangled = html;
        for (let i = 0; i < 1 + random(12); i++) {
          const at = random(mangled.length + 1);
          mangled = mangled.slice(0, at) + pieces[random(pieces.length)] + mangled.slice(at);
        }
        expectSameEvents(
          mangled.slice(k % 2 ? random(mangled.length) : 0, k > 2 ? random(mangled.length + 1) : undefined),
        );
      }
    }
  });

  it('hands over what it does not model to htmlparser2', () => {
    expect(scannerEvents(`${'<div>'.repeat(3000)}x`)).toBeUndefined();
    expect(
      scannerEvents(`<div ${Array.from({ length: 1200 }, (_, i) => `a${i}`).join(' ')}>`),
    ).toBeUndefined();
    expect(scannerEvents('<p>x<br /')).toBeUndefined();
    expect(scannerEvents('<p>x</p ')).toBeUndefined();
    expect(scannerEvents('<script>a\u001c/script>b</script>')).toBeUndefined();
    expect(scannerEvents('<title>a<\u000ftitle>b</title>')).toBeUndefined();
    // Control characters outside raw text are ordinary text.
    expect(scannerEvents('<p>a\u001c/p>\u000f</p>')).toBeDefined();
  });
});
