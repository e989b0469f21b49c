import fs from 'node:fs'; import zlib from 'node:zlib';
import { extract } from '../src/extract/index.js';
const pages = zlib.gunzipSync(fs.readFileSync('/work/shared/bench/extraction/data/dev-html.jsonl.gz')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const truth = new Map(zlib.gunzipSync(fs.readFileSync('/work/shared/bench/extraction/data/dev-truth.jsonl.gz')).toString('utf8').split('\n').filter(Boolean).map((l) => { const o = JSON.parse(l); return [o.id, o.articleBody]; }));
const tok = (s: string) => s.match(/[\p{L}\p{N}_]+/gu) ?? [];
const fps: [number, string, string, string][] = []; const fns: [number, string, string][] = [];
for (const p of pages) {
  const a = extract(p.html, p.url);
  const tt = ' ' + tok(truth.get(p.id)!).join(' ') + ' ';
  for (const b of a.blocks) {
    const text = b.kind === 'list' ? b.items.join(' ') : b.kind === 'table' ? b.rows.flat().join(' ') : 'text' in b ? b.text : '';
    const bt = tok(text).join(' ');
    if (bt && !tt.includes(' ' + bt + ' ')) fps.push([tok(text).length, p.id.slice(0, 6), b.kind, text.slice(0, 110).replace(/\n/g, ' / ')]);
  }
  const pt = ' ' + tok(a.text).join(' ') + ' ';
  for (const para of truth.get(p.id)!.split('\n')) { const bt = tok(para).join(' '); if (bt && !pt.includes(' ' + bt + ' ')) fns.push([tok(para).length, p.id.slice(0, 6), para.slice(0, 110)]); }
}
fs.writeFileSync('/tmp/nb/fp.txt', fps.map((f) => f.join(' | ')).join('\n'));
fs.writeFileSync('/tmp/nb/fn.txt', fns.map((f) => f.join(' | ')).join('\n'));
console.log(fps.length, fps.reduce((a, b) => a + b[0], 0), fns.length, fns.reduce((a, b) => a + b[0], 0));
