/**
 * The search box's language → an FTS5 MATCH expression plus date filters. Every word is quoted,
 * so user input can never be an FTS5 syntax error or reach a column the user did not name.
 *
 *   words            all must occur (porter-stemmed: "elections" finds "election")
 *   "a phrase"       words in this order
 *   -word, -"a b"    must not occur
 *   a OR b           either (binds the two neighbours)
 *   word*            prefix
 *   intitle:w  author:w  source:w   (quoted values allowed: source:"The Times")
 *   before:2026-01-31  after:2026-01-01   (publication date, UTC)
 */
import { NewsBiteError } from '../errors.js';

export interface ParsedSearch {
  /** FTS5 MATCH expression. */
  match: string;
  /** ISO instants bounding sort_at (published, else fetched). */
  before?: string;
  after?: string;
}

const COLUMN_FILTERS: Record<string, string> = {
  intitle: 'title',
  title: 'title',
  author: 'authors',
  source: 'source_name',
};

interface Token {
  negated: boolean;
  text: string;
  phrase: boolean;
  prefix: boolean;
  field?: string;
  or?: boolean;
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /(-?)(?:([a-z]+):)?(?:"([^"]*)"?|(\S+))/gi;
  for (const m of query.matchAll(pattern)) {
    const [, minus, field, quoted, bare] = m;
    if (bare === 'OR' && !minus && !field) {
      tokens.push({ negated: false, text: '', phrase: false, prefix: false, or: true });
      continue;
    }
    const raw = quoted ?? bare ?? '';
    const prefix = quoted === undefined && raw.endsWith('*');
    tokens.push({
      negated: minus === '-',
      text: prefix ? raw.replace(/\*+$/, '') : raw,
      phrase: quoted !== undefined,
      prefix,
      field: field?.toLowerCase(),
    });
  }
  return tokens;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

function parseDate(value: string, name: string, endOfDay: boolean): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const time = Date.parse(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time))
    throw new NewsBiteError('INPUT_INVALID', `${name}:${value} is not a date (use YYYY-MM-DD)`);
  return new Date(day && endOfDay ? time + 86_400_000 : time).toISOString();
}

export function parseSearch(query: string): ParsedSearch {
  const result: ParsedSearch = { match: '' };
  const clauses: string[][] = [];
  const negatives: string[] = [];
  let joinNext = false;
  for (const token of tokenize(query)) {
    if (token.or) {
      joinNext = clauses.length > 0;
      continue;
    }
    if (token.field === 'before' || token.field === 'after') {
      if (token.field === 'before') result.before = parseDate(token.text, 'before', false);
      else result.after = parseDate(token.text, 'after', true);
      continue;
    }
    // Keep only word characters' worth of text: punctuation alone would be an empty FTS5 phrase.
    if (!/[\p{L}\p{N}]/u.test(token.text)) continue;
    const column = token.field ? COLUMN_FILTERS[token.field] : undefined;
    let term = quote(token.field && !column ? `${token.field}:${token.text}` : token.text);
    if (token.prefix) term += ' *';
    if (column) term = `${column} : ${term}`;
    if (token.negated) {
      negatives.push(term);
      joinNext = false;
    } else if (joinNext) {
      clauses[clauses.length - 1].push(term);
      joinNext = false;
    } else clauses.push([term]);
  }
  if (clauses.length === 0) {
    throw new NewsBiteError(
      'INPUT_INVALID',
      negatives.length
        ? `search "${query}" only excludes words; add at least one word to look for`
        : `search "${query}" has no words to look for`,
    );
  }
  const positive = clauses.map((c) => (c.length > 1 ? `(${c.join(' OR ')})` : c[0])).join(' AND ');
  result.match = negatives.length
    ? `${positive} NOT ${negatives.length > 1 ? `(${negatives.join(' OR ')})` : negatives[0]}`
    : positive;
  return result;
}
