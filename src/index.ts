/**
 * NewsBite's public library API. Every stage is a plain function or small class:
 *   source → fetch → extract → analyse (bite) → stories → store → serve
 */
export * from './model/index.js';
export { NewsBiteError, isNewsBiteError, type ErrorCode } from './errors.js';
export { loadConfig, defaultConfig, type Config } from './config.js';
export { read, readUrl, detectKind, type ReadOptions, type ReadResult, type InputKind } from './read.js';
export { parseText, type ParseTextOptions } from './source/text/index.js';
export { publisherName, canonicalPublisherName } from './source/publishers.js';
export { extract, extractBytes, type ExtractBytesOptions, type ExtractHints } from './extract/index.js';
export {
  parseFeed,
  discoverFeeds,
  COMMON_FEED_PATHS,
  parseOpml,
  writeOpml,
  type ParseFeedOptions,
  type OpmlDocument,
  type OpmlOutline,
  type OpmlFeed,
} from './source/feeds/index.js';
export {
  createFetcher,
  FetchHttpError,
  type Fetcher,
  type FetchOptions,
  type FetchResult,
} from './fetch/index.js';
export {
  canonicalUrl,
  type StoryDetail,
  StoryEngine,
  type StoryEngineOptions,
  type StoryEngineSnapshot,
} from './stories/index.js';
export { openStore, Store, type StoredArticle, type FeedRecord, type SearchHit, type StoryRecord } from './store/index.js';
export { Poller, addFeed, importOpml, exportOpml, type PollResult, type ImportResult } from './jobs/index.js';
export {
  bite,
  biteWithLlm,
  articleFromText,
  splitSentences,
  summarizeStory,
  LruBiteCache,
  type BiteOptions,
  type BiteCache,
  type StoryDoc,
} from './analyse/index.js';
export { buildServer, type ServerOptions } from './server/app.js';
