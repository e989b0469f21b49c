/**
 * Keeps the story engine (src/stories, in memory, a sliding window) and the stored stories in
 * step. After a restart the engine is warmed with the window's stored articles; where it now
 * names a story differently from what was stored, the stored id wins (an alias), so an
 * article's story id stays stable across restarts.
 */
import type { Article, Bite, StoryInput } from '../model/index.js';
import type { Store, StoryAssignmentInput } from '../store/index.js';
import type { OptionalStages, StoryEngineLike } from './stages.js';

/** How far back the engine is warmed after a start (the engine's own window bounds what it keeps). */
export const WARM_DAYS = 3;
export const WARM_MAX_ARTICLES = 3000;

export class StoryTracker {
  private readonly aliases = new Map<string, string>();
  private readonly touched = new Set<string>();

  private constructor(
    private readonly store: Store,
    private readonly engine: StoryEngineLike,
    private readonly summarize?: OptionalStages['summarizeStory'],
  ) {}

  /** Undefined when the story stage is not available. */
  static async create(store: Store, stages: OptionalStages, now = new Date()): Promise<StoryTracker | undefined> {
    if (!stages.createStoryEngine) return undefined;
    const tracker = new StoryTracker(store, stages.createStoryEngine(), stages.summarizeStory);
    const since = new Date(now.getTime() - WARM_DAYS * 86_400_000).toISOString();
    for (const row of await store.recentStoryInputs(since, WARM_MAX_ARTICLES)) {
      try {
        const assigned = tracker.engine.add(row.input);
        if (row.storyId && assigned.story !== row.storyId) tracker.aliases.set(assigned.story, row.storyId);
      } catch {
        // One bad stored article must not stop the warm-up.
      }
    }
    return tracker;
  }

  /** Assigns a new or edited article to a story and copy group. */
  assign(id: number, article: Article, bite: Bite | undefined, sourceName: string | undefined): StoryAssignmentInput {
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
    const story = this.aliases.get(assigned.story) ?? assigned.story;
    this.touched.add(story);
    return { story, copyGroup: assigned.copyGroup, copyOf: assigned.copyOf ?? null };
  }

  /** Writes the touched stories (counts, sources, headline, story bite) to the store. */
  async flush(): Promise<void> {
    if (!this.touched.size) return;
    const live = new Map(this.engine.stories().map((s) => [this.aliases.get(s.id) ?? s.id, s]));
    const updates = [];
    for (const id of this.touched) {
      const story = live.get(id);
      let bite: ReturnType<NonNullable<OptionalStages['summarizeStory']>> | undefined;
      if (story && this.summarize && story.sources.length >= 2) {
        const docs = [];
        for (const articleId of story.articles.slice(0, 20)) {
          const a = await this.store.getArticle(Number(articleId));
          if (a) docs.push({ id: articleId, title: a.headline, text: a.text });
        }
        try {
          bite = this.summarize(docs);
        } catch {
          bite = undefined;
        }
      }
      updates.push({ id, headline: story?.headline, bite });
    }
    this.touched.clear();
    await this.store.refreshStories(updates);
  }
}
