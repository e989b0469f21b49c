import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoryEngineLike } from '../../src/jobs/stages.js';
import { StoryTracker } from '../../src/jobs/stories.js';
import type { Article, Story, StoryAssignment, StoryInput } from '../../src/model/index.js';
import { renderHtml } from '../../src/model/index.js';
import { openStore, type Store } from '../../src/store/index.js';

function article(headline: string): Article {
  const blocks = [{ kind: 'paragraph' as const, text: `${headline} body text.` }];
  return {
    headline,
    authors: [],
    keywords: [],
    blocks,
    text: blocks[0].text,
    html: renderHtml(blocks),
    diagnostics: { removed: [], notes: [], extractor: 'test' },
  };
}

/** An engine whose story assignments and later re-filings the test dictates. */
class ScriptedEngine implements StoryEngineLike {
  next = 'A';
  moves: { id: string; from: string; to: string }[] = [];
  live = new Set<string>();
  add(input: StoryInput): StoryAssignment {
    this.live.add(this.next);
    return { id: input.id, story: this.next, copyGroup: input.id };
  }
  stories(): Story[] {
    return [...this.live].map((id) => ({ id, headline: `Story ${id}`, articles: [], sources: [] }));
  }
  takeMoves() {
    const moves = this.moves;
    this.moves = [];
    return moves;
  }
}

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-moves-'));
  store = await openStore({ dataDir: dir });
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('StoryTracker applies articles the engine re-files', () => {
  it('moves single articles and redirects a story left empty', async () => {
    const feed = await store.addFeed({ url: 'https://a.example/rss' });
    const engine = new ScriptedEngine();
    const tracker = await StoryTracker.create(store, engine);
    const ids: number[] = [];
    for (const [i, headline] of ['Dam plan approved', 'Dam opponents rally'].entries()) {
      const [result] = await store.upsertEntries(
        [{ input: { feedId: feed.id, guid: `g${i}`, contentHash: `h${i}`, article: article(headline) } }],
        (id, input) => tracker.assign(id, input.article, undefined, 'Paper'),
      );
      ids.push(result.id);
    }
    await tracker.flush();
    expect((await store.getStory('A'))?.articleCount).toBe(2);

    engine.live.add('B');
    engine.moves = [{ id: String(ids[1]), from: 'A', to: 'B' }];
    await tracker.flush();
    expect((await store.getArticle(ids[1]))?.storyId).toBe('B');
    expect((await store.getStory('A'))?.articleCount).toBe(1);
    expect((await store.getStory('B'))?.articleCount).toBe(1);

    engine.live.delete('A');
    engine.moves = [{ id: String(ids[0]), from: 'A', to: 'B' }];
    await tracker.flush();
    expect((await store.getArticle(ids[0]))?.storyId).toBe('B');
    const followed = await store.getStory('A');
    expect(followed?.id).toBe('B');
    expect(followed?.articleCount).toBe(2);
  });
});
