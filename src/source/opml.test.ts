import { describe, expect, it } from 'vitest';
import { NewsBiteError } from '../errors.js';
import { parseOpml, writeOpml } from './opml.js';

const sample = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
  <outline text="News" title="News">
    <outline text="Tech">
      <outline type="rss" text="Tech Daily" xmlUrl="https://tech.example/feed" htmlUrl="https://tech.example/"/>
    </outline>
    <outline type="rss" text="World" xmlUrl="https://world.example/rss"/>
  </outline>
  <outline type="rss" title="Loose &amp; Free" xmlUrl="https://loose.example/atom.xml" category="/Blogs/Personal"/>
  <outline text="No URL here"/>
</body></opml>`;

describe('parseOpml', () => {
  it('reads nested outlines as category paths', () => {
    expect(parseOpml(sample)).toEqual({
      title: 'My feeds',
      outlines: [
        {
          url: 'https://tech.example/feed',
          title: 'Tech Daily',
          siteUrl: 'https://tech.example/',
          category: 'News/Tech',
        },
        { url: 'https://world.example/rss', title: 'World', category: 'News' },
        { url: 'https://loose.example/atom.xml', title: 'Loose & Free', category: 'Blogs/Personal' },
      ],
    });
  });

  it('tolerates broken OPML (bare &, undeclared entities, unclosed tags, duplicates)', () => {
    const broken = `<opml><body><outline text="A & B&nbsp;news" xmlUrl="https://a.example/?x=1&y=2">
      <outline text="dup" xmlUrl="https://a.example/?x=1&y=2"/>`;
    expect(parseOpml(broken).outlines).toEqual([
      { url: 'https://a.example/?x=1&y=2', title: 'A & B\u00a0news' },
    ]);
  });

  it('refuses a document that is not OPML, saying what it found', () => {
    expect(() => parseOpml('<rss><channel/></rss>')).toThrowError(/root element is <rss>/);
    try {
      parseOpml('hello');
    } catch (error) {
      expect(error).toBeInstanceOf(NewsBiteError);
      expect((error as NewsBiteError).code).toBe('INPUT_INVALID');
    }
  });
});

describe('writeOpml', () => {
  it('writes escaped OPML 2.0 that reads back the same', () => {
    const feeds = [
      {
        url: 'https://a.example/feed?x=1&y="2"',
        title: 'A <&> "quoted"',
        siteUrl: 'https://a.example/',
        category: 'News/Tech',
      },
      { url: 'https://b.example/rss', category: 'News' },
      { url: 'https://c.example/atom' },
    ];
    const xml = writeOpml({ title: 'Mine & yours', feeds, dateCreated: new Date('2024-01-01T00:00:00Z') });
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect(xml).toContain('<title>Mine &amp; yours</title>');
    expect(xml).toContain('<dateCreated>Mon, 01 Jan 2024 00:00:00 GMT</dateCreated>');
    expect(xml).not.toMatch(/title="A <&>/);
    const back = parseOpml(xml);
    expect(back.title).toBe('Mine & yours');
    expect(back.outlines).toEqual([
      {
        url: 'https://a.example/feed?x=1&y="2"',
        title: 'A <&> "quoted"',
        siteUrl: 'https://a.example/',
        category: 'News/Tech',
      },
      { url: 'https://b.example/rss', title: 'https://b.example/rss', category: 'News' },
      { url: 'https://c.example/atom', title: 'https://c.example/atom' },
    ]);
  });
});
