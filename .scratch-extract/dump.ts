import fs from 'node:fs'; import zlib from 'node:zlib';
import { parseDocument, textOf } from '../src/extract/tree.js';
import { jsonLdObjects } from '../src/extract/metadata.js';
const pages = zlib.gunzipSync(fs.readFileSync('/work/shared/bench/extraction/data/dev-html.jsonl.gz')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const sel = pages.filter((_, i) => i % 4 === (Number(process.env.MOD ?? 0))).slice(0, Number(process.env.N ?? 46));
const out: string[] = [];
for (const p of sel) {
  const d = parseDocument(p.html);
  const lines = [`### ${p.id.slice(0, 12)} ${p.url}`, `title: ${d.title}`];
  const h1: string[] = []; const by: string[] = []; const times: string[] = [];
  const st: any[] = [d.body];
  while (st.length) { const n = st.pop(); if (n.type !== 'element') continue;
    if (n.tag === 'h1') h1.push(textOf(n));
    const c = `${n.attrs.class ?? ''} ${n.attrs.itemprop ?? ''} ${n.attrs.rel ?? ''}`;
    if (/byline|author|writer|reporter|dateline|date|time|posted|published/i.test(c) && textOf(n).length < 150 && textOf(n)) by.push(`[${c.trim().slice(0, 40)}] ${textOf(n)}`);
    if (n.tag === 'time') times.push(`${n.attrs.datetime} | ${textOf(n)}`);
    for (const ch of n.children) st.push(ch); }
  lines.push(`h1: ${JSON.stringify(h1.slice(0, 3))}`);
  for (const m of d.head) { const k = (m.attrs.property ?? m.attrs.name ?? m.attrs.itemprop ?? '').toLowerCase(); if (/title|author|publish|date|creator|byl|site_name/.test(k)) lines.push(`meta ${k}: ${m.attrs.content?.slice(0, 120)}`); }
  for (const o of jsonLdObjects(d.jsonLd)) { const t = JSON.stringify(o['@type']); if (o.headline || o.datePublished || o.author) lines.push(`ld ${t}: headline=${JSON.stringify(o.headline)?.slice(0, 120)} date=${o.datePublished} author=${JSON.stringify(o.author)?.slice(0, 150)}`); }
  for (const b of [...new Set(by.reverse())].slice(0, 8)) lines.push(`  page: ${b.slice(0, 160)}`);
  for (const t of times.slice(0, 3)) lines.push(`  time: ${t}`);
  out.push(lines.join('\n'));
}
fs.writeFileSync('/tmp/nb/signals.txt', out.join('\n\n'));
