/**
 * Batch extraction: one `{"id","url","html"}` record in, one flat result record out. Shared by
 * the CLI (`newsbite extract --batch`) and its worker threads, so both write the same lines.
 */
import type { Article } from '../model/index.js';
import { extract } from './index.js';

export interface BatchInput {
  id: string;
  url?: string;
  html: string;
}

export interface BatchResult {
  id: string;
  url?: string;
  text: string;
  headline?: string;
  standfirst?: string;
  authors?: string[];
  published?: string;
  updated?: string;
  siteName?: string;
  canonicalUrl?: string;
  language?: string;
  section?: string;
  leadImage?: string;
  original?: Article['original'];
  ms?: number;
  error?: string;
}

/** Validates one parsed JSONL value as a batch record; returns an error message when unusable. */
export function toBatchInput(
  value: Record<string, unknown>,
  line: number,
): BatchInput | { id: string; error: string } {
  const id = value.id === undefined || value.id === null ? `line-${line}` : String(value.id);
  if (typeof value.html !== 'string') return { id, error: `line ${line}: "html" must be a string` };
  const url = typeof value.url === 'string' ? value.url : undefined;
  return { id, url, html: value.html };
}

export function extractRecord(input: BatchInput): BatchResult {
  const t0 = performance.now();
  try {
    const a = extract(input.html, input.url);
    const ms = Math.round((performance.now() - t0) * 100) / 100;
    return {
      id: input.id,
      url: input.url,
      text: a.text,
      headline: a.headline,
      standfirst: a.standfirst,
      authors: a.authors,
      published: a.published,
      updated: a.updated,
      siteName: a.siteName,
      canonicalUrl: a.canonicalUrl,
      language: a.language,
      section: a.section,
      leadImage: a.leadImage,
      original: a.original,
      ms,
    };
  } catch (error) {
    return { id: input.id, url: input.url, text: '', error: (error as Error)?.message ?? String(error) };
  }
}
