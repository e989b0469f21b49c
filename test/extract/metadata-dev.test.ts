/**
 * Metadata on 46 real dev pages against values written by reading the pages
 * (test/fixtures/extract/metadata-expected.json). Target: ≥ 90 % right per field on the pages
 * that carry the field.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { extract } from '../../src/extract/index.js';

interface Expected {
  id: string;
  headline: string | null;
  authors: string[] | null;
  published: string | null;
}

const fixtures = new URL('../fixtures/extract/', import.meta.url);
const expected = JSON.parse(fs.readFileSync(new URL('metadata-expected.json', fixtures), 'utf8'))
  .pages as Expected[];
const pages = new Map(
  zlib
    .gunzipSync(fs.readFileSync(new URL('metadata-pages.jsonl.gz', fixtures)))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const page = JSON.parse(line) as { id: string; url: string; html: string };
      return [page.id, page] as const;
    }),
);

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’“”"'`´]/g, "'")
    .replace(/&#?\w+;/g, '')
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();

function sameDay(actual: string | undefined, wanted: string): boolean {
  if (!actual) return false;
  const a = Date.parse(actual.length === 10 ? `${actual}T12:00:00Z` : actual);
  const w = Date.parse(`${wanted}T12:00:00Z`);
  return Math.abs(a - w) <= 36 * 3600 * 1000;
}

const results = expected.map((e) => {
  const page = pages.get(e.id);
  if (!page) throw new Error(`fixture page ${e.id} missing`);
  const a = extract(page.html, page.url);
  return {
    id: e.id,
    headline: e.headline === null ? null : norm(a.headline ?? '') === norm(e.headline),
    authors:
      e.authors === null
        ? null
        : JSON.stringify(a.authors.map(norm).sort()) === JSON.stringify(e.authors.map(norm).sort()),
    published: e.published === null ? null : sameDay(a.published, e.published),
    got: { headline: a.headline, authors: a.authors, published: a.published },
  };
});

function rate(field: 'headline' | 'authors' | 'published'): { rate: number; wrong: unknown[] } {
  const scored = results.filter((r) => r[field] !== null);
  const wrong = scored.filter((r) => r[field] === false).map((r) => ({ id: r.id, got: r.got[field] }));
  return { rate: (scored.length - wrong.length) / scored.length, wrong };
}

describe('metadata on dev pages (expected values written by reading the pages)', () => {
  it('has at least 40 pages with expectations', () => {
    expect(expected.length).toBeGreaterThanOrEqual(40);
  });

  for (const field of ['headline', 'authors', 'published'] as const) {
    it(`gets ${field} right on at least 90 % of the pages that carry it`, () => {
      const { rate: r, wrong } = rate(field);
      if (r < 1) console.log(`${field}: ${(r * 100).toFixed(1)} % right; wrong:`, JSON.stringify(wrong));
      expect(r).toBeGreaterThanOrEqual(0.9);
    });
  }
});
