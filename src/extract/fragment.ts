/**
 * Sanitized HTML fragment (a feed entry's body) → paragraph and heading blocks, keeping all of
 * its text: the fallback when the extractor, which judges whole pages, keeps too little of a
 * short fragment the feed already chose as the body.
 */
import { Parser } from 'htmlparser2';
import type { Block } from '../model/index.js';

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'br',
  'li',
  'ul',
  'ol',
  'blockquote',
  'pre',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'figure',
  'figcaption',
  'hr',
  'dl',
  'dt',
  'dd',
]);

export function fragmentBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  let text = '';
  let heading: 1 | 2 | 3 | 4 | 5 | 6 | undefined;
  const flush = () => {
    const t = text.replace(/\s+/g, ' ').trim();
    text = '';
    if (!t) return;
    blocks.push(heading ? { kind: 'heading', level: heading, text: t } : { kind: 'paragraph', text: t });
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (!BLOCK_TAGS.has(name)) return;
        flush();
        const level = /^h([1-6])$/.exec(name);
        if (level) heading = Number(level[1]) as 1 | 2 | 3 | 4 | 5 | 6;
      },
      ontext(data) {
        text += data;
      },
      onclosetag(name) {
        if (!BLOCK_TAGS.has(name)) return;
        flush();
        if (/^h[1-6]$/.test(name)) heading = undefined;
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}
