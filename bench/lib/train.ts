/**
 * Training the sentence scorer: logistic regression or a one-hidden-layer ReLU network on
 * standardised features, mini-batch Adam with L2, targets = greedy-oracle membership.
 * Deterministic (seeded init) so a re-run reproduces the shipped weights.
 */
import { FEATURE_NAMES } from '../../src/analyse/features.js';
import type { LinearModel, MlpModel, ScorerModel } from '../../src/analyse/scorer.js';
import type { PreparedArticle } from './dev-data.js';

export interface TrainOptions {
  kind?: 'linear' | 'mlp';
  hidden?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** oracle: greedy-oracle membership; soft: per-article normalised ROUGE gain; mix: their mean. */
  target?: 'oracle' | 'soft' | 'mix';
  batch?: number;
  /** Train this many models with different seeds and average them. */
  members?: number;
  /**
   * pointwise: logistic loss per sentence; listwise: softmax over each article's sentences
   * against the oracle's distribution (ranks within an article, which is what selection uses).
   */
  loss?: 'pointwise' | 'listwise';
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function train(articles: PreparedArticle[], options: TrainOptions = {}): ScorerModel {
  const members = options.members ?? 1;
  if (members <= 1) return trainOne(articles, options);
  const models = Array.from({ length: members }, (_, i) =>
    trainOne(articles, { ...options, seed: (options.seed ?? 7) + 1000 * i }),
  ) as (LinearModel | MlpModel)[];
  return { kind: 'ensemble', features: [...FEATURE_NAMES], members: models };
}

function trainOne(articles: PreparedArticle[], options: TrainOptions): ScorerModel {
  const kind = options.kind ?? 'linear';
  const hidden = options.hidden ?? 16;
  const epochs = options.epochs ?? (kind === 'linear' ? 15 : 25);
  const lr = options.learningRate ?? (kind === 'linear' ? 0.02 : 0.005);
  const batch = options.batch ?? 128;
  const target = options.target ?? 'oracle';
  const l2 = options.l2 ?? 1e-4;
  const rand = mulberry32(options.seed ?? 7);
  const loss = options.loss ?? 'pointwise';
  const X: number[][] = [];
  const y: number[] = [];
  /** Row ranges of each article, for listwise batches. */
  const groups: [number, number][] = [];
  for (const a of articles) {
    groups.push([X.length, X.length + a.rows.length]);
    const top = Math.max(1e-9, ...a.gains);
    a.rows.forEach((r, i) => {
      X.push(r);
      const soft = a.gains[i] / top;
      y.push(target === 'oracle' ? a.labels[i] : target === 'soft' ? soft : (a.labels[i] + soft) / 2);
    });
  }
  const d = FEATURE_NAMES.length;
  const m = X.length;
  const mean = new Array(d).fill(0);
  const std = new Array(d).fill(0);
  for (const r of X) for (let j = 0; j < d; j++) mean[j] += r[j] / m;
  for (const r of X) for (let j = 0; j < d; j++) std[j] += (r[j] - mean[j]) ** 2 / m;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) || 1;
  const Z = X.map((r) => r.map((v, j) => (v - mean[j]) / std[j]));

  // Parameters flattened for Adam.
  const H = kind === 'mlp' ? hidden : 0;
  const size = kind === 'mlp' ? H * d + H + H + 1 : d + 1;
  const p = new Float64Array(size);
  if (kind === 'mlp') for (let i = 0; i < H * d; i++) p[i] = (rand() - 0.5) * 2 * Math.sqrt(6 / (d + H));
  if (kind === 'mlp') for (let h = 0; h < H; h++) p[H * d + H + h] = (rand() - 0.5) * 0.2;
  const mom = new Float64Array(size);
  const vel = new Float64Array(size);
  const g = new Float64Array(size);
  // Units shuffled per epoch: single rows (pointwise) or whole articles (listwise).
  const units: [number, number][] =
    loss === 'listwise' ? groups : Array.from({ length: m }, (_, i) => [i, i + 1]);
  const unitsPerBatch = loss === 'listwise' ? Math.max(1, Math.round(batch / 30)) : batch;
  const order = Array.from({ length: units.length }, (_, i) => i);
  const outs = new Float64Array(m);
  const acts = new Float64Array(kind === 'mlp' ? m * H : 0);
  const errs = new Float64Array(m);
  let step = 0;
  const b1 = 0.9;
  const b2 = 0.999;
  const forward = (i: number) => {
    const z = Z[i];
    let out: number;
    if (kind === 'linear') {
      out = p[d];
      for (let j = 0; j < d; j++) out += p[j] * z[j];
    } else {
      out = p[H * d + H + H];
      for (let h = 0; h < H; h++) {
        let a = p[H * d + h];
        for (let j = 0; j < d; j++) a += p[h * d + j] * z[j];
        const act = Math.max(a, 0);
        acts[i * H + h] = act;
        out += p[H * d + H + h] * act;
      }
    }
    outs[i] = out;
  };
  const backward = (i: number, err: number) => {
    const z = Z[i];
    if (kind === 'linear') {
      for (let j = 0; j < d; j++) g[j] += err * z[j];
      g[d] += err;
      return;
    }
    g[H * d + H + H] += err;
    for (let h = 0; h < H; h++) {
      const act = acts[i * H + h];
      if (act <= 0) continue;
      g[H * d + H + h] += err * act;
      const back = err * p[H * d + H + h];
      g[H * d + h] += back;
      for (let j = 0; j < d; j++) g[h * d + j] += back * z[j];
    }
  };
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start < order.length; start += unitsPerBatch) {
      const end = Math.min(order.length, start + unitsPerBatch);
      g.fill(0);
      let count = 0;
      for (let u = start; u < end; u++) {
        const [from, to] = units[order[u]];
        for (let i = from; i < to; i++) forward(i);
        if (loss === 'listwise') {
          let labelSum = 0;
          for (let i = from; i < to; i++) labelSum += y[i];
          if (labelSum <= 0) continue;
          let max = Number.NEGATIVE_INFINITY;
          for (let i = from; i < to; i++) max = Math.max(max, outs[i]);
          let z = 0;
          for (let i = from; i < to; i++) z += Math.exp(outs[i] - max);
          for (let i = from; i < to; i++) errs[i] = Math.exp(outs[i] - max) / z - y[i] / labelSum;
          count++;
        } else {
          for (let i = from; i < to; i++) errs[i] = 1 / (1 + Math.exp(-outs[i])) - y[i];
          count += to - from;
        }
        for (let i = from; i < to; i++) backward(i, errs[i]);
      }
      if (!count) continue;
      step++;
      for (let k = 0; k < size; k++) {
        const grad = g[k] / count + l2 * p[k];
        mom[k] = b1 * mom[k] + (1 - b1) * grad;
        vel[k] = b2 * vel[k] + (1 - b2) * grad * grad;
        const mh = mom[k] / (1 - b1 ** step);
        const vh = vel[k] / (1 - b2 ** step);
        p[k] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
      }
    }
  }
  const round = (v: number) => Math.round(v * 1e5) / 1e5;
  if (kind === 'linear') {
    return {
      kind,
      features: [...FEATURE_NAMES],
      mean: mean.map(round),
      std: std.map(round),
      weights: Array.from(p.slice(0, d), round),
      bias: round(p[d]),
    };
  }
  const w1: number[][] = [];
  for (let h = 0; h < H; h++) w1.push(Array.from(p.slice(h * d, h * d + d), round));
  return {
    kind,
    features: [...FEATURE_NAMES],
    mean: mean.map(round),
    std: std.map(round),
    w1,
    b1: Array.from(p.slice(H * d, H * d + H), round),
    w2: Array.from(p.slice(H * d + H, H * d + 2 * H), round),
    b2: round(p[H * d + 2 * H]),
  };
}
