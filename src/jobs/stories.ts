/**
 * Keeps the story engine (src/stories: in memory, a sliding window) and the stored stories in
 * step. The engine's window is saved as a snapshot in the store after each poll round and
 * restored at start; articles stored after the snapshot (a crash) are replayed into it. With
 * no snapshot, the window's stored articles are replayed, and where the engine now names a
 * story differently from what was stored, the stored id wins (an alias), so an article's story
 * id stays stable across restarts. Merged stories move their articles and leave a redirect.
 */
import type { Article, Bite, StoryInput, SummarySentence } from '../model/index.js';
import type { Store, StoryAssignmentInput } from '../store/index.js';
import type { StoryEngineLike } from './stages.js';

/** How far back the engine is warmed after a start without snapshot. */
export const WARM_DAYS = 3;
export const WARM_MAX_ARTICLES = 3000;
const STATE_NAME = 'story-engine';

interface SavedState {
  lastArticleId: number;
  snapshot: unknown;
}

export class StoryTracker {
  private readonly aliases = new Map<string, string>();
  private readonly touched = new Set<string>();
  private readonly appliedRedirects = new Set<string>();
  private lastArticleId = 0;
  private dirty = false;

  private constructor(
    private readonly store: Store,
    private readonly engine: StoryEngineLike,
  ) {}

  static async create(store: Store, engine: StoryEngineLike, now = new Date()): Promise<StoryTracker> {
    const tracker = new StoryTracker(store, engine);
    const saved = await store.getState<SavedState>(STATE_NAME);
    if (saved && engine.restore) {
      try {
        engine.restore(saved.snapshot);
        tracker.lastArticleId = saved.lastArticleId;
        for (const from of Object.keys(engine.redirects?.() ?? {})) tracker.appliedRedirects.add(from);
      } catch {
        tracker.lastArticleId = 0;
      }
    }
    const since = new Date(now.getTime() - WARM_DAYS * 86_400_000).toISOString();
    for (const row of await store.recentStoryInputs(since, WARM_MAX_ARTICLES, tracker.lastArticleId)) {
      try {
        const assigned = engine.add(row.input);
        if (row.storyId && assigned.story !== row.storyId) tracker.aliases.set(assigned.story, row.storyId);
        tracker.lastArticleId = Math.max(tracker.lastArticleId, Number(row.input.id));
      } catch {
        // One bad stored article must not stop the warm-up.
      }
    }
    return tracker;
  }

  private storyId(engineId: string): string {
    const resolved = this.engine.resolve?.(engineId) ?? engineId;
    return this.aliases.get(resolved) ?? resolved;
  }

  /** Assigns a new or edited article to a story and copy group. */
  assign(
    id: number,
    article: Article,
    bite: Bite | undefined,
    sourceName: string | undefined,
  ): StoryAssignmentInput {
    const input: StoryInput = {
      id: String(id),
      title: article.headline ?? '',
      text: article.text,
      source: sourceName ?? article.siteName,
      date: article.published,
      url: article.url,
      canonicalUrl: article.canonicalUrl,
      originalUrl: article.original?.url,
      entities: bite?.entities.map((e) => e.name),
    };
    const assigned = this.engine.add(input);
    const story = this.storyId(assigned.story);
    this.touched.add(story);
    this.lastArticleId = Math.max(this.lastArticleId, id);
    this.dirty = true;
    return { story, copyGroup: assigned.copyGroup, copyOf: assigned.copyOf ?? null };
  }

  /** Writes merges and the touched stories (counts, sources, headline, story bite) to the store. */
  async flush(): Promise<void> {
    for (const [from, into] of Object.entries(this.engine.redirects?.() ?? {})) {
      if (this.appliedRedirects.has(from)) continue;
      const target = this.storyId(into);
      const source = this.aliases.get(from) ?? from;
      await this.store.mergeStory(source, target);
      this.appliedRedirects.add(from);
      this.touched.delete(source);
      this.touched.add(target);
    }
    // Articles the engine re-filed one by one (consolidation), not through a merge.
    const moves = (this.engine.takeMoves?.() ?? [])
      .map((move) => ({
        articleId: Number(move.id),
        storyId: this.storyId(move.to),
        from: this.storyId(move.from),
      }))
      .filter((move) => Number.isInteger(move.articleId) && move.storyId !== move.from);
    const movedTo = new Map<string, string>();
    if (moves.length) {
      await this.store.moveArticlesToStories(moves);
      for (const move of moves) {
        this.touched.add(move.from);
        this.touched.add(move.storyId);
        movedTo.set(move.from, move.storyId);
      }
    }
    if (!this.touched.size) return;
    const updates = [];
    for (const id of this.touched) {
      const detail =
        this.engine.story?.(this.reverseAlias(id)) ??
        this.engine.stories().find((s) => this.storyId(s.id) === id);
      const bite = (detail as { bite?: SummarySentence[] } | undefined)?.bite;
      // A story the engine dissolved by moving its articles away redirects to where they went,
      // so links to it keep working.
      const redirectTo = !detail && movedTo.has(id) ? movedTo.get(id) : undefined;
      updates.push({ id, headline: detail?.headline, bite: detail ? (bite ?? null) : undefined, redirectTo });
    }
    this.touched.clear();
    await this.store.refreshStories(updates);
  }

  private reverseAlias(id: string): string {
    for (const [engineId, storedId] of this.aliases) if (storedId === id) return engineId;
    return id;
  }

  /** Saves the engine's window so the next process starts where this one stopped. */
  async save(): Promise<void> {
    if (!this.dirty || !this.engine.snapshot) return;
    await this.store.setState(STATE_NAME, {
      lastArticleId: this.lastArticleId,
      snapshot: this.engine.snapshot(),
    } satisfies SavedState);
    this.dirty = false;
  }
}
