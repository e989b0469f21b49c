/**
 * Sentence splitter check: NewsBite's own splitter vs wink-nlp (installed) on hard cases, and
 * segmentation speed on 300 dev articles.   npx tsx bench/bites-sentences.ts
 */

import model from 'wink-eng-lite-web-model';
import winkNLP from 'wink-nlp';
import { splitSentences } from '../src/analyse/sentences.js';
import { readRows } from './lib/dev-data.js';

const nlp = winkNLP(model);
const cases: [string, number][] = [
  ['Dr. Smith met U.S. officials in Jan. 2020 at No. 10 Downing St. in London. They agreed.', 2],
  ['He moved to the U.S. The move was hard.', 2],
  ['George W. Bush met J. K. Rowling. Growth was 2.5 percent in 3.1 months.', 2],
  [
    '“Like most of the stuff I’m aware of … the reason they keep it top secret is because it’s so boring,” he said. Right.',
    2,
  ],
  ['“It was bad. We left,” she said. Then it rained.', 2],
  ['Wait... What? Really! Yes.', 4],
  ['WASHINGTON (Reuters) - The Senate voted on Tuesday. It passed.', 2],
];
let winkOk = 0;
let oursOk = 0;
for (const [text, expected] of cases) {
  const wink = nlp.readDoc(text).sentences().out();
  const ours = splitSentences(text);
  if (wink.length === expected) winkOk++;
  if (ours.length === expected) oursOk++;
  console.log(`${ours.length === expected ? 'ok ' : 'BAD'} ours ${JSON.stringify(ours)}`);
  console.log(`${wink.length === expected ? 'ok ' : 'BAD'} wink ${JSON.stringify(wink)}`);
}
console.log(`right sentence count: ours ${oursOk}/${cases.length}, wink ${winkOk}/${cases.length}`);
const rows = readRows().slice(0, 300);
for (const r of rows.slice(0, 20)) {
  nlp.readDoc(r.text);
  splitSentences(r.text);
}
let t0 = performance.now();
for (const r of rows) nlp.readDoc(r.text).sentences().out();
const wink = (performance.now() - t0) / rows.length;
t0 = performance.now();
for (const r of rows) splitSentences(r.text);
const ours = (performance.now() - t0) / rows.length;
console.log(`ms per article (300 dev articles): ours ${ours.toFixed(2)}, wink ${wink.toFixed(2)}`);
