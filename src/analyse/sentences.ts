/**
 * Sentence segmentation for news text. A single left-to-right scan (no tokenizer model):
 * candidate boundaries are `.`, `!`, `?` and ellipses followed by closing quotes/brackets,
 * whitespace and a sentence-like start; abbreviations, initials, ellipses inside quotes and
 * multi-sentence quotes that continue into an attribution (“A. B,” he said) are kept together.
 * Paragraph breaks (newlines) always end a sentence. Dateline prefixes ("WASHINGTON (Reuters) -",
 * "(CNN)") are kept out of the sentence text.
 */

export interface SentenceSpan {
  text: string;
  /** Offsets into the input string (end exclusive); `text` is the trimmed slice without dateline. */
  start: number;
  end: number;
  /** Index of the paragraph (newline-separated block) the sentence is in. */
  paragraph: number;
}

/** Abbreviations after which a period never ends a sentence (titles, honorifics, "vs"). */
const TITLE_ABBREVIATIONS = new Set(
  (
    'mr mrs ms mx dr prof sen rep gov gen lt col maj capt cpt sgt cmdr adm rev fr hon pres supt insp det ' +
    'st mt ft messrs mme mlle sr jr vs v cf approx no nos fig figs vol ed eds p pp para art sec'
  ).split(' '),
);

/** Abbreviations that usually continue the sentence but may end it (split only before a clear sentence start). */
const SOFT_ABBREVIATIONS = new Set(
  (
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun ' +
    'inc corp co ltd plc llc bros dept est etc al e.g i.e u.s u.k u.n u.s.a e.u d.c a.m p.m ' +
    'ave blvd rd hwy ariz calif colo conn fla ill ind kan mass mich minn miss nev okla ore pa penn tenn tex va wash wis wyo'
  ).split(' '),
);

/** Words that, capitalised after a soft abbreviation, clearly start a new sentence. */
const SENTENCE_STARTERS = new Set(
  (
    'the a an he she it they we i you his her its their our this that these those there but and so yet ' +
    'in on at for after before when while if as however meanwhile also officials police some many one two'
  ).split(' '),
);

const OPEN_QUOTES = new Set(['“', '‘', '«']);
const CLOSE_QUOTES = new Set(['”', '’', '»']);
const CLOSERS = /["'”’»)\]]/;
const STARTERS = /["“‘'([«¿¡]?[\p{Lu}\p{Lt}0-9]/u;

/** Dateline at the start of a paragraph: "WASHINGTON (Reuters) -", "LONDON, Jan. 5 (AP) —", "(CNN)". */
const DATELINE =
  /^(?:\(CNN\)\s*(?:[-–—]+\s*)?|[\p{Lu}][\p{Lu} .,'’-]{1,40}(?:,\s*[\p{L} .]{2,30})?(?:,?\s*[A-Z][a-z]{2,4}\.?\s+\d{1,2})?\s*(?:\((?:Reuters|AP|AFP|CNN|Bloomberg|UPI|dpa|Xinhua)\)|\(CNN\)|,\s*(?:Reuters|AP)\b)?\s*[-–—]+\s+)/u;

export function splitSentences(text: string): string[] {
  return segmentSentences(text).map((s) => s.text);
}

export function segmentSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const paragraphRe = /[^\n]+/g;
  let paragraph = 0;
  for (let m = paragraphRe.exec(text); m; m = paragraphRe.exec(text)) {
    if (!m[0].trim()) continue;
    segmentParagraph(m[0], m.index, paragraph, out);
    paragraph++;
  }
  return out;
}

function segmentParagraph(para: string, offset: number, paragraph: number, out: SentenceSpan[]): void {
  let start = 0;
  const dateline = DATELINE.exec(para);
  // Only a real dateline: the rest must still read as a sentence.
  if (dateline && dateline[0].length < para.length - 10 && /[\p{L}]/u.test(dateline[0]))
    start = dateline[0].length;
  let quoteDepth = 0;
  let straightOpen = false;
  const n = para.length;
  for (let i = start; i < n; i++) {
    const ch = para[i];
    if (OPEN_QUOTES.has(ch) && ch !== '‘') quoteDepth++;
    else if (CLOSE_QUOTES.has(ch) && ch !== '’') quoteDepth = Math.max(0, quoteDepth - 1);
    else if (ch === '"') straightOpen = !straightOpen;
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Extend over repeated terminators ("?!", "...") and closing quotes/brackets.
    let j = i + 1;
    while (j < n && (para[j] === '.' || para[j] === '!' || para[j] === '?' || para[j] === '…')) j++;
    const terminatorEnd = j;
    while (j < n && CLOSERS.test(para[j])) {
      if (para[j] === '”') quoteDepth = Math.max(0, quoteDepth - 1);
      else if (para[j] === '"') straightOpen = !straightOpen;
      j++;
    }
    if (j >= n || !/\s/.test(para[j])) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < n && /\s/.test(para[k])) k++;
    if (k >= n) break;
    const next = para.slice(k, k + 2);
    if (!STARTERS.test(next)) {
      i = j - 1;
      continue;
    }
    const closedQuote = j > terminatorEnd;
    const inQuote = !closedQuote && (quoteDepth > 0 || straightOpen);
    if (!isBoundary(para, start, i, terminatorEnd, k, inQuote)) {
      i = j - 1;
      continue;
    }
    push(out, para, offset, start, j, paragraph);
    start = k;
    i = k - 1;
  }
  push(out, para, offset, start, n, paragraph);
}

function isBoundary(
  para: string,
  start: number,
  i: number,
  terminatorEnd: number,
  next: number,
  inQuote: boolean,
) {
  const terminator = para.slice(i, terminatorEnd);
  const isEllipsis = terminator === '…' || terminator.startsWith('...');
  if (isEllipsis || inQuote) {
    // Inside a quotation that runs on into an attribution (“A. B,” he said) keep one sentence.
    if (inQuote && continuesIntoAttribution(para, next)) return false;
    if (isEllipsis && (inQuote || !/[\p{Lu}"“]/u.test(para[next]))) return false;
    if (isEllipsis) return true;
  }
  if (terminator !== '.') return true;
  // The word before the period.
  let w = i;
  while (w > start && !/\s/.test(para[w - 1])) w--;
  const word = para
    .slice(w, i)
    .replace(/^["'“‘([]+/, '')
    .toLowerCase();
  if (!word) return true;
  const nextWord = (/^["“‘'(]?([\p{L}]+)/u.exec(para.slice(next, next + 30))?.[1] ?? '').toLowerCase();
  if (TITLE_ABBREVIATIONS.has(word)) {
    // "No. 5" but "said no. The …"
    if ((word === 'no' || word === 'nos') && !/[0-9]/.test(para[next])) return true;
    return false;
  }
  // Single initials (J. K. Rowling, George W. Bush) and dotted acronyms.
  if (/^\p{L}$/u.test(word)) return SENTENCE_STARTERS.has(nextWord);
  if (SOFT_ABBREVIATIONS.has(word) || /^(\p{L}\.)+\p{L}$/u.test(word)) {
    if (/[0-9]/.test(para[next])) return false;
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

/** True when the open quotation closes with a comma before the paragraph ends (“…, ” he said). */
function continuesIntoAttribution(para: string, from: number): boolean {
  const limit = Math.min(para.length, from + 400);
  for (let i = from; i < limit; i++) {
    const ch = para[i];
    if (ch === '”' || ch === '"')
      return i > 0 && (para[i - 1] === ',' || para[i - 1] === '—' || para[i - 1] === '-');
    if (ch === '“') return false;
  }
  return false;
}

function push(
  out: SentenceSpan[],
  para: string,
  offset: number,
  from: number,
  to: number,
  paragraph: number,
) {
  let a = from;
  let b = to;
  while (a < b && /\s/.test(para[a])) a++;
  while (b > a && /\s/.test(para[b - 1])) b--;
  if (b <= a) return;
  out.push({ text: para.slice(a, b), start: offset + a, end: offset + b, paragraph });
}
