/** Scoring extractive selections against the references with the shared ROUGE scorer (library calls). */

// @ts-expect-error plain ESM module without types
import { scorePair } from '../../../shared/bench/summary/rouge.mjs';
import { type ScorerModel, scoreRow } from '../../src/analyse/scorer.js';
import { type RankedSentence, selectSentences } from '../../src/analyse/summarize.js';
import type { PreparedArticle } from './dev-data.js';

export interface Rouge {
  r1: number;
  r2: number;
  rlsum: number;
  words: number;
}

export function summaries(
  articles: PreparedArticle[],
  model: ScorerModel,
  maxSentences: number,
  maxWords: number,
) {
  return articles.map((a) => {
    const ranked: RankedSentence[] = a.sentences.map((s, index) => ({
      ...s,
      index,
      score: scoreRow(model, a.rows[index]),
    }));
    return selectSentences(ranked, maxSentences, maxWords).map((i) => a.sentences[i].text);
  });
}

export function rouge(articles: PreparedArticle[], preds: string[][]): Rouge {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  let w = 0;
  articles.forEach((a, i) => {
    const s = scorePair(a.reference, preds[i].join('\n'), { types: ['rouge1', 'rouge2', 'rougeLsum'] });
    r1 += s.rouge1.fmeasure;
    r2 += s.rouge2.fmeasure;
    rl += s.rougeLsum.fmeasure;
    w += preds[i].join(' ').split(/\s+/).filter(Boolean).length;
  });
  const n = articles.length || 1;
  return { r1: (100 * r1) / n, r2: (100 * r2) / n, rlsum: (100 * rl) / n, words: w / n };
}

/** k-fold cross-validation: every article is summarised by a model that never saw it (one model per fold). */
export function crossValidate(
  articles: PreparedArticle[],
  trainFn: (train: PreparedArticle[]) => ScorerModel,
  folds: number,
  settings: { maxSentences: number; maxWords: number }[],
): Rouge[] {
  const preds: string[][][] = settings.map(() => new Array(articles.length));
  for (let f = 0; f < folds; f++) {
    const model = trainFn(articles.filter((_, i) => i % folds !== f));
    const heldIdx = articles.map((_, i) => i).filter((i) => i % folds === f);
    const held = heldIdx.map((i) => articles[i]);
    settings.forEach((s, si) => {
      const out = summaries(held, model, s.maxSentences, s.maxWords);
      heldIdx.forEach((i, k) => {
        preds[si][i] = out[k];
      });
    });
  }
  return preds.map((p) => rouge(articles, p));
}
