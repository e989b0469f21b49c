/**
 * Copy detection: the same article republished (syndicated, scraped, teased, truncated).
 *
 * Each article becomes a set of word n-gram shingles over its *content* sentences (sentences
 * its outlet repeats across articles are boilerplate and left out). A shingle inverted index
 * over the live window gives, for every earlier article, the number of shared shingles.
 * Containment of the new article in an earlier one (shared / new) decides: a teaser or a
 * truncated copy is contained in its original even though their Jaccard is small.
 *
 * Digest pages (several articles' leads) contain many articles partly. They are recognised
 * because two or more unrelated earlier articles explain disjoint parts of them; such a page
 * is marked composite and never joins or anchors a copy group. A new article may join an
 * earlier one only if the earlier one explains most of it (containment of the *new* article),
 * so a digest, explained a quarter by each source, never joins a source either.
 *
 * Explicit credits (originalUrl, a canonical URL on another site, the same canonical URL)
 * take precedence over text.
 */

import { copyTokens, hashJoined, hashString, normalizeText, shingleHash, splitSentences } from './text.js';
import { canonicalUrl, hostOf } from './url.js';

export interface CopyOptions {
  /** Words per shingle. */
  shingleSize?: number;
  /** Share of the new article's content that one earlier article must explain. */
  containment?: number;
  /** Articles older than this (by date) leave the index. */
  windowDays?: number;
  /** Hard cap on indexed articles (undated streams never age out by date). */
  maxDocs?: number;
  /** A shingle already in this many live articles is a stock phrase: not indexed further. */
  maxPosting?: number;
}

export interface CopyInput {
  id: string;
  title: string;
  text: string;
  source?: string;
  /** Epoch ms. */
  time: number;
  url?: string;
  canonicalUrl?: string;
  originalUrl?: string;
}

export interface CopyResult {
  /** Copy group id (stable: the id the group was created with). */
  group: string;
  /** The group's representative when this article is not it. */
  copyOf?: string;
  /** Why it joined: 'credit' (explicit), 'url' (same canonical URL), 'text' (near duplicate). */
  reason?: 'credit' | 'url' | 'text';
  /** The earlier article it matched. */
  matched?: string;
  /** Containment of this article's content in the matched one. */
  containment?: number;
  /** A page made of several other articles (digest, roundup). */
  composite: boolean;
}

interface IndexedDoc {
  id: string;
  source: string;
  time: number;
  /** Sorted unique content shingle hashes. */
  shingles: Uint32Array;
  /** Sentence keys counted in the boilerplate statistics. */
  sentenceKeys: number[];
  /** Content tokens (fullness, for choosing a representative). */
  size: number;
  composite: boolean;
  url?: string;
  /** Hashes of the title's words. */
  title: number[];
  titleKey: number;
}

interface Analysed {
  title: number[];
  titleKey: number;
  /** The raw text (outlet-name credits read it, rarely: see squashedText). */
  text: string;
  /** Lower-case letters and digits of the whole text, computed on first use. */
  squashed?: string;
  /** Per content sentence: it is another live article's headline. */
  headline: boolean[];
  shingles: Uint32Array;
  sentenceKeys: number[];
  size: number;
  /** Token count of each content sentence. */
  lengths: number[];
  /**
   * The shingles starting in content sentence s, as positions in `shingles`:
   * shingleAt[k] for k in sentenceStart[s] .. sentenceStart[s + 1] - 1 (repeats kept).
   */
  sentenceStart: Int32Array;
  shingleAt: Int32Array;
}

/**
 * What the shingle postings hold for an article id: its live version (undefined once it left
 * the window) and a scratch count while a new article is matched. One slot per id, so an
 * edited article indexed again under its id is counted as one article, as before.
 */
interface DocSlot {
  doc: IndexedDoc | undefined;
  /** Posting entries that point here (the slot is forgotten at 0 once its article left). */
  postings: number;
  /** Scratch: shingles shared with the article being matched. */
  shared: number;
}

interface CopyGroup {
  id: string;
  rep: string;
  repTime: number;
  repSize: number;
  /** The representative was named by an explicit credit. */
  credited: boolean;
  members: string[];
}

export interface CopySnapshot {
  version: 1;
  docs: Array<{
    id: string;
    source: string;
    time: number;
    shingles: number[];
    sentenceKeys: number[];
    size: number;
    composite: boolean;
    url?: string;
    title: number[];
    titleKey: number;
  }>;
  groups: CopyGroup[];
  memberOf: Array<[string, string]>;
  urls: Array<[string, string]>;
  pendingCredits: Array<[string, string]>;
}

const DAY_MS = 86_400_000;
/** Lines up to this many words are page furniture unless they match. */
const SHORT_LINE_TOKENS = 12;
/** About one full news sentence. */
const MIN_ARTICLE_TOKENS = 25;
/** Share of an earlier, shorter article that must reappear in a fuller later one. */
const SUPERSET_CONTAINMENT = 0.8;
/** Distinct headline words for a headline to identify one article ("The White House" does not). */
const SPECIFIC_TITLE_WORDS = 5;
/** A page with fewer content words than about two news sentences is a teaser at most. */
const TEASER_TOKENS = 2 * MIN_ARTICLE_TOKENS;

export class CopyDetector {
  readonly shingleSize: number;
  readonly containment: number;
  readonly windowMs: number;
  readonly maxDocs: number;
  readonly maxPosting: number;

  private readonly docs = new Map<string, IndexedDoc>();
  /** Insertion order, for expiry. */
  private queue: string[] = [];
  private queueHead = 0;
  private readonly postings = new Map<number, DocSlot[]>();
  /** Article id → its slot in the postings. */
  private readonly slots = new Map<string, DocSlot>();
  /** `source|sentence` and `|sentence` counts over the live window. */
  private readonly sentenceCounts = new Map<string, number>();
  /**
   * Whole-title key → live articles with that headline: a line equal to one is a (stray)
   * headline, and a teaser carrying one article's specific headline joins it.
   */
  private readonly titleKeys = new Map<number, string[]>();
  private readonly groups = new Map<string, CopyGroup>();
  private readonly memberOf = new Map<string, string>();
  /** Canonical URL → article id. */
  private readonly urls = new Map<string, string>();
  /** Canonical URL of a credited original not seen yet → group waiting for it. */
  private readonly pendingCredits = new Map<string, string>();
  private now = Number.NEGATIVE_INFINITY;
  /** Scratch for markShared(). */
  private sharedFlags = new Uint8Array(1024);

  constructor(options: CopyOptions = {}) {
    this.shingleSize = options.shingleSize ?? 5;
    this.containment = options.containment ?? 0.5;
    this.windowMs = (options.windowDays ?? 4) * DAY_MS;
    this.maxDocs = options.maxDocs ?? 100_000;
    this.maxPosting = options.maxPosting ?? 64;
  }

  get size(): number {
    return this.docs.size;
  }

  /** The copy group of an article still in the window. */
  groupOf(id: string): { id: string; representative: string; members: string[] } | undefined {
    const gid = this.memberOf.get(id);
    const group = gid ? this.groups.get(gid) : undefined;
    return group ? { id: group.id, representative: group.rep, members: [...group.members] } : undefined;
  }

  add(input: CopyInput): CopyResult {
    if (input.time > this.now) this.now = input.time;
    this.expire();
    const source = input.source ?? hostOf(input.url) ?? '';
    const analysed = this.analyse(input, source);
    const url = safeCanonical(input.url);
    const declared = safeCanonical(input.canonicalUrl);

    // 1. Explicit credit: originalUrl, or a canonical link to another site.
    let creditUrl = safeCanonical(input.originalUrl);
    if (!creditUrl && declared && url && hostOf(declared) !== hostOf(url)) creditUrl = declared;
    let result: CopyResult | undefined;
    if (creditUrl && creditUrl !== url) result = this.joinCredited(input, creditUrl, analysed.size);

    // 2. The same article under another URL we know (AMP, mobile, tracking variants).
    if (!result) {
      for (const u of [url, declared]) {
        const other = u ? this.urls.get(u) : undefined;
        if (other && other !== input.id && this.memberOf.has(other)) {
          result = this.join(input.id, other, input.time, analysed.size, 'url', 1);
          break;
        }
      }
    }

    // 3. An article that credits this one arrived first.
    if (!result && url && this.pendingCredits.has(url)) {
      const gid = this.pendingCredits.get(url)!;
      this.pendingCredits.delete(url);
      const group = this.groups.get(gid);
      if (group) {
        group.members.push(input.id);
        group.rep = input.id;
        group.repTime = input.time;
        group.repSize = analysed.size;
        group.credited = true;
        this.memberOf.set(input.id, gid);
        result = { group: gid, reason: 'credit', composite: false };
      }
    }

    // 4. Text: the earlier article that explains most of this one.
    const match = this.bestMatch(analysed, source);
    if (!result && match.best && !match.composite) {
      result = this.join(input.id, match.best.id, input.time, analysed.size, 'text', match.best.containment);
    }
    if (!result) {
      const group: CopyGroup = {
        id: input.id,
        rep: input.id,
        repTime: input.time,
        repSize: analysed.size,
        credited: false,
        members: [input.id],
      };
      this.groups.set(group.id, group);
      this.memberOf.set(input.id, group.id);
      result = { group: group.id, composite: match.composite };
    }
    result.composite = match.composite;

    this.index({
      id: input.id,
      source,
      time: input.time,
      shingles: analysed.shingles,
      sentenceKeys: analysed.sentenceKeys,
      size: analysed.size,
      composite: match.composite,
      url,
      title: analysed.title,
      titleKey: analysed.titleKey,
    });
    return result;
  }

  private joinCredited(input: CopyInput, creditUrl: string, size: number): CopyResult {
    const original = this.urls.get(creditUrl);
    if (original && this.memberOf.has(original)) {
      const gid = this.memberOf.get(original)!;
      const group = this.groups.get(gid)!;
      group.rep = original;
      group.credited = true;
      group.members.push(input.id);
      this.memberOf.set(input.id, gid);
      return { group: gid, copyOf: original, reason: 'credit', matched: original, composite: false };
    }
    // Original not seen (yet): the group waits for it under its URL.
    let gid = this.pendingCredits.get(creditUrl);
    let group = gid ? this.groups.get(gid) : undefined;
    if (!group) {
      gid = input.id;
      group = { id: gid, rep: input.id, repTime: input.time, repSize: size, credited: false, members: [] };
      this.groups.set(gid, group);
      this.pendingCredits.set(creditUrl, gid);
    }
    group.members.push(input.id);
    this.memberOf.set(input.id, group.id);
    return { group: group.id, reason: 'credit', composite: false };
  }

  private join(
    id: string,
    matchedId: string,
    time: number,
    size: number,
    reason: 'url' | 'text',
    containment: number,
  ): CopyResult {
    const gid = this.memberOf.get(matchedId)!;
    const group = this.groups.get(gid)!;
    group.members.push(id);
    this.memberOf.set(id, gid);
    // Earliest and fullest: a later article replaces the representative only when the
    // representative was a shortened version of it (it contains much more text).
    if (!group.credited && size > 1.5 * group.repSize && time >= group.repTime) {
      group.rep = id;
      group.repTime = time;
      group.repSize = size;
    }
    const result: CopyResult = { group: gid, reason, matched: matchedId, containment, composite: false };
    if (group.rep !== id) result.copyOf = group.rep;
    return result;
  }

  private analyse(input: CopyInput, source: string): Analysed {
    let sentences = splitSentences(normalizeText(input.text ?? ''));
    if (sentences.length === 0) sentences = splitSentences(normalizeText(input.title ?? ''));
    const tokenHashes: number[] = [];
    const sentenceKeys: number[] = [];
    /** Content sentences: where their tokens start in tokenHashes, and how many. */
    const starts: number[] = [];
    const lengths: number[] = [];
    const headline: boolean[] = [];
    for (const sentence of sentences) {
      const tokens = copyTokens(sentence);
      if (tokens.length === 0) continue;
      const key = hashJoined(tokens);
      sentenceKeys.push(key);
      if (this.isBoilerplate(source, key, tokens.length)) continue;
      starts.push(tokenHashes.length);
      lengths.push(tokens.length);
      headline.push(this.titleKeys.has(key));
      for (const t of tokens) tokenHashes.push(hashString(t));
    }
    const n = this.shingleSize;
    // Shingle i starts at token i (one shingle of all tokens when there are fewer than n), so
    // each sentence's shingles are a contiguous run of `inOrder`.
    const inOrder = new Uint32Array(
      tokenHashes.length >= n ? tokenHashes.length - n + 1 : tokenHashes.length > 0 ? 1 : 0,
    );
    const sentenceStart = new Int32Array(starts.length + 1);
    if (tokenHashes.length > 0 && tokenHashes.length < n) {
      inOrder[0] = shingleHash(tokenHashes, 0, tokenHashes.length);
    }
    let s = 0;
    for (let i = 0; i + n <= tokenHashes.length; i++) {
      while (s + 1 < starts.length && starts[s + 1] <= i) sentenceStart[++s] = i;
      inOrder[i] = shingleHash(tokenHashes, i, n);
    }
    for (let rest = s + 1; rest <= starts.length; rest++) sentenceStart[rest] = inOrder.length;
    const shingles = sortedUnique(inOrder);
    const shingleAt = new Int32Array(inOrder.length);
    for (let k = 0; k < inOrder.length; k++) shingleAt[k] = binarySearch(shingles, inOrder[k]);
    const titleTokens = withoutWirePrefix(copyTokens(normalizeText(input.title ?? '')));
    const title = [...new Set(titleTokens.map(hashString))];
    return {
      title,
      titleKey: hashJoined(titleTokens),
      text: input.text ?? '',
      headline,
      shingles,
      sentenceKeys: [...new Set(sentenceKeys)],
      size: tokenHashes.length,
      lengths,
      sentenceStart,
      shingleAt,
    };
  }

  /**
   * A sentence is boilerplate when its outlet already used it in two other live articles, or
   * when it is short and three live articles (any outlet) carry it: a stock line, not reporting.
   */
  private isBoilerplate(source: string, key: number, tokens: number): boolean {
    if ((this.sentenceCounts.get(`${source}|${key}`) ?? 0) >= 2) return true;
    return tokens <= 12 && (this.sentenceCounts.get(`|${key}`) ?? 0) >= 3;
  }

  private bestMatch(
    analysed: Analysed,
    source: string,
  ): {
    best?: { id: string; containment: number };
    composite: boolean;
  } {
    const { shingles } = analysed;
    if (shingles.length === 0) return { best: this.sameHeadline(analysed), composite: false };
    // Shared shingles per earlier article, counted on its slot; candidates in first-touch order.
    const touched: DocSlot[] = [];
    for (const h of shingles) {
      const posting = this.postings.get(h);
      if (!posting) continue;
      for (const slot of posting) {
        if (slot.shared === 0) touched.push(slot);
        slot.shared++;
      }
    }
    const total = shingles.length;
    const minShared = Math.max(2, Math.ceil(0.1 * total));
    const candidates: Array<{ doc: IndexedDoc; shared: number }> = [];
    for (const slot of touched) {
      const shared = slot.shared;
      slot.shared = 0;
      // A slot without a live article: postings left by an edited article's earlier version.
      if (shared < minShared || !slot.doc) continue;
      candidates.push({ doc: slot.doc, shared });
    }
    if (candidates.length === 0) return { best: this.sameHeadline(analysed), composite: false };
    candidates.sort((a, b) => b.shared - a.shared || a.doc.time - b.doc.time);
    const top = candidates.slice(0, 8);
    const parts = this.compositeParts(shingles, source, top);
    // An article with one "Related:" item looks like two parts. It keeps its own headline:
    // with exactly two parts, one of which carries the page's specific headline, the page is
    // that article. A digest has a headline of its own and, usually, more items.
    const composite =
      parts.length >= 3 ||
      (parts.length === 2 &&
        !(
          analysed.title.length >= SPECIFIC_TITLE_WORDS &&
          parts.some((doc) => doc.titleKey === analysed.titleKey)
        ));
    let best: { id: string; containment: number } | undefined;
    const specificTitle = analysed.title.length >= SPECIFIC_TITLE_WORDS;
    for (const { doc } of top) {
      // A composite page anchors nothing, except a copy of itself: the same specific headline.
      const sameHeadline = specificTitle && doc.titleKey === analysed.titleKey;
      if (doc.composite && !sameHeadline) continue;
      const { raw, content, found } = this.containmentIn(analysed, doc);
      // Page furniture may be discounted only when the titles say it is the same article, or
      // when the page names the earlier article's outlet ("Read more at …", "originally
      // published by …") and carries at least one of its sentences.
      const sameTitle = titlesAgree(analysed.title, doc.title);
      let containment = sameTitle ? Math.max(raw, content) : raw;
      if (containment < this.containment && found > 0 && namesOutlet(analysed, doc.source, source)) {
        containment = Math.max(containment, this.containment);
      }
      // The earlier article is a shortened version of this one (it arrived first): almost all
      // of it is here, and the headlines agree.
      if (
        containment < this.containment &&
        !composite &&
        inDocShare(analysed.shingles, doc.shingles) >= SUPERSET_CONTAINMENT &&
        titlesAgree(analysed.title, doc.title)
      ) {
        containment = Math.max(containment, this.containment);
      }
      if (containment >= this.containment && (!best || containment > best.containment + 1e-9)) {
        best = { id: doc.id, containment };
      }
    }
    if (!best && !composite) best = this.sameHeadline(analysed);
    return { best, composite };
  }

  /**
   * A teaser or truncated copy under the same specific headline: the normalised headline (at
   * least SPECIFIC_TITLE_WORDS distinct words, so not "The White House") equals that of live
   * articles of one copy group only, and the new page opens with a sentence of the earlier
   * article or is a teaser (tiny, or at most half its length with one of its sentences). Generic headlines shared by several groups decide
   * nothing; digests never get here (composite pages are excluded before).
   */
  private sameHeadline(analysed: Analysed): { id: string; containment: number } | undefined {
    if (analysed.title.length < SPECIFIC_TITLE_WORDS) return undefined;
    const titled = this.titleKeys.get(analysed.titleKey);
    if (!titled) return undefined;
    let match: IndexedDoc | undefined;
    let group: string | undefined;
    for (const id of titled) {
      const doc = this.docs.get(id);
      if (!doc || doc.composite) continue;
      const gid = this.memberOf.get(id) ?? id;
      if (group !== undefined && gid !== group) return undefined;
      group = gid;
      if (!match || doc.size > match.size) match = doc;
    }
    if (!match) return undefined;
    // Evidence beyond the headline: the page opens with the earlier article's lead (its first
    // sentence longer than a short line is found there), or it is a teaser: too small to be
    // reporting of its own (a date line and a line or two), or at most half the earlier
    // article and carrying one of its sentences. Two outlets' own articles under one headline
    // may share a quote, but they open differently and are of comparable length.
    if (analysed.size >= TEASER_TOKENS) {
      const { found, leadFound } = this.containmentIn(analysed, match);
      if (!leadFound && !(found > 0 && 2 * analysed.size <= match.size)) return undefined;
    }
    return { id: match.id, containment: this.containment };
  }

  /**
   * Share of the new article's content found in `doc`, by sentence: a sentence counts as found
   * when most of its shingles are in `doc`. Short sentences not found (navigation, bylines,
   * promotion lines, stray headlines) are left out of the denominator: reporting comes in
   * full sentences, page furniture in short lines.
   */
  private containmentIn(
    analysed: Analysed,
    doc: IndexedDoc,
  ): { raw: number; content: number; found: number; leadFound: boolean } {
    const inDoc = this.markShared(analysed.shingles, doc.shingles);
    let found = 0;
    let counted = 0;
    let all = 0;
    let lead: boolean | undefined;
    const { sentenceStart, shingleAt } = analysed;
    for (let s = 0; s < analysed.lengths.length; s++) {
      const len = analysed.lengths[s];
      all += len;
      let hit = 0;
      for (let k = sentenceStart[s]; k < sentenceStart[s + 1]; k++) hit += inDoc.flags[shingleAt[k]];
      const shingleCount = sentenceStart[s + 1] - sentenceStart[s];
      const isFound = shingleCount > 0 && hit >= 0.5 * shingleCount;
      if (isFound) {
        found += len;
        counted += len;
      } else if (len > SHORT_LINE_TOKENS && !analysed.headline[s]) counted += len;
      // The first news-length sentence: does the page open with the earlier article's text?
      if (lead === undefined && len > SHORT_LINE_TOKENS && !analysed.headline[s]) lead = isFound;
    }
    // Leaving out short lines is only fair around a real article: a page whose matched part is
    // itself a headline or two (a digest of one-line items) is judged on all its lines.
    if (found < MIN_ARTICLE_TOKENS) counted = all;
    return {
      raw: inDoc.shared / analysed.shingles.length,
      content: counted > 0 ? found / counted : 0,
      found,
      leadFound: lead === true,
    };
  }

  /**
   * Which of `mine` (sorted, unique) are also in `theirs`: flags[i] = 1 for mine[i], in a
   * scratch array reused by the next call; `shared` counts them.
   */
  private markShared(mine: Uint32Array, theirs: Uint32Array): { flags: Uint8Array; shared: number } {
    if (this.sharedFlags.length < mine.length) this.sharedFlags = new Uint8Array(2 * mine.length);
    const flags = this.sharedFlags;
    flags.fill(0, 0, mine.length);
    let shared = 0;
    let j = 0;
    for (let i = 0; i < mine.length && j < theirs.length; i++) {
      while (j < theirs.length && theirs[j] < mine[i]) j++;
      if (j < theirs.length && theirs[j] === mine[i]) {
        flags[i] = 1;
        shared++;
        j++;
      }
    }
    return { flags, shared };
  }

  /**
   * Parts of a composite page (up to three): earlier articles from different copy groups that
   * each explain a sizeable part of this one, the parts mostly disjoint (a digest of leads),
   * rather than all explaining the same text (two copies of one original).
   */
  private compositeParts(
    shingles: Uint32Array,
    source: string,
    candidates: Array<{ doc: IndexedDoc; shared: number }>,
  ): IndexedDoc[] {
    const total = shingles.length;
    const minPart = Math.max(8, 0.15 * total);
    const covered = new Set<number>();
    const groupsUsed = new Set<string>();
    const parts: IndexedDoc[] = [];
    for (const { doc, shared } of candidates) {
      if (shared < minPart) break;
      // The outlet's own pages share its boilerplate, not its reporting.
      if (source && doc.source === source) continue;
      const group = this.memberOf.get(doc.id) ?? doc.id;
      if (groupsUsed.has(group)) continue;
      const matched = intersectSorted(shingles, doc.shingles);
      let fresh = 0;
      for (const h of matched) if (!covered.has(h)) fresh++;
      // Mostly text an earlier candidate already explained: a copy of the same original.
      if (fresh < 0.7 * matched.length) continue;
      if (fresh < minPart) continue;
      for (const h of matched) covered.add(h);
      groupsUsed.add(group);
      parts.push(doc);
      if (parts.length >= 3) break;
    }
    return parts;
  }

  private index(doc: IndexedDoc): void {
    this.docs.set(doc.id, doc);
    this.queue.push(doc.id);
    let slot = this.slots.get(doc.id);
    if (!slot) {
      slot = { doc, postings: 0, shared: 0 };
      this.slots.set(doc.id, slot);
    }
    slot.doc = doc;
    for (const h of doc.shingles) {
      const posting = this.postings.get(h);
      if (!posting) this.postings.set(h, [slot]);
      else if (posting.length < this.maxPosting) posting.push(slot);
      else continue;
      slot.postings++;
    }
    for (const key of doc.sentenceKeys) {
      bump(this.sentenceCounts, `${doc.source}|${key}`, 1);
      bump(this.sentenceCounts, `|${key}`, 1);
    }
    if (doc.url && !this.urls.has(doc.url)) this.urls.set(doc.url, doc.id);
    const titled = this.titleKeys.get(doc.titleKey);
    if (titled) titled.push(doc.id);
    else this.titleKeys.set(doc.titleKey, [doc.id]);
  }

  private expire(): void {
    const cutoff = this.now - this.windowMs;
    while (this.queueHead < this.queue.length) {
      const id = this.queue[this.queueHead];
      const doc = this.docs.get(id);
      if (doc && doc.time >= cutoff && this.docs.size <= this.maxDocs) break;
      this.queueHead++;
      if (doc) this.remove(doc);
    }
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  private remove(doc: IndexedDoc): void {
    this.docs.delete(doc.id);
    const slot = this.slots.get(doc.id);
    if (slot) {
      slot.doc = undefined;
      for (const h of doc.shingles) {
        const posting = this.postings.get(h);
        if (!posting) continue;
        const at = posting.indexOf(slot);
        if (at < 0) continue;
        posting[at] = posting[posting.length - 1];
        posting.pop();
        slot.postings--;
        if (posting.length === 0) this.postings.delete(h);
      }
      if (slot.postings === 0) this.slots.delete(doc.id);
    }
    for (const key of doc.sentenceKeys) {
      bump(this.sentenceCounts, `${doc.source}|${key}`, -1);
      bump(this.sentenceCounts, `|${key}`, -1);
    }
    if (doc.url && this.urls.get(doc.url) === doc.id) this.urls.delete(doc.url);
    const titled = this.titleKeys.get(doc.titleKey)?.filter((id) => id !== doc.id);
    if (titled && titled.length > 0) this.titleKeys.set(doc.titleKey, titled);
    else this.titleKeys.delete(doc.titleKey);
    const gid = this.memberOf.get(doc.id);
    this.memberOf.delete(doc.id);
    const group = gid ? this.groups.get(gid) : undefined;
    if (group) {
      group.members = group.members.filter((m) => m !== doc.id);
      if (group.members.length === 0) this.groups.delete(group.id);
    }
  }

  snapshot(): CopySnapshot {
    const docs = [...this.queue.slice(this.queueHead)]
      .map((id) => this.docs.get(id))
      .filter((d): d is IndexedDoc => d !== undefined)
      .map((d) => ({ ...d, shingles: Array.from(d.shingles) }));
    return {
      version: 1,
      docs,
      groups: [...this.groups.values()].map((g) => ({ ...g, members: [...g.members] })),
      memberOf: [...this.memberOf],
      urls: [...this.urls],
      pendingCredits: [...this.pendingCredits],
    };
  }

  restore(snapshot: CopySnapshot): void {
    this.docs.clear();
    this.postings.clear();
    this.slots.clear();
    this.sentenceCounts.clear();
    this.groups.clear();
    this.memberOf.clear();
    this.urls.clear();
    this.pendingCredits.clear();
    this.titleKeys.clear();
    this.queue = [];
    this.queueHead = 0;
    this.now = Number.NEGATIVE_INFINITY;
    for (const d of snapshot.docs) {
      this.index({ ...d, shingles: Uint32Array.from(d.shingles) });
      if (d.time > this.now) this.now = d.time;
    }
    for (const g of snapshot.groups) this.groups.set(g.id, { ...g, members: [...g.members] });
    for (const [k, v] of snapshot.memberOf) this.memberOf.set(k, v);
    for (const [k, v] of snapshot.urls) this.urls.set(k, v);
    for (const [k, v] of snapshot.pendingCredits) this.pendingCredits.set(k, v);
  }
}

/** Share of `theirs` (sorted shingles) that is also in `mine`. */
function inDocShare(mine: Uint32Array, theirs: Uint32Array): number {
  return theirs.length ? intersectSorted(mine, theirs).length / theirs.length : 0;
}

/**
 * The page names `outlet` (its domain's first label, e.g. "lakeshoreherald" for
 * lakeshoreherald.example, also matched by "Lakeshore Herald"), and it is not the page's own outlet.
 */
function namesOutlet(analysed: Analysed, outlet: string, ownOutlet: string): boolean {
  if (!outlet || outlet === ownOutlet) return false;
  const label = outlet
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.')[0]
    .replace(/[^\p{L}\p{N}]+/gu, '');
  return label.length >= 4 && squashedText(analysed).includes(label);
}

/** Lower-case letters and digits of the page's whole text (computed once, only when needed). */
function squashedText(analysed: Analysed): string {
  analysed.squashed ??= analysed.text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return analysed.squashed;
}

/**
 * Same headline, allowing outlet suffixes, "UPDATE 2-" prefixes and case changes: most words of
 * the shorter title are in the longer one.
 */
function titlesAgree(a: number[], b: number[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  const [small, big] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  let shared = 0;
  for (const t of small) if (big.has(t)) shared++;
  return shared >= 0.5 * small.length;
}

/** Newswire status prefixes ("UPDATE 2-", "REFILE-", "CORRECTED-") are not part of the headline. */
const WIRE_PREFIXES = new Set(['update', 'refile', 'corrected', 'correcting', 'rpt', 'wrapup']);

function withoutWirePrefix(tokens: string[]): string[] {
  let i = 0;
  while (i < tokens.length && WIRE_PREFIXES.has(tokens[i])) {
    i++;
    if (i < tokens.length && /^\d+$/.test(tokens[i])) i++;
  }
  return i > 0 && i < tokens.length ? tokens.slice(i) : tokens;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const next = (map.get(key) ?? 0) + by;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}

/** A sorted copy of `values` without repeats. */
function sortedUnique(values: Uint32Array): Uint32Array {
  const sorted = values.slice().sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

/** Position of `value` in the sorted array `values` (present). */
function binarySearch(values: Uint32Array, value: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function intersectSorted(a: Uint32Array, b: Uint32Array): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out.push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return out;
}

function safeCanonical(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return canonicalUrl(url);
  } catch {
    return undefined;
  }
}
