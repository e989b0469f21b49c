import { describe, expect, it } from 'vitest';
import { extract } from './index.js';

const para = (n: number) =>
  `<p>Paragraph ${n} of the report explains, in plain words and with enough detail, what the council decided on Tuesday.</p>`;

const page = (body: string, head = '') =>
  `<!doctype html><html lang="en-GB"><head><title>Council votes - Town Times</title>${head}</head><body>${body}</body></html>`;

describe('extract: body', () => {
  const html = page(`
    <header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
    <div class="share-bar"><a href="https://twitter.com/share">Tweet</a><a href="https://facebook.com/share">Share</a></div>
    <article>
      <h1>Council votes to keep the library open</h1>
      <p class="byline">By Jane Doe</p>
      ${para(1)}
      <figure><img src="/img/library.jpg" alt="The library"><figcaption>The library on Main Street. <span class="credit">Photo: John Roe</span></figcaption></figure>
      ${para(2)}
      <h2>What happens next</h2>
      <ul><li>The budget goes to a second vote in May.</li><li>Opening hours stay the same.</li></ul>
      <blockquote><p>We listened to the town.</p></blockquote>
      ${para(3)}
      <div class="newsletter-signup"><p>Sign up for our morning newsletter and get the news first, every day of the week.</p></div>
      <aside class="related"><h3>Related</h3><ul><li><a href="/a">Library fees rise</a></li><li><a href="/b">Mayor re-elected</a></li></ul></aside>
    </article>
    <section id="comments"><div class="comment"><p>Reader comment that goes on about something else entirely and is long enough to look like text.</p></div></section>
    <footer><p>© 2024 Town Times. All rights reserved.</p></footer>`);
  const a = extract(html, 'https://towntimes.example/2024/03/05/library');

  it('keeps the article paragraphs in order and drops furniture', () => {
    expect(a.text).toMatch(/Paragraph 1[\s\S]*Paragraph 2[\s\S]*Paragraph 3/);
    for (const junk of [
      'Home',
      'Tweet',
      'Sign up',
      'Library fees rise',
      'Reader comment',
      'All rights reserved',
      'By Jane Doe',
    ]) {
      expect(a.text).not.toContain(junk);
    }
  });

  it('keeps structure: heading, list, quote, image with caption and credit', () => {
    expect(a.blocks).toContainEqual({ kind: 'heading', level: 2, text: 'What happens next' });
    expect(a.blocks).toContainEqual({
      kind: 'list',
      ordered: false,
      items: ['The budget goes to a second vote in May.', 'Opening hours stay the same.'],
    });
    expect(a.blocks.some((b) => b.kind === 'quote' && b.text === 'We listened to the town.')).toBe(true);
    const image = a.blocks.find((b) => b.kind === 'image');
    expect(image).toMatchObject({
      src: 'https://towntimes.example/img/library.jpg',
      alt: 'The library',
      caption: 'The library on Main Street.',
      credit: 'Photo: John Roe',
    });
    expect(a.text).not.toContain('Main Street');
  });

  it('does not repeat the headline in the body', () => {
    expect(a.headline).toBe('Council votes to keep the library open');
    expect(a.blocks.some((b) => b.kind === 'heading' && b.level === 1)).toBe(false);
  });

  it('records what it removed and why', () => {
    const reasons = new Set(a.diagnostics.removed.map((r) => r.reason));
    expect(reasons.has('newsletter')).toBe(true);
    expect(reasons.has('comments')).toBe(true);
    expect(a.diagnostics.removed.find((r) => r.text.includes('Sign up'))?.reason).toBe('newsletter');
    expect(a.diagnostics.extractor).toBe('newsbite');
  });

  it('renders text with block boundaries and HTML from the blocks', () => {
    expect(a.text).toContain('\n\nWhat happens next\n\n');
    expect(a.html).toContain('<h2>What happens next</h2>');
    expect(a.html).toContain('<figcaption>');
    expect(a.html).not.toContain('<script');
  });

  it('separates blocks of minified markup', () => {
    const b = extract(
      page(
        `<article><div>${para(1)}<p>Second paragraph is here and it is long enough to count as text.</p><div>Third block written as loose text in a div, also long enough to count.</div></div></article>`,
      ),
    );
    expect(b.text).toContain('Tuesday.\n\nSecond paragraph');
    expect(b.text).toContain('count as text.\n\nThird block');
  });

  it('drops teaser rivers of other stories', () => {
    const teasers = Array.from(
      { length: 5 },
      (_, i) =>
        `<div class="card"><h3><a href="/story-${i}">Other story number ${i}</a></h3><p>Summary of another story, number ${i}, which is not part of this article at all.</p></div>`,
    ).join('');
    const b = extract(
      page(`<main><article>${para(1)}${para(2)}${para(3)}</article><section>${teasers}</section></main>`),
    );
    expect(b.text).toContain('Paragraph 3');
    expect(b.text).not.toContain('Summary of another story');
  });
});

describe('extract: script-rendered pages', () => {
  it('falls back to JSON-LD articleBody when the HTML body is empty', () => {
    const body = [
      'First paragraph of a story that the page only renders with JavaScript, long enough to matter here.',
      'Second paragraph of the same story, which a reader without JavaScript would never see on the page.',
      'Third paragraph, so that the JSON-LD body is clearly longer than anything in the empty HTML shell.',
      'Fourth paragraph closes the story with a quote from the mayor about the new library opening hours.',
      'Fifth paragraph adds the date of the next council meeting, when the budget will be voted on again.',
    ].join('\n');
    const ld = { '@type': 'NewsArticle', headline: 'Shell page', articleBody: body };
    const a = extract(
      page(
        '<div id="__next"><nav><a href="/">Home</a></nav></div>',
        `<script type="application/ld+json">${JSON.stringify(ld)}</script>`,
      ),
    );
    expect(a.blocks).toHaveLength(5);
    expect(a.text).toContain('Second paragraph of the same story');
    expect(a.diagnostics.extractor).toMatch(/JSON-LD/);
  });
});

describe('extract: old table layouts', () => {
  it('finds <br>-separated text in a layout table and drops the side columns and byline line', () => {
    const html = `<html><head><title>City council approves new park - The Gazette</title></head><body>
<table width="100%"><tr><td colspan=3><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sports">Sports</a></td></tr>
<tr><td width="150"><a href="/a">Local</a><br><a href="/b">National</a><br><a href="/c">Weather</a><br><a href="/d">Classifieds</a></td>
<td><font size="4"><b>City council approves new park</b></font><br><font size=2>By John Smith, Staff Writer</font><br><br>
<font size="2">The city council voted 5-2 on Monday night to approve a new park on the east side of town, ending a long debate.<br><br>
Supporters said the park would give children a safe place to play, while opponents worried about the cost.</font>
<br><br><font size=1>Copyright 2003 The Gazette. All rights reserved.</font></td>
<td width="160"><b>Related stories</b><br><a href="/x">Park board meets</a><br><a href="/y">Budget debate continues</a></td></tr></table></body></html>`;
    const a = extract(html, 'http://gazette.example/news/2003/05/12/park.html');
    expect(a.text).toMatch(/^The city council voted[\s\S]*worried about the cost\.$/);
    expect(a.headline).toBe('City council approves new park');
    expect(a.authors).toEqual(['John Smith']);
    expect(a.published).toBe('2003-05-12');
  });
});

describe('extract: metadata', () => {
  it('reads JSON-LD inside @graph first', () => {
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Town Times' },
        {
          '@type': 'NewsArticle',
          headline: 'Council votes to keep the library open',
          description: 'The vote was close.',
          datePublished: '2024-03-05T09:30:00+01:00',
          dateModified: '2024-03-05T12:00:00+01:00',
          author: [
            { '@type': 'Person', name: 'Jane Doe' },
            { '@type': 'Person', name: 'John Roe' },
          ],
          publisher: { '@type': 'Organization', name: 'Town Times' },
          articleSection: 'Local',
          keywords: 'library, council',
          image: { '@type': 'ImageObject', url: 'https://towntimes.example/lead.jpg' },
        },
      ],
    };
    const a = extract(
      page(
        `<article><h1>Council votes to keep the library open</h1>${para(1)}</article>`,
        `<script type="application/ld+json">${JSON.stringify(ld)}</script><meta property="og:title" content="Something else">`,
      ),
      'https://towntimes.example/news/library',
    );
    expect(a).toMatchObject({
      headline: 'Council votes to keep the library open',
      standfirst: 'The vote was close.',
      authors: ['Jane Doe', 'John Roe'],
      published: '2024-03-05T08:30:00.000Z',
      updated: '2024-03-05T11:00:00.000Z',
      siteName: 'Town Times',
      section: 'Local',
      keywords: ['library', 'council'],
      leadImage: 'https://towntimes.example/lead.jpg',
      language: 'en-GB',
    });
  });

  it('falls back to OpenGraph and <meta>, then the page, then the URL, then hints', () => {
    const og = extract(
      page(
        para(1),
        '<meta property="og:title" content="Library saved | Town Times"><meta property="og:site_name" content="Town Times"><meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-05T10:00:00Z"><link rel="canonical" href="https://towntimes.example/library">',
      ),
      'https://towntimes.example/library?utm=x',
    );
    expect(og).toMatchObject({
      headline: 'Library saved',
      authors: ['Jane Doe'],
      published: '2024-03-05T10:00:00.000Z',
      canonicalUrl: 'https://towntimes.example/library',
    });
    expect(og.original).toBeUndefined();

    const inPage = extract(
      page(
        `<h1>Library saved</h1><div class="byline">By Jane Doe and John Roe</div><time datetime="2024-03-05">5 March</time>${para(1)}`,
      ),
    );
    expect(inPage.authors).toEqual(['Jane Doe', 'John Roe']);
    expect(inPage.published).toBe('2024-03-05');

    const fromUrl = extract(page(para(1)), 'https://towntimes.example/2024/03/05/library-saved');
    expect(fromUrl.published).toBe('2024-03-05');

    const hinted = extract(page(para(1)), 'https://towntimes.example/library', {
      published: '2024-03-06T08:00:00Z',
      authors: ['By Jane Doe'],
    });
    expect(hinted.published).toBe('2024-03-06T08:00:00.000Z');
    expect(hinted.authors).toEqual(['Jane Doe']);
  });

  it('marks syndicated copies: canonical on another site, isBasedOn, "Originally published" lines', () => {
    const canonical = extract(
      page(para(1), '<link rel="canonical" href="https://www.original-paper.example/story/123">'),
      'https://aggregator.example/copy/9',
    );
    expect(canonical.original?.url).toBe('https://www.original-paper.example/story/123');

    const based = extract(
      page(
        para(1),
        `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'H', isBasedOn: 'https://wire.example/a/1' })}</script>`,
      ),
      'https://copy.example/a',
    );
    expect(based.original?.url).toBe('https://wire.example/a/1');

    const line = extract(
      page(`${para(1)}${para(2)}<p>This article was originally published in The Conversation.</p>`),
      'https://copy.example/b',
    );
    expect(line.original?.publisher).toBe('The Conversation');
    expect(line.text).not.toContain('originally published');
  });
});
