/**
 * Repeated paragraphs and photo captions. Scrapers deliver a photo's caption as a line of
 * its own, and news sites write captions by copying a body paragraph, whole or only its
 * first sentence(s). Which copy to keep matters for reading order: the one that sits among
 * other paragraphs is the paragraph; copies that come in runs or share a block with other
 * lines are captions.
 */
import type { RemovalReason } from '../../model/index.js';
import type { ClassifiedUnit } from './classify.js';
import { TRAILING_CREDIT } from './patterns.js';
import { comparisonKey, roughSentences, wordCount } from './units.js';

/** Short paragraphs ("Right.") may repeat on purpose; only longer ones are folded. */
const MIN_COPY_WORDS = 4;
/** A caption copying only the leading sentence(s) of a paragraph is at least this long. */
const MIN_CAPTION_WORDS = 5;

/** Comparison key without a caption's photo credit or final punctuation. */
function keyOf(text: string): string {
  return comparisonKey(text.replace(TRAILING_CREDIT, '')).replace(/[\s.!?…:;,"')\]]+$/, '');
}

export function findCopies(units: ClassifiedUnit[]): Map<ClassifiedUnit, RemovalReason> {
  const result = new Map<ClassifiedUnit, RemovalReason>();
  const keys = units.map((u) => keyOf(u.text));

  // Leading-sentence prefixes of every paragraph: "S1", "S1 S2", … (not the whole paragraph).
  const prefixOwners = new Map<string, number>();
  units.forEach((unit, i) => {
    const sentences = roughSentences(unit.text.replace(TRAILING_CREDIT, ''));
    for (let k = 1; k < sentences.length; k++) {
      const key = keyOf(sentences.slice(0, k).join(' '));
      if (!prefixOwners.has(key)) prefixOwners.set(key, i);
    }
  });
  units.forEach((unit, i) => {
    const owner = prefixOwners.get(keys[i]);
    if (
      owner !== undefined &&
      owner !== i &&
      keys[owner] !== keys[i] &&
      wordCount(unit.text) >= MIN_CAPTION_WORDS
    ) {
      result.set(unit, 'caption-copy');
    }
  });

  // Whole-paragraph copies: keep the occurrence that reads like a paragraph.
  const singleLineLayout = units.filter((u) => u.chunkSize === 1).length >= units.length * 0.6;
  const groups = new Map<string, number[]>();
  keys.forEach((key, i) => {
    if (result.has(units[i]) || wordCount(units[i].text) < MIN_COPY_WORDS) return;
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  for (const [key, members] of groups) {
    if (members.length < 2) continue;
    const captionLike = (i: number) =>
      (singleLineLayout && units[i].chunkSize > 1) || keys[i - 1] === key || keys[i + 1] === key;
    const keeper = members.find((i) => !captionLike(i)) ?? members[0];
    for (const i of members) {
      if (i !== keeper) result.set(units[i], captionLike(i) ? 'caption-copy' : 'duplicate-paragraph');
    }
  }
  return result;
}
