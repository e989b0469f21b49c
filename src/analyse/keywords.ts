/**
 * Keywords: TF-IDF of content terms against the shipped background table, shown in their most
 * frequent surface form; named entities mentioned at least twice go first.
 */
import type { Entity } from '../model/bite.js';
import { idf, isStopword, stem, words } from './text.js';

export function findKeywords(text: string, entities: Entity[], limit = 8): string[] {
  const counts = new Map<string, number>();
  const surfaces = new Map<string, Map<string, number>>();
  for (const w of words(text)) {
    if (w.length < 3 || isStopword(w) || /^\d+$/.test(w)) continue;
    const t = stem(w);
    counts.set(t, (counts.get(t) ?? 0) + 1);
    let s = surfaces.get(t);
    if (!s) {
      s = new Map();
      surfaces.set(t, s);
    }
    s.set(w, (s.get(w) ?? 0) + 1);
  }
  const out: string[] = [];
  const taken = new Set<string>();
  for (const e of entities) {
    if (out.length >= Math.ceil(limit / 2)) break;
    if (e.count < 2 || e.type === 'other') continue;
    out.push(e.name);
    for (const part of words(e.mentions.join(' '))) taken.add(stem(part));
  }
  const ranked = [...counts]
    .filter(([t, c]) => c >= 2 && !taken.has(t))
    .map(([t, c]) => [t, (1 + Math.log(c)) * idf(t)] as const)
    .sort((a, b) => b[1] - a[1]);
  for (const [t] of ranked) {
    if (out.length >= limit) break;
    const forms = [...(surfaces.get(t) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    out.push(forms[0]?.[0] ?? t);
  }
  return out;
}
