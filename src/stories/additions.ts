/**
 * "What each source adds": sentences only one publisher has. A sentence counts as new when a
 * good share of its content words appear in no other publisher's articles about the story,
 * and it carries a fact (a number or a name), not just colour.
 */
import { normalizeText, splitSentences } from './text.js';

export interface SourceAddition {
  source: string;
  /** Article the first sentence comes from. */
  article: string;
  sentences: string[];
}

export interface AdditionInput {
  id: string;
  source: string;
  text: string;
}

const FACT = /\d|(?<=\S\s+)\p{Lu}\p{Ll}/u;
const WORD = /[\p{L}\p{N}]+/gu;
/** Share of a sentence's content words that no other publisher used. */
const MIN_NOVELTY = 0.3;
const COMMON = new Set(
  'the and for that with was were has have had this from its his her their they said says will would been are but not who which when after about into over than also its our out'.split(
    ' ',
  ),
);

function words(sentence: string): string[] {
  return [...new Set(sentence.toLowerCase().match(WORD) ?? [])].filter((w) => w.length > 2 && !COMMON.has(w));
}

export function sourceAdditions(articles: AdditionInput[], perSource = 3): SourceAddition[] {
  const bySource = new Map<string, AdditionInput[]>();
  for (const a of articles) {
    const key = a.source || a.id;
    const list = bySource.get(key) ?? [];
    list.push(a);
    bySource.set(key, list);
  }
  if (bySource.size < 2) return [];
  // Which publishers use each word.
  const users = new Map<string, Set<string>>();
  const sentences = new Map<string, Array<{ article: string; text: string; words: string[] }>>();
  for (const [source, list] of bySource) {
    const out: Array<{ article: string; text: string; words: string[] }> = [];
    for (const a of list) {
      for (const s of splitSentences(normalizeText(a.text)).slice(0, 80)) {
        const w = words(s);
        for (const word of w) {
          const set = users.get(word) ?? new Set<string>();
          set.add(source);
          users.set(word, set);
        }
        if (w.length >= 4) out.push({ article: a.id, text: s, words: w });
      }
    }
    sentences.set(source, out);
  }
  const result: SourceAddition[] = [];
  for (const [source, mine] of sentences) {
    const ranked = mine
      .filter((s) => FACT.test(s.text))
      .map((s) => ({
        ...s,
        novelty: s.words.filter((w) => (users.get(w)?.size ?? 0) <= 1).length / s.words.length,
      }))
      .filter((s) => s.novelty >= MIN_NOVELTY)
      .sort((a, b) => b.novelty - a.novelty);
    const picked: typeof ranked = [];
    for (const s of ranked) {
      if (!picked.some((p) => p.text === s.text)) picked.push(s);
      if (picked.length >= perSource) break;
    }
    if (picked.length)
      result.push({ source, article: picked[0].article, sentences: picked.map((p) => p.text) });
  }
  return result;
}
