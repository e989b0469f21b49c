import { tameMarkup } from '../src/extract/tree.js';
const p = '<p>The council met.</p>';
const attrs = Array.from({ length: 1_000_000 }, (_, i) => `a${i}="x"`).join(' ');
const h2 = `<html><body><div ${attrs} class="story">${p}${p}</div></body></html>`;
const t = tameMarkup(h2); console.log(t.length, t.slice(0, 200));
import { parseDocument } from '../src/extract/tree.js';
const d = parseDocument(h2); console.log(d.notes, d.body.tag);
