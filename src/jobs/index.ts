/**
 * Ingestion and scheduling: polling feeds into the store (see README.md).
 */

export { articleFromEntry, isTeaser, TEASER_MAX_CHARS } from './entry-article.js';
export { entryContentHash, entryIdentity } from './identity.js';
export { FEED_ACCEPT, type IngestContext, ingestFeed, type PollResult } from './ingest.js';
export {
  isDeadOwner,
  ownerId,
  POLL_JOB,
  Poller,
  type PollerOptions,
  type PollOnceOptions,
} from './poller.js';
export { backoffSec, cacheMaxAgeSec, medianGapSec, pollInterval } from './schedule.js';
export {
  type AddedFeed,
  type AddOptions,
  addFeed,
  discoverFeed,
  exportOpml,
  type ImportOptions,
  type ImportResult,
  importOpml,
  type OpmlFeed,
  readOpml,
  saveArticle,
} from './sources.js';
export { StoryTracker } from './stories.js';
