import fs from 'node:fs'; import zlib from 'node:zlib';
const expected = JSON.parse(fs.readFileSync('test/fixtures/extract/metadata-expected.json', 'utf8')).pages as { id: string }[];
const pages = zlib.gunzipSync(fs.readFileSync('/work/shared/bench/extraction/data/dev-html.jsonl.gz')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const out: string[] = [];
for (const e of expected) {
  const p = pages.find((x) => x.id.startsWith(e.id))!;
  const html = p.html
    .replace(/<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi, (m: string, a: string) => (/ld\+json/i.test(a) ? m : ''))
    .replace(/<(style|svg|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\s(style|srcset|data-srcset|sizes|onclick|onload)="[^"]*"/gi, '')
    .replace(/<(\/?[a-zA-Z][\w:-]*)((?:\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(\/?)>/g, (_m: string, name: string, attrs: string, slash: string) => {
      const kept = (attrs.match(/\s+[^\s=>\/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?/g) ?? []).filter((a: string) => /^\s+(class|id|itemprop|itemtype|rel|datetime|content|name|property|type|lang|charset|http-equiv|hidden|role)\b/i.test(a) || (/^\s+href/i.test(a) && /^link$/i.test(name)));
      return `<${name}${kept.join('')}${slash}>`;
    })
    .replace(/[ \t]*\n\s*/g, '\n');
  out.push(JSON.stringify({ id: e.id, url: p.url, html }));
}
fs.writeFileSync('test/fixtures/extract/metadata-pages.jsonl.gz', zlib.gzipSync(out.join('\n') + '\n', { level: 9 }));
