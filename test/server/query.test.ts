import { describe, expect, it } from 'vitest';
import { NewsBiteError } from '../../src/errors.js';
import { compileQuery, formatQuery, ftsString, parseDate, parseQuery } from '../../src/server/query.js';

const COLUMNS = { title: 'title', author: 'authors' };
const NOW = new Date('2026-11-26T12:00:00.000Z');
const compile = (q: string) => compileQuery(parseQuery(q, NOW), COLUMNS);

describe('search query language', () => {
  it('ANDs plain words into one FTS5 expression, each quoted', () => {
    expect(compile('flood valley')).toEqual({ match: '"flood" AND "valley"', conditions: [] });
  });

  it('keeps phrases together and doubles quotes inside FTS strings', () => {
    expect(compile('"river Aller" towns').match).toBe('"river Aller" AND "towns"');
    expect(ftsString('say "hi"')).toBe('"say ""hi"""');
  });

  it('binds OR between neighbours only', () => {
    expect(compile('flood OR storm valley').match).toBe('("flood" OR "storm") AND "valley"');
  });

  it('ignores a dangling OR', () => {
    expect(compile('OR flood OR').match).toBe('"flood"');
  });

  it('turns exclusions into negated conditions, not a bare NOT that FTS5 rejects', () => {
    const c = compile('-sport');
    expect(c.match).toBeUndefined();
    expect(c.conditions).toEqual([[{ kind: 'fts', match: '"sport"', negated: true }]]);
  });

  it('maps intitle: and author: to FTS column filters', () => {
    expect(compile('intitle:flood author:"Sam Reporter"').match).toBe(
      'title : "flood" AND authors : "Sam Reporter"',
    );
  });

  it('keeps prefix searches as FTS prefix queries', () => {
    expect(compile('elect*').match).toBe('"elect" *');
  });

  it('sends prefix searches of plain words to the prefix index, and nothing else', () => {
    for (const q of [
      'elect*',
      'el*',
      'elect* valley',
      'valley elect* -sport',
      'elect* OR storm',
      'entity:Novak bri*',
    ]) {
      expect(compile(q).prefixIndex, q).toBe(true);
    }
    // No prefix; a phrase, a column filter or a multi-word entity needs positions; a prefix of
    // 1 or more than 10 characters is not indexed; a word FTS5 splits in two is a phrase.
    for (const q of [
      'flood valley',
      '"river Aller" bri*',
      'intitle:bri*',
      'author:sam*',
      'entity:"Jana Novak" bri*',
      'e*',
      'electioneering*',
      'e-mail*',
    ]) {
      expect(compile(q).prefixIndex, q).toBeUndefined();
    }
    expect(compile('valley elect* -sport')).toEqual({
      match: '("valley" AND "elect" *) NOT "sport"',
      conditions: [],
      prefixIndex: true,
    });
  });

  it('sends source:, entity:, is: and dates to SQL conditions', () => {
    const c = compile('source:"World Wire" entity:Novak is:unread after:2026-11-01 before:2026-11-21');
    // The entity's name doubles as an FTS prefilter (its mentions are in the text).
    expect(c.match).toBe('"Novak"');
    expect(c.conditions).toEqual([
      [{ kind: 'source', value: 'World Wire', negated: false }],
      [{ kind: 'entity', value: 'Novak', negated: false }],
      [{ kind: 'is', value: 'unread', negated: false }],
      [{ kind: 'date', op: 'after', value: '2026-11-01T00:00:00.000Z', negated: false }],
      [{ kind: 'date', op: 'before', value: '2026-11-21T00:00:00.000Z', negated: false }],
    ]);
  });

  it('mixes text and filters in one OR group as conditions', () => {
    const c = compile('flood OR source:tech');
    expect(c.match).toBeUndefined();
    expect(c.conditions).toEqual([
      [
        { kind: 'fts', match: '"flood"', negated: false },
        { kind: 'source', value: 'tech', negated: false },
      ],
    ]);
  });

  it('treats an unknown operator as a word', () => {
    expect(compile('foo:bar').match).toBe('"foo:bar"');
  });

  it('reads relative dates from the given clock', () => {
    expect(parseDate('7d', NOW)).toBe('2026-11-19T12:00:00.000Z');
    expect(parseDate('2026-02', NOW)).toBe('2026-02-01T00:00:00.000Z');
  });

  it('refuses impossible dates and unknown is: values with a NewsBiteError naming the input', () => {
    expect(() => parseQuery('before:2026-02-30', NOW)).toThrow(/2026-02-30/);
    expect(() => parseQuery('is:bogus', NOW)).toThrow(NewsBiteError);
  });

  it('gives an empty query for blank input', () => {
    expect(parseQuery('   ', NOW)).toEqual({ groups: [] });
  });

  it('formats a query back to text that parses to the same thing', () => {
    const q = parseQuery('flood OR "heavy rain" -sport intitle:river source:"World Wire" is:starred', NOW);
    expect(parseQuery(formatQuery(q), NOW)).toEqual(q);
  });

  it('refuses very long queries', () => {
    expect(() => parseQuery('a '.repeat(600), NOW)).toThrow(/longer than 1000/);
  });
});

describe('exclusions beside a positive match', () => {
  it('fold into the FTS5 expression as NOT', () => {
    expect(compile('flood -sport -"heavy rain"')).toEqual({
      match: '(("flood") NOT "sport") NOT "heavy rain"',
      conditions: [],
    });
  });
});
