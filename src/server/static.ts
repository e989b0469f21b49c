/**
 * Static assets (CSS, JS, icons) read once at start-up into memory with a gzip copy and a
 * content hash. URLs carry the hash (`/static/app.js?v=…`), so they can be cached for a year
 * and still change on upgrade.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

export interface StaticAsset {
  body: Buffer;
  gzip?: Buffer;
  type: string;
  hash: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The assets live in src/server/public. tsc does not copy them, so from dist/server we look
 * for the package root (the folder with package.json) and use its src/server/public.
 */
export function publicDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'public');
  if (fs.existsSync(beside)) return beside;
  let dir = here;
  for (let i = 0; i < 6; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return path.join(dir, 'src', 'server', 'public');
    dir = path.dirname(dir);
  }
  return beside;
}

export function loadAssets(dir = publicDir()): Map<string, StaticAsset> {
  const assets = new Map<string, StaticAsset>();
  if (!fs.existsSync(dir)) return assets;
  for (const name of fs.readdirSync(dir)) {
    const type = TYPES[path.extname(name)];
    if (!type) continue;
    const body = fs.readFileSync(path.join(dir, name));
    const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 12);
    const gzip = /^(text|application\/(json|manifest)|image\/svg)/.test(type)
      ? zlib.gzipSync(body, { level: 9 })
      : undefined;
    assets.set(name, { body, gzip, type, hash });
  }
  return assets;
}
