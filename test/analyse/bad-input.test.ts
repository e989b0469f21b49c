import { describe, expect, it } from 'vitest';
import { articleFromText, bite, summarizeStory } from '../../src/analyse/index.js';
import { NewsBiteError } from '../../src/errors.js';
import type { Article } from '../../src/model/article.js';

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

describe('bite on bad input', () => {
  it('refuses empty text with a clear error', () => {
    for (const text of ['', '   \n\n  ']) {
      try {
        bite(articleFromText(text));
        expect.unreachable('expected an error');
      } catch (error) {
        expect(error).toBeInstanceOf(NewsBiteError);
        expect((error as NewsBiteError).code).toBe('INPUT_EMPTY');
        expect((error as Error).message).toMatch(/no text/);
      }
    }
  });

  it('refuses something that is not an article', () => {
    expect(() => bite(null as unknown as Article)).toThrow(NewsBiteError);
  });

  it('bites a single word', () => {
    const b = bite(articleFromText('Hello'));
    expect(b.summary.map((s) => s.text)).toEqual(['Hello']);
    expect(b.sourcing.level).toBe('unsourced');
    expect(b.quotes).toEqual([]);
  });

  it('bites 1 MB of text without punctuation within the word budget', () => {
    const vocabulary = [
      'market',
      'Growth',
      'river',
      'council',
      'Budget',
      'city',
      'vote',
      'plan',
      'people',
      'year',
    ];
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 1_000_000; i++) {
      const w = vocabulary[(i * 7 + (i >> 3)) % vocabulary.length];
      parts.push(w);
      size += w.length + 1;
    }
    const b = bite(articleFromText(parts.join(' ')));
    expect(b.summary.length).toBeGreaterThan(0);
    expect(words(b.summary.map((s) => s.text).join(' '))).toBeLessThanOrEqual(76);
    expect(b.keyPoints.length).toBeGreaterThan(0);
  });

  it('gives a sane bite for non-English text and does not claim it is English', () => {
    const german =
      'Die Bundesregierung hat am Mittwoch neue Regeln für den Wohnungsbau beschlossen. ' +
      'Bauministerin Klara Geywitz sagte, die Maßnahmen sollten schneller wirken als bisher. ' +
      'Kritiker aus der Opposition bezeichneten das Paket als unzureichend. Die Länder müssen noch zustimmen.';
    const b = bite(articleFromText(german));
    expect(b.summary.length).toBeGreaterThan(0);
    expect(b.summary.length).toBeLessThanOrEqual(3);
    expect(b.language).toBeUndefined();
    const chinese = '北京市政府周三宣布了新的住房政策。官员表示，这些措施将在明年生效。';
    const c = bite(articleFromText(chinese));
    expect(c.summary.length).toBeGreaterThan(0);
    expect(c.sourcing.note).toBeTruthy();
  });

  it('survives unbalanced quotes and stray punctuation', () => {
    const text = '“He said it ... and left. ” ” “ “Nobody knew, she told. ??? !!! ... — — “';
    const b = bite(articleFromText(text));
    expect(Array.isArray(b.quotes)).toBe(true);
    expect(b.summary.length).toBeGreaterThan(0);
  });

  it('story summaries skip empty documents and return nothing for no input', () => {
    expect(summarizeStory([])).toEqual([]);
    expect(summarizeStory([{ id: 'a', text: '' }])).toEqual([]);
  });
});
