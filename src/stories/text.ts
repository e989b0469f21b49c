/**
 * Text normalisation shared by the copy detector and the story clusterer: entities, Unicode
 * compatibility forms, quotes and dashes are folded so that a re-encoded copy yields the
 * same tokens as its original.
 */
import { decodeHTML } from 'entities';

/**
 * The last few inputs and outputs: the copy detector and the term counter normalise the same
 * title and text of each article, so the second call is a look-up (a pure function, so no
 * behaviour changes).
 */
const MEMO_SLOTS = 4;
const memoIn: string[] = [];
const memoOut: string[] = [];
let memoNext = 0;

/** Decodes entities (twice, for double-escaped feeds), applies NFKC, folds quotes, dashes and spaces. */
export function normalizeText(input: string): string {
  for (let i = 0; i < memoIn.length; i++) if (memoIn[i] === input) return memoOut[i];
  const out = normalizeUncached(input);
  memoIn[memoNext] = input;
  memoOut[memoNext] = out;
  memoNext = (memoNext + 1) % MEMO_SLOTS;
  return out;
}

function normalizeUncached(input: string): string {
  let text = input;
  if (text.includes('&')) {
    text = decodeHTML(text);
    if (text.includes('&')) text = decodeHTML(text);
  }
  return text
    .normalize('NFKC')
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-');
}

/** Splits normalised text into sentences: paragraph breaks, then sentence punctuation before a capital. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const para of text.split(/\n+/)) {
    const trimmed = para.trim();
    if (!trimmed) continue;
    for (const sentence of trimmed.split(/(?<=[.!?]["')\]]?)\s+(?=["'([]?[\p{Lu}\p{N}])/u)) {
      const s = sentence.trim();
      if (s) out.push(s);
    }
  }
  return out;
}

/** A Map, not an object literal: a token such as "constructor" must not find Object.prototype. */
const NUMBER_WORDS = new Map<string, string>(
  Object.entries({
    zero: '0',
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
    ten: '10',
    eleven: '11',
    twelve: '12',
    thirteen: '13',
    fourteen: '14',
    fifteen: '15',
    sixteen: '16',
    seventeen: '17',
    eighteen: '18',
    nineteen: '19',
    twenty: '20',
    thirty: '30',
    forty: '40',
    fifty: '50',
    hundred: '100',
    thousand: '1000',
  }),
);

/** Reporting verbs that editors swap freely (said ↔ says). */
const REPORTING_VERBS = new Set(['said', 'says', 'say', 'told', 'tells']);

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Word tokens for copy detection: lower case, number words as digits, reporting verbs folded,
 * "per cent" as "percent". Stop words are kept: word order carries the copy signal.
 */
export function copyTokens(sentence: string): string[] {
  const raw = sentence.toLowerCase().match(WORD) ?? [];
  const out: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    let t = raw[i];
    if (t === 'per' && raw[i + 1] === 'cent') {
      t = 'percent';
      i++;
    } else {
      const digits = NUMBER_WORDS.get(t);
      if (digits !== undefined) t = digits;
      else if (REPORTING_VERBS.has(t)) t = 'say';
    }
    out.push(t);
  }
  return out;
}

/** 32-bit FNV-1a with a murmur3 finaliser. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h >>> 0);
}

/** hashString(tokens.join(' ')), without building the joined string. */
export function hashJoined(tokens: readonly string[]): number {
  let h = 0x811c9dc5;
  for (let t = 0; t < tokens.length; t++) {
    if (t > 0) {
      h ^= 32;
      h = Math.imul(h, 0x01000193);
    }
    const s = tokens[t];
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return mix32(h >>> 0);
}

export function mix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash of `n` consecutive token hashes starting at `start`. */
export function shingleHash(tokenHashes: ArrayLike<number>, start: number, n: number): number {
  let h = 0x9747b28c;
  for (let j = 0; j < n; j++) h = Math.imul(h ^ tokenHashes[start + j], 0x5bd1e995) + j;
  return mix32(h >>> 0);
}
