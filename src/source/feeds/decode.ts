/**
 * Feed bytes → text. Order of evidence (after XML 1.0 Appendix F and RFC 7303, with the pragmatism
 * of real readers):
 *   1. a byte-order mark (UTF-8/16/32) — it wins over everything, including a wrong declaration;
 *   2. UTF-16/32 without BOM, recognised from the `<?` pattern of the first bytes;
 *   3. the HTTP Content-Type charset (a server that names a charset is usually right, RFC 7303);
 *   4. the XML declaration's `encoding`;
 *   5. none or unusable: UTF-8 if the bytes are valid UTF-8, else a statistical guess (chardet,
 *      for CJK/Cyrillic feeds with no declaration), else windows-1252.
 * A document declared UTF-8 whose bytes are not valid UTF-8 is decoded as windows-1252 (the usual
 * cause is a CMS writing cp1252 into a UTF-8 template) unless chardet is confident of something else.
 */
import { analyse } from 'chardet';

/** windows-1252's 0x80–0x9F block (Node's TextDecoder decodes that label as ISO-8859-1). */
const CP1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * C1 control characters never occur in real text; when they do, the producer meant windows-1252
 * (a cp1252 byte passed through a latin-1 step). Map them to what cp1252 means, as feedparser does.
 */
export function fixC1Controls(text: string): string {
  if (!/[\u0080-\u009f]/.test(text)) return text;
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_C1[c.charCodeAt(0) - 0x80]);
}

export interface DecodedText {
  text: string;
  /** WHATWG encoding label actually used. */
  encoding: string;
}

const ALIASES: Record<string, string> = {
  utf16: 'utf-16',
  u16: 'utf-16',
  'utf-16': 'utf-16',
  ucs2: 'utf-16le',
  'ucs-2': 'utf-16le',
  utf32: 'utf-32',
  u32: 'utf-32',
  'ucs-4': 'utf-32',
  utf8: 'utf-8',
  u8: 'utf-8',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  cp932: 'shift_jis',
  'ms-kanji': 'shift_jis',
  cp936: 'gbk',
  cp949: 'euc-kr',
  cp950: 'big5',
  tis620: 'windows-874',
  'tis-620': 'windows-874',
};

function normaliseLabel(label: string): string {
  const lower = label
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (ALIASES[lower]) return ALIASES[lower];
  const cp = /^(?:cp|ms|windows)[-_]?(\d{3,4})$/.exec(lower);
  if (cp) return `windows-${cp[1]}`;
  return lower;
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length >= 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** Decode with a label; null when the label is unknown (or, with fatal, the bytes are invalid). */
function tryDecode(bytes: Uint8Array, label: string, fatal = false): string | null {
  const name = normaliseLabel(label);
  if (name === 'utf-32' || name === 'utf-32be' || name === 'utf-32le') {
    const little =
      name === 'utf-32le' || (name === 'utf-32' && bytes[0] !== 0 && bytes[1] === 0 && bytes[3] === 0);
    return decodeUtf32(bytes, little);
  }
  let effective = name;
  if (name === 'utf-16') effective = bytes[0] === 0 && bytes[1] !== 0 ? 'utf-16be' : 'utf-16le';
  try {
    return new TextDecoder(effective, { fatal, ignoreBOM: false }).decode(bytes);
  } catch {
    return null;
  }
}

export function headerCharset(headers: Record<string, string> | undefined): string | undefined {
  if (!headers) return undefined;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== 'content-type') continue;
    const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(headers[key] ?? '');
    return match?.[1];
  }
  return undefined;
}

function declaredEncoding(bytes: Uint8Array): string | undefined {
  // Only ASCII-compatible declarations reach here; look at the first 1 KiB after any junk.
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  const match = /<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']/i.exec(head);
  return match?.[1];
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** chardet's best guess among encodings TextDecoder can read, when it is reasonably confident. */
function guessEncoding(bytes: Uint8Array): string | undefined {
  const sample = bytes.length > 65536 ? bytes.subarray(0, 65536) : bytes;
  for (const match of analyse(sample)) {
    if (match.confidence < 10) break;
    const name = normaliseLabel(match.name);
    if (name === 'utf-8' || name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
    if (name === 'iso-8859-1' || name === 'windows-1252') return 'windows-1252';
    if (tryDecode(new Uint8Array(0), name) !== null) return name;
  }
  return undefined;
}

export function decodeFeedBytes(bytes: Uint8Array, headers?: Record<string, string>): DecodedText {
  const decoded = decodeRaw(bytes, headers);
  return { text: fixC1Controls(decoded.text), encoding: decoded.encoding };
}

function decodeRaw(bytes: Uint8Array, headers?: Record<string, string>): DecodedText {
  const b = bytes;
  // 1. BOM
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff)
    return { text: decodeUtf32(b.subarray(4), false), encoding: 'utf-32be' };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00)
    return { text: decodeUtf32(b.subarray(4), true), encoding: 'utf-32le' };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8' };
  if (b[0] === 0xfe && b[1] === 0xff)
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be' };
  if (b[0] === 0xff && b[1] === 0xfe)
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
  // 2. BOM-less UTF-32 / UTF-16, from the zero-byte pattern around the first '<'
  if (b[0] === 0 && b[1] === 0 && b[2] === 0 && b[3] === 0x3c)
    return { text: decodeUtf32(b, false), encoding: 'utf-32be' };
  if (b[0] === 0x3c && b[1] === 0 && b[2] === 0 && b[3] === 0)
    return { text: decodeUtf32(b, true), encoding: 'utf-32le' };
  if (b[0] === 0 && b[1] === 0x3c)
    return { text: new TextDecoder('utf-16be').decode(b), encoding: 'utf-16be' };
  if (b[0] === 0x3c && b[1] === 0 && b[2] !== 0)
    return { text: new TextDecoder('utf-16le').decode(b), encoding: 'utf-16le' };

  const candidates: string[] = [];
  const fromHeader = headerCharset(headers);
  if (fromHeader) candidates.push(fromHeader);
  const fromDeclaration = declaredEncoding(b);
  if (fromDeclaration) candidates.push(fromDeclaration);

  for (const label of candidates) {
    const name = normaliseLabel(label);
    // A 16/32-bit label on bytes that are evidently 8-bit (we got past step 2) is a lie.
    if (name.startsWith('utf-16') || name.startsWith('utf-32')) continue;
    if (name === 'utf-8') {
      if (isValidUtf8(b)) return { text: new TextDecoder('utf-8').decode(b), encoding: 'utf-8' };
      const guess = guessEncoding(b) ?? 'windows-1252';
      return { text: tryDecode(b, guess) ?? new TextDecoder('windows-1252').decode(b), encoding: guess };
    }
    // us-ascii is what text/xml defaulted to; browsers and feed readers treat it as cp1252.
    const text = tryDecode(b, name === 'us-ascii' || name === 'ascii' ? 'windows-1252' : name);
    if (text !== null) return { text, encoding: name };
  }
  if (isValidUtf8(b)) return { text: new TextDecoder('utf-8').decode(b), encoding: 'utf-8' };
  const guess = guessEncoding(b) ?? 'windows-1252';
  return { text: tryDecode(b, guess) ?? new TextDecoder('windows-1252').decode(b), encoding: guess };
}
