/**
 * The other stages ingestion calls, in one place: fetch, feed parsing, discovery and OPML,
 * extraction, canonical URLs, bites and the story engine. Bites and stories are passed in as
 * `OptionalStages` so tests and benchmarks can leave them out or replace them.
 */
import type { Article, Bite, Story, StoryAssignment, StoryInput, SummarySentence } from '../model/index.js';

export { type ExtractHints, extract, extractBytes, fragmentBlocks } from '../extract/index.js';
export { createFetcher, type Fetcher, type FetchResult, isFetchHttpError } from '../fetch/index.js';
export { parseFeed } from '../source/feeds/index.js';
export { canonicalUrl } from '../stories/index.js';

import { bite } from '../analyse/index.js';
import type { SummaryConfig } from '../config.js';
import { StoryEngine } from '../stories/index.js';

/** What ingestion needs from the story engine (src/stories); the optional parts are used when present. */
export interface StoryEngineLike {
  add(input: StoryInput): StoryAssignment;
  stories(): Story[];
  story?(id: string): (Story & { bite?: SummarySentence[] }) | undefined;
  resolve?(id: string): string;
  redirects?(): Record<string, string>;
  /** Articles re-filed into another story since the last call (drains). */
  takeMoves?(): Array<{ id: string; from: string; to: string }>;
  snapshot?(): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: the engine's snapshot type is its own business.
  restore?(snapshot: any): void;
}

/**
 * The analysis and story stages, replaceable (tests, benchmarks) and optional: ingestion stores
 * articles without a bite or story when one is left out.
 */
export interface OptionalStages {
  bite?: (article: Article) => Bite;
  createStoryEngine?: () => StoryEngineLike;
}

/** The real stages, with the configured summary length. */
export function defaultStages(summary?: SummaryConfig): OptionalStages {
  const options = summary ? { maxSentences: summary.maxSentences, maxWords: summary.maxWords } : {};
  return {
    bite: (article) => bite(article, options),
    createStoryEngine: () => new StoryEngine(),
  };
}

export { COMMON_FEED_PATHS, discoverFeeds } from '../source/discover.js';
export { parseOpml, writeOpml } from '../source/opml.js';
