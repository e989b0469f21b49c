export * from './article.js';
export * from './bite.js';
export * from './feed.js';
export * from './story.js';
export * from './render.js';
