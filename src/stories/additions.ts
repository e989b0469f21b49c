/**
 * "What each source adds": sentences only one publisher has. A sentence counts as new when
 * no other publisher's sentence shares most of its content words, and it carries a fact
 * (a number or a name), not just colour.
 */
import { normalizeText, splitSentences } from './text.js';

export interface SourceAddition {
  source: string;
  /** Article the sentences come from. */
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
/** A sentence sharing this share of its words with another source's sentence is not new. */
const SAME_SENTENCE = 0.5;

function words(sentence: string): Set<string> {
  return new Set((sentence.toLowerCase().match(WORD) ?? []).filter((w) => w.length > 2));
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
  const sentences = new Map<string, Array<{ article: string; text: string; words: Set<string> }>>();
  for (const [source, list] of bySource) {
    const out: Array<{ article: string; text: string; words: Set<string> }> = [];
    for (const a of list) {
      for (const s of splitSentences(normalizeText(a.text)).slice(0, 80)) {
        const w = words(s);
        if (w.size >= 5) out.push({ article: a.id, text: s, words: w });
      }
    }
    sentences.set(source, out);
  }
  // Inverted index word → sources, so a sentence is compared only with sentences sharing words.
  const result: SourceAddition[] = [];
  for (const [source, mine] of sentences) {
    const picked: Array<{ article: string; text: string }> = [];
    for (const s of mine) {
      if (!FACT.test(s.text)) continue;
      let maxShared = 0;
      for (const [other, theirs] of sentences) {
        if (other === source) continue;
        for (const t of theirs) {
          let shared = 0;
          for (const w of s.words) if (t.words.has(w)) shared++;
          const share = shared / s.words.size;
          if (share > maxShared) maxShared = share;
          if (maxShared >= SAME_SENTENCE) break;
        }
        if (maxShared >= SAME_SENTENCE) break;
      }
      if (maxShared < SAME_SENTENCE && !picked.some((p) => p.text === s.text)) picked.push(s);
      if (picked.length >= perSource) break;
    }
    if (picked.length) {
      result.push({ source, article: picked[0].article, sentences: picked.map((p) => p.text) });
    }
  }
  return result;
}
