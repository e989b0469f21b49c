/**
 * Extractive summaries: every sentence is scored by the learned scorer (position, length,
 * centrality, salient-term and lead overlap, quote/attribution cues …), optionally nudged by
 * headline overlap, then picked best-first with redundancy blocking and sentence/word budgets,
 * and returned in reading order.
 */
import type { SummarySentence } from '../model/bite.js';
import { cosine, describeSentences, type SentenceInfo, sentenceFeatures } from './features.js';
import { defaultModel, type ScorerModel, scoreRow } from './scorer.js';
import { segmentSentences } from './sentences.js';
import { contentTerms, idf, termCounts, trigrams, words } from './text.js';

export const DEFAULT_MAX_SENTENCES = 3;
export const DEFAULT_MAX_WORDS = 75;

/**
 * Weight of headline overlap added to the learned score. Not learned: the dev set has no
 * headlines. Kept small (≈ the gap between the 2nd and 4th lead position) so it breaks near-ties.
 */
const HEADLINE_WEIGHT = 1.0;
/** Sentences shorter than this (in words) are never picked ("Right.", "Pictured."). */
const MIN_WORDS = 4;

export interface SummaryOptions {
  maxSentences?: number;
  /** Word budget; 0 or Infinity for none. The first sentence is always kept. */
  maxWords?: number;
  title?: string;
  model?: ScorerModel;
}

export interface RankedSentence extends SentenceInfo {
  index: number;
  score: number;
}

/** Scores sentences with the learned model (+ headline overlap). */
export function rankSentences(sentences: string[], options: { title?: string; model?: ScorerModel } = {}) {
  const infos = describeSentences(sentences);
  const rows = sentenceFeatures(infos);
  const model = options.model ?? defaultModel();
  const titleVector = options.title ? weighted(contentTerms(options.title)) : undefined;
  return infos.map((info, index): RankedSentence => {
    let score = scoreRow(model, rows[index]);
    if (titleVector) score += HEADLINE_WEIGHT * cosine(weighted(info.terms), titleVector);
    return { ...info, index, score };
  });
}

function weighted(terms: string[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const [t, c] of termCounts(terms)) v.set(t, c * idf(t));
  return v;
}

/** Best-first selection with trigram blocking and budgets; returns indices in reading order. */
export function selectSentences(
  ranked: RankedSentence[],
  maxSentences = DEFAULT_MAX_SENTENCES,
  maxWords = DEFAULT_MAX_WORDS,
): number[] {
  const budget = maxWords > 0 ? maxWords : Number.POSITIVE_INFINITY;
  const order = [...ranked].sort((a, b) => b.score - a.score || a.index - b.index);
  const chosen: RankedSentence[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const s of order) {
    if (chosen.length >= maxSentences) break;
    if (s.words < MIN_WORDS && ranked.length > 1) continue;
    if (chosen.length && total + s.words > budget) continue;
    const grams = trigrams(words(s.text));
    let repeated = false;
    for (const g of grams) if (seen.has(g)) repeated = true;
    if (repeated) continue;
    for (const g of grams) seen.add(g);
    chosen.push(s);
    total += s.words;
  }
  if (!chosen.length && ranked.length) chosen.push(order[0]);
  return chosen.map((s) => s.index).sort((a, b) => a - b);
}

/** Extractive summary of one text (already plain text; paragraphs separated by newlines). */
export function summarizeText(text: string, options: SummaryOptions = {}): SummarySentence[] {
  const sentences = segmentSentences(text).map((s) => s.text);
  return summarizeSentences(sentences, options).map((i) => ({ text: sentences[i] }));
}

export function summarizeSentences(sentences: string[], options: SummaryOptions = {}): number[] {
  if (!sentences.length) return [];
  const ranked = rankSentences(sentences, options);
  return selectSentences(
    ranked,
    options.maxSentences ?? DEFAULT_MAX_SENTENCES,
    options.maxWords ?? DEFAULT_MAX_WORDS,
  );
}

export interface StoryDoc {
  id: string;
  title?: string;
  text: string;
}

/**
 * Weight of cross-document support (mean tf-idf cosine of a sentence with the other articles):
 * what several sources say is what the story is about. Hand-set — no multi-document training
 * set is available here — so that full support is worth about as much as the lead position.
 */
const SUPPORT_WEIGHT = 3.0;
/** Sentences closer than this (tf-idf cosine) to one already picked repeat it. */
const STORY_REDUNDANCY = 0.45;

/** A summary of several articles on one story; each sentence credits the document it comes from. */
export function summarizeStory(docs: StoryDoc[], options: SummaryOptions = {}): SummarySentence[] {
  const maxSentences = options.maxSentences ?? DEFAULT_MAX_SENTENCES;
  const budget = options.maxWords && options.maxWords > 0 ? options.maxWords : options.maxWords === 0 ? Infinity : DEFAULT_MAX_WORDS;
  const perDoc = docs
    .filter((d) => d && typeof d.text === 'string' && d.text.trim())
    .map((d, order) => {
      const sentences = segmentSentences(d.text.slice(0, 200_000)).map((s) => s.text);
      const ranked = rankSentences(sentences, { title: d.title, model: options.model });
      const vectors = ranked.map((r) => weighted(r.terms));
      const centroid = new Map<string, number>();
      for (const v of vectors) for (const [t, x] of v) centroid.set(t, (centroid.get(t) ?? 0) + x);
      return { doc: d, order, ranked, vectors, centroid };
    });
  const all: { doc: number; sentence: RankedSentence; vector: Map<string, number>; score: number }[] = [];
  for (const d of perDoc) {
    d.ranked.forEach((s, i) => {
      let support = 0;
      for (const other of perDoc) if (other !== d) support += cosine(d.vectors[i], other.centroid);
      if (perDoc.length > 1) support /= perDoc.length - 1;
      all.push({ doc: d.order, sentence: s, vector: d.vectors[i], score: s.score + SUPPORT_WEIGHT * support });
    });
  }
  all.sort((a, b) => b.score - a.score || a.doc - b.doc || a.sentence.index - b.sentence.index);
  const chosen: typeof all = [];
  let total = 0;
  for (const c of all) {
    if (chosen.length >= maxSentences) break;
    if (c.sentence.words < MIN_WORDS) continue;
    if (chosen.length && total + c.sentence.words > budget) continue;
    if (chosen.some((p) => cosine(p.vector, c.vector) > STORY_REDUNDANCY)) continue;
    chosen.push(c);
    total += c.sentence.words;
  }
  return chosen
    .sort((a, b) => a.doc - b.doc || a.sentence.index - b.sentence.index)
    .map((c) => ({ text: c.sentence.text, source: perDoc[c.doc].doc.id }));
}
