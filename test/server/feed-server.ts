/** A local feed server on 127.0.0.1 (port 0) serving the fixtures, with PORT filled in. */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'server');

export interface FeedServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const requests: string[] = [];
  let port = 0;
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const name = (req.url ?? '/').split('?')[0].replace(/^\/+/, '');
    const file = path.join(FIXTURES, path.basename(name));
    if (name === '' || name === 'site.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><head><title>Valley Courier</title><link rel="alternate" type="application/rss+xml" href="/world.xml"></head><body><h1>Valley Courier</h1></body></html>`,
      );
      return;
    }
    if (!fs.existsSync(file) || !/\.(xml|opml)$/.test(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = fs.readFileSync(file, 'utf8').replaceAll('PORT', String(port));
    res.writeHead(200, {
      'content-type': file.endsWith('.opml') ? 'text/x-opml' : 'application/xml; charset=utf-8',
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
