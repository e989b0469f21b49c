import { describe, expect, it } from 'vitest';
import { bite } from '../../src/analyse/index.js';
import type { Entity } from '../../src/model/bite.js';
import { seedArticle } from './seed-article.js';

const article = seedArticle();
const result = bite(article);

function entity(name: string): Entity | undefined {
  return result.entities.find((e) => e.name === name);
}

describe('bite on the seed article', () => {
  it('summarises in at most 75 words, naming Musk, Putin and the phone calls', () => {
    const summary = result.summary.map((s) => s.text).join(' ');
    expect(result.summary.length).toBeGreaterThan(0);
    expect(result.summary.length).toBeLessThanOrEqual(3);
    expect(summary.split(/\s+/).length).toBeLessThanOrEqual(75);
    expect(summary).toMatch(/Musk/);
    expect(summary).toMatch(/Putin/);
    expect(summary).toMatch(/phone calls/);
    expect(result.method).toBe('extractive');
  });

  it('gives 3–5 distinct key points taken from the article', () => {
    expect(result.keyPoints.length).toBeGreaterThanOrEqual(3);
    expect(result.keyPoints.length).toBeLessThanOrEqual(5);
    expect(new Set(result.keyPoints).size).toBe(result.keyPoints.length);
    for (const k of result.keyPoints) expect(article.text).toContain(k.replace(/ …$/, ''));
  });

  it.each([
    ['Elon Musk', 'person'],
    ['Vladimir Putin', 'person'],
    ['Xi Jinping', 'person'],
    ['Dmitry Peskov', 'person'],
    ['Donald Trump', 'person'],
    ['Tucker Carlson', 'person'],
    ['Javier Milei', 'person'],
    ['Jair Bolsonaro', 'person'],
    ['Starlink', 'organisation'],
    ['Kremlin', 'organisation'],
    ['NASA', 'organisation'],
    ['Pentagon', 'organisation'],
    ['Wall Street Journal', 'organisation'],
    ['Taiwan', 'place'],
    ['Ukraine', 'place'],
    ['Crimea', 'place'],
    ['Russia', 'place'],
    ['Pennsylvania', 'place'],
  ])('finds %s as a %s', (name, type) => {
    expect(entity(name)?.type).toBe(type);
  });

  it('folds surname mentions into one person (no one split in two)', () => {
    const people = result.entities.filter((e) => e.type === 'person');
    for (const p of people) {
      for (const other of people) {
        if (other !== p) expect(p.name.split(' ')).not.toContain(other.name);
      }
    }
    expect(
      result.entities.find((e) => e.name === 'Musk' || e.name === 'Putin' || e.name === 'Trump'),
    ).toBeUndefined();
    const musk = entity('Elon Musk')!;
    expect(musk.mentions).toEqual(expect.arrayContaining(['Elon Musk', 'Musk']));
    // Every "Musk" in the text is a mention of him.
    expect(musk.count).toBe((article.text.match(/\bMusk\b/g) ?? []).length);
    expect(musk.first).toBe(article.text.indexOf('Elon Musk'));
    expect(entity('WSJ')).toBeUndefined();
    expect(entity('Wall Street Journal')!.mentions).toEqual(
      expect.arrayContaining(['Wall Street Journal', 'WSJ']),
    );
  });

  it('finds Musk’s quote and the anonymous source’s quote with the right speakers', () => {
    const musk = result.quotes.find((q) => q.text.startsWith('Like most of the stuff I’m aware of …'));
    expect(musk).toMatchObject({ speaker: 'Elon Musk', speakerKind: 'named', partial: false });
    expect(musk!.text).toContain('because it’s so boring');
    const source = result.quotes.find((q) => q.text.startsWith('They don’t love it …'));
    expect(source).toMatchObject({ speakerKind: 'anonymous', speaker: 'one source', partial: false });
    const absurd = result.quotes.find((q) => q.text === 'absurd');
    expect(absurd).toMatchObject({ speaker: 'Elon Musk', partial: true });
    const peskov = result.quotes.find((q) => q.text === 'space and future technologies');
    expect(peskov?.speaker).toBe('Dmitry Peskov');
  });

  it('flags reliance on anonymous sources and counts "reportedly"', () => {
    const reportedly = (article.text.match(/\breportedly\b/gi) ?? []).length;
    expect(reportedly).toBe(4);
    expect(result.sourcing.hedges.reportedly).toBe(reportedly);
    expect(result.sourcing.level).toBe('mostly-anonymous');
    expect(result.sourcing.anonymous).toBeGreaterThanOrEqual(result.sourcing.named);
    expect(result.sourcing.note).toMatch(/anonymous/i);
    expect(result.sourcing.note).toContain('‘reportedly’ ×4');
    expect(result.sourcing.outlets).toEqual(['Wall Street Journal']);
  });

  it('names the article’s topics as keywords', () => {
    expect(result.keywords.length).toBeGreaterThan(3);
    expect(result.keywords).toContain('Elon Musk');
    expect(result.keywords).toContain('Vladimir Putin');
  });
});

describe('bite on the seed through the text parser', () => {
  it('gives the same reading when the article comes from parseText', async () => {
    const { parseText } = await import('../../src/source/text/index.js');
    const { seedText } = await import('./seed-article.js');
    const parsed = bite(parseText(seedText()));
    expect(parsed.summary.map((s) => s.text).join(' ')).toMatch(/phone calls/);
    const names = parsed.entities.map((e) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['Elon Musk', 'Vladimir Putin', 'Dmitry Peskov', 'Wall Street Journal']),
    );
    expect(parsed.sourcing.hedges.reportedly).toBe(4);
    expect(parsed.sourcing.outlets).toEqual(['Wall Street Journal']);
  });
});
