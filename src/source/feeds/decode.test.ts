import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, fixC1Controls } from './decode.js';
import { parseFeed } from './index.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(path.join(import.meta.dirname, '../../../test/fixtures/feeds', name)));

describe('decoding feed bytes', () => {
  const cases: { file: string; headers?: Record<string, string>; feedTitle?: string; entryTitle: string }[] =
    [
      { file: 'koi8-r-declared.xml', feedTitle: 'Привет, мир! Новости', entryTitle: 'Главная новость дня' },
      {
        file: 'windows-1251-http-header.xml',
        headers: { 'Content-Type': 'application/rss+xml; charset=windows-1251' },
        feedTitle: 'Привет, мир! Новости',
        entryTitle: 'Главная новость дня',
      },
      { file: 'utf-16le-bom.xml', feedTitle: 'Ünïcödé ✓ 中文 Русский', entryTitle: 'Emoji 😀 and ümlauts' },
      { file: 'utf-16be-nobom.xml', feedTitle: 'Ünïcödé ✓ 中文 Русский', entryTitle: 'Emoji 😀 and ümlauts' },
      {
        file: 'bom-overrides-declaration.xml',
        feedTitle: 'Ünïcödé ✓ 中文 Русский',
        entryTitle: 'Emoji 😀 and ümlauts',
      },
      { file: 'shift_jis-declared.xml', feedTitle: '日本語のニュース速報', entryTitle: '東京で会議' },
      { file: 'cp1252-declared-utf8.xml', feedTitle: '“Quoted” café news', entryTitle: 'It’s here' },
      { file: 'euc-kr-undeclared.xml', entryTitle: 'EUC-KR 에서 TypeKey 한글닉네임 표시하기' },
    ];
  for (const c of cases) {
    it(`reads ${c.file}`, () => {
      const feed = parseFeed(fixture(c.file), { headers: c.headers });
      if (c.feedTitle) expect(feed.title).toBe(c.feedTitle);
      expect(feed.entries[0].title).toBe(c.entryTitle);
    });
  }

  it('lets the HTTP charset win over the XML declaration', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('<?xml version="1.0" encoding="iso-8859-1"?><rss><channel><title>'),
      0x93,
      0x41,
      0x94,
      ...new TextEncoder().encode('</title></channel></rss>'),
    ]);
    expect(decodeFeedBytes(bytes, { 'content-type': 'text/xml; charset=windows-1252' }).text).toContain(
      '“A”',
    );
  });

  it('reads UTF-32 with and without a BOM', () => {
    const text = '<rss><channel><title>Ünï 😀</title></channel></rss>';
    const encode = (littleEndian: boolean, bom: boolean) => {
      const cps = [...(bom ? [0xfeff] : []), ...[...text].map((c) => c.codePointAt(0)!)];
      const view = new DataView(new ArrayBuffer(cps.length * 4));
      cps.forEach((cp, i) => {
        view.setUint32(i * 4, cp, littleEndian);
      });
      return new Uint8Array(view.buffer);
    };
    for (const le of [true, false]) {
      for (const bom of [true, false]) expect(parseFeed(encode(le, bom)).title).toBe('Ünï 😀');
    }
  });

  it('maps stray C1 control characters to what windows-1252 meant', () => {
    expect(fixC1Controls('don\u0092t \u0093quote\u0094')).toBe('don’t “quote”');
  });
});
