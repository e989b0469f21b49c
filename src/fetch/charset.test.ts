import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeHtml, guessEncoding } from './charset.js';

/** Encodes text in a legacy encoding by inverting the platform decoder (test helper). */
function encodeLegacy(text: string, label: string): Uint8Array {
  const decoder = new TextDecoder(label, { fatal: true });
  const table = new Map<string, number[]>();
  for (let b = 0x80; b <= 0xff; b++) {
    try {
      const ch = decoder.decode(Uint8Array.of(b));
      if (!table.has(ch)) table.set(ch, [b]);
    } catch {
      /* lead byte of a multi-byte sequence */
    }
  }
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      try {
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && !table.has(ch)) table.set(ch, [lead, trail]);
      } catch {
        /* not a valid pair */
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`cannot encode ${ch} in ${label}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

const russian =
  'Москва — столица России, крупнейший по численности населения город страны. Здесь работают правительство и парламент.';
const japanese =
  '東京は日本の首都であり、世界で最も人口の多い都市圏の一つです。ここには政府の機関が集まっています。';
const chinese = '北京是中华人民共和国的首都，也是全国的政治中心和文化中心。这里有许多历史悠久的名胜古迹。';
const czech = 'Příliš žluťoučký kůň úpěl ďábelské ódy. Praha je hlavní město České republiky.';

function page(body: string, head = ''): string {
  return `<!doctype html><html><head>${head}<title>t</title></head><body><p>${body}</p></body></html>`;
}

describe('decodeHtml', () => {
  it('decodes UTF-8 with and without a BOM', () => {
    const bytes = new TextEncoder().encode(page(russian));
    expect(decodeHtml(bytes).text).toContain(russian);
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
    const r = decodeHtml(bom, 'text/html; charset=windows-1251');
    expect(r.charset).toBe('utf-8');
    expect(r.text).toContain(russian);
  });

  it('uses the HTTP Content-Type charset', () => {
    const bytes = encodeLegacy(page(russian), 'windows-1251');
    const r = decodeHtml(bytes, 'text/html; charset="windows-1251"');
    expect(r.charset).toBe('windows-1251');
    expect(r.text).toContain(russian);
  });

  it('uses <meta charset> and http-equiv declarations', () => {
    const sjis = encodeLegacy(page(japanese, '<meta charset="Shift_JIS">'), 'shift_jis');
    expect(decodeHtml(sjis).text).toContain(japanese);
    const gbk = encodeLegacy(
      page(chinese, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'),
      'gbk',
    );
    const r = decodeHtml(gbk, 'text/html');
    expect(r.charset).toBe('gbk');
    expect(r.text).toContain(chinese);
    const latin2 = encodeLegacy(page(czech, '<meta charset="iso-8859-2">'), 'iso-8859-2');
    const l = decodeHtml(latin2);
    expect(l.charset).toBe('iso-8859-2');
    expect(l.text).toContain(czech);
  });

  it('sniffs undeclared windows-1251, Shift_JIS and GBK', () => {
    expect(decodeHtml(encodeLegacy(page(russian), 'windows-1251')).text).toContain(russian);
    expect(decodeHtml(encodeLegacy(page(japanese), 'shift_jis')).text).toContain(japanese);
    expect(decodeHtml(encodeLegacy(page(chinese), 'gbk')).text).toContain(chinese);
    expect(guessEncoding(encodeLegacy(page(russian), 'windows-1251'))).toBe('windows-1251');
  });

  it('treats undeclared text that is valid UTF-8 as UTF-8, and plain ASCII as UTF-8', () => {
    expect(decodeHtml(new TextEncoder().encode(page(japanese))).charset).toBe('utf-8');
    expect(decodeHtml(new TextEncoder().encode(page('plain words'))).charset).toBe('utf-8');
  });

  it('falls back to windows-1252 for undeclared Western text', () => {
    const r = decodeHtml(encodeLegacy(page('Café crème, naïve façade à São Paulo.'), 'windows-1252'));
    expect(r.charset).toBe('windows-1252');
    expect(r.text).toContain('Café crème, naïve façade à São Paulo.');
  });

  it('ignores an unknown charset label instead of failing', () => {
    const r = decodeHtml(new TextEncoder().encode(page('hello')), 'text/html; charset=x-nonsense');
    expect(r.text).toContain('hello');
  });
});

describe('charsetFromContentType', () => {
  it('reads quoted and bare parameters', () => {
    expect(charsetFromContentType('text/html; charset=UTF-8')).toBe('UTF-8');
    expect(charsetFromContentType("text/html;charset='koi8-r'")).toBe('koi8-r');
    expect(charsetFromContentType('text/html')).toBeUndefined();
  });
});
