/**
 * analyse: Article → Bite (summary, key points, entities, quotes, sourcing, keywords), offline.
 * See README.md in this folder for the design and the measured figures.
 */
export { type BiteOptions, bite } from './bite.js';
export { type BiteCache, biteWithLlm, type FetchLike, LruBiteCache, type LlmBiteOptions } from './llm.js';
export { segmentSentences, splitSentences, type SentenceSpan } from './sentences.js';
export { type StoryDoc, type SummaryOptions, summarizeStory, summarizeText } from './summarize.js';
