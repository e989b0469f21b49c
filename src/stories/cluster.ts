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
import { snnClusters } from './consolidate.js';
import { countTerms, TermDictionary, type TermOptions } from './terms.js';

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

/** A live article: its vector, index terms, story and nearest neighbours. */
interface LiveDoc {
  id: string;
  vec: DocVector;
  top: string[];
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

/** A story centroid: term → summed weight (mutated as articles join). */
type Vector = Map<string, number>;

/**
 * An article vector, packed: terms in first-seen order with their interned ids and weights
 * (dot products go through a dense scratch array; the summation order is the term order).
 */
interface DocVector {
  terms: string[];
  ids: Int32Array;
  w: Float64Array;
}

interface StoryState {
  id: string;
  centroid: Vector;
  norm2: number;
  members: Array<{ id: string; vec: DocVector }>;
  size: number;
  first: number;
  last: number;
  indexed: Set<string>;
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

  private readonly df = new Map<string, number>();
  private readonly dict = new TermDictionary();
  private docs = 0;
  private readonly stories = new Map<string, StoryState>();
  private readonly index = new Map<string, Set<string>>();
  private readonly redirects = new Map<string, string>();
  private readonly liveDocs = new Map<string, LiveDoc>();
  private readonly docIndex = new Map<string, LiveDoc[]>();
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
    const { terms: top, weights: topW } = topOfDoc(vec, this.indexTerms);

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
    // Nearest earlier articles, found through the article-level term index.
    // Summed on the articles themselves, listed in first-touch order (as a map would iterate).
    const touched: LiveDoc[] = [];
    for (let t = 0; t < doc.top.length; t++) {
      const posting = this.docIndex.get(doc.top[t]);
      if (!posting) continue;
      const w = topW[t];
      for (const other of posting) {
        if (other.acc === 0) touched.push(other);
        other.acc += w;
      }
    }
    const approx: Array<[string, number]> = new Array(touched.length);
    for (let i = 0; i < touched.length; i++) {
      approx[i] = [touched[i].id, touched[i].acc];
      touched[i].acc = 0;
    }
    const ranked = bestEntries(approx, this.docCandidates);
    const k = this.neighbourCount;
    const found: Array<[string, number]> = [];
    // The new article stays scattered in one scratch array while it meets its candidates.
    const mine = this.dict.dense(0);
    scatter(doc.vec, mine);
    for (const [id] of ranked) {
      const other = this.liveDocs.get(id);
      if (!other) continue;
      const sim = dotScattered(doc.vec, mine, other.vec, this.dict.dense(1));
      if (sim <= 0) continue;
      found.push([id, sim]);
      // The new article may be one of the other's nearest.
      const list = other.neighbours;
      if (list.length < k || sim > list[list.length - 1][1]) {
        list.push([doc.id, sim]);
        list.sort((a, b) => b[1] - a[1]);
        if (list.length > k) list.length = k;
      }
    }
    clear(doc.vec, mine);
    found.sort((a, b) => b[1] - a[1]);
    doc.neighbours = found.slice(0, k);
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
   * Re-clusters the live window by shared nearest neighbours and rebuilds the live stories.
   * Story ids are kept where a new cluster holds most of an old story; stories that dissolve
   * redirect to the cluster that took most of their articles. Returns the articles that moved.
   */
  consolidate(): Array<{ id: string; from: string; to: string }> {
    this.sinceConsolidation = 0;
    const docs = [...this.liveDocs.values()];
    if (docs.length === 0) return [];
    const position = new Map(docs.map((d, i) => [d.id, i]));
    const labels = snnClusters(
      docs.map((d, i) => ({
        index: i,
        neighbours: d.neighbours
          .filter(([id]) => position.has(id))
          .map(([id, sim]) => [position.get(id)!, sim] as [number, number]),
      })),
      this.consolidateThreshold,
    );
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
      const story: StoryState = {
        id,
        centroid: new Map(),
        norm2: 0,
        members: [],
        size: 0,
        first: members[0].time,
        last: members[0].time,
        indexed: new Set(),
      };
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
    const terms: string[] = new Array(n);
    const ids = new Int32Array(n);
    const w = new Float64Array(n);
    let norm2 = 0;
    let i = 0;
    for (const term of counts.keys()) {
      this.df.set(term, (this.df.get(term) ?? 0) + 1);
      terms[i] = term;
      ids[i] = this.dict.id(term);
      i++;
    }
    i = 0;
    for (const [term, count] of counts) {
      const idf = Math.log((this.docs + 1) / ((this.df.get(term) ?? 0) + 1)) + 1;
      const weight = (1 + Math.log(count)) * idf * (specific.has(term) ? this.termOptions.specificBoost : 1);
      w[i++] = weight;
      norm2 += weight * weight;
    }
    const norm = Math.sqrt(norm2) || 1;
    for (let j = 0; j < n; j++) w[j] = w[j] / norm;
    return { terms, ids, w };
  }

  /**
   * Live stories sharing index terms with the article, best first by the summed weight of the
   * shared terms (a cheap lower bound of the dot product); only the best few are scored fully,
   * so the cost per article is bounded even when a common term is in many stories.
   */
  private candidates(top: string[], topW: number[]): StoryState[] {
    const approx = new Map<string, number>();
    for (let t = 0; t < top.length; t++) {
      const posting = this.index.get(top[t]);
      if (!posting) continue;
      const w = topW[t];
      for (const sid of posting) approx.set(sid, (approx.get(sid) ?? 0) + w);
    }
    const ranked = bestEntries(approx, this.maxCandidates);
    const out: StoryState[] = [];
    for (const [sid] of ranked) {
      const story = this.stories.get(sid);
      if (story) out.push(story);
    }
    return out;
  }

  private centroidScore(vec: DocVector, story: StoryState): number {
    // Members are unit vectors, so dot/size is the mean cosine to the members (average link).
    if (this.linkage === 'average') return this.dotCentroid(vec, story.centroid) / story.size;
    return this.dotCentroid(vec, story.centroid) / (Math.sqrt(story.norm2) || 1);
  }

  /** Same summation order as a map-to-map dot product iterating the smaller side. */
  private dotCentroid(vec: DocVector, centroid: Vector): number {
    let sum = 0;
    if (vec.terms.length <= centroid.size) {
      for (let i = 0; i < vec.terms.length; i++) {
        const o = centroid.get(vec.terms[i]);
        if (o !== undefined) sum += vec.w[i] * o;
      }
      return sum;
    }
    const dense = this.dict.dense(0);
    scatter(vec, dense);
    for (const [term, w] of centroid) {
      const id = this.dict.lookup(term);
      if (id === undefined) continue;
      const o = dense[id];
      if (o !== 0) sum += w * o;
    }
    clear(vec, dense);
    return sum;
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

  private open(id: string, vec: DocVector, top: string[], time: number): StoryState {
    const story: StoryState = {
      id: `s${(++this.counter).toString(36)}-${id}`,
      centroid: new Map(),
      norm2: 0,
      members: [],
      size: 0,
      first: time,
      last: time,
      indexed: new Set(),
    };
    this.stories.set(story.id, story);
    this.join(story, id, vec, top, time);
    return story;
  }

  private join(story: StoryState, id: string, vec: DocVector, top: string[], time: number): void {
    for (let i = 0; i < vec.terms.length; i++) {
      const term = vec.terms[i];
      const w = vec.w[i];
      const old = story.centroid.get(term) ?? 0;
      const next = old + w;
      story.centroid.set(term, next);
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
    for (const term of top) {
      if (story.indexed.has(term)) continue;
      story.indexed.add(term);
      let posting = this.index.get(term);
      if (!posting) {
        posting = new Set();
        this.index.set(term, posting);
      }
      posting.add(story.id);
    }
  }

  /**
   * Second pass: a story the article also resembled is merged when the two centroids agree.
   * Catches one event split in two by arrival order (its first articles looked different).
   */
  private mergeNeighbours(story: StoryState, scored: Array<{ story: StoryState; score: number }>): void {
    for (const { story: other, score } of scored) {
      if (other === story || score < this.threshold * this.mergeScan || !this.stories.has(other.id)) continue;
      const cross = dot(story.centroid, other.centroid);
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
    for (const [term, w] of from.centroid) {
      const old = into.centroid.get(term) ?? 0;
      const next = old + w;
      into.centroid.set(term, next);
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
        this.index.get(term)?.add(into.id);
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
      posting.delete(story.id);
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
    return { size: story.size, first: story.first, last: story.last, topTerms: topTerms(story.centroid, 8) };
  }

  snapshot(): ClusterSnapshot {
    return {
      version: 1,
      df: [...this.df],
      docs: this.docs,
      stories: [...this.stories.values()].map((s) => ({
        id: s.id,
        centroid: [...s.centroid],
        members: s.members.map((m) => ({ id: m.id, vec: vecEntries(m.vec) })),
        size: s.size,
        first: s.first,
        last: s.last,
        indexed: [...s.indexed],
      })),
      redirects: [...this.redirects],
      counter: this.counter,
      liveDocs: [...this.liveDocs.values()].map((d) => ({
        id: d.id,
        vec: vecEntries(d.vec),
        top: [...d.top],
        time: d.time,
        story: d.story,
        neighbours: d.neighbours.map(([id, sim]) => [id, sim] as [string, number]),
      })),
    };
  }

  restore(snapshot: ClusterSnapshot): void {
    this.df.clear();
    this.stories.clear();
    this.index.clear();
    this.redirects.clear();
    for (const [k, v] of snapshot.df) this.df.set(k, v);
    this.docs = snapshot.docs;
    this.counter = snapshot.counter;
    this.now = Number.NEGATIVE_INFINITY;
    for (const s of snapshot.stories) {
      const centroid = new Map(s.centroid);
      let norm2 = 0;
      for (const w of centroid.values()) norm2 += w * w;
      const story: StoryState = {
        id: s.id,
        centroid,
        norm2,
        members: s.members.map((m) => ({ id: m.id, vec: this.fromEntries(m.vec) })),
        size: s.size,
        first: s.first,
        last: s.last,
        indexed: new Set(),
      };
      this.stories.set(story.id, story);
      for (const term of s.indexed) {
        {
          story.indexed.add(term);
          let posting = this.index.get(term);
          if (!posting) {
            posting = new Set();
            this.index.set(term, posting);
          }
          posting.add(story.id);
        }
      }
      if (s.last > this.now) this.now = s.last;
    }
    for (const [k, v] of snapshot.redirects) this.redirects.set(k, v);
    this.liveDocs.clear();
    this.docIndex.clear();
    for (const d of snapshot.liveDocs ?? []) {
      const doc: LiveDoc = {
        ...d,
        vec: this.fromEntries(d.vec),
        top: [...d.top],
        neighbours: [...d.neighbours],
        acc: 0,
      };
      this.liveDocs.set(d.id, doc);
      for (const term of d.top) {
        const posting = this.docIndex.get(term) ?? [];
        posting.push(doc);
        this.docIndex.set(term, posting);
      }
      if (d.time > this.now) this.now = d.time;
    }
    this.sinceConsolidation = 0;
  }

  private fromEntries(entries: Array<[string, number]>): DocVector {
    const n = entries.length;
    const vec: DocVector = { terms: new Array(n), ids: new Int32Array(n), w: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      vec.terms[i] = entries[i][0];
      vec.ids[i] = this.dict.id(entries[i][0]);
      vec.w[i] = entries[i][1];
    }
    return vec;
  }
}

function vecEntries(vec: DocVector): Array<[string, number]> {
  return vec.terms.map((t, i) => [t, vec.w[i]] as [string, number]);
}

function scatter(vec: DocVector, dense: Float64Array): void {
  for (let i = 0; i < vec.ids.length; i++) dense[vec.ids[i]] = vec.w[i];
}

function clear(vec: DocVector, dense: Float64Array): void {
  for (let i = 0; i < vec.ids.length; i++) dense[vec.ids[i]] = 0;
}

/**
 * Dot product of `a` (already scattered into `aDense`) and `b`, summed in the term order of the
 * smaller vector (`a` on a tie), as the former map-based version did: results are bit-identical.
 */
function dotScattered(a: DocVector, aDense: Float64Array, b: DocVector, bDense: Float64Array): number {
  let sum = 0;
  if (b.ids.length < a.ids.length) {
    for (let i = 0; i < b.ids.length; i++) {
      const o = aDense[b.ids[i]];
      if (o !== 0) sum += b.w[i] * o;
    }
    return sum;
  }
  scatter(b, bDense);
  for (let i = 0; i < a.ids.length; i++) {
    const o = bDense[a.ids[i]];
    if (o !== 0) sum += a.w[i] * o;
  }
  clear(b, bDense);
  return sum;
}

function dot(a: Vector, b: Vector): number {
  const small = a.size <= b.size ? a : b;
  const big = small === a ? b : a;
  let sum = 0;
  small.forEach((w, term) => {
    const o = big.get(term);
    if (o !== undefined) sum += w * o;
  });
  return sum;
}

/** The `k` entries with the largest values, best first (partial selection for small k). */
function bestEntries(map: Map<string, number> | Array<[string, number]>, k: number): Array<[string, number]> {
  if ((Array.isArray(map) ? map.length : map.size) <= k) return [...map].sort((a, b) => b[1] - a[1]);
  const best: Array<[string, number]> = [];
  let floor = Number.NEGATIVE_INFINITY;
  for (const entry of map) {
    if (best.length >= k && entry[1] <= floor) continue;
    best.push(entry);
    if (best.length > 2 * k) {
      best.sort((a, b) => b[1] - a[1]);
      best.length = k;
      floor = best[k - 1][1];
    }
  }
  best.sort((a, b) => b[1] - a[1]);
  if (best.length > k) best.length = k;
  return best;
}

/** The `k` heaviest terms of an article with their weights (ties in term order, as a stable sort). */
function topOfDoc(vec: DocVector, k: number): { terms: string[]; weights: number[] } {
  const order = Array.from({ length: vec.w.length }, (_, i) => i);
  order.sort((a, b) => vec.w[b] - vec.w[a]);
  if (order.length > k) order.length = k;
  return { terms: order.map((i) => vec.terms[i]), weights: order.map((i) => vec.w[i]) };
}

function topTerms(vec: Vector, k: number): string[] {
  return [...vec.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([term]) => term);
}
