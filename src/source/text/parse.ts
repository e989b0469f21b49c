/**
 * Pasted text / a syndicated copy → Article.
 *
 * The order of decisions: classify every line (credits, furniture, related links, bylines,
 * dates, headline-like lines, prose); read the header (site name, headline, standfirst);
 * drop headline-like lines in the body that do not belong to the story; fold repeated
 * paragraphs and photo captions that copy a paragraph or its first sentences.
 */
import { NewsBiteError } from '../../errors.js';
import type { Article, Block, OriginalCredit, Removal, RemovalReason } from '../../model/index.js';
import { renderHtml, renderText } from '../../model/index.js';
import { knownPublisher } from '../publishers.js';
import { type ClassifiedUnit, classifyUnits, standsAlone } from './classify.js';
import { mergeCredits, parseCreditLine } from './credits.js';
import { findCopies } from './dedupe.js';
import { DATELINE_START, STOPWORDS, TRAILING_CREDIT } from './patterns.js';
import { comparisonKey, normalizeInput, roughSentences, splitUnits, wordCount } from './units.js';

export interface ParseTextOptions {
  /** Where the text came from, if known. */
  url?: string;
}

/** Most removals kept in diagnostics. */
const MAX_REMOVALS = 500;
/** A standfirst is one or two sentences of at most this many words. */
const MAX_STANDFIRST_WORDS = 45;
/** A site-name line has at most this many words. */
const MAX_SITE_WORDS = 4;
/** Share of a headline's words that its own story repeats (other stories' headlines share few). */
const HEADLINE_MIN_OVERLAP = 0.34;
/**
 * A headline-like line inside the body is kept as a subheading only when most of its
 * words occur elsewhere in the story; stray headlines of other stories share few.
 */
const SUBHEADING_MIN_OVERLAP = 0.5;
/** Below this many content words ("What happens next") a line is too short to judge: a subheading. */
const STRAY_MIN_WORDS = 3;

const ROLE_REASON: Partial<Record<ClassifiedUnit['role'], RemovalReason>> = {
  furniture: 'furniture',
  'photo-credit': 'credit',
  credit: 'syndication-credit',
  related: 'related-links',
  byline: 'byline',
  date: 'dateline',
};

function contentWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKC')
      .match(/\p{L}[\p{L}\p{N}'’-]*/gu) ?? []
  )
    .map((w) => w.replace(/['’]s$/, '').replace(/['’]/g, ''))
    .filter((w) => w.length >= 3 && !STOPWORDS.has(w));
}

/** A question or exclamation can be a headline in the header, never in the body. */
function headerTitleLike(unit: ClassifiedUnit): boolean {
  if (unit.role === 'title') return true;
  return unit.role === 'prose' && wordCount(unit.text) <= 20 && /[?!]["'”’)]*$/u.test(unit.text);
}

function looksLikeSiteName(text: string): boolean {
  if (knownPublisher(text)) return true;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(text)) return true;
  const words = text.split(/\s+/);
  if (words.length <= 2) return true;
  // "The Daily Example": a short name in title case.
  return (
    words.length <= MAX_SITE_WORDS &&
    words.every((w) => /^[\p{Lu}\d]/u.test(w) || /^(of|the|and|&)$/i.test(w))
  );
}

export function parseText(input: string, options: ParseTextOptions = {}): Article {
  const normalized = normalizeInput(input);
  if (!normalized.trim()) throw new NewsBiteError('INPUT_EMPTY', 'the text is empty: nothing to read');

  const units = classifyUnits(splitUnits(normalized, standsAlone));
  const removals: { at: number; removal: Removal }[] = [];
  const remove = (unit: ClassifiedUnit, reason: RemovalReason) => {
    removals.push({ at: unit.index, removal: { reason, text: unit.text } });
  };

  const credits: OriginalCredit[] = [];
  // A credit run into the last paragraph ("… said. This article originally appeared on X.").
  const lastProse = units.findLast((u) => u.role === 'prose');
  if (lastProse && lastProse.index >= units.length - 3) {
    const sentences = roughSentences(lastProse.text);
    for (let k = Math.max(1, sentences.length - 2); k < sentences.length; k++) {
      const credit = parseCreditLine(sentences.slice(k).join(' '));
      if (credit) {
        credits.push(credit);
        removals.push({
          at: lastProse.index,
          removal: { reason: 'syndication-credit', text: credit.statement ?? '' },
        });
        lastProse.text = sentences.slice(0, k).join(' ');
        break;
      }
    }
  }
  const authors: string[] = [];
  let published: string | undefined;
  for (const unit of units) {
    if (unit.credit) credits.push(unit.credit);
    if (unit.authors) authors.push(...unit.authors.filter((a) => !authors.includes(a)));
    if (unit.date && !published) published = unit.date;
  }
  const original = mergeCredits(credits);

  // Words of the story's prose: what tells its headline and subheadings from other stories'.
  const vocabulary = new Set(
    units.filter((u) => u.role === 'prose' && !headerTitleLike(u)).flatMap((u) => contentWords(u.text)),
  );
  const overlap = (text: string) => {
    const words = contentWords(text);
    return words.length ? words.filter((w) => vocabulary.has(w)).length / words.length : 0;
  };

  // --- Header: headline-like lines before the first paragraph of prose. The credit's title
  // names the headline when there is one; else the first line after the site name that
  // shares the story's words.
  const firstProse = units.findIndex((u) => u.role === 'prose' && !headerTitleLike(u));
  const headerEnd = firstProse === -1 ? units.length : firstProse;
  const headerTitles = units.slice(0, headerEnd).filter(headerTitleLike);
  const creditTitle = original?.title ? comparisonKey(original.title) : undefined;
  let headline = creditTitle ? headerTitles.find((u) => comparisonKey(u.text) === creditTitle) : undefined;
  const site = headerTitles
    .slice(0, 2)
    .find((u) => u !== headline && (!headline || u.index < headline.index) && looksLikeSiteName(u.text));
  if (!headline) {
    const rest = headerTitles.filter((u) => u !== site && (!site || u.index > site.index));
    headline =
      rest.find((u) => wordCount(u.text) >= 3 && overlap(u.text) >= HEADLINE_MIN_OVERLAP) ??
      rest.find((u) => wordCount(u.text) >= 3) ??
      rest[0];
  }

  // --- Standfirst: the first short paragraph after the headline, unless the body repeats it
  // (captions copy body paragraphs, never the standfirst).
  let standfirst: ClassifiedUnit | undefined;
  if (headline) {
    const candidate = units.find(
      (u) => u.index > headline!.index && u.role === 'prose' && !headerTitleLike(u),
    );
    if (candidate) {
      const key = comparisonKey(candidate.text);
      const firstSentenceKey = comparisonKey(roughSentences(candidate.text)[0] ?? '');
      const repeated = units.some(
        (u) =>
          u !== candidate &&
          (u.role === 'prose' || u.role === 'title') &&
          [key, firstSentenceKey].includes(comparisonKey(u.text.replace(TRAILING_CREDIT, ''))),
      );
      // A text of one paragraph under its headline has a body, not a standfirst.
      const bodyFollows = units.some((u) => u.index > candidate.index && u.role === 'prose');
      if (
        !repeated &&
        bodyFollows &&
        wordCount(candidate.text) <= MAX_STANDFIRST_WORDS &&
        roughSentences(candidate.text).length <= 2 &&
        !DATELINE_START.test(candidate.text)
      ) {
        standfirst = candidate;
      }
    }
  }

  // --- Body: prose and headline-like lines after the header.
  const header = new Set([site, headline, standfirst].filter(Boolean) as ClassifiedUnit[]);
  const bodyStart = headline ? headline.index + 1 : site ? site.index + 1 : 0;
  const candidates: ClassifiedUnit[] = [];
  for (const unit of units) {
    if (header.has(unit)) continue;
    const reason = ROLE_REASON[unit.role];
    if (reason) remove(unit, reason);
    else if (unit.index < bodyStart) remove(unit, 'stray-headline');
    else candidates.push(unit);
  }

  // Headline-like lines in the body: subheadings of this story, or headlines of others.
  for (const unit of [headline, standfirst]) {
    if (unit) for (const word of contentWords(unit.text)) vocabulary.add(word);
  }
  const body: ClassifiedUnit[] = [];
  for (const unit of candidates) {
    const words = contentWords(unit.text).length;
    if (unit.role === 'title' && words >= STRAY_MIN_WORDS && overlap(unit.text) < SUBHEADING_MIN_OVERLAP) {
      remove(unit, 'stray-headline');
      continue;
    }
    // A headline phrased as a question or exclamation, sharing almost nothing with the story.
    if (headerTitleLike(unit) && words >= STRAY_MIN_WORDS + 1 && overlap(unit.text) < HEADLINE_MIN_OVERLAP) {
      remove(unit, 'stray-headline');
      continue;
    }
    body.push(unit);
  }

  // Repeated paragraphs and caption copies.
  const copies = findCopies(body);
  const kept = body.filter((unit) => {
    const reason = copies.get(unit);
    if (reason) remove(unit, reason);
    return !reason;
  });

  // A subheading left with no paragraph after it was not a subheading.
  const blocks: Block[] = [];
  kept.forEach((unit, i) => {
    if (unit.role === 'title') {
      const next = kept[i + 1];
      if (!next || next.role === 'title') {
        remove(unit, 'stray-headline');
        return;
      }
      blocks.push({ kind: 'heading', level: 2, text: unit.text });
    } else blocks.push({ kind: 'paragraph', text: unit.text });
  });

  if (blocks.length === 0 && !headline && !standfirst) {
    throw new NewsBiteError(
      'INPUT_INVALID',
      'the text has no article paragraphs (only page furniture or credits)',
    );
  }

  // Diagnostics in reading order, bounded.
  const removed = removals
    .sort((a, b) => a.at - b.at)
    .slice(0, MAX_REMOVALS)
    .map((r) => r.removal);
  const article: Article = {
    url: options.url,
    siteName: site?.text,
    headline: headline?.text ?? original?.title,
    standfirst: standfirst?.text,
    authors,
    published,
    keywords: [],
    blocks,
    text: renderText(blocks),
    html: renderHtml(blocks),
    original,
    diagnostics: { removed, notes: [], extractor: 'text' },
  };
  for (const key of Object.keys(article) as (keyof Article)[]) {
    if (article[key] === undefined) delete article[key];
  }
  return article;
}
