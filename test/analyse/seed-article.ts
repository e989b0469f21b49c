/**
 * The seed article (a syndicated copy) as an Article: its clean body paragraphs, built here so the
 * analyse tests do not depend on the text parser. Body = from the first "Elon Musk has reportedly
 * been in direct contact" paragraph up to "Originally published as", duplicated caption lines dropped.
 */
import fs from 'node:fs';
import type { Article } from '../../src/model/article.js';

export function seedText(): string {
  return fs.readFileSync(
    new URL('../fixtures/seed/newsbite-syndicated-article.txt', import.meta.url),
    'utf8',
  );
}

export function seedParagraphs(): string[] {
  const raw = seedText();
  const start = raw.indexOf('Elon Musk has reportedly been in direct contact');
  const end = raw.indexOf('Originally published as');
  const out: string[] = [];
  for (const block of raw.slice(start, end).split(/\n\s*\n/)) {
    const lines = block
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    // A caption copy: the same line repeated, repeating an earlier paragraph.
    const text = lines.length > 1 && lines.every((l) => l === lines[0]) ? lines[0] : lines.join(' ');
    if (!text || out.some((p) => p.includes(text))) continue;
    out.push(text);
  }
  return out;
}

export function seedArticle(): Article {
  const paragraphs = seedParagraphs();
  return {
    headline: 'Elon Musk’s secret phone calls with Vladimir Putin revealed',
    standfirst:
      'The world’s richest man has reportedly been pushed by Vladimir Putin to carry out demands over a series of phone calls.',
    authors: [],
    keywords: [],
    blocks: paragraphs.map((text) => ({ kind: 'paragraph' as const, text })),
    text: paragraphs.join('\n\n'),
    html: '',
    siteName: 'NewsBite',
    original: {
      publisher: 'Herald Sun',
      title: 'Elon Musk’s secret phone calls with Vladimir Putin revealed',
    },
    diagnostics: { removed: [], notes: [], extractor: 'text' },
  };
}
