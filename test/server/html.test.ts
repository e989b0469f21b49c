import { describe, expect, it } from 'vitest';
import { builtSafe, href, html } from '../../src/server/html.js';
import { sanitized, textOf } from '../../src/server/sanitize.js';

describe('html templates', () => {
  it('escapes every interpolated string', () => {
    const evil = '<script>alert(1)</script>" onload="x';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x">&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x</p>',
    );
  });

  it('nests templates and arrays without double escaping', () => {
    const items = ['a&b', 'c'].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c</li></ul>');
  });

  it('drops null, undefined and false', () => {
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('lets only marked markup through unescaped', () => {
    expect(html`${builtSafe('<b>x</b>')}`.value).toBe('<b>x</b>');
  });

  it('turns non-http links into "#"', () => {
    expect(href('javascript:alert(1)')).toBe('#');
    expect(href('data:text/html,hi')).toBe('#');
    expect(href('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
  });

  it('sanitizes outside HTML: scripts, handlers, javascript: links, SVG and styles removed', () => {
    const out = sanitized(
      '<p onclick="x()">Hi<script>alert(1)</script><a href="javascript:alert(1)">l</a><svg onload="alert(1)"><circle/></svg>' +
        '<img src="x" onerror="alert(1)"><iframe src="https://evil"></iframe><style>*{}</style><a href="https://ok.example/">ok</a></p>',
    ).value;
    expect(out).not.toMatch(/script|onclick|onerror|onload|javascript:|<svg|<iframe|<style/i);
    expect(out).toContain('href="https://ok.example/"');
    expect(out).toContain('rel="noopener noreferrer nofollow"');
  });

  it('extracts plain text from outside HTML', () => {
    expect(textOf('<p>Tom &amp; Jerry<script>x</script></p>')).toBe('Tom & Jerry');
  });
});
