/** Hostile pages stay bounded: each gives an Article or a clear NewsBiteError (never a crash or hang). */
import { describe, expect, it } from 'vitest';
import { isNewsBiteError } from '../../src/errors.js';
import { extract, extractBytes } from '../../src/extract/index.js';

const paragraph =
  '<p>The council met on Tuesday and agreed the budget after a long debate about the library.</p>';

describe('hostile input', { timeout: 60_000 }, () => {
  it('handles 50 MB of HTML (cut to the configured maximum, with a note)', () => {
    const html = `<html><body><article>${paragraph.repeat(Math.ceil((50 * 1024 * 1024) / paragraph.length))}</article></body></html>`;
    expect(html.length).toBeGreaterThan(50 * 1024 * 1024);
    const article = extract(html, 'https://example.com/big');
    expect(article.text).toContain('The council met on Tuesday');
    expect(article.diagnostics.notes.join(' ')).toMatch(/cut/);
  });

  it('handles 100,000 levels of nesting', () => {
    const depth = 100_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${paragraph}${'</div>'.repeat(depth)}${paragraph}</body></html>`;
    const article = extract(html);
    expect(article.text).toContain('agreed the budget');
    expect(article.diagnostics.notes.join(' ')).toMatch(/nesting/);
  });

  it('handles a million attributes on one element', () => {
    const attrs = Array.from({ length: 1_000_000 }, (_, i) => `a${i}="x"`).join(' ');
    const html = `<html><body><div ${attrs} class="story">${paragraph}${paragraph}</div></body></html>`;
    const article = extract(html);
    expect(article.text).toContain('agreed the budget');
  });

  it('handles broken markup', () => {
    const html =
      '<html><body><div><p>First paragraph of the story runs on without closing tags and keeps going for a while.<p>Second <b>bold <i>italic</b> still going</i> and more words to make a paragraph <a href="x">link</p></div></span></td></table><<<>>> <p attr="unclosed>Third part of the text is here with a few more words.</div>';
    const article = extract(html);
    expect(article.text).toContain('First paragraph of the story');
    expect(article.text).toContain('Second bold italic still going');
  });

  it('handles a page without <html>, <head> or <body>', () => {
    const article = extract(`<h1>Headline</h1>${paragraph}${paragraph.replace('Tuesday', 'Wednesday')}`);
    expect(article.text).toContain('Tuesday');
    expect(article.text).toContain('Wednesday');
    expect(article.headline).toBe('Headline');
  });

  it('refuses binary garbage with INPUT_BINARY', () => {
    let seed = 42;
    const bytes = new Uint8Array(1024 * 1024).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    try {
      extractBytes(bytes, { url: 'https://example.com/file.bin' });
      expect.unreachable('binary input should be refused');
    } catch (error) {
      expect(isNewsBiteError(error)).toBe(true);
      expect((error as { code: string }).code).toBe('INPUT_BINARY');
      expect((error as Error).message).toContain('https://example.com/file.bin');
    }
  });

  it('refuses empty input with INPUT_EMPTY', () => {
    expect(() => extract('   \n ')).toThrowError(/empty/);
  });

  it('handles text that is not HTML at all', () => {
    const article = extract(
      'Just a line of plain text that somebody saved with an .html name, long enough to count.',
    );
    expect(article.text).toContain('Just a line of plain text');
  });
});
