/**
 * analyse: Article → Bite (summary, key points, entities, quotes, sourcing, keywords), offline.
 * See README.md in this folder for the design and the measured figures.
 */
export { articleFromText, type BiteOptions, bite } from './bite.js';
export { type BiteCache, biteWithLlm, type FetchLike, type LlmBiteOptions, LruBiteCache } from './llm.js';
export { type SentenceSpan, segmentSentences, splitSentences } from './sentences.js';
export { type StoryDoc, type SummaryOptions, summarizeStory, summarizeText } from './summarize.js';
