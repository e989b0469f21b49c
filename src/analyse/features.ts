/**
 * Sentence features for the learned extractive scorer. Everything here is case-insensitive on
 * purpose: the training data (CNN/DM dev) is lowercased, so capitalisation would teach nothing
 * that holds on real, cased input. The same function serves training (bench/train-bites.ts) and
 * run time, so the shipped weights always line up with the features they were learned on.
 */
import { contentTerms, idf, MAX_IDF, termCounts, wordCount, words } from './text.js';

export const FEATURE_NAMES = [
  'pos0',
  'pos1',
  'pos2',
  'pos3',
  'pos4',
  'pos5to9',
  'relPos',
  'logPos',
  'len',
  'lenSq',
  'short',
  'long',
  'centrality',
  'centralityRank',
  'topTermOverlap',
  'leadSimilarity',
  'meanIdf',
  'startsWithQuote',
  'quotedShare',
  'question',
  'attribution',
  'digits',
  'debris',
  'pronounStart',
  'connectiveStart',
  'pos0xLogDocLen',
  'docLen',
  'colonOrDash',
  'logWordsBefore',
  'maxSimilarity',
  'nextSimilarity',
  'prevSimilarity',
  'topTermCount',
  'bigramCentrality',
  'numbers',
  'contentShare',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

export interface SentenceInfo {
  text: string;
  terms: string[];
  words: number;
}

export function describeSentences(texts: string[]): SentenceInfo[] {
  return texts.map((text) => ({ text, terms: contentTerms(text), words: wordCount(text) }));
}

const DEBRIS =
  /\b(published|updated|last updated|by \.|follow @|click here|scroll down|read more|pictured|photo:|image:|copyright|all rights reserved)\b|^by\b|\|/i;
const PRONOUN_START = /^["“‘']?(he|she|it|they|this|that|these|those|his|her|their|its|we|i)\b/i;
const CONNECTIVE_START = /^["“‘']?(but|and|so|however|meanwhile|also|yet|still|instead|then|or)\b/i;
const ATTRIBUTION = /\b(said|says|told|according to|announced|reported|stated)\b/i;

function tfidfVector(terms: string[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const [t, c] of termCounts(terms)) v.set(t, c * idf(t));
  return v;
}

function dot(a: Map<string, number>, b: Map<string, number>): number {
  let s = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const [t, x] of small) {
    const y = large.get(t);
    if (y) s += x * y;
  }
  return s;
}

function norm(a: Map<string, number>): number {
  let s = 0;
  for (const x of a.values()) s += x * x;
  return Math.sqrt(s);
}

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const d = norm(a) * norm(b);
  return d ? dot(a, b) / d : 0;
}

/** One feature row per sentence, in FEATURE_NAMES order. */
export function sentenceFeatures(sentences: SentenceInfo[]): number[][] {
  const n = sentences.length;
  const vectors = sentences.map((s) => tfidfVector(s.terms));
  const centroid = new Map<string, number>();
  for (const v of vectors) for (const [t, x] of v) centroid.set(t, (centroid.get(t) ?? 0) + x);
  const centroidNormSq = norm(centroid) ** 2;
  const centrality = vectors.map((v) => {
    // Similarity to the rest of the document (the sentence itself removed from the centroid):
    // |C - v|² = |C|² - 2 v·C + |v|², so no copy of the centroid is needed.
    const vc = dot(v, centroid);
    const vv = norm(v) ** 2;
    const restNorm = Math.sqrt(Math.max(0, centroidNormSq - 2 * vc + vv));
    const d = Math.sqrt(vv) * restNorm;
    return d > 1e-12 ? Math.max(0, (vc - vv) / d) : 0;
  });
  const order = centrality.map((c, i) => [c, i] as const).sort((a, b) => b[0] - a[0]);
  const rank = new Array<number>(n);
  order.forEach(([, i], r) => {
    rank[i] = r;
  });
  // The document's salient terms: frequent in the document, rare in the background.
  const docCounts = termCounts(sentences.flatMap((s) => s.terms));
  const top = new Set(
    [...docCounts]
      .filter(([, c]) => c >= 2)
      .map(([t, c]) => [t, c * idf(t)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([t]) => t),
  );
  const logDocLen = Math.log(1 + n);
  // Pairwise similarities (n is small: tens of sentences).
  const maxSim = new Array<number>(n).fill(0);
  const nextSim = new Array<number>(n).fill(0);
  const norms = vectors.map(norm);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n && j < i + 60; j++) {
      const d = norms[i] * norms[j];
      const c = d ? dot(vectors[i], vectors[j]) / d : 0;
      if (c > maxSim[i]) maxSim[i] = c;
      if (c > maxSim[j]) maxSim[j] = c;
      if (j === i + 1) nextSim[i] = c;
    }
  }
  // Bigram centrality: share of a sentence's content bigrams that occur elsewhere in the document.
  const bigramDocs = new Map<string, number>();
  const bigramsOf = sentences.map((s) => {
    const set = new Set<string>();
    for (let k = 0; k + 1 < s.terms.length; k++) set.add(s.terms[k] + ' ' + s.terms[k + 1]);
    for (const g of set) bigramDocs.set(g, (bigramDocs.get(g) ?? 0) + 1);
    return set;
  });
  let wordsBefore = 0;
  return sentences.map((s, i) => {
    const before = wordsBefore;
    wordsBefore += s.words;
    let sharedBigrams = 0;
    for (const g of bigramsOf[i]) if ((bigramDocs.get(g) ?? 0) > 1) sharedBigrams++;
    const len = s.words / 30;
    const distinct = new Set(s.terms);
    let topHits = 0;
    for (const t of distinct) if (top.has(t)) topHits++;
    let idfSum = 0;
    for (const t of s.terms) idfSum += idf(t);
    const lower = s.text;
    const quoted = (lower.match(/[“"][^”"]*[”"]/g) ?? []).reduce((a, q) => a + q.length, 0);
    const toks = words(lower);
    return [
      i === 0 ? 1 : 0,
      i === 1 ? 1 : 0,
      i === 2 ? 1 : 0,
      i === 3 ? 1 : 0,
      i === 4 ? 1 : 0,
      i >= 5 && i <= 9 ? 1 : 0,
      n > 1 ? i / (n - 1) : 0,
      Math.log(1 + i),
      len,
      len * len,
      s.words < 8 ? 1 : 0,
      s.words > 45 ? 1 : 0,
      centrality[i],
      n > 1 ? rank[i] / (n - 1) : 0,
      top.size ? topHits / top.size : 0,
      i > 0 ? (norms[i] * norms[0] ? dot(vectors[i], vectors[0]) / (norms[i] * norms[0]) : 0) : 1,
      s.terms.length ? idfSum / s.terms.length / MAX_IDF : 0,
      /^["“‘']/.test(lower) ? 1 : 0,
      lower.length ? quoted / lower.length : 0,
      /\?["”’']?$/.test(lower) ? 1 : 0,
      ATTRIBUTION.test(lower) ? 1 : 0,
      /\d/.test(lower) ? 1 : 0,
      DEBRIS.test(lower) || toks.length < 3 ? 1 : 0,
      PRONOUN_START.test(lower) ? 1 : 0,
      CONNECTIVE_START.test(lower) ? 1 : 0,
      i === 0 ? logDocLen : 0,
      logDocLen / 4,
      /[:;]|\s[-–—]{1,2}\s/.test(lower) ? 1 : 0,
      Math.log(1 + before),
      maxSim[i],
      nextSim[i],
      i > 0 ? nextSim[i - 1] : 0,
      Math.min(topHits, 6) / 6,
      bigramsOf[i].size ? sharedBigrams / bigramsOf[i].size : 0,
      Math.min((lower.match(/\d+(?:[.,]\d+)?/g) ?? []).length, 5) / 5,
      toks.length ? s.terms.length / toks.length : 0,
    ];
  });
}
