import { describe, expect, it } from 'vitest';
import { NewsBiteError } from '../errors.js';
import { canonicalUrl } from './url.js';

describe('canonicalUrl', () => {
  it('drops tracking parameters and keeps the ones that select content, sorted', () => {
    expect(
      canonicalUrl('https://example.com/a?utm_source=x&utm_medium=y&id=7&fbclid=abc&gclid=q&mc_cid=1&b=2'),
    ).toBe('https://example.com/a?b=2&id=7');
  });

  it('folds AMP variants onto the article URL', () => {
    const plain = 'https://news.example.com/2024/story';
    expect(canonicalUrl('https://news.example.com/2024/story/amp')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/2024/story/amp/')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/amp/2024/story')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/2024/story?amp=1')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/2024/story.amp.html')).toBe(
      'https://news.example.com/2024/story.html',
    );
    expect(canonicalUrl('https://amp.news.example.com/2024/story')).toBe(plain);
    expect(canonicalUrl('https://news-example-com.cdn.ampproject.org/c/s/news.example.com/2024/story')).toBe(
      plain,
    );
  });

  it('folds mobile hosts, default ports, fragments, trailing slashes and host case', () => {
    const plain = 'https://news.example.com/world/item';
    expect(canonicalUrl('https://m.news.example.com/world/item')).toBe(plain);
    expect(canonicalUrl('https://mobile.news.example.com/world/item/')).toBe(plain);
    expect(canonicalUrl('http://NEWS.Example.COM:80/world/item#comments')).toBe(plain);
    expect(canonicalUrl('https://news.example.com:443/world/item/')).toBe(plain);
    expect(canonicalUrl('https://news.example.com:8443/world/item')).toBe(
      'https://news.example.com:8443/world/item',
    );
    expect(canonicalUrl('https://www.news.example.com/world/item')).toBe(plain);
  });

  it('keeps a bare two-label host that starts with m.', () => {
    expect(canonicalUrl('https://m.com/x')).toBe('https://m.com/x');
  });

  it('refuses what is not an http(s) URL, naming the input', () => {
    expect(() => canonicalUrl('not a url')).toThrow(NewsBiteError);
    expect(() => canonicalUrl('ftp://example.com/file')).toThrow(/ftp:\/\/example.com\/file/);
  });
});
