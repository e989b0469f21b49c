import { describe, expect, it } from 'vitest';
import { segmentSentences, splitSentences } from '../../src/analyse/index.js';
import { seedParagraphs } from './seed-article.js';

describe('splitSentences', () => {
  it('does not split after abbreviations, titles and month names', () => {
    expect(
      splitSentences(
        'Dr. Smith met U.S. officials in Jan. 2020 at No. 10 Downing St. in London. They agreed.',
      ),
    ).toEqual(['Dr. Smith met U.S. officials in Jan. 2020 at No. 10 Downing St. in London.', 'They agreed.']);
  });

  it('splits after an abbreviation that ends a sentence before a clear sentence start', () => {
    expect(splitSentences('He moved to the U.S. The move was hard.')).toEqual([
      'He moved to the U.S.',
      'The move was hard.',
    ]);
  });

  it('keeps initials and decimals inside the sentence', () => {
    expect(splitSentences('George W. Bush met J. K. Rowling. Growth was 2.5 percent in 3.1 months.')).toEqual(
      ['George W. Bush met J. K. Rowling.', 'Growth was 2.5 percent in 3.1 months.'],
    );
  });

  it('does not split at an ellipsis inside a quotation', () => {
    const text =
      '“Like most of the stuff I’m aware of … the reason they keep it top secret is because it’s so boring,” he said. Right.';
    expect(splitSentences(text)).toEqual([
      '“Like most of the stuff I’m aware of … the reason they keep it top secret is because it’s so boring,” he said.',
      'Right.',
    ]);
    expect(splitSentences('“They don’t love it ... But nothing was flagged,” one source said.')).toHaveLength(
      1,
    );
  });

  it('keeps a multi-sentence quotation that runs into its attribution together', () => {
    expect(splitSentences('“It was bad. We left,” she said. Then it rained.')).toEqual([
      '“It was bad. We left,” she said.',
      'Then it rained.',
    ]);
  });

  it('attaches closing quotes and brackets to the sentence they end', () => {
    expect(splitSentences('He said: “We left.” Then it rained (again.) Fine!')).toEqual([
      'He said: “We left.”',
      'Then it rained (again.)',
      'Fine!',
    ]);
  });

  it('handles questions, exclamations and ellipses between sentences', () => {
    expect(splitSentences('Wait... What? Really! Yes.')).toEqual(['Wait...', 'What?', 'Really!', 'Yes.']);
  });

  it('keeps dateline prefixes out of the first sentence', () => {
    expect(splitSentences('WASHINGTON (Reuters) - The Senate voted on Tuesday. It passed.')[0]).toBe(
      'The Senate voted on Tuesday.',
    );
    expect(splitSentences('LONDON — Prices rose. Wages did not.')[0]).toBe('Prices rose.');
    expect(splitSentences('(CNN) So, you want a reunion? You got it.')).toEqual([
      'So, you want a reunion?',
      'You got it.',
    ]);
  });

  it('always ends a sentence at a paragraph break and reports offsets into the input', () => {
    const text = 'First paragraph without a stop\n\nSecond one. Third one.';
    const spans = segmentSentences(text);
    expect(spans.map((s) => s.text)).toEqual(['First paragraph without a stop', 'Second one.', 'Third one.']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(spans.map((s) => s.paragraph)).toEqual([0, 1, 1]);
  });

  it('splits the seed body into whole sentences', () => {
    const sentences = seedParagraphs().flatMap((p) => splitSentences(p));
    // Every sentence ends with terminal punctuation (optionally followed by a closing quote).
    for (const s of sentences) expect(s).toMatch(/[.!?…]["”’)]?$/);
    expect(sentences).toContain(
      '“They don’t love it … but no security alerts have been flagged over Musk’s contact with Putin,” one source told the WSJ.',
    );
    expect(sentences.some((s) => s.startsWith('That request was made as a “favour”'))).toBe(true);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n  ')).toEqual([]);
  });
});
