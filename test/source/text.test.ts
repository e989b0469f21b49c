import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, OriginalCredit } from '../../src/model/index.js';
import { parseText } from '../../src/source/text/index.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
const seed = fs.readFileSync(path.join(fixtures, 'seed/newsbite-syndicated-article.txt'), 'utf8');
const seedExpected = JSON.parse(
  fs.readFileSync(path.join(fixtures, 'seed/newsbite-syndicated-article.expected.json'), 'utf8'),
);
const footbridge = JSON.parse(fs.readFileSync(path.join(fixtures, 'text/footbridge.json'), 'utf8')) as {
  headline: string;
  standfirst: string;
  paragraphs: string[];
};
const water = JSON.parse(fs.readFileSync(path.join(fixtures, 'text/water.json'), 'utf8')) as {
  headline: string;
  standfirst: string;
  blocks: ['p' | 'h', string][];
};

const paragraphs = (texts: string[]): Block[] => texts.map((text) => ({ kind: 'paragraph', text }));
const waterBlocks: Block[] = water.blocks.map(([kind, text]) =>
  kind === 'h' ? { kind: 'heading', level: 2, text } : { kind: 'paragraph', text },
);
const waterText = water.blocks.map(([, text]) => text);
const F = footbridge.paragraphs;

/** Wraps prose at `width` columns the way e-mailed copies arrive. */
function hardWrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

interface Variant {
  name: string;
  input: string;
  siteName?: string;
  headline?: string;
  standfirst?: string;
  authors?: string[];
  blocks: Block[];
  original?: Omit<OriginalCredit, 'statement'>;
}

const seedVariant = {
  siteName: seedExpected.siteName,
  headline: seedExpected.headline,
  standfirst: seedExpected.standfirst,
  blocks: paragraphs(seedExpected.paragraphs),
  original: seedExpected.original,
};

const variants: Variant[] = [
  { name: 'the seed with CRLF line endings', input: seed.replace(/\n/g, '\r\n'), ...seedVariant },
  {
    name: 'the seed with no blank lines between paragraphs',
    input: seed.replace(/\n\s*\n/g, '\n'),
    ...seedVariant,
  },
  {
    name: 'a header credit "This story was originally published by ProPublica."',
    input: [
      'This story was originally published by ProPublica.',
      footbridge.headline,
      footbridge.standfirst,
      ...F,
    ].join('\n\n'),
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
    original: { publisher: 'ProPublica' },
  },
  {
    name: 'a footer "This article originally appeared on The Conversation."',
    input: [
      'Daily Example',
      footbridge.headline,
      footbridge.standfirst,
      ...F,
      'This article originally appeared on The Conversation. Read the original article.',
    ].join('\n\n'),
    siteName: 'Daily Example',
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
    original: { publisher: 'The Conversation' },
  },
  {
    name: 'a byline under the headline and "Republished with permission from …"',
    input: [
      'Example Gazette',
      footbridge.headline,
      'By Jane Doe and Tom Price',
      footbridge.standfirst,
      ...F,
      'Republished with permission from Stateline.',
    ].join('\n\n'),
    siteName: 'Example Gazette',
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    authors: ['Jane Doe', 'Tom Price'],
    blocks: paragraphs(F),
    original: { publisher: 'Stateline' },
  },
  {
    name: 'captions before their paragraph (first sentence, with a photo credit) and a doubled whole-paragraph caption',
    input: [
      'Daily Example',
      footbridge.headline,
      footbridge.standfirst,
      F[0],
      F[1],
      'The bridge will span 180 metres and include a lookout halfway across. Picture: Supplied',
      F[2],
      F[3],
      F[4],
      `${F[0]}\n${F[0]}`,
      F[5],
      F[6],
      F[7],
      `Originally published as ${footbridge.headline}\nOriginal URL: https://www.dailytelegraph.com.au/news/nsw/footbridge/news-story/abc123`,
    ].join('\n\n'),
    siteName: 'Daily Example',
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
    original: {
      publisher: 'The Daily Telegraph',
      title: footbridge.headline,
      url: 'https://www.dailytelegraph.com.au/news/nsw/footbridge/news-story/abc123',
    },
  },
  {
    name: 'page furniture between paragraphs',
    input: [
      'Daily Example',
      footbridge.headline,
      footbridge.standfirst,
      'Listen to this article',
      F[0],
      'Advertisement',
      F[1],
      F[2],
      'Story continues below advertisement',
      F[3],
      'Sign up to our free morning newsletter',
      F[4],
      F[5],
      'Follow us on Facebook and Instagram',
      F[6],
      'Share this article',
      F[7],
      'Read more',
      '© 2024 Daily Example. All rights reserved.',
    ].join('\n\n'),
    siteName: 'Daily Example',
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
  },
  {
    name: 'headlines of other stories injected at different places',
    input: [
      'Daily Example',
      footbridge.headline,
      footbridge.standfirst,
      'Woman charged over Gold Coast hinterland crash that killed two',
      F[0],
      F[1],
      F[2],
      'RELATED: Premier backs new stadium despite cost blowout',
      F[3],
      F[4],
      F[5],
      'Tennis star withdraws from Australian Open with wrist injury',
      F[6],
      'READ MORE: Inside the $2bn plan to fix the city’s trains',
      F[7],
    ].join('\n\n'),
    siteName: 'Daily Example',
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
  },
  {
    name: 'a copy with no footer at all',
    input: ['Daily Example', footbridge.headline, footbridge.standfirst, ...F].join('\n\n'),
    siteName: 'Daily Example',
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
  },
  {
    name: 'hard-wrapped at 72 columns, with subheadings kept',
    input: [water.headline, water.standfirst, ...waterText].map((t) => hardWrap(t, 72)).join('\n\n'),
    headline: water.headline,
    standfirst: water.standfirst,
    blocks: waterBlocks,
  },
  {
    name: 'an unknown publisher domain falls back to a readable name',
    input: [
      footbridge.headline,
      footbridge.standfirst,
      ...F,
      'Original URL: https://www.riverside-weekly-echo.org/news/footbridge-approved',
    ].join('\n\n'),
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
    original: {
      publisher: 'Riverside Weekly Echo',
      url: 'https://www.riverside-weekly-echo.org/news/footbridge-approved',
    },
  },
  {
    name: '"This article was first published on smh.com.au." names the masthead',
    input: [
      'Daily Example',
      water.headline,
      water.standfirst,
      ...waterText,
      'This article was first published on smh.com.au.',
    ].join('\n\n'),
    siteName: 'Daily Example',
    headline: water.headline,
    standfirst: water.standfirst,
    blocks: waterBlocks,
    original: { publisher: 'The Sydney Morning Herald' },
  },
  {
    name: 'a wire credit "Source: AAP" in the footer, single newlines only',
    input: [water.headline, water.standfirst, ...waterText, 'Source: AAP'].join('\n'),
    headline: water.headline,
    standfirst: water.standfirst,
    blocks: waterBlocks,
    original: { publisher: 'AAP' },
  },
  {
    name: 'a credit run into the last paragraph, with a run-together domain',
    input: [
      footbridge.headline,
      footbridge.standfirst,
      ...F.slice(0, -1),
      `${F.at(-1)} This article originally appeared on riverbendtimes.com and is republished here with permission.`,
    ].join('\n\n'),
    headline: footbridge.headline,
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
    original: { publisher: 'Riverbend Times' },
  },
  {
    name: '"Originally published as" a title that itself says "in <place>"',
    input: [
      'Tara Reid seeks help at rehab facility in California',
      footbridge.standfirst,
      ...F,
      'Originally published as Tara Reid seeks help at rehab facility in California',
    ].join('\n\n'),
    headline: 'Tara Reid seeks help at rehab facility in California',
    standfirst: footbridge.standfirst,
    blocks: paragraphs(F),
    original: { title: 'Tara Reid seeks help at rehab facility in California' },
  },
];

describe('parseText on the seed', () => {
  const article = parseText(seed);

  it('reads site name, headline and standfirst', () => {
    expect(article.siteName).toBe('NewsBite');
    expect(article.headline).toBe('Elon Musk’s secret phone calls with Vladimir Putin revealed');
    expect(article.standfirst).toBe(
      'The world’s richest man has reportedly been pushed by Vladimir Putin to carry out demands over a series of phone calls.',
    );
  });

  it('keeps exactly the 24 distinct article paragraphs in order, each once', () => {
    const texts = article.blocks.map((b) => (b.kind === 'paragraph' ? b.text : `<${b.kind}>`));
    expect(texts).toEqual(seedExpected.paragraphs);
    expect(texts).toHaveLength(24);
    expect(texts).toContain('Right.');
    expect(texts.some((t) => t.includes('Word salad city'))).toBe(false);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('credits the Herald Sun as the original', () => {
    expect(article.original).toMatchObject({
      publisher: 'Herald Sun',
      title: 'Elon Musk’s secret phone calls with Vladimir Putin revealed',
      url: 'https://www.heraldsun.com.au/business/work/leaders/elon-musks-secret-phone-calls-with-vladimir-putin-revealed/news-story/63ffaa7f959ae778324e87f6a3396c08',
    });
  });

  it('says what it removed and why', () => {
    const reasons = article.diagnostics.removed.map((r) => r.reason);
    expect(reasons.filter((r) => r === 'caption-copy')).toHaveLength(4);
    expect(reasons).toContain('stray-headline');
    expect(reasons.filter((r) => r === 'syndication-credit')).toHaveLength(2);
  });

  it('renders text with blank lines between blocks and escaped HTML', () => {
    expect(article.text.split('\n\n')).toHaveLength(24);
    expect(article.html).toContain('<p>Right.</p>');
    expect(article.html).not.toContain('<script');
  });
});

describe('parseText on syndicated-copy variants', () => {
  for (const variant of variants) {
    it(variant.name, () => {
      const article = parseText(variant.input);
      expect(article.blocks).toEqual(variant.blocks);
      expect(article.siteName).toBe(variant.siteName);
      expect(article.headline).toBe(variant.headline);
      expect(article.standfirst).toBe(variant.standfirst);
      expect(article.authors).toEqual(variant.authors ?? []);
      if (variant.original) {
        const { statement, ...credit } = article.original ?? {};
        expect(credit).toEqual(variant.original);
        expect(statement).toBeTruthy();
      } else {
        expect(article.original).toBeUndefined();
      }
    });
  }
});

describe('parseText edge cases', () => {
  it('refuses empty and whitespace-only text with a clear error', () => {
    expect(() => parseText('')).toThrow(/empty/);
    expect(() => parseText(' \n\r\n\t ')).toThrow(/empty/);
  });

  it('refuses text that is only furniture', () => {
    expect(() => parseText('Advertisement\n\nShare this article\n\nRead more')).toThrow(
      /no article paragraphs/,
    );
  });

  it('keeps a repeated short paragraph but folds a repeated long one', () => {
    const article = parseText(['Headline about the vote', 'No.', F[0], 'No.', F[0], F[1]].join('\n\n'));
    expect(article.blocks.map((b) => (b as { text: string }).text)).toEqual(['No.', F[0], 'No.', F[1]]);
  });

  it('escapes markup found in pasted text', () => {
    const article = parseText(
      'A headline\n\n<script>alert(1)</script> is what the page said, and more words follow here.',
    );
    expect(article.html).toContain('&lt;script&gt;');
    expect(article.html).not.toContain('<script>');
  });

  it('handles a megabyte of text without punctuation', () => {
    const words = Array.from({ length: 200_000 }, (_, i) => `word${i % 977}`).join(' ');
    const article = parseText(words);
    expect(article.blocks).toHaveLength(1);
    expect(article.text.length).toBe(words.length);
  });
});
