/** Copies and stories: fold republished copies, credit the original, group each event's coverage. */
export { canonicalUrl } from './url.js';
export { StoryEngine, type StoryEngineOptions, type StoryEngineSnapshot, type StoryDetail } from './engine.js';
export { CopyDetector, type CopyOptions, type CopyResult, type CopySnapshot } from './copies.js';
export { StoryClusterer, type ClusterOptions, type ClusterSnapshot } from './cluster.js';
export { sourceAdditions, type SourceAddition } from './additions.js';
