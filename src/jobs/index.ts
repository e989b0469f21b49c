/**
 * Ingestion and scheduling: polling feeds into the store (see README.md).
 */
export { Poller, type PollOnceOptions, type PollerOptions, POLL_JOB, isDeadOwner, ownerId } from './poller.js';
export { ingestFeed, type IngestContext, type PollResult, FEED_ACCEPT } from './ingest.js';
export {
  addFeed,
  discoverFeed,
  importOpml,
  exportOpml,
  readOpml,
  type AddedFeed,
  type AddOptions,
  type ImportOptions,
  type ImportResult,
  type OpmlFeed,
} from './sources.js';
export { pollInterval, backoffSec, medianGapSec, cacheMaxAgeSec } from './schedule.js';
export { entryIdentity, entryContentHash } from './identity.js';
export { isTeaser, articleFromEntry, TEASER_MAX_CHARS } from './entry-article.js';
export { StoryTracker } from './stories.js';
