import fs from 'node:fs'; import zlib from 'node:zlib';
import { extract } from '../src/extract/index.js';
const pages = zlib.gunzipSync(fs.readFileSync('/work/shared/bench/extraction/data/dev-html.jsonl.gz')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sel = pages.filter((_, i) => i % 4 === 2).slice(0, 24);
for (const p of sel) { const a = extract(p.html, p.url); console.log(p.id.slice(0, 12), '|', a.headline, '|', JSON.stringify(a.authors), '|', a.published); }
