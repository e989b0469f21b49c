/**
 * `bite(article)`: the whole analysis of one article — summary, key points, entities, quotes,
 * sourcing and keywords — synchronous, offline, a few milliseconds per article.
 */
import { NewsBiteError } from '../errors.js';
import type { Article } from '../model/article.js';
import type { Bite, SummarySentence } from '../model/bite.js';
import { findEntities } from './entities.js';
import { cosine } from './features.js';
import { findKeywords } from './keywords.js';
import { findQuotes } from './quotes.js';
import type { ScorerModel } from './scorer.js';
import { segmentSentences } from './sentences.js';
import { analyseSourcing } from './sourcing.js';
import {
  DEFAULT_MAX_SENTENCES,
  DEFAULT_MAX_WORDS,
  type RankedSentence,
  rankSentences,
  selectSentences,
} from './summarize.js';
import { idf, termCounts, trigrams, words } from './text.js';

export interface BiteOptions {
  /** Summary length in sentences (default 3). */
  maxSentences?: number;
  /** Summary length in words (default 75; 0 = no cap). */
  maxWords?: number;
  /** Abstractive settings; only `biteWithLlm` uses them (bite itself stays offline). */
  llm?: { url: string; model: string; apiKey?: string; timeoutMs: number };
  /** Scorer override (benchmarks, experiments). */
  model?: ScorerModel;
}

/**
 * Very long inputs are analysed on their first part only: summaries and entities come from
 * the top of a news text anyway, and the cost must stay bounded (≈ 30,000 words).
 */
export const MAX_ANALYSED_CHARS = 200_000;
/** Sentences longer than this many characters are cut into pieces (text without punctuation). */
const MAX_SENTENCE_CHARS = 2_000;
const MAX_KEY_POINTS = 5;
const KEY_POINT_MAX_WORDS = 40;
/** Key points more similar than this (tf-idf cosine) to one already chosen are left out. */
const KEY_POINT_REDUNDANCY = 0.5;

export function articleText(article: Article): string {
  if (article.text?.trim()) return article.text;
  const parts: string[] = [];
  for (const b of article.blocks ?? []) {
    if (b.kind === 'paragraph' || b.kind === 'heading' || b.kind === 'quote') parts.push(b.text);
    else if (b.kind === 'list') parts.push(...b.items);
  }
  return parts.join('\n\n');
}

export function bite(article: Article, options: BiteOptions = {}): Bite {
  if (!article || typeof article !== 'object') {
    throw new NewsBiteError('INPUT_INVALID', 'bite: expected an Article object');
  }
  const full = articleText(article);
  if (!full.trim()) {
    throw new NewsBiteError('INPUT_EMPTY', `bite: ${describe(article)} has no text to analyse`);
  }
  const text = full.length > MAX_ANALYSED_CHARS ? full.slice(0, MAX_ANALYSED_CHARS) : full;
  const sentences = segmentSentences(text).flatMap((s) => splitLong(s));
  const ranked = rankSentences(
    sentences.map((s) => s.text),
    { model: options.model },
  );
  const maxSentences = options.maxSentences ?? DEFAULT_MAX_SENTENCES;
  const maxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
  const chosen = selectSentences(ranked, maxSentences, maxWords, article.headline);
  const summary = fitWords(
    chosen.map((i) => ({ text: sentences[i].text })),
    maxWords,
  );
  const found = findEntities(text, sentences);
  const quotes = findQuotes({ text, sentences, mentions: found.mentions, lookup: found.lookup });
  const own = new Set(
    [article.siteName, article.original?.publisher].filter(Boolean).map((s) => s!.toLowerCase()),
  );
  const outlets = found.outlets.filter((o) => !own.has(o.toLowerCase()));
  const sourcing = analyseSourcing({
    text,
    sentences,
    mentions: found.mentions,
    quotes,
    outlets,
    lookup: found.lookup,
  });
  return {
    summary,
    keyPoints: keyPoints(ranked),
    entities: found.entities,
    quotes,
    sourcing,
    keywords: findKeywords(text, found.entities, article.headline),
    method: 'extractive',
    language: article.language ?? guessLanguage(text),
  };
}

function describe(article: Article): string {
  return article.url ?? (article.headline ? `"${article.headline.slice(0, 60)}"` : 'the article');
}

function splitLong(s: { text: string; start: number; end: number; paragraph: number }) {
  if (s.text.length <= MAX_SENTENCE_CHARS) return [s];
  const out: (typeof s)[] = [];
  let from = 0;
  while (from < s.text.length) {
    let to = Math.min(s.text.length, from + MAX_SENTENCE_CHARS);
    if (to < s.text.length) {
      const space = s.text.lastIndexOf(' ', to);
      if (space > from + MAX_SENTENCE_CHARS / 2) to = space;
    }
    const piece = s.text.slice(from, to).trim();
    if (piece) out.push({ text: piece, start: s.start + from, end: s.start + to, paragraph: s.paragraph });
    from = to;
  }
  return out;
}

/** A lone sentence longer than the budget is cut to it (with an ellipsis) rather than shown whole. */
function fitWords(summary: SummarySentence[], maxWords: number): SummarySentence[] {
  if (!(maxWords > 0)) return summary;
  return summary.map((s) => {
    const w = s.text.split(/\s+/).filter(Boolean);
    return w.length > maxWords ? { text: `${w.slice(0, maxWords).join(' ')} …` } : s;
  });
}

function vector(terms: string[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const [t, c] of termCounts(terms)) v.set(t, c * idf(t));
  return v;
}

/** 3–5 non-redundant points, best-scored first picked, shown in reading order. */
function keyPoints(ranked: RankedSentence[]): string[] {
  const order = [...ranked].sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen: { index: number; text: string; v: Map<string, number> }[] = [];
  const seen = new Set<string>();
  for (const s of order) {
    if (chosen.length >= MAX_KEY_POINTS) break;
    if (s.words < 6 && ranked.length > 3) continue;
    const v = vector(s.terms);
    if (chosen.some((c) => cosine(c.v, v) > KEY_POINT_REDUNDANCY)) continue;
    const grams = trigrams(words(s.text));
    let repeated = 0;
    for (const g of grams) if (seen.has(g)) repeated++;
    if (grams.size && repeated / grams.size > 0.3) continue;
    for (const g of grams) seen.add(g);
    chosen.push({ index: s.index, text: shorten(s.text), v });
  }
  return chosen.sort((a, b) => a.index - b.index).map((c) => c.text);
}

/** Long sentences are cut at a clause boundary after their main clause. */
function shorten(sentence: string): string {
  const w = sentence.split(/\s+/);
  if (w.length <= KEY_POINT_MAX_WORDS) return sentence;
  const head = w.slice(0, KEY_POINT_MAX_WORDS).join(' ');
  const cut = Math.max(head.lastIndexOf(', '), head.lastIndexOf(' — '), head.lastIndexOf('; '));
  return cut > head.length / 2 ? `${head.slice(0, cut)} …` : `${head} …`;
}

const ENGLISH_MARKERS = new Set([
  'the',
  'and',
  'of',
  'to',
  'in',
  'is',
  'was',
  'that',
  'for',
  'with',
  'on',
  'it',
]);

/** "en" when common English function words make up a typical share of the text, else undefined. */
export function guessLanguage(text: string): string | undefined {
  const sample = words(text.slice(0, 5000));
  if (sample.length < 5) return undefined;
  let hits = 0;
  for (const w of sample) if (ENGLISH_MARKERS.has(w)) hits++;
  return hits / sample.length >= 0.08 ? 'en' : undefined;
}

/** An Article from plain body text (batch lines, story documents): paragraphs split on blank lines. */
export function articleFromText(text: string, title?: string): Article {
  const paragraphs = String(text)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
  return {
    headline: title,
    authors: [],
    keywords: [],
    blocks: paragraphs.map((p) => ({ kind: 'paragraph' as const, text: p })),
    text: paragraphs.join('\n\n'),
    html: '',
    diagnostics: { removed: [], notes: [], extractor: 'text' },
  };
}
