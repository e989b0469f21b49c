/**
 * `npm run bench:extract` — scores NewsBite's extractor and, in the same run, Readability 0.6 on
 * linkedom, on the shared dev set (../shared/bench/extraction) with the shared scorer.
 * Each tool runs in its own child process (so peak RSS is its own); times are the extraction
 * call per page, minimum over `--runs` runs (other jobs share the machine).
 *
 *   npm run bench:extract [-- --runs 3] [--no-write] [--memory 10000]
 *
 * `--memory N` runs NewsBite over N pages (the dev pages repeated) and prints RSS/heap samples.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { decodeHTML } from 'entities';
import { parseHTML } from 'linkedom';
import { extract } from '../src/extract/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const benchDir = path.resolve(root, '../shared/bench/extraction');
const devHtml = path.join(benchDir, 'data/dev-html.jsonl.gz');

interface Page {
  id: string;
  url: string;
  html: string;
}

function loadPages(): Page[] {
  if (!fs.existsSync(devHtml)) {
    console.error(`dev set not found: ${devHtml}`);
    process.exit(2);
  }
  return zlib
    .gunzipSync(fs.readFileSync(devHtml))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Page);
}

/** Readability's content HTML as text with a newline at every block element (block-aware). */
function htmlToBlockText(html: string): string {
  return decodeHTML(
    html
      .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
      .replace(
        /<\/?(p|div|li|ul|ol|h[1-6]|br|td|th|tr|table|blockquote|pre|section|article|figure|figcaption|dd|dt)\b[^>]*>/gi,
        '\n',
      )
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

type Tool = 'newsbite' | 'readability';

const TOOLS: Record<Tool, (page: Page) => { text: string; finish?: () => string }> = {
  newsbite: (page) => ({ text: extract(page.html, page.url).text }),
  readability: (page) => {
    const article = new Readability(parseHTML(page.html).document as unknown as Document).parse();
    const content = article?.content ?? '';
    // The HTML → text step is not timed (as in the shared README's measurements).
    return { text: '', finish: () => htmlToBlockText(content) };
  },
};

function runChild(tool: Tool, out: string, runs: number): void {
  const pages = loadPages();
  const lines: string[] = [];
  const times: number[] = [];
  for (const page of pages) {
    let best = Number.POSITIVE_INFINITY;
    let text = '';
    let error: string | undefined;
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      try {
        const result = TOOLS[tool](page);
        const ms = performance.now() - t0;
        best = Math.min(best, ms);
        text = result.finish ? result.finish() : result.text;
      } catch (e) {
        error = (e as Error).message;
        best = Math.min(best, performance.now() - t0);
      }
    }
    times.push(best);
    lines.push(JSON.stringify(error ? { id: page.id, text: '', error } : { id: page.id, text, ms: best }));
  }
  fs.writeFileSync(out, lines.join('\n') + '\n');
  process.stdout.write(JSON.stringify({ times, maxRssKb: process.resourceUsage().maxRSS }));
}

function runMemory(n: number): void {
  const pages = loadPages();
  const samples: { pages: number; rssMb: number; heapMb: number }[] = [];
  const every = Math.max(1, Math.floor(n / 10));
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < n; i++) {
    const page = pages[i % pages.length];
    extract(page.html, page.url);
    if ((i + 1) % every === 0) {
      gc?.();
      const m = process.memoryUsage();
      samples.push({
        pages: i + 1,
        rssMb: +(m.rss / 2 ** 20).toFixed(1),
        heapMb: +(m.heapUsed / 2 ** 20).toFixed(1),
      });
      console.log(
        `${String(i + 1).padStart(6)} pages  rss ${samples.at(-1)!.rssMb} MB  heap ${samples.at(-1)!.heapMb} MB`,
      );
    }
  }
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS ${peak.toFixed(0)} MB over ${n} pages`);
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(name);
  const value = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  if (flag('--child'))
    return runChild(value('--child', 'newsbite') as Tool, value('--out', ''), Number(value('--runs', '3')));
  if (flag('--memory')) return runMemory(Number(value('--memory', '10000')));

  const runs = Number(value('--runs', '3'));
  const scorer = await import(pathToFileURL(path.join(benchDir, 'score.mjs')).href);
  const truth = scorer.loadTruth('dev');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-bench-'));
  const rows: string[] = [];
  const header =
    '| extractor | F1 | precision | recall | accuracy | errors | median ms/page | p95 ms/page | pages/s | peak RSS |';
  rows.push(header, '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const medians: Record<string, number> = {};
  for (const tool of ['newsbite', 'readability'] as Tool[]) {
    const out = path.join(tmp, `${tool}.jsonl`);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        '--child',
        tool,
        '--out',
        out,
        '--runs',
        String(runs),
      ],
      { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) {
      console.error(child.stderr);
      process.exit(1);
    }
    const { times, maxRssKb } = JSON.parse(child.stdout) as { times: number[]; maxRssKb: number };
    const sorted = [...times].sort((a, b) => a - b);
    const total = times.reduce((a, b) => a + b, 0);
    const score = scorer.scoreSet(truth, scorer.loadPredictions(out, tool), { bootstrap: 200 });
    medians[tool] = quantile(sorted, 0.5);
    const label = tool === 'newsbite' ? 'NewsBite extract' : 'Readability 0.6 + linkedom (block-aware text)';
    rows.push(
      `| ${label} | ${score.f1.toFixed(3)} | ${score.precision.toFixed(3)} | ${score.recall.toFixed(3)} | ${score.accuracy.toFixed(3)} | ${score.errors} | ${quantile(sorted, 0.5).toFixed(2)} | ${quantile(sorted, 0.95).toFixed(2)} | ${(times.length / (total / 1000)).toFixed(0)} | ${(maxRssKb / 1024).toFixed(0)} MB |`,
    );
  }
  const ratio = medians.readability / medians.newsbite;
  const command = `npm run bench:extract${runs !== 3 ? ` -- --runs ${runs}` : ''}`;
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const text = [
    '# Extraction benchmark (dev set, 181 pages)',
    '',
    `Measured ${date} UTC with \`${command}\` on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'cpu'}), Node ${process.version}.`,
    `Scored with the shared scorer (\`../shared/bench/extraction/score.mjs\`, scrapinghub metric); times are the extraction call per page, minimum of ${runs} runs; each tool in its own process.`,
    '',
    ...rows,
    '',
    `NewsBite median is ${ratio.toFixed(1)}× faster than Readability-on-linkedom in this run.`,
    '',
  ].join('\n');
  console.log(text);
  if (!flag('--no-write')) {
    const file = path.join(root, 'docs/bench/extract.md');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const memoryNote = fs.existsSync(file)
      ? (fs.readFileSync(file, 'utf8').split('<!-- memory -->')[1] ?? '')
      : '';
    fs.writeFileSync(file, memoryNote ? `${text}\n<!-- memory -->${memoryNote}` : text);
    console.log(`written to ${path.relative(root, file)}`);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

await main();
