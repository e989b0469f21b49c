/**
 * The other stages ingestion calls, in one place. Parsing, fetching and extraction are required;
 * the analysis (bite) and story stages are optional: ingestion stores articles without them
 * when they are not available, and fills them in once they are.
 */
import type { Article, Bite, Story, StoryAssignment, StoryInput, SummarySentence } from '../model/index.js';

export { createFetcher, type Fetcher, type FetchResult, isFetchHttpError } from '../fetch/index.js';
export { parseFeed } from '../source/feeds/index.js';
export { extract, extractBytes, type ExtractHints } from '../extract/index.js';
export { canonicalUrl } from '../stories/index.js';
import { StoryEngine } from '../stories/index.js';

/** What ingestion needs from the story engine (src/stories); the optional parts are used when present. */
export interface StoryEngineLike {
  add(input: StoryInput): StoryAssignment;
  stories(): Story[];
  story?(id: string): (Story & { bite?: SummarySentence[] }) | undefined;
  resolve?(id: string): string;
  redirects?(): Record<string, string>;
  snapshot?(): unknown;
  // biome-ignore lint/suspicious/noExplicitAny: the engine's snapshot type is its own business.
  restore?(snapshot: any): void;
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
    stages.createStoryEngine = () => new StoryEngine();
    return stages;
  })();
  return loaded;
}

/** Discovery and OPML (src/source), normalised to what subscribing needs. */
export interface SourceTools {
  discoverFeeds(html: string, pageUrl: string): string[];
  commonFeedPaths: readonly string[];
  parseOpml(text: string): { url: string; title?: string; siteUrl?: string; category?: string }[];
  writeOpml(feeds: { url: string; title?: string; siteUrl?: string; category?: string }[], title: string): string;
}

let sourceTools: Promise<SourceTools> | undefined;

export function loadSourceTools(): Promise<SourceTools> {
  sourceTools ??= (async () => {
    const discoverPath = '../source/discover.js';
    const opmlPath = '../source/opml.js';
    const discover = (await import(discoverPath)) as Record<string, unknown>;
    const opml = (await import(opmlPath)) as Record<string, unknown>;
    const parse = opml.parseOpml as (text: string) => Record<string, unknown>[];
    const write = opml.writeOpml as (...args: unknown[]) => string;
    return {
      discoverFeeds: discover.discoverFeeds as SourceTools['discoverFeeds'],
      commonFeedPaths: discover.COMMON_FEED_PATHS as string[],
      parseOpml: (text) =>
        parse(text).map((o) => ({
          url: String(o.xmlUrl ?? o.url ?? ''),
          title: (o.title ?? o.text) as string | undefined,
          siteUrl: (o.htmlUrl ?? o.siteUrl) as string | undefined,
          category: (o.category ?? (Array.isArray(o.categories) ? o.categories[0] : undefined)) as string | undefined,
        })),
      writeOpml: (feeds, title) =>
        write(
          feeds.map((f) => ({ xmlUrl: f.url, title: f.title, text: f.title, htmlUrl: f.siteUrl, category: f.category })),
          { title },
        ),
    };
  })();
  sourceTools.catch(() => {
    sourceTools = undefined;
  });
  return sourceTools;
}
