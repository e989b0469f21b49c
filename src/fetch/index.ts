/** The guarded fetcher: the only way NewsBite talks to the network. See README.md in this folder. */

export { type AllowList, nonPublicReason, parseAllowList } from './address-policy.js';
export { type ApiFetch, type ApiResponse, createApiFetch } from './api-fetch.js';
export { type DecodedHtml, decodeHtml } from './charset.js';
export { FetchHttpError, isFetchHttpError } from './errors.js';
export {
  createFetcher,
  type Fetcher,
  type FetcherOptions,
  type FetchOptions,
  type FetchResult,
} from './fetcher.js';
export type { Resolver } from './guarded-connector.js';
