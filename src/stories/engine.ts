/**
 * StoryEngine: copies and stories in one pure, in-memory, incremental object.
 *
 *   add(article) → {id, story, copyOf?, copyGroup}
 *
 * A copy (explicit credit, same canonical URL, or near-duplicate text) follows its
 * original's story; other articles are clustered. The live window (copy index, live stories,
 * and the articles of live stories) can be saved with `snapshot()` (plain JSON) and loaded
 * with `restore()`, so a store can persist it between runs.
 */
import * as analyse from '../analyse/index.js';
import { NewsBiteError } from '../errors.js';
import type { SummarySentence } from '../model/bite.js';
import type { Story, StoryAssignment, StoryInput } from '../model/story.js';
import { type SourceAddition, sourceAdditions } from './additions.js';
import { type ClusterOptions, type ClusterSnapshot, StoryClusterer } from './cluster.js';
import { CopyDetector, type CopyOptions, type CopySnapshot } from './copies.js';
import { hostOf } from './url.js';

export interface StoryEngineOptions {
  copies?: CopyOptions;
  clustering?: ClusterOptions;
  /** Articles remembered per live story (for timelines, additions and bites). */
  maxArticlesPerStory?: number;
  /** Characters of text remembered per article. */
  maxTextChars?: number;
  /** Multi-document summariser; defaults to analyse's summarizeStory when it exists. */
  summarize?: (docs: { id: string; title?: string; text: string }[]) => SummarySentence[];
}

interface ArticleRecord {
  id: string;
  title: string;
  text: string;
  source: string;
  time: number;
  date?: string;
  copyOf?: string;
}

interface StoryRecord {
  articles: ArticleRecord[];
  total: number;
}

export interface StoryEngineSnapshot {
  version: 1;
  copies: CopySnapshot;
  clustering: ClusterSnapshot;
  stories: Array<[string, StoryRecord]>;
  storyOf: Array<[string, string]>;
  clock: number;
}

export interface StoryDetail extends Story {
  /** Articles, earliest first, with their publisher and copy status. */
  timeline: Array<{ id: string; title: string; source: string; date?: string; copyOf?: string }>;
  /** Sentences only one publisher has (numbers, names), per publisher. */
  additions: SourceAddition[];
  /** Multi-document summary with per-sentence article credit; only with two or more publishers. */
  bite?: SummarySentence[];
}

const MAX_PENDING_MOVES = 100_000;

type Summarizer = NonNullable<StoryEngineOptions['summarize']>;

function defaultSummarizer(): Summarizer | undefined {
  const candidate = (analyse as unknown as Record<string, unknown>).summarizeStory;
  return typeof candidate === 'function' ? (candidate as Summarizer) : undefined;
}

export class StoryEngine {
  private readonly copies: CopyDetector;
  private readonly clusterer: StoryClusterer;
  private readonly records = new Map<string, StoryRecord>();
  /** Article id → story id, for articles of live stories. */
  private readonly storyOf_ = new Map<string, string>();
  private readonly maxArticles: number;
  private readonly maxTextChars: number;
  private readonly summarize?: Summarizer;
  private clock = 0;
  private pendingMoves: Array<{ id: string; from: string; to: string }> = [];

  constructor(options: StoryEngineOptions = {}) {
    this.copies = new CopyDetector(options.copies);
    this.clusterer = new StoryClusterer(options.clustering);
    this.maxArticles = options.maxArticlesPerStory ?? 200;
    this.maxTextChars = options.maxTextChars ?? 6000;
    this.summarize = options.summarize ?? defaultSummarizer();
    this.clusterer.onRetire = (id) => this.forget(id);
    this.clusterer.onMerge = (from, into) => this.moveArticles(from, into);
    this.clusterer.onConsolidate = (moves) => this.applyMoves(moves);
  }

  /**
   * Re-clusters the live window now (it also happens by itself as articles arrive) and
   * returns the articles whose story changed, so a store can update them.
   */
  consolidate(): Array<{ id: string; from: string; to: string }> {
    const moves = this.clusterer.consolidate();
    this.applyMoves(moves);
    return moves;
  }

  /** The current story of an article still in the window (after merges and consolidations). */
  storyOf(articleId: string): string | undefined {
    return this.clusterer.storyOfDoc(articleId) ?? this.storyOf_.get(articleId);
  }

  add(input: StoryInput): StoryAssignment {
    const article = validate(input);
    const time = this.timeOf(article);
    const source = article.source ?? hostOf(article.url) ?? '';
    const copy = this.copies.add({
      id: article.id,
      title: article.title,
      text: article.text,
      source,
      time,
      url: article.url,
      canonicalUrl: article.canonicalUrl,
      originalUrl: article.originalUrl,
    });
    // A copy belongs to its original's story (when that story is still live).
    const anchor = copy.matched ?? copy.copyOf ?? (copy.group !== article.id ? copy.group : undefined);
    const anchorStory = anchor ? this.storyOf(anchor) : undefined;
    const story = this.clusterer.add(
      { id: article.id, title: article.title, text: article.text, time, entities: article.entities },
      anchorStory,
    );
    this.remember(story, {
      id: article.id,
      title: article.title,
      text: article.text.slice(0, this.maxTextChars),
      source,
      time,
      date: article.date,
      copyOf: copy.copyOf,
    });
    const assignment: StoryAssignment = { id: article.id, story, copyGroup: copy.group };
    if (copy.copyOf && copy.copyOf !== article.id) assignment.copyOf = copy.copyOf;
    return assignment;
  }

  /** Where a story id now points (merged stories redirect). */
  resolve(storyId: string): string {
    return this.clusterer.resolve(storyId);
  }

  /** Merged story id → the story it was merged into. */
  redirects(): Record<string, string> {
    return Object.fromEntries(this.clusterer.redirectMap());
  }

  /** The copy group of a live article. */
  copyGroup(articleId: string): { id: string; representative: string; members: string[] } | undefined {
    return this.copies.groupOf(articleId);
  }

  /** Live stories, most recently updated first. */
  stories(): Story[] {
    return this.clusterer
      .storyIds()
      .reverse()
      .map((id) => this.summary(id))
      .filter((s): s is Story => s !== undefined);
  }

  /** One live story with its timeline, what each source adds and (two+ publishers) its bite. */
  story(storyId: string): StoryDetail | undefined {
    const id = this.resolve(storyId);
    const base = this.summary(id);
    const record = this.records.get(id);
    if (!base || !record) return undefined;
    const articles = sorted(record.articles);
    const detail: StoryDetail = {
      ...base,
      timeline: articles.map((a) => ({
        id: a.id,
        title: a.title,
        source: a.source,
        date: a.date,
        copyOf: a.copyOf,
      })),
      additions: sourceAdditions(articles.filter((a) => !a.copyOf)),
    };
    if (base.sources.length >= 2 && this.summarize) {
      const originals = articles.filter((a) => !a.copyOf);
      try {
        detail.bite = this.summarize(originals.map((a) => ({ id: a.id, title: a.title, text: a.text })));
      } catch {
        // The summary is an extra: a failing summariser must not hide the story.
      }
    }
    return detail;
  }

  get liveStories(): number {
    return this.clusterer.liveStories;
  }

  get indexedArticles(): number {
    return this.copies.size;
  }

  snapshot(): StoryEngineSnapshot {
    return {
      version: 1,
      copies: this.copies.snapshot(),
      clustering: this.clusterer.snapshot(),
      stories: [...this.records].map(([id, r]) => [
        id,
        { total: r.total, articles: r.articles.map((a) => ({ ...a })) },
      ]),
      storyOf: [...this.storyOf_],
      clock: this.clock,
    };
  }

  restore(snapshot: StoryEngineSnapshot): void {
    if (snapshot?.version !== 1) {
      throw new NewsBiteError('INPUT_INVALID', 'StoryEngine.restore: not a version 1 story-engine snapshot');
    }
    this.copies.restore(snapshot.copies);
    this.clusterer.restore(snapshot.clustering);
    this.records.clear();
    this.storyOf_.clear();
    for (const [id, r] of snapshot.stories)
      this.records.set(id, { total: r.total, articles: [...r.articles] });
    for (const [a, s] of snapshot.storyOf) this.storyOf_.set(a, s);
    this.clock = snapshot.clock;
  }

  private summary(id: string): Story | undefined {
    const record = this.records.get(id);
    if (!record || record.articles.length === 0) return undefined;
    const articles = sorted(record.articles);
    const sources = [...new Set(articles.map((a) => a.source).filter(Boolean))];
    const story: Story = {
      id,
      headline: headline(articles, this.clusterer.storyState(id)?.topTerms ?? []),
      articles: articles.map((a) => a.id),
      sources,
    };
    const dated = articles.filter((a) => a.date);
    if (dated.length) {
      story.first = dated[0].date;
      story.last = dated[dated.length - 1].date;
    }
    return story;
  }

  private timeOf(article: StoryInput): number {
    if (article.date) {
      const t = Date.parse(article.date);
      if (t > this.clock) this.clock = t;
      return t;
    }
    return this.clock;
  }

  private remember(storyId: string, article: ArticleRecord): void {
    let record = this.records.get(storyId);
    if (!record) {
      record = { articles: [], total: 0 };
      this.records.set(storyId, record);
    }
    record.total++;
    // Only remembered articles are indexed here, so forget() can drop every entry it made.
    if (record.articles.length < this.maxArticles) {
      record.articles.push(article);
      this.storyOf_.set(article.id, storyId);
    }
  }

  private forget(storyId: string): void {
    const record = this.records.get(storyId);
    if (!record) return;
    for (const a of record.articles) if (this.storyOf_.get(a.id) === storyId) this.storyOf_.delete(a.id);
    this.records.delete(storyId);
  }

  /**
   * Articles whose story changed since the last call (consolidation moves them; merges are in
   * `redirects()`), for a store that keeps story ids per article. Drains the list.
   */
  takeMoves(): Array<{ id: string; from: string; to: string }> {
    const moves = this.pendingMoves;
    this.pendingMoves = [];
    return moves;
  }

  private applyMoves(moves: Array<{ id: string; from: string; to: string }>): void {
    this.pendingMoves.push(...moves);
    // Bounded for callers that never drain: the oldest moves go first.
    if (this.pendingMoves.length > MAX_PENDING_MOVES) {
      this.pendingMoves = this.pendingMoves.slice(-MAX_PENDING_MOVES);
    }
    for (const move of moves) {
      const from = this.records.get(move.from);
      if (!from) continue;
      const at = from.articles.findIndex((a) => a.id === move.id);
      if (at < 0) continue;
      const [article] = from.articles.splice(at, 1);
      from.total--;
      if (from.articles.length === 0) this.records.delete(move.from);
      this.remember(move.to, article);
    }
    // A story that consolidation dissolved keeps only articles that already left the window:
    // drop it (its id redirects).
    for (const from of new Set(moves.map((m) => m.from))) {
      if (this.clusterer.resolve(from) !== from || !this.clusterer.storyState(from)) this.forget(from);
    }
  }

  private moveArticles(from: string, into: string): void {
    const source = this.records.get(from);
    if (!source) return;
    let target = this.records.get(into);
    if (!target) {
      target = { articles: [], total: 0 };
      this.records.set(into, target);
    }
    for (const a of source.articles) {
      if (target.articles.length < this.maxArticles) target.articles.push(a);
      this.storyOf_.set(a.id, into);
    }
    target.total += source.total;
    this.records.delete(from);
  }
}

function sorted(articles: ArticleRecord[]): ArticleRecord[] {
  return [...articles].sort((a, b) => a.time - b.time);
}

/** The title (of an original, not a copy) that covers most of the story's top terms; earliest on ties. */
function headline(articles: ArticleRecord[], topTerms: string[]): string {
  const pool = articles.filter((a) => !a.copyOf && a.title.trim());
  const candidates = pool.length ? pool : articles;
  let best = candidates[0];
  let bestScore = -1;
  for (const a of candidates) {
    const words = new Set(a.title.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
    let score = 0;
    for (const t of topTerms) if (words.has(t)) score++;
    if (score > bestScore) {
      bestScore = score;
      best = a;
    }
  }
  return best?.title ?? '';
}

function validate(input: StoryInput): StoryInput {
  if (!input || typeof input !== 'object') {
    throw new NewsBiteError('INPUT_INVALID', 'StoryEngine.add: expected an article object');
  }
  if (typeof input.id !== 'string' || !input.id) {
    throw new NewsBiteError('INPUT_INVALID', 'StoryEngine.add: article has no "id" string');
  }
  if (typeof input.title !== 'string' && typeof input.text !== 'string') {
    throw new NewsBiteError(
      'INPUT_INVALID',
      `StoryEngine.add: article ${input.id} has neither "title" nor "text"`,
    );
  }
  if (input.date !== undefined && input.date !== null && Number.isNaN(Date.parse(String(input.date)))) {
    throw new NewsBiteError(
      'INPUT_INVALID',
      `StoryEngine.add: article ${input.id} has an unparsable date "${input.date}"`,
    );
  }
  return {
    ...input,
    title: typeof input.title === 'string' ? input.title : '',
    text: typeof input.text === 'string' ? input.text : '',
    date: input.date ?? undefined,
  };
}
