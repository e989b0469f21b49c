/**
 * The other stages ingestion calls, in one place. Parsing, fetching and extraction are required;
 * the analysis (bite) and story stages are optional: ingestion stores articles without them
 * when they are not available, and fills them in once they are.
 */
import type { Article, Bite, Story, StoryAssignment, StoryInput, SummarySentence } from '../model/index.js';

export { createFetcher, type Fetcher, type FetchResult, isFetchHttpError } from '../fetch/index.js';
export { parseFeed } from '../source/feeds/index.js';
export { extract, extractBytes, type ExtractHints } from '../extract/index.js';
export { canonicalUrl } from '../stories/url.js';

/** What ingestion needs from the story engine (src/stories). */
export interface StoryEngineLike {
  add(input: StoryInput): StoryAssignment;
  stories(): Story[];
}

export interface OptionalStages {
  bite?: (article: Article) => Bite;
  summarizeStory?: (docs: { id: string; title?: string; text: string }[]) => SummarySentence[];
  createStoryEngine?: () => StoryEngineLike;
}

let loaded: Promise<OptionalStages> | undefined;

export function loadOptionalStages(): Promise<OptionalStages> {
  loaded ??= (async () => {
    const stages: OptionalStages = {};
    const analyse = (await import('../analyse/index.js')) as Record<string, unknown>;
    if (typeof analyse.bite === 'function') stages.bite = analyse.bite as OptionalStages['bite'];
    if (typeof analyse.summarizeStory === 'function') {
      stages.summarizeStory = analyse.summarizeStory as OptionalStages['summarizeStory'];
    }
    const stories = (await import('../stories/index.js')) as Record<string, unknown>;
    const Engine = stories.StoryEngine as (new () => StoryEngineLike) | undefined;
    if (typeof Engine === 'function') stages.createStoryEngine = () => new Engine();
    return stages;
  })();
  return loaded;
}
