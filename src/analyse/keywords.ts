/**
 * Keywords: named entities mentioned at least twice first, then content words ranked by
 * (1 + log tf) × idf against the shipped background table, shown in their usual spelling.
 */
import type { Entity } from '../model/bite.js';
import { DEMONYMS } from './data/gazetteer.js';
import { contentTerms, idf, isStopword, stem } from './text.js';

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;
const MAX_ENTITY_KEYWORDS = 6;
const DEMONYMS_LOWER = new Set([...DEMONYMS].map((d) => d.toLowerCase()));
/** Headline words are what the editor chose to name the story: they count double. */
const HEADLINE_BOOST = 2;

export function findKeywords(text: string, entities: Entity[], headline?: string, limit = 8): string[] {
  const out: string[] = [];
  const inHeadline = new Set(headline ? contentTerms(headline) : []);
  // Words that belong to any entity are represented by the entity, not repeated as terms.
  const entityStems = new Set<string>();
  for (const e of entities) {
    for (const m of [e.name, ...e.mentions]) {
      for (const w of m.toLowerCase().match(WORD) ?? []) entityStems.add(stem(w.replace(/’/g, "'")));
    }
  }
  for (const e of entities) {
    if (out.length >= Math.min(MAX_ENTITY_KEYWORDS, limit)) break;
    if (e.count >= 2 && e.type !== 'other') out.push(e.name);
  }
  const counts = new Map<string, number>();
  const surfaces = new Map<string, Map<string, number>>();
  for (const m of text.matchAll(WORD)) {
    const surface = m[0].replace(/’/g, "'");
    const w = surface.toLowerCase();
    if (w.length < 3 || isStopword(w) || /^\d+$/.test(w) || DEMONYMS_LOWER.has(w)) continue;
    const t = stem(w);
    if (entityStems.has(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
    let forms = surfaces.get(t);
    if (!forms) {
      forms = new Map();
      surfaces.set(t, forms);
    }
    // Sentence-initial capitals are not the word's usual spelling: count them as lower case.
    const form = /^\p{Lu}\p{Ll}/u.test(surface) ? w : surface;
    forms.set(form, (forms.get(form) ?? 0) + 1);
  }
  const ranked = [...counts]
    .filter(([, c]) => c >= 2)
    .map(([t, c]) => [t, (1 + Math.log(c)) * idf(t) * (inHeadline.has(t) ? HEADLINE_BOOST : 1)] as const)
    .sort((a, b) => b[1] - a[1]);
  for (const [t] of ranked) {
    if (out.length >= limit) break;
    const forms = [...(surfaces.get(t) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    out.push(forms[0]?.[0] ?? t);
  }
  return out;
}
