import { extract } from '../src/extract/index.js';
import { extractMetadata } from '../src/extract/metadata.js';
const body = ['First paragraph of a story that the page only renders with JavaScript, long enough to matter here.','Second paragraph of the same story, which a reader without JavaScript would never see on the page.','Third paragraph, so that the JSON-LD body is clearly longer than anything in the empty HTML shell.','Fourth paragraph closes the story with a quote from the mayor about the new library opening hours.'].join('\n');
const ld = { '@type': 'NewsArticle', headline: 'Shell page', articleBody: body };
const m = extractMetadata({ title: 't', jsonLd: [JSON.stringify(ld)], head: [], h1: [], times: [], bylines: [], dateTexts: [] });
console.log(m.articleBody?.length);
const a = extract(`<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head><body><div id="__next"><nav><a href="/">Home</a></nav></div></body></html>`);
console.log(a.blocks.length, a.diagnostics.extractor);
