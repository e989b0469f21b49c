/**
 * NewsBite's public library API. Every stage is a plain function or small class:
 *   source → fetch → extract → analyse (bite) → stories → store → serve
 */
export * from './model/index.js';
export { NewsBiteError, isNewsBiteError, type ErrorCode } from './errors.js';
export { loadConfig, defaultConfig, type Config } from './config.js';
export { extract, type ExtractHints } from './extract/index.js';
export { parseFeed, type ParseFeedOptions } from './source/feeds/index.js';
export {
  createFetcher,
  FetchHttpError,
  type Fetcher,
  type FetchOptions,
  type FetchResult,
} from './fetch/index.js';
