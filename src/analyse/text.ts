/** Small, case-insensitive text helpers shared by the summary scorer, keywords and redundancy checks. */
import { BACKGROUND_DF, BACKGROUND_DOCS } from './data/background.js';

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below ' +
    'between both but by can could did do does doing down during each few for from further had has have having ' +
    'he her here hers herself him himself his how i if in into is it its itself just me more most my myself no ' +
    'nor not now of off on once only or other our ours ourselves out over own same she should so some such than ' +
    'that the their theirs them themselves then there these they this those through to too under until up very ' +
    'was we were what when where which while who whom why will with would you your yours yourself yourselves ' +
    "said says say told according one two new also would could may might must shall us it's i'm don't can't " +
    "won't didn't doesn't isn't wasn't he's she's that's there's they're we're you're i've we've they've " +
    'mr mrs ms last year years first time like get got make made people many much well even still back way since'
  ).split(' '),
);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lowercased word tokens (apostrophes normalised), no punctuation. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(WORD)) out.push(m[0].replace(/’/g, "'"));
  return out;
}

/** Whitespace word count, the way ROUGE tooling and readers count summary length. */
export function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

/** A light suffix stripper: enough to fold plurals and -ing/-ed forms for overlap measures. */
export function stem(word: string): string {
  let w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2);
  return w;
}

/** Stemmed content terms of a text (stopwords and 1-letter tokens dropped). */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** Inverse document frequency from the shipped background table (unknown words count as rare). */
const BACKGROUND = new Map<string, number>(Object.entries(BACKGROUND_DF));

export function idf(term: string): number {
  const df = BACKGROUND.get(term) ?? 0;
  return Math.log((BACKGROUND_DOCS + 1) / (df + 1));
}

/** Share of background documents containing the (stemmed) word: high for everyday words. */
export function backgroundShare(word: string): number {
  return (BACKGROUND.get(stem(word.toLowerCase())) ?? 0) / BACKGROUND_DOCS;
}

export const MAX_IDF = Math.log(BACKGROUND_DOCS + 1);

export function termCounts(terms: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** Word trigrams, for redundancy blocking. */
export function trigrams(tokens: string[]): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + 2 < tokens.length; i++) s.add(tokens[i] + ' ' + tokens[i + 1] + ' ' + tokens[i + 2]);
  return s;
}
