import { describe, expect, it } from 'vitest';
import { NewsBiteError } from '../../errors.js';
import { parseFeed } from './index.js';

const rss2 = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; Co</title><link>http://example.com/</link><description>News</description>
  <language>en</language><ttl>30</ttl>
  <item>
    <title>First</title><link>http://example.com/1</link><guid isPermaLink="false">id-1</guid>
    <pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate><dc:creator>Ann</dc:creator>
    <category>Politics</category>
    <description>&lt;p&gt;Teaser&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full <b>body</b></p>]]></content:encoded>
    <enclosure url="http://example.com/a.mp3" type="audio/mpeg" length="1234"/>
  </item>
</channel></rss>`;

describe('parseFeed formats', () => {
  it('reads RSS 2.0', () => {
    const feed = parseFeed(rss2);
    expect(feed).toMatchObject({
      format: 'rss',
      title: 'Example & Co',
      link: 'http://example.com/',
      language: 'en',
      ttl: 30,
    });
    expect(feed.entries).toHaveLength(1);
    expect(feed.entries[0]).toMatchObject({
      id: 'id-1',
      title: 'First',
      link: 'http://example.com/1',
      published: '2003-06-10T04:00:00Z',
      author: 'Ann',
      categories: ['Politics'],
      summary: '<p>Teaser</p>',
      content: '<p>Full <b>body</b></p>',
      enclosures: [{ url: 'http://example.com/a.mp3', type: 'audio/mpeg', length: 1234 }],
    });
  });

  it('reads RSS 1.0 (RDF) with items beside the channel', () => {
    const feed =
      parseFeed(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="http://example.com/"><title>RDF</title><link>http://example.com/</link></channel>
      <item rdf:about="http://example.com/a"><title>A</title><link>http://example.com/a</link><dc:date>2004-01-01T00:00:00Z</dc:date></item>
      <item rdf:about="http://example.com/b"><title>B</title></item>
    </rdf:RDF>`);
    expect(feed.format).toBe('rdf');
    expect(feed.entries.map((e) => e.title)).toEqual(['A', 'B']);
    expect(feed.entries[0].published).toBe('2004-01-01T00:00:00Z');
    expect(feed.entries[1]).toMatchObject({ id: 'http://example.com/b', link: 'http://example.com/b' });
  });

  it('reads RSS 0.91 without namespaces', () => {
    const feed = parseFeed(
      '<rss version="0.91"><channel><title>Old</title><item><title>x</title><link>http://e.com/x</link></item></channel></rss>',
    );
    expect(feed.entries[0].link).toBe('http://e.com/x');
  });

  it('reads Atom 1.0 with xhtml content and rel choice', () => {
    const feed =
      parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &amp;lt;b&amp;gt; title</title>
      <link rel="self" href="http://example.com/feed"/><link href="http://example.com/"/>
      <updated>2024-01-01T00:00:00Z</updated><author><name>Desk</name></author>
      <entry><id>urn:x:1</id><title>E1</title><link rel="alternate" type="text/html" href="http://example.com/1"/>
        <link rel="enclosure" href="http://example.com/1.mp3" length="10"/>
        <published>2024-01-01T10:00:00+02:00</published><updated>2024-01-02T00:00:00Z</updated>
        <category term="tech"/><summary>Plain &lt;teaser&gt;</summary>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <em>world</em></p></div></content>
      </entry></feed>`);
    expect(feed).toMatchObject({
      format: 'atom',
      title: 'A <b> title',
      link: 'http://example.com/',
      updated: '2024-01-01T00:00:00Z',
    });
    expect(feed.entries[0]).toMatchObject({
      id: 'urn:x:1',
      link: 'http://example.com/1',
      published: '2024-01-01T08:00:00Z',
      updated: '2024-01-02T00:00:00Z',
      author: 'Desk',
      categories: ['tech'],
      summary: 'Plain &lt;teaser&gt;',
      summaryType: 'text',
      content: '<p>Hello <em>world</em></p>',
      enclosures: [{ url: 'http://example.com/1.mp3', length: 10 }],
    });
  });

  it('reads Atom 0.3 with escaped and base64 content', () => {
    const feed = parseFeed(`<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
      <entry><title>E</title><issued>2003-12-31T10:14:55Z</issued>
        <summary type="text/html" mode="escaped">&lt;b&gt;bold&lt;/b&gt;</summary>
        <content type="text/html" mode="base64">${Buffer.from('<i>decoded</i>').toString('base64')}</content>
      </entry></feed>`);
    expect(feed.entries[0]).toMatchObject({
      published: '2003-12-31T10:14:55Z',
      summary: '<b>bold</b>',
      content: '<i>decoded</i>',
    });
  });

  it('reads JSON Feed 1.1 and 1.0', () => {
    const feed = parseFeed(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON',
        home_page_url: 'https://example.org/',
        authors: [{ name: 'Desk' }],
        items: [
          {
            id: 7,
            url: 'https://example.org/a',
            title: 'A',
            content_html: '<p onclick="x()">Hi</p>',
            date_published: '2024-01-01T00:00:00Z',
            tags: ['t'],
            attachments: [{ url: 'https://example.org/a.mp3', mime_type: 'audio/mpeg', size_in_bytes: 5 }],
          },
          { id: 'b', content_text: 'Plain <text>', author: { name: 'Old' } },
        ],
      }),
    );
    expect(feed).toMatchObject({ format: 'json', title: 'JSON', link: 'https://example.org/' });
    expect(feed.entries[0]).toMatchObject({
      id: '7',
      content: '<p>Hi</p>',
      author: 'Desk',
      categories: ['t'],
      published: '2024-01-01T00:00:00Z',
    });
    expect(feed.entries[0].enclosures).toEqual([
      { url: 'https://example.org/a.mp3', type: 'audio/mpeg', length: 5 },
    ]);
    expect(feed.entries[1]).toMatchObject({
      id: 'b',
      content: 'Plain &lt;text&gt;',
      contentType: 'text',
      author: 'Old',
    });
  });
});

describe('parseFeed tolerance', () => {
  it('decodes undeclared HTML entities and a bare ampersand', () => {
    const feed = parseFeed(
      '<rss><channel><title>Caf&eacute; &mdash; Tom & Jerry</title><item><title>It&rsquo;s</title><link>http://e.com/?a=1&b=2</link></item></channel></rss>',
    );
    expect(feed.title).toBe('Café — Tom & Jerry');
    expect(feed.entries[0]).toMatchObject({ title: 'It’s', link: 'http://e.com/?a=1&b=2' });
  });

  it('keeps double escaping as written', () => {
    const feed = parseFeed('<rss><channel><item><title>AT&amp;amp;T</title></item></channel></rss>');
    expect(feed.entries[0].title).toBe('AT&T');
  });

  it('skips junk before <?xml and survives a truncated document', () => {
    const feed = parseFeed(
      '<br /><b>Warning</b>: headers sent<br />\n<?xml version="1.0"?><rss><channel><title>T</title><item><title>One</title></item><item><title>Tw',
    );
    expect(feed.title).toBe('T');
    expect(feed.entries[0].title).toBe('One');
  });

  it('reads items outside the channel, upper-case tags and Atom without a namespace', () => {
    expect(
      parseFeed('<rss><channel><title>C</title></channel><item><title>Stray</title></item></rss>').entries[0]
        .title,
    ).toBe('Stray');
    expect(
      parseFeed('<RSS><CHANNEL><TITLE>Up</TITLE><ITEM><TITLE>U1</TITLE></ITEM></CHANNEL></RSS>').title,
    ).toBe('Up');
    expect(
      parseFeed(
        '<feed><title>No NS</title><entry><title>E</title><link href="http://e.com/1"/></entry></feed>',
      ).entries[0].link,
    ).toBe('http://e.com/1');
  });
});

describe('relative URLs', () => {
  it('resolves links and content URLs against xml:base, inherited', () => {
    const feed = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/parent/">
      <entry xml:base="child/"><link href="page.html"/>
        <content type="html">&lt;a href="x.html"&gt;x&lt;/a&gt; &lt;img src="/i.png"&gt;</content></entry></feed>`);
    expect(feed.entries[0].link).toBe('http://example.com/parent/child/page.html');
    expect(feed.entries[0].content).toBe(
      '<a href="http://example.com/parent/child/x.html">x</a> <img src="http://example.com/i.png" />',
    );
  });

  it('uses the document URL (or Content-Location) when there is no xml:base', () => {
    const doc =
      '<rss><channel><link>/</link><item><link>/a</link><description>&lt;a href="b"&gt;b&lt;/a&gt;</description></item></channel></rss>';
    const feed = parseFeed(doc, { url: 'https://news.example/feeds/main.xml' });
    expect(feed.link).toBe('https://news.example/');
    expect(feed.entries[0].link).toBe('https://news.example/a');
    expect(feed.entries[0].summary).toBe('<a href="https://news.example/feeds/b">b</a>');
    const moved = parseFeed(doc, {
      url: 'https://a.example/x',
      headers: { 'Content-Location': 'https://b.example/y/' },
    });
    expect(moved.entries[0].link).toBe('https://b.example/a');
  });

  it('ignores a javascript: xml:base', () => {
    const feed = parseFeed(`<feed xmlns="http://www.w3.org/2005/Atom"><entry xml:base="http://example.com/">
      <content type="xhtml" xml:base="javascript:alert(1)//"><div xmlns="http://www.w3.org/1999/xhtml"><a href="t.html">t</a></div></content></entry></feed>`);
    expect(feed.entries[0].content).toBe('<a href="http://example.com/t.html">t</a>');
  });
});

describe('sanitizing', () => {
  const summaryOf = (html: string) =>
    parseFeed(`<rss><channel><item><description><![CDATA[${html}]]></description></item></channel></rss>`)
      .entries[0].summary ?? '';
  it.each([
    ['<p>ok</p><script>alert(1)</script>', /<script|alert/],
    ['<img src="http://e.com/x.png" onerror="alert(1)">', /onerror/],
    ['<a href="javascript:alert(1)">x</a>', /javascript/],
    ['<a href="jav&#x61;script:alert(1)">x</a>', /script:/],
    ['<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', /data:/],
    ['<svg onload="alert(1)"><circle r="1"/></svg>', /onload/],
    ['<form action="http://evil.example/"><input type="password" name="p"></form>', /<form|password/],
    ['<math><mrow xlink:href="javascript:alert(1)">x</mrow></math>', /javascript/],
    [
      '<iframe src="http://evil.example/"></iframe><object data="x"></object><embed src="x">',
      /<iframe|<object|<embed/,
    ],
    ['<p style="width: expression(alert(1)); background: url(http://e.com/x)">x</p>', /expression|url\(/],
    [
      '<base href="http://evil.example/"><meta http-equiv="refresh" content="0"><link rel="stylesheet" href="x">',
      /<base|<meta|<link/,
    ],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>', /<img[^>]*onerror/],
  ])('removes the danger in %s', (html, danger) => {
    expect(summaryOf(html)).not.toMatch(danger);
  });

  it('keeps safe markup, attributes and inline SVG', () => {
    const out = summaryOf(
      '<p class="x" title="t"><a href="http://e.com/" rel="nofollow">a</a> <em>e</em></p><table><tr><td colspan="2">c</td></tr></table><svg width="10"><circle r="1"/></svg>',
    );
    expect(out).toContain(
      '<p class="x" title="t"><a href="http://e.com/" rel="nofollow">a</a> <em>e</em></p>',
    );
    expect(out).toContain('<td colspan="2">c</td>');
    expect(out).toMatch(/<svg width="10" xmlns="http:\/\/www.w3.org\/2000\/svg"><circle r="1" \/><\/svg>/);
  });

  it('keeps only inert comments', () => {
    expect(summaryOf('<p>a</p><!-- note -->')).toBe('<p>a</p><!-- note -->');
    expect(summaryOf('<!-- <img src=x onerror=alert(1)> --><p>a</p>')).toBe('<p>a</p>');
    expect(summaryOf('<noscript><!-- </noscript><img src=x> --></noscript>')).not.toContain('<img');
  });

  it('drops a javascript: entry link', () => {
    expect(
      parseFeed('<rss><channel><item><link>javascript:alert(1)</link></item></channel></rss>').entries[0]
        .link,
    ).toBeUndefined();
  });
});

describe('hostile input', () => {
  it('does not expand billion laughs', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join(
      '',
    );
    const feed = parseFeed(
      `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${lol}]><rss><channel><title>&lol9;</title></channel></rss>`,
    );
    expect((feed.title ?? '').length).toBeLessThan(1000);
  });

  it('never reads external entities (XXE)', () => {
    const feed = parseFeed(
      '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><title>A &xxe;</title></channel></rss>',
    );
    expect(feed.title).not.toMatch(/root:/);
  });

  it('expands a simple internal entity within a bounded budget', () => {
    const feed = parseFeed(
      `<!DOCTYPE rss [<!ENTITY id "tag:example.com,">]><rss><channel><item><guid>&id;2006</guid></item></channel></rss>`,
    );
    expect(feed.entries[0].id).toBe('tag:example.com,2006');
    const big = 'A'.repeat(100_000);
    const blowup = parseFeed(
      `<!DOCTYPE rss [<!ENTITY a "${big}">]><rss><channel><item><description>${'&a;'.repeat(1000)}</description></item></channel></rss>`,
    );
    expect((blowup.entries[0].summary ?? '').length).toBeLessThanOrEqual(1_100_000);
  });

  it('survives 100,000 nested elements and 50,000 attributes', () => {
    const deep = parseFeed(
      `<rss><channel><title>Deep</title><item><title>t</title>${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</item></channel></rss>`,
    );
    expect(deep.entries[0].title).toBe('t');
    const attrs = Array.from({ length: 50_000 }, (_, i) => `a${i}="v"`).join(' ');
    const many = parseFeed(`<rss><channel><item ${attrs}><title>m</title></item></channel></rss>`);
    expect(many.entries[0].title).toBe('m');
  });

  it('does not pollute Object.prototype', () => {
    parseFeed(
      '{"version":"https://jsonfeed.org/version/1.1","__proto__":{"polluted":1},"items":[{"id":"1","__proto__":{"polluted":2}}]}',
    );
    parseFeed(
      '<rss __proto__="x" constructor="y"><channel><item __proto__="z"><title>p</title></item></channel></rss>',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('size', () => {
  it('reads a generated 10,000-item feed', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>Item ${i}</title><link>https://example.com/${i}</link><pubDate>Mon, 01 Jan 2024 00:00:00 +0000</pubDate></item>`,
    ).join('');
    const feed = parseFeed(`<rss version="2.0"><channel><title>Many</title>${items}</channel></rss>`);
    expect(feed.entries).toHaveLength(10_000);
    expect(feed.entries[9999]).toMatchObject({ title: 'Item 9999', link: 'https://example.com/9999' });
  });
});

describe('not a feed', () => {
  const codeOf = (input: string) => {
    try {
      parseFeed(input, { url: 'https://example.com/page' });
    } catch (error) {
      return error;
    }
    return undefined;
  };
  it.each([
    ['<!DOCTYPE html><html><head><title>Hi</title></head><body><p>Hello</p></body></html>', /HTML page/],
    ['', /empty/],
    ['   \n ', /empty/],
    ['{"hello": "world"}', /JSON/],
    ['<?xml version="1.0"?><opml version="2.0"><body/></opml>', /<opml>/],
    ['just some text', /no XML elements/],
  ])('refuses %j with NOT_A_FEED', (input, message) => {
    const error = codeOf(input);
    expect(error).toBeInstanceOf(NewsBiteError);
    expect((error as NewsBiteError).code).toBe('NOT_A_FEED');
    expect((error as NewsBiteError).message).toMatch(message);
    expect((error as NewsBiteError).message).toContain('https://example.com/page');
  });
});
