import { describe, expect, it } from 'vitest';
import { articleFromText, bite, summarizeStory } from '../../src/analyse/index.js';
import { seedParagraphs } from './seed-article.js';

const docA = {
  id: 'a',
  title: 'Storm floods coastal towns',
  text:
    'A powerful storm flooded three coastal towns on Sunday, forcing hundreds of residents to leave their homes. ' +
    'Emergency crews rescued 40 people from rooftops, the fire service said. ' +
    'The storm is expected to weaken by Tuesday.',
};
const docB = {
  id: 'b',
  title: 'Hundreds evacuated as storm hits coast',
  text:
    'Hundreds of residents left their homes after a powerful storm flooded coastal towns on Sunday. ' +
    'The regional governor declared a state of emergency and asked the army for help. ' +
    'Schools will stay closed on Monday.',
};
const docC = {
  id: 'c',
  text:
    'Insurers warned that flood damage from the storm could exceed 200 million dollars. ' +
    'A powerful storm flooded three coastal towns on Sunday, forcing hundreds of residents to leave their homes.',
};

describe('summarizeStory', () => {
  it('credits every sentence to the document it comes from', () => {
    const summary = summarizeStory([docA, docB, docC]);
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(3);
    for (const s of summary) {
      const doc = [docA, docB, docC].find((d) => d.id === s.source);
      expect(doc?.text).toContain(s.text);
    }
  });

  it('does not repeat the same sentence from two sources', () => {
    const summary = summarizeStory([docA, docC, docB], { maxSentences: 3, maxWords: 0 });
    const texts = summary.map((s) => s.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(
      texts.filter((t) => t.startsWith('A powerful storm flooded three coastal towns')).length,
    ).toBeLessThanOrEqual(1);
  });

  it('respects sentence and word budgets', () => {
    expect(summarizeStory([docA, docB, docC], { maxSentences: 1 })).toHaveLength(1);
    const capped = summarizeStory([docA, docB, docC], { maxSentences: 3, maxWords: 40 });
    const words = capped
      .map((s) => s.text)
      .join(' ')
      .split(/\s+/).length;
    expect(words).toBeLessThanOrEqual(40);
  });
});

describe('bite summary options', () => {
  const article = articleFromText(
    seedParagraphs().join('\n\n'),
    'Elon Musk’s secret phone calls with Vladimir Putin revealed',
  );

  it('honours maxSentences and maxWords', () => {
    expect(bite(article, { maxSentences: 1 }).summary).toHaveLength(1);
    const short = bite(article, { maxSentences: 3, maxWords: 40 });
    expect(
      short.summary
        .map((s) => s.text)
        .join(' ')
        .split(/\s+/).length,
    ).toBeLessThanOrEqual(41);
    const long = bite(article, { maxSentences: 5, maxWords: 0 });
    expect(long.summary.length).toBe(5);
  });

  it('returns summary sentences in reading order, taken from the text', () => {
    const b = bite(article, { maxSentences: 4, maxWords: 0 });
    const positions = b.summary.map((s) => article.text.indexOf(s.text));
    for (const p of positions) expect(p).toBeGreaterThanOrEqual(0);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
  });
});
