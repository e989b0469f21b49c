/**
 * Incremental story clustering over a sliding window.
 *
 * Each article becomes a TF-IDF vector (online IDF over the stream so far; title words and
 * specific tokens — names, numbers, places — weigh more). It is compared with the live
 * stories found through an inverted index over their top terms, scored by a hybrid of the
 * cosine to the story centroid and the cosine to the story's nearest member, and joins the
 * best story above the threshold or opens a new one. After a join, stories that the article
 * also resembled are merged into it when their centroids agree (second pass); the merged
 * story's id redirects. Stories untouched for `windowDays` retire, so the cost per article
 * follows the number of live stories, not the archive.
 */
import { type NeighbourLists, snnClusters } from './consolidate.js';
import { countTerms, TermDictionary, type TermOptions } from './terms.js';
import {
  bestBySharedWeight,
  clear,
  type DocVector,
  dotBothSums,
  dotScattered,
  dotSums,
  scatter,
  TermPostings,
  TermSums,
  topIndices,
} from './vectors.js';

export interface ClusterOptions extends Partial<TermOptions> {
  /** Join the best story when its score reaches this. */
  threshold?: number;
  /** Merge two stories whose centroids' cosine reaches this. */
  mergeThreshold?: number;
  /** Weight of the nearest-member cosine against the centroid cosine (0 = centroid only). */
  nearestWeight?: number;
  /** Stories not updated for this long retire. */
  windowDays?: number;
  /** Hard cap on live stories (the least recently updated retire first). */
  maxLiveStories?: number;
  /** Terms per article put into the candidate index. */
  indexTerms?: number;
  /** Members per story kept for the nearest-member score. */
  maxMembers?: number;
  /** Stories scored per article (the best by shared index terms). */
  maxCandidates?: number;
  /** 'centroid': cosine to the centroid; 'average': mean cosine to the members. */
  linkage?: 'centroid' | 'average';
  /** Stories scoring at least this share of the threshold for an article are checked for a merge. */
  mergeScan?: number;
  /** Nearest neighbours kept per live article (the consolidation's neighbour profile). */
  neighbours?: number;
  /** Average shared-neighbour similarity at which consolidation keeps articles together. */
  consolidateThreshold?: number;
  /** Consolidate after this share of the live window has arrived since the last time (0 = never by itself). */
  consolidateEvery?: number;
  /** Earlier articles scored exactly when looking for an article's nearest neighbours. */
  docCandidates?: number;
}

/** A live article: its vector, index terms (interned ids), story and nearest neighbours. */
interface LiveDoc {
  id: string;
  vec: DocVector;
  top: number[];
  time: number;
  story: string;
  neighbours: Array<[string, number]>;
  /** Scratch: summed shared index weight while a new article looks for its neighbours. */
  acc: number;
}

export interface ClusterInput {
  id: string;
  title: string;
  text: string;
  /** Epoch ms. */
  time: number;
  entities?: string[];
}

interface StoryState {
  id: string;
  /** Term id → summed weight of the members (mutated as articles join). */
  centroid: TermSums;
  norm2: number;
  members: Array<{ id: string; vec: DocVector }>;
  size: number;
  first: number;
  last: number;
  /** Term ids under which the story is in the candidate index. */
  indexed: Set<number>;
  /** Scratch: summed shared index weight while a new article looks for candidate stories. */
  acc: number;
}

export interface ClusterSnapshot {
  version: 1;
  df: Array<[string, number]>;
  docs: number;
  stories: Array<{
    id: string;
    centroid: Array<[string, number]>;
    members: Array<{ id: string; vec: Array<[string, number]> }>;
    size: number;
    first: number;
    last: number;
    indexed: string[];
  }>;
  redirects: Array<[string, string]>;
  counter: number;
  liveDocs: Array<{
    id: string;
    vec: Array<[string, number]>;
    top: string[];
    time: number;
    story: string;
    neighbours: Array<[string, number]>;
  }>;
}

const DAY_MS = 86_400_000;
/** Candidates (best by centroid) that also get the nearest-member score. */
const NEAREST_CHECKS = 4;
/** Live articles remembered per index term. */
const MAX_DOC_POSTING = 96;
/** Fewest arrivals between two automatic consolidations. */
const MIN_CONSOLIDATE_GAP = 32;

export class StoryClusterer {
  readonly threshold: number;
  readonly mergeThreshold: number;
  readonly nearestWeight: number;
  readonly windowMs: number;
  readonly maxLiveStories: number;
  readonly indexTerms: number;
  readonly maxMembers: number;
  readonly maxCandidates: number;
  readonly linkage: 'centroid' | 'average';
  readonly mergeScan: number;
  readonly termOptions: TermOptions;

  /** Every term seen, interned in order of first appearance (the order of `df`). */
  private dict = new TermDictionary();
  /** Document frequency per term id. */
  private df: Float64Array = new Float64Array(1024);
  private docs = 0;
  private readonly stories = new Map<string, StoryState>();
  /** Term id → live stories indexed under it (in insertion order). */
  private readonly index = new TermPostings<Set<StoryState>>();
  private readonly redirects = new Map<string, string>();
  private readonly liveDocs = new Map<string, LiveDoc>();
  /** Term id → live articles indexed under it, oldest first. */
  private readonly docIndex = new TermPostings<LiveDoc[]>();
  private sinceConsolidation = 0;
  readonly neighbourCount: number;
  readonly consolidateThreshold: number;
  readonly consolidateEvery: number;
  readonly docCandidates: number;
  private now = Number.NEGATIVE_INFINITY;
  private counter = 0;
  /** Called when a story retires or is merged away, so the owner can drop its data. */
  onRetire?: (storyId: string) => void;
  onMerge?: (from: string, into: string) => void;

  constructor(options: ClusterOptions = {}) {
    this.threshold = options.threshold ?? 0.3;
    this.mergeThreshold = options.mergeThreshold ?? 0.5;
    this.nearestWeight = options.nearestWeight ?? 0;
    this.windowMs = (options.windowDays ?? 3) * DAY_MS;
    this.maxLiveStories = options.maxLiveStories ?? 20_000;
    this.indexTerms = options.indexTerms ?? 20;
    this.maxMembers = options.maxMembers ?? 24;
    this.maxCandidates = options.maxCandidates ?? 16;
    this.linkage = options.linkage ?? 'centroid';
    this.mergeScan = options.mergeScan ?? 0.75;
    this.neighbourCount = options.neighbours ?? 10;
    this.consolidateThreshold = options.consolidateThreshold ?? 0.3;
    this.consolidateEvery = options.consolidateEvery ?? 0.25;
    this.docCandidates = options.docCandidates ?? 32;
    this.termOptions = {
      titleWeight: options.titleWeight ?? 2,
      specificBoost: options.specificBoost ?? 2,
      maxBodyTokens: options.maxBodyTokens ?? 300,
    };
  }

  get liveStories(): number {
    return this.stories.size;
  }

  /** The story an id now lives in (following merges). */
  resolve(storyId: string): string {
    let id = storyId;
    for (let hops = 0; hops < 64; hops++) {
      const next = this.redirects.get(id);
      if (!next) return id;
      id = next;
    }
    return id;
  }

  redirectMap(): Map<string, string> {
    return new Map(this.redirects);
  }

  /** Assigns the article to a story; `forceStory` places it without scoring (a copy follows its original). */
  add(input: ClusterInput, forceStory?: string): string {
    if (input.time > this.now) this.now = input.time;
    this.expire();
    const vec = this.vectorise(input);
    const { ids: top, weights: topW } = topOfDoc(vec, this.indexTerms);

    const forced = forceStory ? this.stories.get(this.resolve(forceStory)) : undefined;
    let best: StoryState | undefined = forced;
    let bestScore = forced ? 1 : -1;
    const scored: Array<{ story: StoryState; score: number }> = [];
    if (!forced) {
      // Centroid cosine for every candidate; the nearest-member term only for the closest few.
      for (const story of this.candidates(top, topW))
        scored.push({ story, score: this.centroidScore(vec, story) });
      scored.sort((a, b) => b.score - a.score);
      for (let i = 0; i < scored.length; i++) {
        if (i < NEAREST_CHECKS) scored[i].score = this.score(vec, scored[i].story, scored[i].score);
        if (scored[i].score > bestScore) {
          bestScore = scored[i].score;
          best = scored[i].story;
        }
      }
    }
    let story: StoryState;
    if (best && bestScore >= this.threshold) {
      story = best;
      this.join(story, input.id, vec, top, input.time);
      this.mergeNeighbours(story, scored);
    } else {
      story = this.open(input.id, vec, top, input.time);
    }
    this.addLiveDoc(
      { id: input.id, vec, top, time: input.time, story: story.id, neighbours: [], acc: 0 },
      topW,
    );
    this.sinceConsolidation++;
    if (
      this.consolidateEvery > 0 &&
      this.sinceConsolidation >= Math.max(MIN_CONSOLIDATE_GAP, this.consolidateEvery * this.liveDocs.size)
    ) {
      const moves = this.consolidate();
      this.onConsolidate?.(moves);
    }
    return this.storyOfDoc(input.id) ?? story.id;
  }

  /** The current story of a live article (after consolidations and merges). */
  storyOfDoc(id: string): string | undefined {
    const doc = this.liveDocs.get(id);
    return doc ? this.resolve(doc.story) : undefined;
  }

  /** Called after an automatic consolidation with the articles whose story changed. */
  onConsolidate?: (moves: Array<{ id: string; from: string; to: string }>) => void;

  private addLiveDoc(doc: LiveDoc, topW: number[]): void {
    const k = this.neighbourCount;
    const found: Array<[string, number]> = [];
    // The new article stays scattered in one scratch array while it meets its candidates.
    const mine = this.dict.dense(0);
    scatter(doc.vec, mine);
    for (const candidate of this.nearestCandidates(doc.top, topW)) {
      // By id: an edited article added again has an older entry in the postings too.
      const other = this.liveDocs.get(candidate.id);
      if (!other) continue;
      const sim = dotScattered(doc.vec, mine, other.vec, this.dict.dense(1));
      if (sim <= 0) continue;
      found.push([candidate.id, sim]);
      // The new article may be one of the other's nearest.
      insertNeighbour(other.neighbours, doc.id, sim, k);
    }
    clear(doc.vec, mine);
    found.sort((a, b) => b[1] - a[1]);
    if (found.length > k) found.length = k;
    doc.neighbours = found;
    this.liveDocs.set(doc.id, doc);
    for (const term of doc.top) {
      let posting = this.docIndex.get(term);
      if (!posting) {
        posting = [];
        this.docIndex.set(term, posting);
      }
      posting.push(doc);
      // Bounded: a term in very many live articles keeps its most recent ones.
      if (posting.length > MAX_DOC_POSTING) posting.splice(0, posting.length - MAX_DOC_POSTING);
    }
  }

  /**
   * Earlier live articles worth an exact cosine: the best `docCandidates` by summed weight of
   * shared index terms. Summed on the articles themselves; ties rank in first-touch order.
   */
  private nearestCandidates(top: number[], topW: number[]): LiveDoc[] {
    return bestBySharedWeight(this.docIndex, top, topW, this.docCandidates);
  }

  /**
   * Re-clusters the live window by shared nearest neighbours and rebuilds the live stories.
   * Story ids are kept where a new cluster holds most of an old story; stories that dissolve
   * redirect to the cluster that took most of their articles. Returns the articles that moved.
   */
  consolidate(): Array<{ id: string; from: string; to: string }> {
    this.sinceConsolidation = 0;
    const docs = [...this.liveDocs.values()];
    if (docs.length === 0) return [];
    const labels = snnClusters(neighbourLists(docs), this.consolidateThreshold);
    const clusters = new Map<number, LiveDoc[]>();
    docs.forEach((d, i) => {
      const list = clusters.get(labels[i]) ?? [];
      list.push(d);
      clusters.set(labels[i], list);
    });
    const ordered = [...clusters.values()].sort((a, b) => b.length - a.length);
    const claimed = new Set<string>();
    const named: Array<{ id: string; docs: LiveDoc[] }> = [];
    for (const members of ordered) {
      const votes = new Map<string, number>();
      for (const d of members) {
        const sid = this.resolve(d.story);
        votes.set(sid, (votes.get(sid) ?? 0) + 1);
      }
      let id = '';
      let bestVotes = 0;
      for (const [sid, v] of votes) {
        if (!claimed.has(sid) && v > bestVotes) {
          bestVotes = v;
          id = sid;
        }
      }
      if (!id) id = `s${(++this.counter).toString(36)}-${members[0].id}`;
      claimed.add(id);
      named.push({ id, docs: members });
    }
    // Old stories not kept: redirect to where most of their articles went.
    const destination = new Map<string, Map<string, number>>();
    const moves: Array<{ id: string; from: string; to: string }> = [];
    for (const { id, docs: members } of named) {
      for (const d of members) {
        const from = this.resolve(d.story);
        if (from !== id) {
          moves.push({ id: d.id, from, to: id });
          const counts = destination.get(from) ?? new Map<string, number>();
          counts.set(id, (counts.get(id) ?? 0) + 1);
          destination.set(from, counts);
        }
        d.story = id;
      }
    }
    const oldStories = new Map(this.stories);
    const movedIds = new Set(moves.map((m) => m.id));
    for (const [from, counts] of destination) {
      if (claimed.has(from)) continue;
      const to = [...counts].sort((a, b) => b[1] - a[1])[0][0];
      this.redirects.set(from, to);
    }
    // Rebuild the live stories whose articles changed.
    const unchanged = new Set<string>();
    for (const { id, docs: members } of named) {
      const old = oldStories.get(id);
      if (old && old.size === members.length && !members.some((d) => movedIds.has(d.id))) unchanged.add(id);
    }
    for (const story of oldStories.values()) if (!unchanged.has(story.id)) this.drop(story);
    for (const { id, docs: members } of named) {
      if (unchanged.has(id)) continue;
      members.sort((a, b) => a.time - b.time);
      const old = oldStories.get(id);
      const story = newStory(id, members[0].time);
      this.stories.set(id, story);
      for (const d of members) this.join(story, d.id, d.vec, d.top, d.time);
      if (old) story.first = Math.min(story.first, old.first);
    }
    for (const [id, story] of oldStories) {
      if (!this.stories.has(id) && !this.redirects.has(id)) this.retire(story);
    }
    return moves;
  }

  private vectorise(input: ClusterInput): DocVector {
    const { counts, specific } = countTerms(input.title, input.text, input.entities, this.termOptions);
    this.docs++;
    const n = counts.size;
    const ids = new Int32Array(n);
    const w = new Float64Array(n);
    let i = 0;
    for (const term of counts.keys()) ids[i++] = this.dict.id(term);
    this.df = grownTo(this.df, this.dict.size);
    for (let j = 0; j < n; j++) this.df[ids[j]]++;
    let norm2 = 0;
    i = 0;
    for (const [term, count] of counts) {
      const idf = Math.log((this.docs + 1) / (this.df[ids[i]] + 1)) + 1;
      const weight = (1 + Math.log(count)) * idf * (specific.has(term) ? this.termOptions.specificBoost : 1);
      w[i++] = weight;
      norm2 += weight * weight;
    }
    const norm = Math.sqrt(norm2) || 1;
    for (let j = 0; j < n; j++) w[j] = w[j] / norm;
    return { ids, w };
  }

  /**
   * Live stories sharing index terms with the article, best first by the summed weight of the
   * shared terms (a cheap lower bound of the dot product); only the best few are scored fully,
   * so the cost per article is bounded even when a common term is in many stories. Summed on
   * the stories themselves; ties rank in first-touch order.
   */
  private candidates(top: number[], topW: number[]): StoryState[] {
    const out: StoryState[] = [];
    for (const candidate of bestBySharedWeight(this.index, top, topW, this.maxCandidates)) {
      const story = this.stories.get(candidate.id);
      if (story) out.push(story);
    }
    return out;
  }

  private centroidScore(vec: DocVector, story: StoryState): number {
    const dot = dotSums(vec, story.centroid, this.dict.dense(0));
    // Members are unit vectors, so dot/size is the mean cosine to the members (average link).
    if (this.linkage === 'average') return dot / story.size;
    return dot / (Math.sqrt(story.norm2) || 1);
  }

  private score(vec: DocVector, story: StoryState, centroid: number): number {
    if (this.nearestWeight <= 0) return centroid;
    let nearest = 0;
    const mine = this.dict.dense(0);
    scatter(vec, mine);
    for (const member of story.members) {
      const s = dotScattered(vec, mine, member.vec, this.dict.dense(1));
      if (s > nearest) nearest = s;
    }
    clear(vec, mine);
    return (1 - this.nearestWeight) * centroid + this.nearestWeight * nearest;
  }

  private open(id: string, vec: DocVector, top: number[], time: number): StoryState {
    const story = newStory(`s${(++this.counter).toString(36)}-${id}`, time);
    this.stories.set(story.id, story);
    this.join(story, id, vec, top, time);
    return story;
  }

  private join(story: StoryState, id: string, vec: DocVector, top: number[], time: number): void {
    for (let i = 0; i < vec.ids.length; i++) {
      const w = vec.w[i];
      const old = story.centroid.add(vec.ids[i], w);
      const next = old + w;
      story.norm2 += next * next - old * old;
    }
    story.size++;
    if (time > story.last) story.last = time;
    if (time < story.first) story.first = time;
    // Re-insert: the live-story map stays in recency order, so expiry reads from its front.
    this.stories.delete(story.id);
    this.stories.set(story.id, story);
    if (story.members.length < this.maxMembers) story.members.push({ id, vec });
    else story.members[story.size % this.maxMembers] = { id, vec };
    for (const term of top) this.indexStory(story, term);
  }

  /** Puts the story in the candidate index under a term (once). */
  private indexStory(story: StoryState, term: number): void {
    if (story.indexed.has(term)) return;
    story.indexed.add(term);
    let posting = this.index.get(term);
    if (!posting) {
      posting = new Set();
      this.index.set(term, posting);
    }
    posting.add(story);
  }

  /**
   * Second pass: a story the article also resembled is merged when the two centroids agree.
   * Catches one event split in two by arrival order (its first articles looked different).
   */
  private mergeNeighbours(story: StoryState, scored: Array<{ story: StoryState; score: number }>): void {
    for (const { story: other, score } of scored) {
      if (other === story || score < this.threshold * this.mergeScan || !this.stories.has(other.id)) continue;
      const cross = dotBothSums(story.centroid, other.centroid);
      const cos =
        this.linkage === 'average'
          ? cross / (story.size * other.size)
          : cross / (Math.sqrt(story.norm2 * other.norm2) || 1);
      if (cos < this.mergeThreshold) continue;
      const [into, from] = story.size >= other.size ? [story, other] : [other, story];
      this.merge(from, into);
      if (from === story) return;
    }
  }

  private merge(from: StoryState, into: StoryState): void {
    const sums = from.centroid;
    for (let i = 0; i < sums.size; i++) {
      const w = sums.w[i];
      const old = into.centroid.add(sums.ids[i], w);
      const next = old + w;
      into.norm2 += next * next - old * old;
    }
    for (const member of from.members) {
      if (into.members.length < this.maxMembers) into.members.push(member);
    }
    into.size += from.size;
    into.first = Math.min(into.first, from.first);
    into.last = Math.max(into.last, from.last);
    for (const term of from.indexed) {
      if (!into.indexed.has(term)) {
        into.indexed.add(term);
        this.index.get(term)?.add(into);
      }
    }
    this.drop(from);
    this.redirects.set(from.id, into.id);
    // Bounded: the oldest redirects go first (their articles left the window long ago).
    if (this.redirects.size > 4 * this.maxLiveStories) {
      const oldest = this.redirects.keys().next().value;
      if (oldest !== undefined) this.redirects.delete(oldest);
    }
    this.onMerge?.(from.id, into.id);
  }

  private drop(story: StoryState): void {
    this.stories.delete(story.id);
    for (const term of story.indexed) {
      const posting = this.index.get(term);
      if (!posting) continue;
      posting.delete(story);
      if (posting.size === 0) this.index.delete(term);
    }
  }

  private expire(): void {
    const cutoff = this.now - this.windowMs;
    for (const doc of this.liveDocs.values()) {
      if (doc.time >= cutoff && this.liveDocs.size <= this.maxLiveStories * 4) break;
      this.liveDocs.delete(doc.id);
      for (const term of doc.top) {
        const posting = this.docIndex.get(term);
        if (!posting) continue;
        const at = posting.indexOf(doc);
        if (at >= 0) posting.splice(at, 1);
        if (posting.length === 0) this.docIndex.delete(term);
      }
    }
    // Map iteration order is insertion order, close to age order; touched stories are re-inserted.
    for (const story of this.stories.values()) {
      if (story.last >= cutoff && this.stories.size <= this.maxLiveStories) break;
      this.retire(story);
    }
  }

  private retire(story: StoryState): void {
    this.drop(story);
    // Redirects into a retired story are no longer needed by live assignment.
    this.onRetire?.(story.id);
  }

  storyIds(): string[] {
    return [...this.stories.keys()];
  }

  storyState(id: string): { size: number; first: number; last: number; topTerms: string[] } | undefined {
    const story = this.stories.get(this.resolve(id));
    if (!story) return undefined;
    const { centroid } = story;
    const topTerms = topIndices(centroid.w, centroid.size, 8).map((i) => this.dict.term(centroid.ids[i]));
    return { size: story.size, first: story.first, last: story.last, topTerms };
  }

  snapshot(): ClusterSnapshot {
    const term = (id: number) => this.dict.term(id);
    const df: Array<[string, number]> = [];
    // Every interned term has a document frequency; ids are in order of first appearance.
    for (let id = 0; id < this.dict.size; id++) if (this.df[id] > 0) df.push([term(id), this.df[id]]);
    return {
      version: 1,
      df,
      docs: this.docs,
      stories: [...this.stories.values()].map((s) => ({
        id: s.id,
        centroid: Array.from(
          { length: s.centroid.size },
          (_, i) => [term(s.centroid.ids[i]), s.centroid.w[i]] as [string, number],
        ),
        members: s.members.map((m) => ({ id: m.id, vec: this.vecEntries(m.vec) })),
        size: s.size,
        first: s.first,
        last: s.last,
        indexed: [...s.indexed].map(term),
      })),
      redirects: [...this.redirects],
      counter: this.counter,
      liveDocs: [...this.liveDocs.values()].map((d) => ({
        id: d.id,
        vec: this.vecEntries(d.vec),
        top: d.top.map(term),
        time: d.time,
        story: d.story,
        neighbours: d.neighbours.map(([id, sim]) => [id, sim] as [string, number]),
      })),
    };
  }

  restore(snapshot: ClusterSnapshot): void {
    // A fresh dictionary, interned in the snapshot's df order: ids stay in order of first appearance.
    this.dict = new TermDictionary();
    this.df = new Float64Array(1024);
    for (const [term, count] of snapshot.df) {
      const id = this.dict.id(term);
      this.df = grownTo(this.df, this.dict.size);
      this.df[id] = count;
    }
    this.stories.clear();
    this.index.clear();
    this.redirects.clear();
    this.docs = snapshot.docs;
    this.counter = snapshot.counter;
    this.now = Number.NEGATIVE_INFINITY;
    for (const s of snapshot.stories) {
      const story = newStory(s.id, s.first);
      for (const [term, w] of s.centroid) story.centroid.add(this.dict.id(term), w);
      for (let i = 0; i < story.centroid.size; i++) story.norm2 += story.centroid.w[i] * story.centroid.w[i];
      story.members = s.members.map((m) => ({ id: m.id, vec: this.fromEntries(m.vec) }));
      story.size = s.size;
      story.last = s.last;
      this.stories.set(story.id, story);
      for (const term of s.indexed) this.indexStory(story, this.dict.id(term));
      if (s.last > this.now) this.now = s.last;
    }
    for (const [k, v] of snapshot.redirects) this.redirects.set(k, v);
    this.liveDocs.clear();
    this.docIndex.clear();
    for (const d of snapshot.liveDocs ?? []) {
      const doc: LiveDoc = {
        ...d,
        vec: this.fromEntries(d.vec),
        top: d.top.map((term) => this.dict.id(term)),
        neighbours: [...d.neighbours],
        acc: 0,
      };
      this.liveDocs.set(d.id, doc);
      for (const term of doc.top) {
        const posting = this.docIndex.get(term) ?? [];
        posting.push(doc);
        this.docIndex.set(term, posting);
      }
      if (d.time > this.now) this.now = d.time;
    }
    this.df = grownTo(this.df, this.dict.size);
    this.sinceConsolidation = 0;
  }

  private fromEntries(entries: Array<[string, number]>): DocVector {
    const n = entries.length;
    const vec: DocVector = { ids: new Int32Array(n), w: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      vec.ids[i] = this.dict.id(entries[i][0]);
      vec.w[i] = entries[i][1];
    }
    return vec;
  }

  private vecEntries(vec: DocVector): Array<[string, number]> {
    return Array.from(vec.ids, (id, i) => [this.dict.term(id), vec.w[i]] as [string, number]);
  }
}

/** The live articles' neighbour lists as dense indices into `docs` (neighbours that left the window dropped). */
function neighbourLists(docs: LiveDoc[]): NeighbourLists {
  const position = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < docs.length; i++) {
    position.set(docs[i].id, i);
    total += docs[i].neighbours.length;
  }
  const start = new Int32Array(docs.length + 1);
  const to = new Int32Array(total);
  const sim = new Float64Array(total);
  let k = 0;
  for (let i = 0; i < docs.length; i++) {
    start[i] = k;
    for (const [id, cosine] of docs[i].neighbours) {
      const at = position.get(id);
      if (at === undefined) continue;
      to[k] = at;
      sim[k++] = cosine;
    }
  }
  start[docs.length] = k;
  return { start, to: to.subarray(0, k), sim: sim.subarray(0, k) };
}

function newStory(id: string, time: number): StoryState {
  return {
    id,
    centroid: new TermSums(),
    norm2: 0,
    members: [],
    size: 0,
    first: time,
    last: time,
    indexed: new Set(),
    acc: 0,
  };
}

/** `array`, or a copy twice as long, until it holds `size` entries (new entries zero). */
function grownTo(array: Float64Array, size: number): Float64Array {
  if (array.length >= size) return array;
  let n = array.length;
  while (n < size) n *= 2;
  const grown = new Float64Array(n);
  grown.set(array);
  return grown;
}

/**
 * Puts `[id, sim]` into a neighbour list sorted by similarity (best first) that keeps `k`
 * entries: after its equals, as a stable sort of the list with the entry appended would.
 */
function insertNeighbour(list: Array<[string, number]>, id: string, sim: number, k: number): void {
  if (list.length >= k && !(sim > list[list.length - 1][1])) return;
  let at = list.length;
  while (at > 0 && list[at - 1][1] < sim) at--;
  list.splice(at, 0, [id, sim]);
  if (list.length > k) list.length = k;
}

/** The `k` heaviest terms of an article with their weights (ties in term order, as a stable sort). */
function topOfDoc(vec: DocVector, k: number): { ids: number[]; weights: number[] } {
  const order = topIndices(vec.w, vec.w.length, k);
  return { ids: order.map((i) => vec.ids[i]), weights: order.map((i) => vec.w[i]) };
}
