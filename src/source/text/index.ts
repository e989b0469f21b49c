export { parseText, type ParseTextOptions } from './parse.js';
export { parseCreditLine, mergeCredits } from './credits.js';
