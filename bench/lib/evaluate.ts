/** Scoring extractive selections against the references with the shared ROUGE scorer (library calls). */
import { scoreRow, type ScorerModel } from '../../src/analyse/scorer.js';
import { type RankedSentence, selectSentences } from '../../src/analyse/summarize.js';
// @ts-expect-error plain ESM module without types
import { scorePair } from '../../../shared/bench/summary/rouge.mjs';
import type { PreparedArticle } from './dev-data.js';

export interface Rouge {
  r1: number;
  r2: number;
  rlsum: number;
  words: number;
}

export function summaries(articles: PreparedArticle[], model: ScorerModel, maxSentences: number, maxWords: number) {
  return articles.map((a) => {
    const ranked: RankedSentence[] = a.sentences.map((s, index) => ({ ...s, index, score: scoreRow(model, a.rows[index]) }));
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

/** k-fold cross-validation: every article is summarised by a model that never saw it. */
export function crossValidate(
  articles: PreparedArticle[],
  trainFn: (train: PreparedArticle[]) => ScorerModel,
  folds: number,
  maxSentences: number,
  maxWords: number,
): { rouge: Rouge; preds: string[][] } {
  const preds: string[][] = new Array(articles.length);
  for (let f = 0; f < folds; f++) {
    const trainSet = articles.filter((_, i) => i % folds !== f);
    const model = trainFn(trainSet);
    const heldIdx = articles.map((_, i) => i).filter((i) => i % folds === f);
    const out = summaries(
      heldIdx.map((i) => articles[i]),
      model,
      maxSentences,
      maxWords,
    );
    heldIdx.forEach((i, k) => {
      preds[i] = out[k];
    });
  }
  return { rouge: rouge(articles, preds), preds };
}
