import { extract } from '../src/extract/index.js';
import { parseDocument, tameMarkup } from '../src/extract/tree.js';
const paragraph = '<p>The council met on Tuesday and agreed the budget after a long debate about the library.</p>';
const html = `<html><body><article>${paragraph.repeat(Math.ceil((50 * 1024 * 1024) / paragraph.length))}</article></body></html>`;
let t = performance.now(); tameMarkup(html); console.log('tame', performance.now() - t);
t = performance.now(); html.replace(/<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>/gi, ''); console.log('strip', performance.now() - t);
t = performance.now(); parseDocument(html.slice(0, 8 * 1024 * 1024)); console.log('parse 8M', performance.now() - t);
t = performance.now(); extract(html); console.log('extract', performance.now() - t, process.memoryUsage().rss / 1e6);
