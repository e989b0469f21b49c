import { parseDocument, tameMarkup } from '../src/extract/tree.js';
const p = '<p>The council met.</p>';
const h = `<html><body><div class="story">${p}${p}</div></body></html>`;
console.log(parseDocument(h)?.body.tag);
const attrs = Array.from({ length: 3000 }, (_, i) => `a${i}="x"`).join(' ');
const h2 = `<html><body><div ${attrs} class="story">${p}${p}</div></body></html>`;
console.log(tameMarkup(h2).length, parseDocument(tameMarkup(h2))?.body.tag, parseDocument(h2)?.body.tag);
