import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoryInput } from '../model/story.js';
import { StoryEngine } from './engine.js';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/stories');
const events = JSON.parse(fs.readFileSync(path.join(fixtures, 'events.json'), 'utf8')) as Array<
  StoryInput & { event: string }
>;
const articles = JSON.parse(fs.readFileSync(path.join(fixtures, 'articles.json'), 'utf8')) as Record<
  string,
  StoryInput
>;
/** Unrelated news first, so the stream has some document frequencies. */
const background = [articles.original, articles.otherA, articles.otherB];

function feed(engine: StoryEngine, inputs: StoryInput[]) {
  return inputs.map((a) => engine.add(a));
}

describe('stories', () => {
  it('keeps two look-alike events (two rehab check-ins) apart and each together', () => {
    for (const order of [events, [...events].reverse()]) {
      const engine = new StoryEngine();
      feed(engine, background);
      feed(engine, order);
      engine.consolidate();
      const storyOf = (id: string) => engine.storyOf(id);
      const a = events.filter((e) => e.event === 'A').map((e) => storyOf(e.id));
      const b = events.filter((e) => e.event === 'B').map((e) => storyOf(e.id));
      expect(new Set(a).size).toBe(1);
      expect(new Set(b).size).toBe(1);
      expect(a[0]).not.toBe(b[0]);
      expect(storyOf('orig')).not.toBe(a[0]);
    }
  });

  it('a story lists its sources, timeline, what each source adds, and its bite', () => {
    const seen: string[][] = [];
    const engine = new StoryEngine({
      summarize: (docs) => {
        seen.push(docs.map((d) => d.id));
        return [{ text: docs[0].text.split('.')[0], source: docs[0].id }];
      },
    });
    feed(engine, background);
    feed(engine, events);
    engine.consolidate();
    const story = engine.story(engine.storyOf('b1')!);
    expect(story).toBeDefined();
    expect(story!.articles.sort()).toEqual(['b1', 'b2', 'b3']);
    expect(story!.sources).toHaveLength(3);
    expect(story!.timeline.map((t) => t.id).sort()).toEqual(['b1', 'b2', 'b3']);
    expect(story!.headline).toMatch(/Pell/);
    // Only b3 says Pell plays a detective.
    const b3 = story!.additions.find((x) => x.source === 'hollywoodline.example');
    expect(b3?.sentences.join(' ')).toMatch(/detective/);
    // Everything in this sentence is reported by the others too.
    for (const addition of story!.additions) {
      expect(addition.sentences.join(' ')).not.toMatch(/following the actor's arrest in Santa Monica/);
    }
    expect(story!.bite?.[0].source).toBe(seen[0][0]);
    expect(seen[0].sort()).toEqual(['b1', 'b2', 'b3']);
  });

  it('a story with one publisher has no bite', () => {
    const engine = new StoryEngine({ summarize: () => [{ text: 'x' }] });
    const a = engine.add(articles.otherA);
    expect(engine.story(a.story)?.bite).toBeUndefined();
  });

  it('merged stories redirect: old ids resolve to the surviving story', () => {
    // A join threshold no pair reaches: every article opens its own story at arrival.
    const engine = new StoryEngine({ clustering: { threshold: 2 } });
    feed(engine, background);
    const arrival = feed(engine, events);
    const aIds = arrival.filter((x) => x.id.startsWith('a')).map((x) => x.story);
    expect(new Set(aIds).size).toBe(3);
    const moves = engine.consolidate();
    expect(moves.length).toBeGreaterThan(0);
    expect(engine.takeMoves()).toEqual(moves);
    expect(engine.takeMoves()).toEqual([]);
    const survivor = engine.storyOf('a1')!;
    for (const id of aIds) expect(engine.resolve(id)).toBe(survivor);
    expect(Object.values(engine.redirects())).toContain(survivor);
    expect(engine.story(aIds[0])?.id).toBe(survivor);
  });

  it('a copy follows its original into the same story', () => {
    const engine = new StoryEngine();
    const original = engine.add(articles.original);
    const copy = engine.add(articles.copyWithFurniture);
    expect(copy.story).toBe(original.story);
  });

  it('snapshot → JSON → restore gives an engine that answers like the original', () => {
    const first = new StoryEngine();
    feed(first, background);
    feed(first, events.slice(0, 4));
    const json = JSON.stringify(first.snapshot());
    const second = new StoryEngine();
    second.restore(JSON.parse(json));
    expect(second.stories()).toEqual(first.stories());
    for (const next of [...events.slice(4), articles.copyWithFurniture, articles.teaser]) {
      expect(second.add(next)).toEqual(first.add(next));
    }
    expect(second.consolidate()).toEqual(first.consolidate());
    expect(second.stories()).toEqual(first.stories());
  });

  it('refuses a snapshot that is not one', () => {
    const engine = new StoryEngine();
    expect(() => engine.restore({} as never)).toThrow(/snapshot/);
  });

  it('retires stories that fall out of the time window', () => {
    const engine = new StoryEngine({ clustering: { windowDays: 1 }, copies: { windowDays: 1 } });
    engine.add({ ...articles.otherA, date: '2024-03-01T00:00:00Z' });
    expect(engine.liveStories).toBe(1);
    engine.add({ ...articles.otherB, date: '2024-03-05T00:00:00Z' });
    expect(engine.liveStories).toBe(1);
    expect(engine.stories()[0].articles).toEqual(['otherB']);
  });
});
