/**
 * Weighted term vectors for story clustering. Specific tokens (names, places, numbers: the
 * words that tell two look-alike events apart) weigh more than generic topic words.
 */
import { normalizeText } from './text.js';

const STOP_WORDS = new Set(
  (
    'a about above after again against all almost also am among an and any are around as at back be because been ' +
    'before being below between both but by can could did do does doing down during each either even ever every ' +
    'few for from further get gets got had has have having he her here hers herself him himself his how however ' +
    'i if in into is it its itself just last least less like made make many may me might more most much must my ' +
    'myself near neither new next no nor not now of off on once one only or other others our ours ourselves out ' +
    'over own per put said same say says see seen she should since so some still such than that the their theirs ' +
    'them themselves then there these they this those though through thus to told too under until up upon us very ' +
    'was way we well were what when where whether which while who whom whose why will with within without would ' +
    'yet you your yours yourself yourselves mr mrs ms according including including two three first second year ' +
    'years week weeks day days time today yesterday monday tuesday wednesday thursday friday saturday sunday ' +
    'news report reported reports reuters ap afp via'
  ).split(/\s+/),
);

export interface TermOptions {
  /** Weight of title tokens relative to body tokens. */
  titleWeight: number;
  /** Extra weight for specific tokens (capitalised mid-sentence, numbers, given entities). */
  specificBoost: number;
  /** Body tokens read per article (long articles repeat themselves). */
  maxBodyTokens: number;
  /** The first body tokens (the lead says what happened) count this many times. */
  leadWeight?: number;
  leadTokens?: number;
  /** Adjacent capitalised words also count as one name ("pierre thomas"). */
  namePhrases?: boolean;
}

export interface TermCounts {
  /** term → weighted count */
  counts: Map<string, number>;
  /** terms that are specific (names, numbers, entities) */
  specific: Set<string>;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;

/** Counts the article's terms: title (weighted), body, given entity names. */
export function countTerms(
  title: string,
  text: string,
  entities: readonly string[] | undefined,
  options: TermOptions,
): TermCounts {
  const counts = new Map<string, number>();
  const specific = new Set<string>();
  let previousName = '';
  const add = (raw: string, weight: number, sentenceStart: boolean, capitalsCount: boolean) => {
    // Trailing apostrophes/hyphens, then a possessive 's (regexes only when the ending needs them).
    const endCode = raw.charCodeAt(raw.length - 1);
    let token = endCode === 39 || endCode === 45 ? raw.replace(/['-]+$/g, '') : raw;
    const end = token.charCodeAt(token.length - 1);
    if ((end === 115 || end === 83) && token.charCodeAt(token.length - 2) === 39) token = token.slice(0, -2);
    const lower = token.toLowerCase();
    if (lower.length < 2 || STOP_WORDS.has(lower)) {
      previousName = '';
      return;
    }
    const first = token.charCodeAt(0);
    const isNumber = /\d/.test(token);
    if (isNumber && lower.length < 2) return;
    const capital = first >= 65 && first <= 90 ? true : /^\p{Lu}/u.test(token);
    // Mid-sentence capitals are names; all-caps headlines are not evidence.
    const notAllCaps = capital && token !== token.toUpperCase();
    const isName = capitalsCount && notAllCaps && !sentenceStart;
    if (isName || isNumber) specific.add(lower);
    counts.set(lower, (counts.get(lower) ?? 0) + weight);
    const nameLike = capitalsCount && notAllCaps;
    if (options.namePhrases && nameLike && previousName) {
      const phrase = `${previousName}_${lower}`;
      specific.add(phrase);
      counts.set(phrase, (counts.get(phrase) ?? 0) + weight);
    }
    previousName = nameLike ? lower : '';
  };
  const walk = (input: string, weight: number, limit: number) => {
    previousName = '';
    const normal = normalizeText(input);
    // In Title Case Headlines capitals say nothing about names.
    const words = normal.match(/\p{L}+/gu) ?? [];
    const capitalised = words.filter((w) => /^\p{Lu}/u.test(w)).length;
    const capitalsCount = words.length < 4 || capitalised < 0.6 * words.length;
    let seen = 0;
    let sentenceStart = true;
    WORD.lastIndex = 0;
    let last = 0;
    for (let m = WORD.exec(normal); m !== null; m = WORD.exec(normal)) {
      const gap = normal.slice(last, m.index);
      if (/[.!?:"\n]/.test(gap) || last === 0) sentenceStart = true;
      last = m.index + m[0].length;
      if (gap && /[^\s]/.test(gap)) previousName = '';
      const inLead = seen < (options.leadTokens ?? 0);
      add(m[0], inLead ? weight * (options.leadWeight ?? 1) : weight, sentenceStart, capitalsCount);
      sentenceStart = false;
      if (++seen >= limit) break;
    }
  };
  walk(title, options.titleWeight, Number.POSITIVE_INFINITY);
  walk(text, 1, options.maxBodyTokens);
  for (const entity of entities ?? []) {
    for (const part of normalizeText(entity).match(WORD) ?? []) {
      const lower = part.toLowerCase();
      if (lower.length < 2 || STOP_WORDS.has(lower)) continue;
      specific.add(lower);
      counts.set(lower, (counts.get(lower) ?? 0) + 1);
    }
  }
  return { counts, specific };
}

/**
 * Terms interned to small integer ids (per clusterer), so article vectors can be packed arrays
 * and compared through a dense scratch array instead of string-keyed map look-ups.
 */
export class TermDictionary {
  private readonly ids = new Map<string, number>();
  private readonly terms: string[] = [];
  private readonly scratch = [new Float64Array(1024), new Float64Array(1024)];

  get size(): number {
    return this.terms.length;
  }

  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
    }
    return id;
  }

  term(id: number): string {
    return this.terms[id];
  }

  /** Zeroed scratch array `slot` (0 or 1) covering every id handed out so far (callers zero what they set). */
  dense(slot: 0 | 1): Float64Array {
    let out = this.scratch[slot];
    if (out.length < this.terms.length) {
      let n = out.length;
      while (n < this.terms.length) n *= 2;
      const grown = new Float64Array(n);
      grown.set(out);
      out = grown;
      this.scratch[slot] = out;
    }
    return out;
  }
}
