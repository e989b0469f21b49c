import { describe, expect, it } from 'vitest';
import { articleFromText, bite } from '../../src/analyse/index.js';

describe('entities', () => {
  const text = [
    'Prime Minister Keir Starmer met German Chancellor Olaf Scholz in Berlin on Monday, officials said.',
    'Starmer told reporters the talks with Scholz had been useful. Mr Starmer later flew to Paris.',
    'Shares in Acme Holdings rose after the Bank of England held rates. The European Union welcomed the move.',
    'Kremlin spokesman Dmitry Peskov said Russia was not involved. The Kremlin spokesman added that Moscow would respond.',
  ].join('\n\n');
  const b = bite(articleFromText(text));
  const get = (name: string) => b.entities.find((e) => e.name === name);

  it('types people, organisations and places', () => {
    expect(get('Keir Starmer')?.type).toBe('person');
    expect(get('Olaf Scholz')?.type).toBe('person');
    expect(get('Acme Holdings')?.type).toBe('organisation');
    expect(get('Bank of England')?.type).toBe('organisation');
    expect(get('European Union')?.type).toBe('organisation');
    expect(get('Berlin')?.type).toBe('place');
    expect(get('Paris')?.type).toBe('place');
  });

  it('folds surnames, titles and named roles into the full name', () => {
    expect(get('Keir Starmer')?.count).toBe(3);
    expect(get('Starmer')).toBeUndefined();
    expect(get('Mr Starmer')).toBeUndefined();
    expect(get('Olaf Scholz')?.count).toBe(2);
    const peskov = get('Dmitry Peskov');
    expect(peskov?.count).toBe(2);
    expect(peskov?.mentions).toContain('The Kremlin spokesman');
  });

  it('does not take nationality adjectives or sentence-initial words for names', () => {
    expect(get('German')).toBeUndefined();
    expect(get('Shares')).toBeUndefined();
    expect(get('The European Union')).toBeUndefined();
  });
});

describe('entities in wire copy', () => {
  const text = [
    "SAN FRANCISCO (Reuters) - Alphabet Inc's Google said on Tuesday it would cut 1,000 jobs.",
    'The move comes after Microsoft Corp and Amazon.com Inc announced similar cuts.',
    'U.S. Senator Elizabeth Warren criticised the layoffs. Warren has called for tighter rules.',
  ].join('\n\n');
  const b = bite(articleFromText(text));
  const names = b.entities.map((e) => e.name);

  it('reads companies with legal suffixes as one organisation', () => {
    expect(b.entities.find((e) => e.name === 'Alphabet')?.type).toBe('organisation');
    expect(b.entities.find((e) => e.name === 'Google')?.type).toBe('organisation');
    expect(b.entities.find((e) => e.name === 'Microsoft')?.type).toBe('organisation');
    expect(names).not.toContain('Inc');
    expect(names).not.toContain('Corp');
  });

  it('strips titles that follow a place and folds the surname', () => {
    const warren = b.entities.find((e) => e.name === 'Elizabeth Warren');
    expect(warren).toMatchObject({ type: 'person', count: 2 });
    expect(b.entities.find((e) => e.name === 'United States')?.type).toBe('place');
    expect(b.entities.find((e) => e.name === 'San Francisco')?.type).toBe('place');
  });
});

describe('quotes', () => {
  it('gives a follow-on quotation the speaker of the one before it', () => {
    const text = '"We are making hard choices," Sundar Pichai wrote. "This is not about performance."';
    const q = bite(articleFromText(text)).quotes;
    expect(q.map((x) => x.speaker)).toEqual(['Sundar Pichai', 'Sundar Pichai']);
  });

  it('attributes “…,” he said to the most recent named subject', () => {
    const text =
      'Jane Doe, the mayor, opened the bridge on Friday. On a visit with John Roe, she praised the builders.\n\n' +
      '“It took ten years, but it was worth it,” she said.';
    const q = bite(articleFromText(text)).quotes;
    expect(q).toHaveLength(1);
    expect(q[0]).toMatchObject({
      text: 'It took ten years, but it was worth it',
      speaker: 'Jane Doe',
      partial: false,
    });
  });

  it('finds speakers before the quote and after it', () => {
    const text = [
      'Maria Lopez told the committee: “We are not ready for this.”',
      '“Nobody warned us,” said Peter Grant, a local farmer.',
      'Officials said the road would reopen soon.',
    ].join('\n\n');
    const q = bite(articleFromText(text)).quotes;
    expect(q.find((x) => x.text.startsWith('We are not ready'))?.speaker).toBe('Maria Lopez');
    expect(q.find((x) => x.text === 'Nobody warned us')?.speaker).toBe('Peter Grant');
  });

  it('marks partial quotes and anonymous speakers', () => {
    const text = [
      'Sam Hill called the plan “reckless” and said it would “cost thousands of jobs in the region”.',
      '“We were told to keep quiet,” a senior official said.',
    ].join('\n\n');
    const b = bite(articleFromText(text));
    const partial = b.quotes.find((x) => x.text === 'cost thousands of jobs in the region');
    expect(partial).toMatchObject({ partial: true, speaker: 'Sam Hill' });
    const anon = b.quotes.find((x) => x.text === 'We were told to keep quiet');
    expect(anon).toMatchObject({ speakerKind: 'anonymous', speaker: 'a senior official' });
  });
});

describe('sourcing', () => {
  it('counts named and anonymous attributions and hedges', () => {
    const text = [
      'The company is reportedly planning layoffs, according to people familiar with the matter.',
      'Two sources told Reuters the cuts were allegedly approved last week. Insiders say more may follow.',
      'Chief executive Ann Lee said no decision had been made.',
    ].join('\n\n');
    const s = bite(articleFromText(text)).sourcing;
    expect(s.hedges.reportedly).toBe(1);
    expect(s.hedges.allegedly).toBe(1);
    expect(s.anonymous).toBeGreaterThanOrEqual(3);
    expect(s.named).toBe(1);
    expect(s.level).toBe('mostly-anonymous');
    expect(s.outlets).toEqual(['Reuters']);
  });

  it('calls an article with only named sources mostly named', () => {
    const text =
      'Mayor Jane Doe said the budget was balanced. Treasurer Tom Poe said revenue rose. Governor Ann Roe said she agreed.';
    const s = bite(articleFromText(text)).sourcing;
    expect(s.anonymous).toBe(0);
    expect(s.named).toBe(3);
    expect(s.level).toBe('mostly-named');
    expect(s.note).toMatch(/^Mostly named sources: 0 anonymous, 3 named/);
  });
});
