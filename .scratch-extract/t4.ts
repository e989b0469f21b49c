import { parseDocument, tameMarkup } from '../src/extract/tree.js';
const p = '<p>The council met.</p>';
for (const n of [10000, 100000, 1000000]) {
const attrs = Array.from({ length: n }, (_, i) => `a${i}="x"`).join(' ');
const h2 = `<html><body><div ${attrs} class="story">${p}${p}</div></body></html>`;
const t = tameMarkup(h2);
console.log(n, t.length, parseDocument(t)?.body.tag, parseDocument(h2)?.body.tag);
}
