/** Copies and stories: fold republished copies, credit the original, group each event's coverage. */

export { type SourceAddition, sourceAdditions } from './additions.js';
export { type ClusterOptions, type ClusterSnapshot, StoryClusterer } from './cluster.js';
export { CopyDetector, type CopyOptions, type CopyResult, type CopySnapshot } from './copies.js';
export {
  type StoryDetail,
  StoryEngine,
  type StoryEngineOptions,
  type StoryEngineSnapshot,
} from './engine.js';
export { canonicalUrl } from './url.js';
