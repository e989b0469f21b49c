/** Test helpers: a local HTTP server on 127.0.0.1 (port 0) serving feeds and pages, and feed builders. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Config, defaultConfig } from '../../src/config.js';

export interface Route {
  body: string | Uint8Array;
  type?: string;
  status?: number;
  etag?: string;
  lastModified?: string;
  headers?: Record<string, string>;
  /** Delay before answering, ms. */
  delayMs?: number;
}

export interface SeenRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  status: number;
}

export class TestServer {
  readonly routes = new Map<string, Route>();
  readonly requests: SeenRequest[] = [];
  private server?: http.Server;
  base = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = req.url ?? '/';
      const route = this.routes.get(url.split('?')[0]);
      const answer = () => {
        if (!route) {
          this.requests.push({ path: url, headers: req.headers, status: 404 });
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
          return;
        }
        const fresh =
          (route.etag && req.headers['if-none-match'] === route.etag) ||
          (route.lastModified && !route.etag && req.headers['if-modified-since'] === route.lastModified);
        const status = fresh ? 304 : (route.status ?? 200);
        this.requests.push({ path: url, headers: req.headers, status });
        const headers: Record<string, string> = { ...(route.headers ?? {}) };
        if (route.etag) headers.etag = route.etag;
        if (route.lastModified) headers['last-modified'] = route.lastModified;
        if (fresh) {
          res.writeHead(304, headers).end();
          return;
        }
        headers['content-type'] = route.type ?? 'application/rss+xml; charset=utf-8';
        res.writeHead(status, headers).end(route.body);
      };
      if (route?.delayMs) setTimeout(answer, route.delayMs);
      else answer();
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  url(p: string): string {
    return `${this.base}${p}`;
  }

  requestsFor(p: string): SeenRequest[] {
    return this.requests.filter((r) => r.path === p);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => resolve());
    });
  }
}

export function tempDir(prefix = 'newsbite-jobs-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function testConfig(dataDir: string): Config {
  const config = defaultConfig({});
  config.dataDir = dataDir;
  config.fetch.allowPrivate = ['127.0.0.1'];
  config.fetch.retries = 0;
  config.fetch.connectTimeoutMs = 5000;
  config.fetch.headersTimeoutMs = 5000;
  config.fetch.bodyTimeoutMs = 10000;
  config.poll.concurrency = 4;
  config.poll.minIntervalSec = 60;
  config.poll.maxIntervalSec = 86_400;
  return config;
}

export interface Item {
  guid?: string;
  title: string;
  link?: string;
  date?: string;
  author?: string;
  description?: string;
  content?: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function rss(title: string, items: Item[], extra = ''): string {
  const body = items
    .map(
      (i) => `<item>
  <title>${esc(i.title)}</title>
  ${i.guid ? `<guid isPermaLink="false">${esc(i.guid)}</guid>` : ''}
  ${i.link ? `<link>${esc(i.link)}</link>` : ''}
  ${i.date ? `<pubDate>${new Date(i.date).toUTCString()}</pubDate>` : ''}
  ${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ''}
  ${i.description ? `<description>${esc(i.description)}</description>` : ''}
  ${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''}
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${esc(title)}</title><link>https://example.org/</link><description>test</description>${extra}
${body}
</channel></rss>`;
}

/** A few paragraphs of plausible news text, distinct per seed word. */
export function paragraphs(seed: string, count = 4): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(
      `The ${seed} committee met on day ${i + 1} to discuss the plan for the ${seed} district. ` +
        `Officials said the ${seed} proposal would cost about ${(i + 2) * 3} million and take two years to finish. ` +
        `Residents who spoke at the meeting were divided about the ${seed} project and its effect on traffic and schools.`,
    );
  }
  return out;
}

export function fullContent(seed: string, count = 4): string {
  return paragraphs(seed, count)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
}

/** A news page with furniture around the article, optionally without date/author. */
export function articlePage(
  headline: string,
  seed: string,
  options: { date?: string; author?: string } = {},
): string {
  const meta = [
    options.date ? `<meta property="article:published_time" content="${options.date}">` : '',
    options.author ? `<meta name="author" content="${esc(options.author)}">` : '',
  ].join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(headline)} | Test Times</title>${meta}</head>
<body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>${esc(headline)}</h1>
${fullContent(seed, 5)}
</article></main>
<aside><h2>Most read</h2><ul><li><a href="/x">Something else entirely</a></li></ul></aside>
<footer>© Test Times. All rights reserved.</footer></body></html>`;
}
