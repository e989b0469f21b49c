/**
 * The search query language, as a pure function: text → a small AST → an FTS5 MATCH
 * expression plus structured filters the store turns into SQL.
 *
 *   words              all must match (prefix with a trailing *: elect*)
 *   "a phrase"         exact phrase
 *   -word -"phrase"    exclusion
 *   a OR b             either (binds tighter than the implicit AND: a OR b c = (a|b) & c)
 *   intitle:word       in the headline          author:name     in the byline
 *   source:name        feed / publisher name    entity:name     a named entity in the bite
 *   before:2024-05-01  published before (date, YYYY-MM, YYYY or Nd = N days ago)
 *   after:…            published on or after
 *   is:unread is:read is:starred
 *
 * Operators with a quoted value take the phrase: author:"Jane Doe".
 */
import { NewsBiteError } from '../errors.js';

export type TextField = 'any' | 'title' | 'author';
export type FilterField = 'source' | 'entity';

export type Term =
  | { kind: 'text'; field: TextField; value: string; phrase: boolean; prefix: boolean; negated: boolean }
  | { kind: 'filter'; field: FilterField; value: string; negated: boolean }
  | { kind: 'date'; field: 'before' | 'after'; value: string; negated: boolean }
  | { kind: 'is'; value: 'unread' | 'read' | 'starred'; negated: boolean };

/** Conjunctive normal form: every group must match; a group matches when any of its terms does. */
export interface Query {
  groups: Term[][];
}

const OPERATORS: Record<string, (value: string, negated: boolean, phrase: boolean, now: Date) => Term> = {
  intitle: (value, negated, phrase) => ({
    kind: 'text',
    field: 'title',
    value,
    phrase,
    prefix: false,
    negated,
  }),
  title: (value, negated, phrase) => ({
    kind: 'text',
    field: 'title',
    value,
    phrase,
    prefix: false,
    negated,
  }),
  author: (value, negated) => ({
    kind: 'text',
    field: 'author',
    value,
    phrase: true,
    prefix: false,
    negated,
  }),
  source: (value, negated) => ({ kind: 'filter', field: 'source', value, negated }),
  entity: (value, negated) => ({ kind: 'filter', field: 'entity', value, negated }),
  before: (value, negated, _p, now) => ({
    kind: 'date',
    field: 'before',
    value: parseDate(value, now),
    negated,
  }),
  after: (value, negated, _p, now) => ({
    kind: 'date',
    field: 'after',
    value: parseDate(value, now),
    negated,
  }),
  is: (value, negated) => {
    const v = value.toLowerCase();
    if (v !== 'unread' && v !== 'read' && v !== 'starred') {
      throw new NewsBiteError(
        'INPUT_INVALID',
        `search: is:${value} is unknown; use is:unread, is:read or is:starred`,
      );
    }
    return { kind: 'is', value: v, negated };
  },
};

/** A date operand → ISO instant (UTC midnight of the day; Nd counts back from `now`). */
export function parseDate(value: string, now: Date): string {
  const rel = /^(\d{1,4})([dwmy])$/i.exec(value);
  if (rel) {
    const n = Number(rel[1]);
    const unit = rel[2].toLowerCase();
    const days = unit === 'd' ? n : unit === 'w' ? n * 7 : unit === 'm' ? n * 30 : n * 365;
    return new Date(now.getTime() - days * 86_400_000).toISOString();
  }
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2] ?? 1), Number(m[3] ?? 1)];
    const d = new Date(Date.UTC(year, month - 1, day));
    if (d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day) {
      return d.toISOString();
    }
  }
  throw new NewsBiteError(
    'INPUT_INVALID',
    `search: "${value}" is not a date; use YYYY-MM-DD, YYYY-MM, YYYY or a count of days like 7d`,
  );
}

interface Token {
  negated: boolean;
  operator?: string;
  value: string;
  quoted: boolean;
  /** A bare OR keyword. */
  or?: boolean;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = input.length;
  while (i < n) {
    while (i < n && /\s/.test(input[i])) i++;
    if (i >= n) break;
    let negated = false;
    if (input[i] === '-' && i + 1 < n && !/\s/.test(input[i + 1])) {
      negated = true;
      i++;
    }
    let operator: string | undefined;
    const op = /^([a-z]+):(?=\S)/i.exec(input.slice(i));
    if (op && OPERATORS[op[1].toLowerCase()]) {
      operator = op[1].toLowerCase();
      i += op[0].length;
    }
    if (input[i] === '"') {
      const end = input.indexOf('"', i + 1);
      const value = end === -1 ? input.slice(i + 1) : input.slice(i + 1, end);
      i = end === -1 ? n : end + 1;
      tokens.push({ negated, operator, value: value.trim(), quoted: true });
      continue;
    }
    let j = i;
    while (j < n && !/\s/.test(input[j])) j++;
    const value = input.slice(i, j);
    i = j;
    if (value === 'OR' && !negated && !operator)
      tokens.push({ negated: false, value, quoted: false, or: true });
    else tokens.push({ negated, operator, value, quoted: false });
  }
  return tokens;
}

/** Parses a query. Empty input gives an empty query (matches everything). */
export function parseQuery(input: string, now: Date = new Date()): Query {
  if (input.length > 1000)
    throw new NewsBiteError('INPUT_TOO_LARGE', 'search: the query is longer than 1000 characters');
  const groups: Term[][] = [];
  let joinNext = false;
  for (const token of tokenize(input)) {
    if (token.or) {
      if (groups.length > 0) joinNext = true;
      continue;
    }
    const term = toTerm(token, now);
    if (!term) continue;
    if (joinNext && groups.length > 0) groups[groups.length - 1].push(term);
    else groups.push([term]);
    joinNext = false;
  }
  return { groups };
}

function toTerm(token: Token, now: Date): Term | undefined {
  if (token.operator) {
    if (!token.value) return undefined;
    return OPERATORS[token.operator](token.value, token.negated, token.quoted, now);
  }
  // Strip FTS punctuation from bare words so "don't" or "U.S." cannot break the MATCH syntax.
  let value = token.value;
  let prefix = false;
  if (!token.quoted && value.endsWith('*')) {
    prefix = true;
    value = value.replace(/\*+$/, '');
  }
  value = value.trim();
  if (!value) return undefined;
  return { kind: 'text', field: 'any', value, phrase: token.quoted, prefix, negated: token.negated };
}

/** Names of the FTS5 columns for each text field (the store's schema). */
export interface FtsColumns {
  title: string;
  author: string;
}

/** One FTS5 string literal: double quotes, inner quotes doubled. */
export function ftsString(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}

/** A positive text term as an FTS5 expression. */
export function ftsTerm(term: Extract<Term, { kind: 'text' }>, columns: FtsColumns): string {
  const body = ftsString(term.value) + (term.prefix ? ' *' : '');
  if (term.field === 'any') return body;
  return `${term.field === 'title' ? columns.title : columns.author} : ${body}`;
}

export type Condition =
  | { kind: 'fts'; match: string; negated: boolean }
  | { kind: 'source'; value: string; negated: boolean }
  | { kind: 'entity'; value: string; negated: boolean }
  | { kind: 'date'; op: 'before' | 'after'; value: string; negated: boolean }
  | { kind: 'is'; value: 'unread' | 'read' | 'starred'; negated: boolean };

/**
 * What the store runs: one FTS5 MATCH over the purely positive text groups (fast path),
 * and the remaining groups as SQL conditions (AND of ORs).
 */
export interface CompiledQuery {
  match?: string;
  conditions: Condition[][];
  /**
   * `match` has a prefix (elect*) and can run on the prefix index (store migration 004): every
   * term is one word in any field, each prefix 2–10 characters. A prefix in the main index merges
   * the position lists of every word it matches; there it is one list.
   */
  prefixIndex?: boolean;
}

/** Prefix lengths the prefix index holds (store/migrations/004-search-prefix.ts). */
const INDEXED_PREFIX = { min: 2, max: 10 };
/** One token for FTS5's unicode61 tokenizer: letters and digits only. */
const ONE_WORD = /^[\p{L}\p{N}]+$/u;

/** Whether a term can be looked up in the prefix index (no positions, no columns there). */
function prefixIndexable(term: Term): boolean {
  if (term.kind !== 'text' || term.field !== 'any' || !ONE_WORD.test(term.value)) return false;
  const length = [...term.value].length;
  return !term.prefix || (length >= INDEXED_PREFIX.min && length <= INDEXED_PREFIX.max);
}

export function compileQuery(query: Query, columns: FtsColumns): CompiledQuery {
  const matchParts: string[] = [];
  const conditions: Condition[][] = [];
  // The terms that end up in `match`, to decide whether the prefix index can answer it.
  const matchTerms: Term[] = [];
  for (const group of query.groups) {
    const positiveText = group.every((t) => t.kind === 'text' && !t.negated);
    if (positiveText) {
      const parts = group.map((t) => ftsTerm(t as Extract<Term, { kind: 'text' }>, columns));
      matchParts.push(parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`);
      matchTerms.push(...group);
      continue;
    }
    conditions.push(group.map((t) => toCondition(t, columns)));
    // An entity's mentions come from the article's own text, so the name as an FTS phrase is a
    // safe prefilter: the index narrows the candidates before the bite's JSON is checked.
    const only = group[0];
    if (group.length === 1 && only.kind === 'filter' && only.field === 'entity' && !only.negated) {
      matchParts.push(ftsString(only.value));
      matchTerms.push({
        kind: 'text',
        field: 'any',
        value: only.value,
        phrase: true,
        prefix: false,
        negated: false,
      });
    }
  }
  let match = matchParts.length ? matchParts.join(' AND ') : undefined;
  if (!match) return { match, conditions };
  // With a positive match, a lone excluded word joins it as FTS5 NOT (one index walk) instead
  // of an SQL NOT IN over every article containing the word.
  const excluded = query.groups.filter((g) => g.length === 1 && g[0].kind === 'text' && g[0].negated);
  for (const [term] of excluded) {
    match = `(${match}) NOT ${ftsTerm({ ...(term as Extract<Term, { kind: 'text' }>), negated: false }, columns)}`;
    matchTerms.push(term);
  }
  const rest = conditions.filter((g) => !(g.length === 1 && g[0].kind === 'fts' && g[0].negated));
  const prefixIndex =
    matchTerms.some((t) => t.kind === 'text' && t.prefix) && matchTerms.every(prefixIndexable);
  return prefixIndex ? { match, conditions: rest, prefixIndex } : { match, conditions: rest };
}

function toCondition(term: Term, columns: FtsColumns): Condition {
  switch (term.kind) {
    case 'text':
      return { kind: 'fts', match: ftsTerm({ ...term, negated: false }, columns), negated: term.negated };
    case 'filter':
      return { kind: term.field, value: term.value, negated: term.negated };
    case 'date':
      return { kind: 'date', op: term.field, value: term.value, negated: term.negated };
    case 'is':
      return { kind: 'is', value: term.value, negated: term.negated };
  }
}

function termText(t: Term): string {
  const neg = t.negated ? '-' : '';
  const quote = (v: string) => (/\s|"/.test(v) ? `"${v.replace(/"/g, '')}"` : v);
  switch (t.kind) {
    case 'text': {
      const op = t.field === 'title' ? 'intitle:' : t.field === 'author' ? 'author:' : '';
      const v = t.phrase ? `"${t.value.replace(/"/g, '')}"` : t.value + (t.prefix ? '*' : '');
      return neg + op + v;
    }
    case 'filter':
      return `${neg}${t.field}:${quote(t.value)}`;
    case 'date':
      return `${neg}${t.field}:${t.value.slice(0, 10)}`;
    case 'is':
      return `${neg}is:${t.value}`;
  }
}

/** The query back as text (normalised), e.g. for a saved search's title. */
export function formatQuery(query: Query): string {
  return query.groups.map((g) => g.map(termText).join(' OR ')).join(' ');
}
