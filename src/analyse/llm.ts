/**
 * Optional abstractive summaries from an OpenAI-compatible chat endpoint (llama.cpp, Ollama,
 * vLLM, a hosted API). Off unless configured; the extractive bite is always computed first and
 * stays the answer when the endpoint fails, times out or returns nothing usable. Results are
 * cached per article content (SHA-256), in memory by default or in any store behind BiteCache.
 */
import { createHash } from 'node:crypto';
import type { LlmConfig } from '../config.js';
import type { Article } from '../model/article.js';
import type { Bite, SummarySentence } from '../model/bite.js';
import { articleText, type BiteOptions, bite } from './bite.js';
import { splitSentences } from './sentences.js';
import { DEFAULT_MAX_SENTENCES, DEFAULT_MAX_WORDS } from './summarize.js';

/** The subset of WHATWG fetch used here; inject the project's fetcher or `globalThis.fetch`. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<{ status: number; text(): Promise<string> }>;

/** Where abstractive summaries are kept between runs (the store can implement this). */
export interface BiteCache {
  get(key: string): SummarySentence[] | undefined | Promise<SummarySentence[] | undefined>;
  set(key: string, value: SummarySentence[]): void | Promise<void>;
}

/** A small in-memory least-recently-used cache. */
export class LruBiteCache implements BiteCache {
  private readonly map = new Map<string, SummarySentence[]>();
  constructor(private readonly capacity = 500) {}
  get(key: string): SummarySentence[] | undefined {
    const v = this.map.get(key);
    if (v) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, value: SummarySentence[]): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }
  get size(): number {
    return this.map.size;
  }
}

export interface LlmBiteOptions extends BiteOptions {
  llm: LlmConfig;
  cache?: BiteCache;
}

/** Articles are cut to this many characters before they are sent (a small model's context). */
const MAX_PROMPT_CHARS = 12_000;
const defaultCache = new LruBiteCache();

export function promptFor(article: Article, maxSentences: number, maxWords: number) {
  const text = articleText(article).slice(0, MAX_PROMPT_CHARS);
  const system =
    `You summarise news articles for busy readers. Write at most ${maxSentences} sentences and ${maxWords} words, ` +
    'one sentence per line, plain text, no heading or bullets. Preserve attribution: say who claims what ' +
    '("according to …", "X said"), keep hedges such as "reportedly" or "allegedly", never present a claim ' +
    'from an anonymous or single source as established fact, and add nothing that is not in the article.';
  const user = `${article.headline ? `Headline: ${article.headline}\n\n` : ''}Article:\n${text}`;
  return { system, user };
}

export function cacheKey(article: Article, model: string, maxSentences: number, maxWords: number): string {
  return createHash('sha256')
    .update(`${model}\n${maxSentences}\n${maxWords}\n${article.headline ?? ''}\n${articleText(article)}`)
    .digest('hex');
}

/** The extractive bite with an abstractive summary when the endpoint answers in time. */
export async function biteWithLlm(
  article: Article,
  options: LlmBiteOptions,
  fetchImpl: FetchLike,
): Promise<Bite> {
  const base = bite(article, options);
  const maxSentences = options.maxSentences ?? DEFAULT_MAX_SENTENCES;
  const maxWords = options.maxWords ?? DEFAULT_MAX_WORDS;
  const cache = options.cache ?? defaultCache;
  const key = cacheKey(article, options.llm.model, maxSentences, maxWords);
  try {
    const cached = await cache.get(key);
    if (cached?.length) return { ...base, summary: cached, method: 'abstractive' };
    const summary = await askModel(article, options.llm, maxSentences, maxWords, fetchImpl);
    await cache.set(key, summary);
    return { ...base, summary, method: 'abstractive' };
  } catch (error) {
    return {
      ...base,
      summaryNote: `LLM summary unavailable (${(error as Error).message}); extractive summary shown`,
    };
  }
}

async function askModel(
  article: Article,
  llm: LlmConfig,
  maxSentences: number,
  maxWords: number,
  fetchImpl: FetchLike,
): Promise<SummarySentence[]> {
  const { system, user } = promptFor(article, maxSentences, maxWords);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), llm.timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (llm.apiKey) headers.authorization = `Bearer ${llm.apiKey}`;
  const url = `${llm.url.replace(/\/+$/, '')}/chat/completions`;
  let body: string;
  try {
    const response = await fetchImpl(url, {
      method: 'POST',
      headers,
      signal: controller.signal,
      body: JSON.stringify({
        model: llm.model,
        temperature: 0.2,
        max_tokens: Math.max(64, maxWords * 3),
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: user },
        ],
      }),
    });
    body = await response.text();
    if (response.status < 200 || response.status >= 300)
      throw new Error(`HTTP ${response.status} from ${url}`);
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`no answer from ${url} within ${llm.timeoutMs} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  let content: unknown;
  try {
    content = JSON.parse(body)?.choices?.[0]?.message?.content;
  } catch {
    throw new Error(`${url} did not return JSON`);
  }
  if (typeof content !== 'string' || !content.trim()) throw new Error(`${url} returned no summary text`);
  const sentences = content
    .replace(/<think>[\s\S]*?<\/think>/g, '')
    .split('\n')
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s*/, '').trim())
    .filter(Boolean)
    .flatMap((l) => splitSentences(l))
    .slice(0, maxSentences);
  if (!sentences.length) throw new Error(`${url} returned no summary text`);
  return sentences.map((text) => ({ text }));
}
