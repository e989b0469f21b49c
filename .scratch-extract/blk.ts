import fs from 'node:fs'; import zlib from 'node:zlib';
import { parseDocument } from '../src/extract/tree.js';
import { walkBlocks } from '../src/extract/blocks.js';
import { markTeasers, markTeaserGrids, pruneFurniture, chooseContainer, linkDensity } from '../src/extract/select.js';
const [id, from, to] = process.argv.slice(2);
const pages = zlib.gunzipSync(fs.readFileSync('/work/shared/bench/extraction/data/dev-html.jsonl.gz')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const p = pages.find((x) => x.id.startsWith(id));
const doc = parseDocument(p.html); const w = walkBlocks(doc.body, p.url); markTeasers(w.blocks); markTeaserGrids(doc.body, w.blocks); pruneFurniture(w);
const c = chooseContainer(doc.body, w.blocks); console.log('container', c.tag, c.attrs.class, c.firstBlock, c.endBlock);
for (let i = Number(from); i < Math.min(Number(to), w.blocks.length); i++) { const b = w.blocks[i]; console.log(i, b.block.kind, b.removed ?? '-', linkDensity(b).toFixed(2), b.el.tag + '.' + (b.el.attrs.class ?? '').slice(0, 30), '<' + (b.el.parent?.tag ?? '') + '.' + (b.el.parent?.attrs.class ?? '').slice(0, 30), b.text.slice(0, 60)); }
