/**
 * Named entities without a statistical tagger: capitalised spans are chunked from the cased
 * text, stripped of sentence-start words, nationality adjectives and titles, typed by the
 * gazetteer, organisation/place suffixes, titles and role nouns ("spokesman Dmitry Peskov"),
 * then folded so each person has one canonical name ("Musk", "Mr Musk" → "Elon Musk";
 * "the Kremlin spokesman" → the person introduced with that role).
 */
import type { Entity, EntityType } from '../model/bite.js';
import {
  DEMONYMS,
  GAZETTEER,
  type GazetteerEntry,
  ORGANISATION_SUFFIXES,
  PLACE_SUFFIXES,
  ROLE_NOUNS,
  TITLES,
} from './data/gazetteer.js';
import type { SentenceSpan } from './sentences.js';
import { backgroundShare, isStopword } from './text.js';

export interface Mention {
  /** Canonical entity name after folding. */
  name: string;
  type: EntityType;
  surface: string;
  start: number;
  end: number;
  /** Gazetteer says this is a news outlet. */
  outlet?: boolean;
}

export interface EntityResult {
  entities: Entity[];
  mentions: Mention[];
  /** Lowercased surface form or role phrase → canonical person/organisation name. */
  lookup: Map<string, { name: string; type: EntityType }>;
  outlets: string[];
}

interface Token {
  text: string;
  start: number;
  end: number;
  cap: boolean;
  /** Possessive or hyphen suffix cut off: the span must end here. */
  closes: boolean;
  sentenceStart: boolean;
}

interface Candidate {
  tokens: Token[];
  type?: EntityType;
  gazetteer?: GazetteerEntry;
  /** Role words that introduced the name ("kremlin spokesman", "president"). */
  role?: string;
  personHint?: boolean;
  tentative?: boolean;
  /** Not an entity at all (a stray legal suffix). */
  skip?: boolean;
}

/** Legal-form suffixes: the span before them is a company. */
const CORPORATE_SUFFIXES = new Set([
  'Inc',
  'Corp',
  'Co',
  'Ltd',
  'LLC',
  'PLC',
  'plc',
  'AG',
  'SA',
  'NV',
  'GmbH',
  'Limited',
]);
const CONNECTORS = new Set([
  'of',
  'de',
  'da',
  'van',
  'von',
  'der',
  'del',
  'la',
  'le',
  'al',
  'bin',
  'du',
  'dos',
  'das',
]);
const TOKEN = /(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+(?:[’'-][\p{L}\p{N}]+)*/gu;
const SPEECH_AFTER =
  /^\s+(said|says|told|added|explained|wrote|argued|insisted|claimed|warned|stated|noted)\b/;
const MAX_TOKENS = 200_000;

function isCapitalised(word: string): boolean {
  return /^[\p{Lu}\p{Lt}]/u.test(word);
}

function tokenize(text: string, sentences: SentenceSpan[]): Token[] {
  const starts = new Set<number>();
  for (const s of sentences) {
    // The first word of a sentence, also after an opening quote.
    const m = /^[^\p{L}\p{N}]*/u.exec(s.text);
    starts.add(s.start + (m ? m[0].length : 0));
  }
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (out.length >= MAX_TOKENS) break;
    let word = m[0];
    const start = m.index ?? 0;
    let closes = false;
    const poss = /['’]s$/i.exec(word);
    if (poss) {
      word = word.slice(0, -2);
      closes = true;
    } else if (/[’']$/.test(word)) word = word.slice(0, -1);
    if (word.includes('-')) {
      const parts = word.split('-');
      if (!parts.every(isCapitalised)) {
        // "Trump-led" → "Trump"; "pro-Kyiv" → "Kyiv".
        let offset = start;
        for (const part of parts) {
          out.push({
            text: part,
            start: offset,
            end: offset + part.length,
            cap: isCapitalised(part),
            closes: true,
            sentenceStart: offset === start && starts.has(start),
          });
          offset += part.length + 1;
        }
        continue;
      }
    }
    if (!word) continue;
    out.push({
      text: word,
      start,
      end: start + word.length,
      cap: isCapitalised(word),
      closes,
      sentenceStart: starts.has(start),
    });
  }
  return out;
}

/** Capitalised spans; connectors ("of") are kept only between capitalised words. */
function spans(text: string, tokens: Token[]): Token[][] {
  const out: Token[][] = [];
  let current: Token[] = [];
  const flush = () => {
    while (current.length && !current[current.length - 1].cap) current.pop();
    if (current.length) out.push(current);
    current = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (current.length) {
      const prev = current[current.length - 1];
      const gap = text.slice(prev.end, t.start);
      const titleDot = gap === '. ' && TITLES.has(prev.text + '.');
      const joinable = (gap === ' ' || titleDot) && !prev.closes;
      if (!joinable) flush();
    }
    if (t.cap) current.push(t);
    else if (current.length && CONNECTORS.has(t.text) && tokens[i + 1]?.cap) current.push(t);
    else flush();
    if (t.closes) flush();
  }
  flush();
  return out;
}

/** Words that start sentences in news ("Although", "Meanwhile"); checked only at a sentence start. */
const SENTENCE_OPENERS = new Set(
  (
    'although though however meanwhile while whilst after before since despite yet still also when where if ' +
    'as because unless until whereas last next then now today yesterday tonight earlier later instead indeed ' +
    'perhaps maybe even only just so thus therefore moreover furthermore besides otherwise finally first second ' +
    'independent increased conservative former several many some most every each both either neither such'
  ).split(' '),
);

/** A capitalised sentence-initial word that is an everyday word, not (the start of) a name. */
function isCommonWord(word: string, midSentence: Set<string>): boolean {
  const lower = word.toLowerCase();
  if (isStopword(lower) || SENTENCE_OPENERS.has(lower)) return true;
  // Frequent in the background news corpus and never capitalised mid-sentence here.
  return !midSentence.has(word) && backgroundShare(lower) >= 0.05;
}

function name(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

function gazetteer(tokens: Token[]): GazetteerEntry | undefined {
  const entry = GAZETTEER.get(name(tokens).toLowerCase());
  // All-caps aliases ("US", "WHO") must match case exactly; "us"/"Who" are words.
  if (
    entry &&
    tokens.length === 1 &&
    /^[A-Z.]+$/.test(name(tokens).toUpperCase()) &&
    name(tokens).length <= 4
  ) {
    const surface = tokens[0].text;
    if (surface !== surface.toUpperCase() && entry.canonical !== surface) return undefined;
  }
  return entry;
}

function startsWithGazetteerName(tokens: Token[]): boolean {
  for (let len = Math.min(tokens.length, 6); len >= 2; len--)
    if (gazetteer(tokens.slice(0, len))) return true;
  return false;
}

/** Splits a span into candidates: strips titles/demonyms, matches gazetteer sub-spans, types the rest. */
function candidates(span: Token[], text: string, midSentence: Set<string>): Candidate[] {
  let tokens = span;
  const roles: string[] = [];
  let personHint = false;
  // Leading title words ("Prime Minister", "Mr", "President") and nationality adjectives.
  for (;;) {
    if (!tokens.length) return [];
    const two = tokens.length > 2 ? `${tokens[0].text} ${tokens[1].text}` : '';
    if (two && TITLES.has(two) && !gazetteer(tokens)) {
      roles.push(two.toLowerCase());
      personHint = true;
      tokens = tokens.slice(2);
      continue;
    }
    const first = tokens[0];
    if (tokens.length > 1 && TITLES.has(first.text) && !gazetteer(tokens)) {
      roles.push(first.text.toLowerCase().replace(/\.$/, ''));
      personHint = true;
      tokens = tokens.slice(1);
      continue;
    }
    if (DEMONYMS.has(first.text) && !startsWithGazetteerName(tokens)) {
      roles.push(first.text.toLowerCase());
      tokens = tokens.slice(1);
      continue;
    }
    if (first.sentenceStart && isCommonWord(first.text, midSentence)) {
      tokens = tokens.slice(1);
      continue;
    }
    break;
  }
  // A lowercase role noun right before the span ("spokesman Dmitry Peskov", "commentator Tucker Carlson").
  const before = /([\p{L}-]+)\s+([\p{L}-]+)\s*$/u.exec(
    text.slice(Math.max(0, tokens[0].start - 60), tokens[0].start),
  );
  if (before && ROLE_NOUNS.has(before[2].toLowerCase()) && !isCapitalised(before[2])) {
    personHint = true;
    const qualifier = isCapitalised(before[1]) ? `${before[1].toLowerCase()} ` : '';
    if (!roles.length) roles.push(`${qualifier}${before[2].toLowerCase()}`);
  }
  // "Alphabet Inc", "Microsoft Corp": one organisation, named without the legal suffix.
  const lastText = tokens[tokens.length - 1].text;
  if (tokens.length > 1 && CORPORATE_SUFFIXES.has(lastText.replace(/\.$/, ''))) {
    const base = tokens.slice(0, -1);
    const entry = gazetteer(base);
    const known = entry?.type === 'organisation' ? entry : undefined;
    return [{ tokens: base, gazetteer: known, type: 'organisation' }];
  }
  const out: Candidate[] = [];
  let rest: Token[] = [];
  const flushRest = () => {
    if (rest.length) out.push(typeChunk(rest, personHint, roles, text));
    rest = [];
  };
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    for (let len = tokens.length - i; len >= 1; len--) {
      const sub = tokens.slice(i, i + len);
      if (!sub[0].cap || !sub[sub.length - 1].cap) continue;
      const entry = gazetteer(sub);
      if (entry) {
        // A gazetteer name followed by more capitalised words may be part of a longer name
        // ("Georgia Smith"), unless it is an organisation or the span is a list of places.
        if (len === 1 && i === 0 && tokens.length > 1 && entry.type === 'place' && personHint) continue;
        flushRest();
        out.push({ tokens: sub, gazetteer: entry, type: entry.type });
        matched = len;
        break;
      }
    }
    if (matched) i += matched;
    else {
      rest.push(tokens[i]);
      i++;
    }
  }
  flushRest();
  return out;
}

function typeChunk(chunk: Token[], hint: boolean, spanRoles: string[], text: string): Candidate {
  // Titles can also follow a place ("U.S. Senator Elizabeth Warren"): strip them here too.
  let tokens = chunk;
  let personHint = hint;
  const roles = [...spanRoles];
  while (tokens.length > 1) {
    const two = tokens.length > 2 ? `${tokens[0].text} ${tokens[1].text}` : '';
    if (two && TITLES.has(two)) {
      roles.push(two.toLowerCase());
      tokens = tokens.slice(2);
    } else if (TITLES.has(tokens[0].text)) {
      roles.push(tokens[0].text.toLowerCase().replace(/\.$/, ''));
      tokens = tokens.slice(1);
    } else break;
    personHint = true;
  }
  const last = tokens[tokens.length - 1].text;
  // A legal suffix on its own ("Amazon.com Inc" splits at the dot) is not a name.
  if (
    tokens.length === 1 &&
    (CORPORATE_SUFFIXES.has(last.replace(/\.$/, '')) || ORGANISATION_SUFFIXES.has(last))
  ) {
    return { tokens, tentative: true, type: undefined, role: undefined, personHint: false, skip: true };
  }
  const c: Candidate = { tokens, role: roles.length ? roles.join(' ') : undefined, personHint };
  if (ORGANISATION_SUFFIXES.has(last)) c.type = 'organisation';
  else if (PLACE_SUFFIXES.has(last) && tokens.length > 1) c.type = 'place';
  else if (tokens.length === 1 && /^[A-Z]{2,6}$/.test(last)) c.type = 'organisation';
  else if (personHint) c.type = 'person';
  else if (
    tokens.length >= 2 &&
    tokens.length <= 4 &&
    tokens.every((t) => t.cap && /^[\p{L}.'’-]+$/u.test(t.text))
  ) {
    c.type = 'person';
  } else if (tokens.length === 1) {
    c.tentative = true;
    if (SPEECH_AFTER.test(text.slice(tokens[0].end, tokens[0].end + 20))) c.personHint = true;
  } else c.type = 'other';
  return c;
}

export function findEntities(text: string, sentences: SentenceSpan[]): EntityResult {
  const tokens = tokenize(text, sentences);
  // Words seen capitalised away from a sentence start: evidence that they are names.
  const midSentence = new Set<string>();
  for (const t of tokens) if (t.cap && !t.sentenceStart) midSentence.add(t.text);
  const all: Candidate[] = [];
  for (const span of spans(text, tokens)) {
    if (span.length === 1 && span[0].text.length < 2) continue;
    for (const c of candidates(span, text, midSentence)) if (!c.skip) all.push(c);
  }
  // People named in full: their name parts fold single-word mentions ("Musk", "Xi").
  const people = new Map<string, Candidate>();
  for (const c of all) if (c.type === 'person' && c.tokens.length >= 2) people.set(name(c.tokens), c);
  const parts = new Map<string, string | null>();
  for (const full of people.keys()) {
    const words = full.split(' ');
    for (const w of [words[0], words[words.length - 1]]) {
      const seen = parts.get(w);
      parts.set(w, seen === undefined || seen === full ? full : null);
    }
  }
  const mentions: Mention[] = [];
  const roleOf = new Map<string, string>();
  for (const c of all) {
    const surface = name(c.tokens);
    const start = c.tokens[0].start;
    const end = c.tokens[c.tokens.length - 1].end;
    let canonical = surface;
    let type: EntityType | undefined = c.type;
    const folded = c.tokens.length === 1 ? parts.get(surface) : undefined;
    if (folded) {
      canonical = folded;
      type = 'person';
    } else if (c.gazetteer) {
      canonical = c.gazetteer.canonical;
    } else if (c.tentative) {
      const sentenceStartOnly = c.tokens[0].sentenceStart && !midSentence.has(surface);
      if (sentenceStartOnly || isStopword(surface.toLowerCase())) continue;
      type = c.personHint ? 'person' : 'other';
    }
    if (!type) continue;
    if (type === 'person' && c.role && c.tokens.length >= 2 && !roleOf.has(c.role))
      roleOf.set(c.role, canonical);
    mentions.push({ name: canonical, type, surface, start, end, outlet: c.gazetteer?.outlet });
  }
  // Roles introduced with a name ("Kremlin spokesman Dmitry Peskov") later stand for the person.
  const lower = roleOf.size ? text.toLowerCase() : '';
  for (const [role, person] of roleOf) {
    if (!role.includes(' ')) continue;
    const needle = `the ${role}`;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      const end = at + needle.length;
      // Whole words only, and not the introduction itself ("the Kremlin spokesman Dmitry Peskov").
      if (at > 0 && /[\p{L}]/u.test(text[at - 1])) continue;
      if (/^[\p{L}]/u.test(text.slice(end, end + 1)) || /^\s+[\p{Lu}]/u.test(text.slice(end, end + 3)))
        continue;
      mentions.push({ name: person, type: 'person', surface: text.slice(at, end), start: at, end });
    }
  }
  mentions.sort((a, b) => a.start - b.start);
  return { ...aggregate(mentions), mentions };
}

function aggregate(mentions: Mention[]): Omit<EntityResult, 'mentions'> {
  const byName = new Map<string, Entity & { outlet?: boolean }>();
  for (const m of mentions) {
    let e = byName.get(m.name);
    if (!e) {
      e = { name: m.name, type: m.type, count: 0, first: m.start, mentions: [], outlet: m.outlet };
      byName.set(m.name, e);
    }
    e.count++;
    if (!e.mentions.includes(m.surface)) e.mentions.push(m.surface);
  }
  const lookup = new Map<string, { name: string; type: EntityType }>();
  for (const e of byName.values()) {
    for (const s of e.mentions) lookup.set(s.toLowerCase(), { name: e.name, type: e.type });
    lookup.set(e.name.toLowerCase(), { name: e.name, type: e.type });
  }
  const entities = [...byName.values()]
    .filter((e) => e.type !== 'other' || e.count >= 2)
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map(({ outlet: _outlet, ...e }) => e);
  const outlets = [...byName.values()].filter((e) => e.outlet).map((e) => e.name);
  return { entities, lookup, outlets };
}
