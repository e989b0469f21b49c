import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind, read } from '../src/index.js';

const seed = fs.readFileSync(
  path.resolve(import.meta.dirname, 'fixtures/seed/newsbite-syndicated-article.txt'),
);

describe('read (library entry point)', () => {
  it('tells HTML, feeds and text apart by content', () => {
    expect(detectKind('<!DOCTYPE html><html><body><p>x</p></body></html>')).toBe('html');
    expect(detectKind('  <!-- saved --> <html lang="en"><p>x</p>')).toBe('html');
    expect(detectKind('<div><p>One</p><p>Two</p><p>Three</p></div>')).toBe('html');
    expect(detectKind('<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')).toBe('feed');
    expect(detectKind('<feed xmlns="http://www.w3.org/2005/Atom"></feed>')).toBe('feed');
    expect(detectKind(seed.toString('utf8'))).toBe('text');
    expect(detectKind('The council said 3 < 4 and <b>bold</b> claims were wrong.')).toBe('text');
  });

  it('reads the seed bytes into an article and a bite', () => {
    const { article, bite } = read(seed, { name: 'seed.txt' });
    expect(article.diagnostics.extractor).toBe('text');
    expect(article.original?.publisher).toBe('Herald Sun');
    expect(article.blocks).toHaveLength(24);
    expect(bite?.summary.length).toBeGreaterThan(0);
    expect(bite!.summary.map((s) => s.text).join(' ')).toMatch(/Musk/);
  });

  it('reads an HTML page through the extractor', () => {
    const paragraphs = [
      'The city council approved the new budget on Tuesday after a long debate about library funding.',
      'Councillors voted eight to three in favour, with the mayor saying the plan protects services.',
      'Opponents argued the increase in fees would hurt families already struggling with costs.',
    ];
    const html = `<!doctype html><html><head><title>Budget passes</title></head><body>
      <nav><a href="/">Home</a> <a href="/news">News</a></nav>
      <article><h1>Budget passes after long debate</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
      <footer>© Example News</footer></body></html>`;
    const { article } = read(html, { url: 'https://news.example.com/budget' });
    expect(article.headline).toBe('Budget passes after long debate');
    for (const p of paragraphs) expect(article.text).toContain(p);
    expect(article.text).not.toContain('Home');
  });

  it('refuses a feed with a pointer to `newsbite add`', () => {
    expect(() => read('<rss version="2.0"><channel><title>x</title></channel></rss>')).toThrow(
      /newsbite add/,
    );
  });

  it('refuses empty input', () => {
    expect(() => read(new Uint8Array(0), { name: 'empty.txt' })).toThrow(/empty\.txt: is empty/);
  });
});
