export { mergeCredits, parseCreditLine } from './credits.js';
export { type ParseTextOptions, parseText } from './parse.js';
