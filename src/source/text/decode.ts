/**
 * Bytes of a pasted or saved text → string. Refuses binary files with a message naming
 * what they look like; reads UTF-8 (with or without BOM) and UTF-16 (BOM, or the NUL
 * pattern of ASCII text), and falls back to windows-1252 for other 8-bit text, saying so.
 */
import { NewsBiteError } from '../../errors.js';

const MAGIC: [string, number[]][] = [
  ['a PDF document', [0x25, 0x50, 0x44, 0x46]],
  ['a PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['a JPEG image', [0xff, 0xd8, 0xff]],
  ['a GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['a ZIP archive (or an office document)', [0x50, 0x4b, 0x03, 0x04]],
  ['a gzip archive', [0x1f, 0x8b]],
  ['an ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['a SQLite database', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65]],
];

export interface DecodedText {
  text: string;
  charset: string;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 without a BOM: ASCII text leaves every other byte NUL. */
function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Share of control characters (other than tab, newline, carriage return, form feed). */
function controlShare(text: string): number {
  const sample = text.slice(0, 65536);
  if (!sample.length) return 0;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  return control / sample.length;
}

export function decodeText(bytes: Uint8Array, name = 'input'): DecodedText {
  for (const [what, magic] of MAGIC) {
    if (startsWith(bytes, magic))
      throw new NewsBiteError('INPUT_BINARY', `${name}: looks like ${what}, not text or HTML`);
  }
  let charset: string;
  let body = bytes;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    charset = 'utf-8';
    body = bytes.subarray(3);
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    charset = 'utf-16le';
    body = bytes.subarray(2);
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    charset = 'utf-16be';
    body = bytes.subarray(2);
  } else charset = utf16Guess(bytes) ?? 'utf-8';

  let text: string;
  try {
    text = new TextDecoder(charset, { fatal: true }).decode(body);
  } catch {
    if (charset !== 'utf-8')
      throw new NewsBiteError('INPUT_INVALID', `${name}: is not valid ${charset.toUpperCase()}`);
    charset = 'windows-1252';
    text = new TextDecoder(charset).decode(body);
  }
  if (controlShare(text) > 0.02) {
    throw new NewsBiteError(
      'INPUT_BINARY',
      `${name}: looks like a binary file (control bytes in the text), not text or HTML`,
    );
  }
  return { text, charset };
}
