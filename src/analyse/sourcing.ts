/**
 * How the article's claims are sourced: attributions to named people/organisations versus
 * unnamed sources, hedging words, and other outlets credited for claims — plus a one-line note.
 */
import type { EntityType, Quote, Sourcing } from '../model/bite.js';
import type { Mention } from './entities.js';
import type { SentenceSpan } from './sentences.js';

/** Unnamed attributions ("sources said", "officials say", "people familiar with", "one source"). */
const ANONYMOUS_ATTRIBUTION = new RegExp(
  [
    String.raw`\b(?:according to|citing|told|said)\s+(?:(?:a|an|one|two|three|several|unnamed|anonymous)\s+)?(?:[\w.-]+\s+){0,3}?(?:sources?|insiders?|officials?|people familiar|persons? familiar)\b`,
    String.raw`\b(?:one|a|an|another|two|three|several|multiple|unnamed|anonymous)\s+(?:(?:senior|former|close|top|administration|government|intelligence|security|military|diplomatic|industry|company)\s+){0,2}(?:sources?|insiders?|officials?|aides?)\b`,
    String.raw`\b(?:sources|insiders|officials|aides|diplomats)\s+(?:say|said|says|told|claim|claimed|believe|suggest|suggested|speaking|close to|familiar with|have (?:said|told|pointed|claimed|suggested))\b`,
    String.raw`\b(?:people|persons?|sources?|someone)\s+(?:familiar|briefed|close)\s+(?:with|on|to)\b`,
    String.raw`\bwho (?:spoke|asked not to be (?:named|identified)) on (?:the )?condition of anonymity\b`,
    String.raw`\b(?:spoke|speaking) on condition of anonymity\b`,
  ].join('|'),
  'gi',
);

/** Hedges, counted by their canonical form. */
const HEDGES: [string, RegExp][] = [
  ['reportedly', /\breportedly\b/gi],
  ['allegedly', /\balleged(?:ly)?\b/gi],
  ['purportedly', /\bpurported(?:ly)?\b/gi],
  ['apparently', /\bapparently\b/gi],
  ['is said to', /\b(?:is|are|was|were)\s+said\s+to\b/gi],
  ['is believed to', /\b(?:is|are|was|were)\s+(?:believed|understood|thought)\s+to\b/gi],
  ['according to', /\baccording to\b/gi],
  ['reports suggest', /\breports?\s+(?:suggest|suggests|say|says|claim|claims|indicate)\b/gi],
  ['unconfirmed', /\bunconfirmed\b/gi],
];

const NAMED_ATTRIBUTION_VERBS =
  /\b(said|says|told|tells|stated|announced|confirmed|denied|mentioned|claimed|insisted|argued|warned|added|wrote|hinted|suggested|labelled|labeled|described|maintained|explained)\b/i;

/** A speech verb within two words after a name ("Musk has labelled", "Peskov mentioned"). */
const VERB_FOLLOWS = new RegExp(`^\\s*(?:\\w+\\s+){0,2}?${NAMED_ATTRIBUTION_VERBS.source}`, 'i');

export interface SourcingContext {
  text: string;
  sentences: SentenceSpan[];
  mentions: Mention[];
  quotes: Quote[];
  /** Outlets named in the text (canonical names), minus the article's own publication. */
  outlets: string[];
  lookup: Map<string, { name: string; type: EntityType }>;
}

export function analyseSourcing(ctx: SourcingContext): Sourcing {
  const { text, sentences } = ctx;
  let anonymous = 0;
  for (const _ of text.matchAll(ANONYMOUS_ATTRIBUTION)) anonymous++;
  const hedges: Record<string, number> = {};
  for (const [label, re] of HEDGES) {
    const n = (text.match(re) ?? []).length;
    if (n) hedges[label] = n;
  }
  // Named attributions: one per (sentence, speaker) — a quoted named speaker, or a named
  // person/organisation that is the subject of a speech verb in the sentence.
  const named = new Set<string>();
  for (const q of ctx.quotes)
    if (q.speakerKind === 'named' && q.speaker) named.add(`${q.sentence}\u0000${q.speaker}`);
  const speakers = ctx.mentions.filter(
    (m) => m.type === 'person' || (m.type === 'organisation' && !m.outlet),
  );
  let mi = 0;
  sentences.forEach((s, index) => {
    while (mi < speakers.length && speakers[mi].start < s.start) mi++;
    for (let k = mi; k < speakers.length && speakers[k].start < s.end; k++) {
      const m = speakers[k];
      const after = text.slice(m.end, Math.min(s.end, m.end + 60));
      const before = text.slice(Math.max(s.start, m.start - 20), m.start);
      if (VERB_FOLLOWS.test(after) || /\baccording to\s*(?:the\s*)?$/i.test(before)) {
        if (!/['’]s$/.test(text.slice(m.end, m.end + 2))) named.add(`${index}\u0000${m.name}`);
      }
    }
  });
  const namedCount = named.size;
  const total = namedCount + anonymous;
  let level: Sourcing['level'];
  if (total === 0) level = 'unsourced';
  else if (anonymous >= namedCount && anonymous >= 2) level = 'mostly-anonymous';
  else if (anonymous * 3 <= namedCount) level = 'mostly-named';
  else level = 'mixed';
  return {
    named: namedCount,
    anonymous,
    hedges,
    outlets: ctx.outlets,
    level,
    note: sourcingNote(level, namedCount, anonymous, hedges, ctx.outlets),
  };
}

export function sourcingNote(
  level: Sourcing['level'],
  named: number,
  anonymous: number,
  hedges: Record<string, number>,
  outlets: string[],
): string {
  const head =
    level === 'unsourced'
      ? 'No attributed sources'
      : level === 'mostly-anonymous'
        ? anonymous > 2 * named
          ? 'Mostly anonymous sourcing'
          : 'Relies heavily on anonymous sources'
        : level === 'mostly-named'
          ? 'Mostly named sources'
          : 'Mixed named and anonymous sourcing';
  const parts: string[] = [];
  if (level !== 'unsourced') parts.push(`${anonymous} anonymous, ${named} named`);
  const hedgeText = Object.entries(hedges)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([h, n]) => `‘${h}’ ×${n}`)
    .join(', ');
  let note = parts.length ? `${head}: ${parts.join('')}` : head;
  if (hedgeText) note += `; ${hedgeText}`;
  if (outlets.length) note += `; claims credited to ${outlets.slice(0, 3).join(', ')}`;
  return note;
}
