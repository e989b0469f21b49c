/** Loading the shared CNN/DM dev set and turning articles into scorer training rows. */
import fs from 'node:fs';
import zlib from 'node:zlib';
// @ts-expect-error plain ESM module without types
import { tokenize } from '../../../shared/bench/summary/rouge.mjs';
import { describeSentences, type SentenceInfo, sentenceFeatures } from '../../src/analyse/features.js';
import { segmentSentences } from '../../src/analyse/sentences.js';

export const SHARED = new URL('../../../shared/bench/summary/', import.meta.url).pathname;
export const DEV = `${SHARED}data/cnndm-dev.jsonl.gz`;

export interface DevRow {
  id: string;
  text: string;
  reference: string;
}

export function readRows(file = DEV): DevRow[] {
  const raw = fs.readFileSync(file);
  const text = (file.endsWith('.gz') ? zlib.gunzipSync(raw) : raw).toString('utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as DevRow);
}

export interface PreparedArticle {
  id: string;
  reference: string;
  sentences: SentenceInfo[];
  rows: number[][];
  /** 1 for sentences in the greedy ROUGE oracle (≤ 3 sentences), else 0. */
  labels: number[];
  /** Per-sentence soft target: mean of ROUGE-1/2 recall of the sentence against the reference. */
  gains: number[];
}

type Grams = Map<string, number>;
function grams(tokens: string[], n: number): Grams {
  const m: Grams = new Map();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = n === 1 ? tokens[i] : tokens.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** Greedy oracle on mean ROUGE-1/2 F1, like baselines.mjs, but over our own sentence split. */
export function oracleLabels(
  sentences: string[],
  reference: string,
  k = 3,
  maxWords = 0,
): { labels: number[]; gains: number[] } {
  const lengths = sentences.map((s) => s.split(/\s+/).filter(Boolean).length);
  let chosenWords = 0;
  const refTok: string[] = tokenize(reference);
  const ref = [grams(refTok, 1), grams(refTok, 2)];
  const refTotal = [refTok.length, Math.max(refTok.length - 1, 0)];
  const cands = sentences.map((s) => {
    const t: string[] = tokenize(s);
    return { g: [grams(t, 1), grams(t, 2)], tot: [t.length, Math.max(t.length - 1, 0)] };
  });
  const gains = cands.map((c) => {
    let r = 0;
    for (let n = 0; n < 2; n++) {
      let o = 0;
      for (const [g, cnt] of c.g[n]) o += Math.min(cnt, ref[n].get(g) ?? 0);
      r += refTotal[n] ? o / refTotal[n] / 2 : 0;
    }
    return r;
  });
  const f = (o: number, p: number, r: number) =>
    p && r && o ? (2 * (o / p) * (o / r)) / (o / p + o / r) : 0;
  const sel = [new Map<string, number>(), new Map<string, number>()];
  const overlap = [0, 0];
  const selTot = [0, 0];
  const labels = sentences.map(() => 0);
  let best = 0;
  for (let step = 0; step < k; step++) {
    let bestIdx = -1;
    let bestScore = best;
    cands.forEach((c, i) => {
      if (labels[i] || !c.tot[0]) return;
      if (maxWords && step > 0 && chosenWords + lengths[i] > maxWords) return;
      let score = 0;
      for (let n = 0; n < 2; n++) {
        let o = overlap[n];
        for (const [g, cnt] of c.g[n]) {
          const r = ref[n].get(g);
          if (!r) continue;
          const have = sel[n].get(g) ?? 0;
          o += Math.min(have + cnt, r) - Math.min(have, r);
        }
        score += f(o, selTot[n] + c.tot[n], refTotal[n]) / 2;
      }
      if (score > bestScore + 1e-12) {
        bestScore = score;
        bestIdx = i;
      }
    });
    if (bestIdx < 0) break;
    labels[bestIdx] = 1;
    chosenWords += lengths[bestIdx];
    const c = cands[bestIdx];
    for (let n = 0; n < 2; n++) {
      for (const [g, cnt] of c.g[n]) {
        const r = ref[n].get(g);
        const have = sel[n].get(g) ?? 0;
        if (r) overlap[n] += Math.min(have + cnt, r) - Math.min(have, r);
        sel[n].set(g, have + cnt);
      }
      selTot[n] += c.tot[n];
    }
    best = bestScore;
  }
  return { labels, gains };
}

export function prepare(rows: DevRow[], oracleMaxWords = 0): PreparedArticle[] {
  return rows.map((row) => {
    const texts = segmentSentences(row.text).map((s) => s.text);
    const sentences = describeSentences(texts);
    const { labels, gains } = oracleLabels(texts, row.reference, 3, oracleMaxWords);
    return {
      id: row.id,
      reference: row.reference,
      sentences,
      rows: sentenceFeatures(sentences),
      labels,
      gains,
    };
  });
}
