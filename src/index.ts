/**
 * NewsBite's public library API. Every stage is a plain function or small class:
 *   source → fetch → extract → analyse (bite) → stories → store → serve
 */

export {
  articleFromText,
  type BiteCache,
  type BiteOptions,
  bite,
  biteWithLlm,
  LruBiteCache,
  type StoryDoc,
  splitSentences,
  summarizeStory,
} from './analyse/index.js';
export { type Config, defaultConfig, loadConfig } from './config.js';
export { type ErrorCode, isNewsBiteError, NewsBiteError } from './errors.js';
export { type ExtractBytesOptions, type ExtractHints, extract, extractBytes } from './extract/index.js';
export {
  createFetcher,
  type Fetcher,
  FetchHttpError,
  type FetchOptions,
  type FetchResult,
} from './fetch/index.js';
export { addFeed, exportOpml, type ImportResult, importOpml, Poller, type PollResult } from './jobs/index.js';
export * from './model/index.js';
export { detectKind, type InputKind, type ReadOptions, type ReadResult, read, readUrl } from './read.js';
export { buildServer, type ServerOptions } from './server/app.js';
export {
  COMMON_FEED_PATHS,
  discoverFeeds,
  type OpmlDocument,
  type OpmlFeed,
  type OpmlOutline,
  type ParseFeedOptions,
  parseFeed,
  parseOpml,
  writeOpml,
} from './source/feeds/index.js';
export { canonicalPublisherName, publisherName } from './source/publishers.js';
export { type ParseTextOptions, parseText } from './source/text/index.js';
export {
  type FeedRecord,
  openStore,
  type SearchHit,
  Store,
  type StoredArticle,
  type StoryRecord,
} from './store/index.js';
export {
  canonicalUrl,
  type StoryDetail,
  StoryEngine,
  type StoryEngineOptions,
  type StoryEngineSnapshot,
} from './stories/index.js';
