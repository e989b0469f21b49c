/**
 * Splitting pasted text into units (candidate paragraphs) while remembering the layout
 * around each one: scrapers put photo captions on lines of their own inside a block,
 * which is one of the signals the de-duplication uses.
 */

export interface Unit {
  text: string;
  /** Index of the blank-line-separated block the unit came from. */
  chunk: number;
  /** Number of units in that block. */
  chunkSize: number;
}

/** Line endings, BOM, odd spaces and invisible characters, normalised. */
export function normalizeInput(input: string): string {
  return input
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?|\u2028|\u2029/g, '\n')
    .replace(/[\u00A0\u2007\u202F\u3000]/g, ' ')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/\t/g, ' ')
    .replace(/[^\S\n]+$/gm, '');
}

const ENDS_SENTENCE = /[.!?…:;"'”’)\]]$/u;
const STARTS_LOWER = /^[\p{Ll}]/u;

/**
 * Lines of one block → units. A line that stops mid-sentence and is followed by a line
 * starting in lower case is a hard wrap, so the two are one paragraph.
 */
function joinWrappedLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && !ENDS_SENTENCE.test(prev) && STARTS_LOWER.test(line) && prev.length > 30) {
      out[out.length - 1] = `${prev} ${line}`;
    } else out.push(line);
  }
  return out;
}

/** Widest line of a hard-wrapped block (e-mail and terminal copies wrap at 64–80 columns). */
const MAX_WRAP_WIDTH = 100;

/**
 * A block whose lines all fill most of the same width is one hard-wrapped paragraph,
 * even where a line happens to end with a full stop.
 */
function isHardWrapped(lines: string[], standsAlone: (line: string) => boolean): boolean {
  if (lines.length < 2 || lines.some(standsAlone)) return false;
  const widest = Math.max(...lines.map((l) => l.length));
  if (widest > MAX_WRAP_WIDTH || widest < 40) return false;
  return lines.slice(0, -1).every((l) => l.length >= widest * 0.6);
}

/**
 * `standsAlone` recognises lines that are never part of a paragraph (credits, furniture),
 * so a block holding them is not mistaken for one hard-wrapped paragraph.
 */
export function splitUnits(text: string, standsAlone: (line: string) => boolean = () => false): Unit[] {
  const units: Unit[] = [];
  const chunks = text.split(/\n[^\S\n]*\n/);
  const blockLayout = chunks.length > 1;
  chunks.forEach((chunk, chunkIndex) => {
    const raw = chunk
      .split('\n')
      .map((l) => l.replace(/\s+/g, ' ').trim())
      .filter(Boolean);
    const lines = blockLayout && isHardWrapped(raw, standsAlone) ? [raw.join(' ')] : joinWrappedLines(raw);
    for (const line of lines) units.push({ text: line, chunk: chunkIndex, chunkSize: lines.length });
  });
  return units;
}

/** Comparison key: case, quotes, dashes and spacing do not make two paragraphs different. */
export function comparisonKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/…/g, '...')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Sentence boundaries good enough for matching captions against paragraphs: a stop,
 * optional closing quotes, space, then an upper-case letter, digit or opening quote.
 */
export function roughSentences(text: string): string[] {
  const parts: string[] = [];
  const re = /[.!?…]["'”’)\]]*\s+(?=["'“‘([]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = m.index! + m[0].length;
    parts.push(text.slice(start, end).trim());
    start = end;
  }
  const rest = text.slice(start).trim();
  if (rest) parts.push(rest);
  return parts;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
