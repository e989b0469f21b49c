/**
 * `npm run bench:bites`: NewsBite's bites on the shared CNN/DM dev set (2,000 articles), scored
 * with the shared ROUGE scorer next to Lead-3 from the same run; speed per article; k-fold
 * cross-validated ROUGE of the learned scorer (articles scored by a model that never saw them).
 * Writes predictions to bench/out/ and the report to docs/bench/bites.md.
 *   npm run bench:bites [-- --no-cv] [--limit N]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { bite } from '../src/analyse/index.js';
import { TRAINED_WITH } from '../src/analyse/weights.js';
import type { Article } from '../src/model/article.js';
import { DEV, type DevRow, prepare, readRows, SHARED } from './lib/dev-data.js';
import { crossValidate, type Rouge } from './lib/evaluate.js';
import { type TrainOptions, train } from './lib/train.js';

const { values } = parseArgs({
  options: { 'no-cv': { type: 'boolean', default: false }, limit: { type: 'string' } },
});
const OUT = new URL('./out/', import.meta.url).pathname;
fs.mkdirSync(OUT, { recursive: true });
const rows = readRows().slice(0, values.limit ? Number(values.limit) : undefined);

function articleOf(row: DevRow): Article {
  return {
    authors: [],
    keywords: [],
    blocks: [{ kind: 'paragraph', text: row.text }],
    text: row.text,
    html: '',
    diagnostics: { removed: [], notes: [], extractor: 'bench' },
  };
}

interface Scores {
  r1: number;
  r2: number;
  rl: number;
  rlsum: number;
  words: number;
  ci1: [number, number];
}

function score(predFile: string): Scores {
  const out = execFileSync('node', [`${SHARED}rouge.mjs`, '--ref', DEV, '--pred', predFile, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const s = JSON.parse(out).scores;
  const preds = fs
    .readFileSync(predFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l).summary as string);
  const words = preds.reduce((a, p) => a + p.split(/\s+/).filter(Boolean).length, 0) / preds.length;
  return {
    r1: s.rouge1.fmeasure,
    r2: s.rouge2.fmeasure,
    rl: s.rougeL.fmeasure,
    rlsum: s.rougeLsum.fmeasure,
    words,
    ci1: s.rouge1.fmeasure_ci95,
  };
}

function writePreds(file: string, preds: { id: string; summary: string[] }[]) {
  fs.writeFileSync(
    file,
    preds.map((p) => JSON.stringify({ id: p.id, summary: p.summary.join('\n') })).join('\n') + '\n',
  );
}

// Warm up (JIT, lazy tables) so the timing reflects steady state.
for (const row of rows.slice(0, 20)) bite(articleOf(row));

const settings = [
  { label: 'NewsBite bite, default (≤ 3 sentences, ≤ 75 words)', file: 'newsbite-3s75w.jsonl', opts: {} },
  { label: 'NewsBite bite, ≤ 3 sentences, no word cap', file: 'newsbite-3s.jsonl', opts: { maxWords: 0 } },
];
const results: { label: string; scores: Scores }[] = [];
let msTotal = 0;
let wordsTotal = 0;
const perArticle: number[] = [];
for (const [si, setting] of settings.entries()) {
  const preds: { id: string; summary: string[] }[] = [];
  for (const row of rows) {
    const t0 = performance.now();
    const b = bite(articleOf(row), setting.opts);
    const ms = performance.now() - t0;
    if (si === 0) {
      msTotal += ms;
      perArticle.push(ms);
      wordsTotal += row.text.split(/\s+/).filter(Boolean).length;
    }
    preds.push({ id: row.id, summary: b.summary.map((s) => s.text) });
  }
  writePreds(`${OUT}${setting.file}`, preds);
  results.push({ label: setting.label, scores: score(`${OUT}${setting.file}`) });
}
const loadDuringTiming = os.loadavg()[0];
if (!values.limit) {
  execFileSync('node', [
    `${SHARED}baselines.mjs`,
    '--data',
    DEV,
    '--method',
    'lead',
    '--k',
    '3',
    '--out',
    `${OUT}lead3.jsonl`,
  ]);
  results.push({ label: 'Lead-3 (baselines.mjs, same run)', scores: score(`${OUT}lead3.jsonl`) });
}

let cv: { label: string; rouge: Rouge }[] = [];
const folds = 5;
if (!values['no-cv']) {
  const opts = TRAINED_WITH as TrainOptions & { oracleWords?: number };
  // Same labels as the shipped weights (oracle under the same word cap).
  const prepared = prepare(rows, opts.oracleWords ?? 0);
  const [capped, uncapped] = crossValidate(prepared, (a) => train(a, opts), folds, [
    { maxSentences: 3, maxWords: 75 },
    { maxSentences: 3, maxWords: 0 },
  ]);
  cv = [
    { label: `${folds}-fold CV, default (≤ 3 sentences, ≤ 75 words)`, rouge: capped },
    { label: `${folds}-fold CV, ≤ 3 sentences, no word cap`, rouge: uncapped },
  ];
}

perArticle.sort((a, b) => a - b);
const msPerArticle = msTotal / rows.length;
const msPer800 = (msTotal / wordsTotal) * 800;
const p95 = perArticle[Math.floor(perArticle.length * 0.95)];
const f = (n: number) => n.toFixed(2);
const lines = [
  '# Bites benchmark (summaries on CNN/DM dev)',
  '',
  `Date: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'} · Node ${process.version}`,
  '',
  'Command: `npm run bench:bites` (= `tsx bench/bites.ts`); scorer: `node ../shared/bench/summary/rouge.mjs --ref ../shared/bench/summary/data/cnndm-dev.jsonl.gz --pred bench/out/<file>` (stemming on, F1 × 100).',
  '',
  `Dev set: ${rows.length} CNN/DailyMail test articles (lowercased source; references 3.9 sentences / 51 words on average).`,
  '',
  '| system | R-1 | R-2 | R-L | R-Lsum | avg words | R-1 95% CI |',
  '|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.label} | ${f(r.scores.r1)} | ${f(r.scores.r2)} | ${f(r.scores.rl)} | ${f(r.scores.rlsum)} | ${r.scores.words.toFixed(1)} | ${f(r.scores.ci1[0])}–${f(r.scores.ci1[1])} |`,
  ),
  '',
  cv.length
    ? [
        `Held-out (honest) numbers — ${folds}-fold cross-validation: the scorer is retrained on 4/5 of the articles and`,
        'scores the remaining 1/5, for every fold (same features, same training settings as the shipped weights:',
        `\`${JSON.stringify({ ...TRAINED_WITH, folds: undefined })}\`). R-L is not computed in this pass.`,
        '',
        '| system | R-1 | R-2 | R-Lsum | avg words |',
        '|---|---|---|---|---|',
        ...cv.map(
          (c) =>
            `| ${c.label} | ${f(c.rouge.r1)} | ${f(c.rouge.r2)} | ${f(c.rouge.rlsum)} | ${c.rouge.words.toFixed(1)} |`,
        ),
      ].join('\n')
    : '(cross-validation skipped: --no-cv)',
  '',
  `Speed (whole bite: sentences, summary, key points, entities, quotes, sourcing, keywords; one core): ` +
    `1-min load average ${loadDuringTiming.toFixed(1)} on ${os.cpus().length} cores during the run (other jobs shared the machine): ` +
    `${msPerArticle.toFixed(2)} ms/article on average (${(wordsTotal / rows.length).toFixed(0)} words), ` +
    `p95 ${p95.toFixed(2)} ms, **${msPer800.toFixed(2)} ms per 800 words** (target ≤ 15 ms).`,
  '',
  'Predictions: bench/out/*.jsonl (not committed).',
  '',
];
const report = lines.join('\n');
if (!values.limit) {
  fs.mkdirSync(new URL('../docs/bench/', import.meta.url), { recursive: true });
  fs.writeFileSync(new URL('../docs/bench/bites.md', import.meta.url), report);
}
console.log(report);
