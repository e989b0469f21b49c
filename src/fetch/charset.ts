/**
 * Bytes → text for HTML pages. Order of evidence (WHATWG "encoding sniffing", then a guess):
 *   1. byte-order mark;  2. charset of the HTTP Content-Type;  3. <meta charset> / http-equiv
 *   in the first 4 KB (these three via encoding-sniffer);  4. when nothing is declared: valid
 *   UTF-8 is UTF-8, otherwise the legacy encoding whose decoding looks most like one script
 *   (Cyrillic, Japanese, Chinese, Korean), else windows-1252.
 * Decoding itself is the platform's TextDecoder (full ICU in Node 20).
 */
import { getEncoding } from 'encoding-sniffer';

export interface DecodedHtml {
  text: string;
  /** WHATWG name of the encoding used, lower-case ("utf-8", "windows-1251", "shift_jis" …). */
  charset: string;
}

/** Bytes looked at for a <meta> declaration. */
const PRESCAN_BYTES = 4096;
/** Bytes looked at when guessing an undeclared legacy encoding. */
const GUESS_BYTES = 64 * 1024;

/** The charset parameter of a Content-Type header value, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = contentType.match(/charset\s*=\s*["']?([^"';,\s]+)/i);
  return m?.[1];
}

function decoderFor(label: string): InstanceType<typeof TextDecoder> | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined;
  }
}

export function decodeHtml(bytes: Uint8Array, contentType?: string): DecodedHtml {
  const headerLabel = charsetFromContentType(contentType);
  const transport = headerLabel && decoderFor(headerLabel) ? headerLabel : undefined;
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, PRESCAN_BYTES));
  // Sniffing with two different defaults tells "nothing declared" apart from a declared windows-1252.
  const options = { maxBytes: PRESCAN_BYTES, transportLayerEncodingLabel: transport };
  const sniffed = getEncoding(head, { ...options, defaultEncoding: 'windows-1252' });
  const undeclared = sniffed !== getEncoding(head, { ...options, defaultEncoding: 'utf-8' });
  let label = sniffed;
  if (undeclared || !decoderFor(sniffed)) label = guessEncoding(bytes);
  let decoder = decoderFor(label) ?? new TextDecoder('utf-8');
  // A page declaring a legacy charset but sent as valid multi-byte UTF-8 is UTF-8 (common misdeclaration).
  if (
    label !== 'utf-8' &&
    !/^utf-16/i.test(label) &&
    !undeclared &&
    transport === undefined &&
    looksUtf8(bytes)
  ) {
    label = 'utf-8';
    decoder = new TextDecoder('utf-8');
  }
  return { text: decoder.decode(bytes), charset: decoder.encoding };
}

/** True when the bytes are valid UTF-8 and contain at least one multi-byte sequence. */
function looksUtf8(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, GUESS_BYTES);
  let multi = false;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] >= 0x80) {
      multi = true;
      break;
    }
  }
  if (!multi) return false;
  return validUtf8(sample, sample.length < bytes.length);
}

function validUtf8(sample: Uint8Array, truncated: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: truncated });
    return true;
  } catch {
    return false;
  }
}

type Scorer = (text: string) => number;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** Candidate legacy encodings with a score: the share of non-ASCII characters typical of the script. */
const CANDIDATES: { label: string; score: Scorer }[] = [
  { label: 'windows-1251', score: (t) => count(t, /[а-яё]/g) + 0.5 * count(t, /[А-ЯЁ]/g) },
  { label: 'koi8-r', score: (t) => count(t, /[а-яё]/g) + 0.5 * count(t, /[А-ЯЁ]/g) },
  {
    label: 'shift_jis',
    score: (t) => 1.2 * count(t, /[\u3040-\u30ff]/g) + 0.8 * count(t, /[\u4e00-\u9fff]/g),
  },
  { label: 'euc-jp', score: (t) => 1.2 * count(t, /[\u3040-\u30ff]/g) + 0.8 * count(t, /[\u4e00-\u9fff]/g) },
  { label: 'gbk', score: (t) => count(t, /[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]/g) },
  { label: 'big5', score: (t) => 0.9 * count(t, /[\u4e00-\u9fff\u3000-\u303f\uff01-\uff5e]/g) },
  { label: 'euc-kr', score: (t) => 1.1 * count(t, /[\uac00-\ud7af]/g) },
  { label: 'windows-1252', score: (t) => count(t, /(?<=[A-Za-z])[\u00c0-\u00ff](?=[A-Za-z\s])/g) * 2 },
];

/** Guesses the encoding of undeclared bytes. */
export function guessEncoding(bytes: Uint8Array): string {
  const sample = bytes.subarray(0, GUESS_BYTES);
  let high = 0;
  for (const b of sample) if (b >= 0x80) high++;
  if (high === 0) return 'utf-8';
  if (validUtf8(sample, sample.length < bytes.length)) return 'utf-8';
  let best = 'windows-1252';
  let bestScore = 0;
  for (const candidate of CANDIDATES) {
    let text: string;
    try {
      text = new TextDecoder(candidate.label, { fatal: true }).decode(sample, {
        stream: sample.length < bytes.length,
      });
    } catch {
      continue; // invalid byte sequences for this encoding
    }
    // Normalise by the number of non-ASCII characters so multi-byte encodings are not favoured.
    const nonAscii = count(text, /[^\x00-\x7f]/g) || 1;
    const score = candidate.score(text) / nonAscii;
    if (score > bestScore + 0.05) {
      best = candidate.label;
      bestScore = score;
    }
  }
  return best;
}
