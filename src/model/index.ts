export * from './article.js';
export * from './bite.js';
export * from './feed.js';
export * from './render.js';
export * from './story.js';
