/**
 * Quotations and who said them. Quoted spans are found per paragraph (curly or straight
 * quotes); the speaker comes from the attribution after the quote (“…,” he said / said X /
 * one source told the WSJ), before it (X said: “…” / X told Y: “…”), or, for partial quotes
 * inside reported speech, from the sentence's subject. "he"/"she" resolve to the most recent
 * named person who was a sentence subject.
 */
import type { EntityType, Quote } from '../model/bite.js';
import type { Mention } from './entities.js';
import type { SentenceSpan } from './sentences.js';

const SPEECH_VERBS =
  'said|says|say|told|tells|added|adds|explained|wrote|writes|argued|insisted|claimed|warned|stated|noted|' +
  'asked|replied|responded|continued|recalled|admitted|acknowledged|declared|announced|tweeted|posted|' +
  'conceded|suggested|hinted|mentioned|maintained|remarked|commented|quipped|joked';

/** Unnamed speakers: "one source", "a senior official", "people familiar with the matter". */
export const ANONYMOUS_SPEAKER =
  /^(?:(?:one|a|an|another|two|three|several|some|many|the|other)\s+)?(?:(?:senior|former|top|close|current|administration|government|white house|us|u\.s\.|western|intelligence|security|military|european|russian|chinese|american|person|people|diplomatic|industry|company|party|police)\s+){0,3}(?:sources?|insiders?|officials?|aides?|advisers?|advisors?|diplomats?|person familiar[\w\s]*|people familiar[\w\s]*|individuals?|staffers?|employees?|executives?|spokes(?:man|woman|person))\b/i;

const PRONOUNS = /^(he|she|they)$/i;
const ATTRIBUTION_AFTER = new RegExp(
  `^[\\s,]*(?:(?<verb1>${SPEECH_VERBS})\\s+(?<who1>[^.,;:!?“”"]{1,60}?)(?=[.,;:!?]|$|\\s+(?:in|on|at|during|after|before|when|who|adding)\\b)|(?<who2>[^.,;:!?“”"]{1,60}?)\\s+(?:has\\s+|had\\s+|have\\s+|also\\s+|later\\s+|then\\s+)?(?<verb2>${SPEECH_VERBS})\\b)`,
  'i',
);
const ATTRIBUTION_BEFORE = new RegExp(
  `(?<who>[^.;!?“”"]{1,80}?)\\s+(?:has\\s+|had\\s+|also\\s+|later\\s+)?(?:${SPEECH_VERBS})(?:\\s+[^:“”".!?]{0,60})?[:,]?\\s*$`,
  'i',
);

interface SpeakerRef {
  speaker?: string;
  kind: Quote['speakerKind'];
}

export interface QuoteContext {
  text: string;
  sentences: SentenceSpan[];
  mentions: Mention[];
  lookup: Map<string, { name: string; type: EntityType }>;
}

interface RawQuote {
  text: string;
  start: number;
  end: number;
}

const MAX_QUOTE_CHARS = 3000;

function findQuotedSpans(text: string): RawQuote[] {
  const out: RawQuote[] = [];
  const re = /“([^“”\n]{1,3000})”|"([^"\n]{1,3000})"/g;
  for (const m of text.matchAll(re)) {
    const inner = (m[1] ?? m[2] ?? '').trim();
    if (!inner) continue;
    out.push({ text: inner, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
  return out;
}

export function findQuotes(ctx: QuoteContext): Quote[] {
  const { text, sentences } = ctx;
  const subjects = sentenceSubjects(ctx);
  const out: Quote[] = [];
  let si = 0;
  let previous: { end: number; ref: SpeakerRef } | undefined;
  for (const q of findQuotedSpans(text)) {
    while (si < sentences.length - 1 && sentences[si].end <= q.start) si++;
    const sentence = sentences[si];
    if (!sentence) continue;
    const sentenceStart = sentence.start;
    // The attribution may follow the quote up to the end of its sentence (or the paragraph).
    const paragraphEnd = text.indexOf('\n', q.end);
    const afterLimit = Math.min(paragraphEnd < 0 ? text.length : paragraphEnd, q.end + 120);
    const after = text.slice(q.end, afterLimit);
    const before = text.slice(sentenceStart, q.start);
    const wordsInQuote = q.text.split(/\s+/).length;
    const startsSentence = /^\s*$/.test(before) || /[:]\s*$/.test(before);
    const endsWithComma = /[,—–-]$/.test(q.text);
    const followedByAttribution = ATTRIBUTION_AFTER.exec(after);
    const partial = !(startsSentence && (endsWithComma || /[.!?…]$/.test(q.text) || followedByAttribution));
    // Scare quotes: one or two words used as a label, with no speech verb anywhere near.
    if (partial && wordsInQuote <= 3 && !hasSpeechVerb(before) && !followedByAttribution) {
      continue;
    }
    let ref: SpeakerRef = { kind: 'unknown' };
    if (startsSentence && followedByAttribution && (endsWithComma || /[?!]$/.test(q.text))) {
      const g = followedByAttribution.groups ?? {};
      ref = resolveSpeaker((g.who1 ?? g.who2 ?? '').trim(), q.start, ctx, subjects);
    } else if (/:\s*$/.test(before) || /,\s*$/.test(before)) {
      const m = ATTRIBUTION_BEFORE.exec(before.replace(/[:,]\s*$/, ''));
      const who = m?.groups?.who ? lastNounPhrase(m.groups.who) : '';
      if (who) ref = resolveSpeaker(who, q.start, ctx, subjects);
    }
    if (ref.kind === 'unknown' && followedByAttribution) {
      const g = followedByAttribution.groups ?? {};
      ref = resolveSpeaker((g.who1 ?? g.who2 ?? '').trim(), q.start, ctx, subjects);
    }
    if (ref.kind === 'unknown' && partial) ref = sentenceSubjectSpeaker(before, q.start, ctx, subjects);
    if (ref.kind === 'unknown' && !partial && /^\s*$/.test(before)) {
      // A quote standing alone after a paragraph about someone: the current subject.
      const subject = subjectAt(subjects, q.start);
      if (subject && /[,]$/.test(q.text)) ref = { speaker: subject, kind: 'named' };
    }
    // A second quotation in the same paragraph right after an attributed one continues it
    // (“…,” Pichai wrote. “…”).
    if (ref.kind === 'unknown' && !partial && previous && previous.ref.kind !== 'unknown') {
      if (!text.slice(previous.end, q.start).includes('\n') && q.start - previous.end < 200)
        ref = previous.ref;
    }
    if (ref.kind !== 'unknown') previous = { end: q.end, ref };
    out.push({
      text: q.text.length > MAX_QUOTE_CHARS ? q.text.slice(0, MAX_QUOTE_CHARS) : q.text.replace(/[,]$/, ''),
      speaker: ref.speaker,
      speakerKind: ref.kind,
      partial,
      sentence: si,
    });
  }
  return out;
}

function hasSpeechVerb(s: string): boolean {
  return new RegExp(`\\b(${SPEECH_VERBS}|labelled|labeled|called|described|branded|dismissed)\\b`, 'i').test(
    s,
  );
}

/** "the former minister John Smith" → "John Smith"; keeps anonymous phrases whole. */
function lastNounPhrase(s: string): string {
  const t = s.trim();
  if (ANONYMOUS_SPEAKER.test(t)) return t;
  const m = /((?:[\p{Lu}][\p{L}'’.-]*\s*){1,4})$/u.exec(t);
  return (m ? m[1] : t.split(/\s+/).slice(-3).join(' ')).trim();
}

function resolveSpeaker(who: string, at: number, ctx: QuoteContext, subjects: Subject[]): SpeakerRef {
  const phrase = who
    .replace(/^(?:and|but|as)\s+/i, '')
    .replace(/\s+(?:told|to|in|on|at)\s+.*$/i, '')
    .trim();
  if (!phrase) return { kind: 'unknown' };
  if (PRONOUNS.test(phrase)) {
    if (/^they$/i.test(phrase)) return { kind: 'unknown' };
    const subject = subjectAt(subjects, at);
    return subject ? { speaker: subject, kind: 'named' } : { kind: 'unknown' };
  }
  const anon = ANONYMOUS_SPEAKER.exec(phrase);
  if (anon && !/[\p{Lu}][\p{Ll}]+\s+[\p{Lu}]/u.test(phrase.slice(anon[0].length))) {
    return { speaker: anon[0].trim(), kind: 'anonymous' };
  }
  // A known entity named in the phrase (last one wins: "Kremlin spokesman Dmitry Peskov").
  const named = ctx.mentions.filter(
    (m) => m.end <= at + 200 && (m.type === 'person' || m.type === 'organisation'),
  );
  let best: string | undefined;
  for (const m of named) if (phrase.includes(m.surface)) best = m.name;
  if (best) return { speaker: best, kind: 'named' };
  const hit = ctx.lookup.get(phrase.toLowerCase());
  if (hit) return { speaker: hit.name, kind: 'named' };
  if (/^[\p{Lu}]/u.test(phrase) && phrase.split(/\s+/).length <= 4) return { speaker: phrase, kind: 'named' };
  return { kind: 'unknown' };
}

/** For partial quotes: the named person (or anonymous source) the sentence reports, else its pronoun subject. */
function sentenceSubjectSpeaker(
  before: string,
  at: number,
  ctx: QuoteContext,
  subjects: Subject[],
): SpeakerRef {
  const start = at - before.length;
  const anon = ANONYMOUS_SPEAKER.exec(before.trimStart());
  if (anon) return { speaker: anon[0].trim(), kind: 'anonymous' };
  const inSentence = ctx.mentions.filter((m) => m.start >= start && m.end <= at && m.type === 'person');
  if (inSentence.length && hasSpeechVerb(before)) return { speaker: inSentence[0].name, kind: 'named' };
  if (/^\s*(he|she)\b/i.test(before)) {
    const subject = subjectAt(subjects, at);
    if (subject) return { speaker: subject, kind: 'named' };
  }
  if (inSentence.length) return { speaker: inSentence[0].name, kind: 'named' };
  return { kind: 'unknown' };
}

interface Subject {
  /** Offset from which this person is the current subject. */
  from: number;
  name: string;
}

/**
 * The running "current subject": a named person at the start of a sentence (after an
 * introductory phrase ending with a comma) becomes the subject; pronoun-led sentences keep it.
 */
function sentenceSubjects(ctx: QuoteContext): Subject[] {
  const out: Subject[] = [];
  const people = ctx.mentions.filter((m) => m.type === 'person');
  let p = 0;
  for (const s of ctx.sentences) {
    while (p < people.length && people[p].start < s.start) p++;
    // Skip an introductory phrase ("On a campaign swing with X, he spoke …").
    const intro =
      /^(?:[“"‘]?)(?:(?:on|in|at|after|before|during|while|when|although|though|as|last|since|despite|with|meanwhile|however)\b[^,]{0,120},\s*)/i.exec(
        s.text,
      );
    const subjectStart = s.start + (intro ? intro[0].length : 0);
    const lead = s.text.slice(subjectStart - s.start);
    if (/^(he|she)\b/i.test(lead)) continue;
    let q = p;
    while (q < people.length && people[q].start < subjectStart) q++;
    const first = people[q];
    if (
      first &&
      first.start < s.end &&
      first.start - subjectStart <= 40 &&
      !/[,;]/.test(ctx.text.slice(subjectStart, first.start))
    ) {
      out.push({ from: s.start, name: first.name });
    }
  }
  return out;
}

function subjectAt(subjects: Subject[], at: number): string | undefined {
  let found: string | undefined;
  for (const s of subjects) {
    if (s.from > at) break;
    found = s.name;
  }
  return found;
}
