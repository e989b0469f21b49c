/**
 * The learned sentence scorer: standardised features → a small model whose weights were
 * learned on the dev set's reference summaries (bench/train-bites.ts writes weights.ts).
 * Supports a linear model, a one-hidden-layer network and an average of several of them.
 */
import { FEATURE_NAMES } from './features.js';
import { SCORER_WEIGHTS } from './weights.js';

export interface LinearModel {
  kind: 'linear';
  features: readonly string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

export interface MlpModel {
  kind: 'mlp';
  features: readonly string[];
  mean: number[];
  std: number[];
  /** hidden × features */
  w1: number[][];
  b1: number[];
  w2: number[];
  b2: number;
}

/** Several models trained with different seeds; their scores are averaged (less variance). */
export interface EnsembleModel {
  kind: 'ensemble';
  features: readonly string[];
  members: (LinearModel | MlpModel)[];
}

export type ScorerModel = LinearModel | MlpModel | EnsembleModel;

export function scoreRow(model: ScorerModel, row: number[]): number {
  if (model.kind === 'ensemble') {
    let sum = 0;
    for (const m of model.members) sum += scoreRow(m, row);
    return sum / model.members.length;
  }
  const n = row.length;
  if (model.kind === 'linear') {
    let s = model.bias;
    for (let j = 0; j < n; j++) s += model.weights[j] * ((row[j] - model.mean[j]) / model.std[j]);
    return s;
  }
  const x = new Array<number>(n);
  for (let j = 0; j < n; j++) x[j] = (row[j] - model.mean[j]) / model.std[j];
  let out = model.b2;
  for (let h = 0; h < model.w1.length; h++) {
    const w = model.w1[h];
    let a = model.b1[h];
    for (let j = 0; j < n; j++) a += w[j] * x[j];
    if (a > 0) out += model.w2[h] * a;
  }
  return out;
}

export function defaultModel(): ScorerModel {
  const model = SCORER_WEIGHTS;
  if (
    model.features.length !== FEATURE_NAMES.length ||
    model.features.some((f, i) => f !== FEATURE_NAMES[i])
  ) {
    throw new Error('analyse/weights.ts does not match the feature list; re-run bench/train-bites.ts');
  }
  return model;
}
