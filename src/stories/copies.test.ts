import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoryInput } from '../model/story.js';
import { StoryEngine } from './engine.js';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/stories');
const articles = JSON.parse(fs.readFileSync(path.join(fixtures, 'articles.json'), 'utf8')) as Record<
  string,
  StoryInput
>;

describe('copies', () => {
  it('a copy with byline, boilerplate, a repeated paragraph, a caption and a footer joins its original', () => {
    const engine = new StoryEngine();
    const original = engine.add(articles.original);
    const copy = engine.add(articles.copyWithFurniture);
    expect(copy.copyGroup).toBe(original.copyGroup);
    expect(copy.copyOf).toBe('orig');
    expect(copy.story).toBe(original.story);
    expect(original.copyOf).toBeUndefined();
  });

  it('a one-paragraph teaser joins its full article', () => {
    const engine = new StoryEngine();
    engine.add(articles.original);
    const teaser = engine.add(articles.teaser);
    expect(teaser.copyOf).toBe('orig');
  });

  it('a digest of several leads joins none of them, and does not chain them together', () => {
    const engine = new StoryEngine();
    const groups = [articles.original, articles.otherA, articles.otherB].map((a) => engine.add(a).copyGroup);
    const digest = engine.add(articles.digest);
    expect(groups).not.toContain(digest.copyGroup);
    expect(digest.copyOf).toBeUndefined();
    // A teaser of one source arriving after the digest joins the source, not the digest.
    const teaser = engine.add(articles.teaser);
    expect(teaser.copyGroup).toBe(groups[0]);
    expect(new Set(groups).size).toBe(3);
  });

  it('an explicit credit wins over text, even when the texts share little', () => {
    const engine = new StoryEngine();
    engine.add(articles.original);
    const credited = engine.add(articles.credited);
    expect(credited.copyOf).toBe('orig');
  });

  it('a credit to an original not seen yet makes the original the representative when it arrives', () => {
    const engine = new StoryEngine();
    const credited = engine.add(articles.credited);
    const original = engine.add(articles.original);
    expect(original.copyGroup).toBe(credited.copyGroup);
    expect(engine.copyGroup('credited')?.representative).toBe('orig');
  });

  it('the same article under an AMP / mobile / tracking URL is one copy group', () => {
    const engine = new StoryEngine();
    engine.add(articles.original);
    const amp = engine.add(articles.ampVariant);
    expect(amp.copyOf).toBe('orig');
  });

  it('unrelated articles stay in their own groups', () => {
    const engine = new StoryEngine();
    const ids = [articles.original, articles.otherA, articles.otherB].map((a) => engine.add(a));
    for (const a of ids) expect(a.copyGroup).toBe(a.id);
  });

  it('a tiny teaser under the same specific headline joins the article, even with no sentence of it', () => {
    const engine = new StoryEngine();
    engine.add(articles.original);
    engine.add(articles.otherA);
    const teaser = engine.add({
      id: 'tiny',
      source: 'eastfield.example',
      date: '2024-03-04T14:00:00Z',
      title: 'FERRY CREWS ON LAKE VARDEN WALK OUT OVER NEW ROTA',
      text: `Published March 4, 2024\n\nMore from Eastfield: ${firstSentence(articles.otherB.text)}`,
    });
    expect(teaser.copyOf).toBe('orig');
  });

  it('a wire status prefix ("UPDATE 2-") is not part of the headline', () => {
    const engine = new StoryEngine();
    engine.add(articles.original);
    const teaser = engine.add({
      id: 'wire',
      source: 'eastfield.example',
      date: '2024-03-04T14:00:00Z',
      title: `UPDATE 2-${articles.original.title}`,
      text: 'Published March 4, 2024. Sign up for our newsletter.',
    });
    expect(teaser.copyOf).toBe('orig');
  });

  it("another outlet's own article under the same headline is not a copy", () => {
    const engine = new StoryEngine();
    engine.add(articles.original);
    const own = engine.add({
      id: 'own',
      source: 'eastfield.example',
      date: '2024-03-04T14:00:00Z',
      title: articles.original.title,
      text: articles.otherA.text,
    });
    expect(own.copyGroup).toBe('own');
    expect(own.copyOf).toBeUndefined();
  });

  it('an article with one "Related" item of another article is still a copy of its own original', () => {
    const engine = new StoryEngine();
    engine.add(articles.original);
    engine.add(articles.otherA);
    const copy = engine.add({
      id: 'related',
      source: 'eastfield.example',
      date: '2024-03-04T14:00:00Z',
      title: articles.original.title,
      text: `${firstSentence(articles.original.text)}\n\nRELATED: ${firstSentence(articles.otherA.text)}`,
    });
    expect(copy.copyOf).toBe('orig');
  });

  it('an edited article added again under its id does not break matching after it leaves the window', () => {
    const engine = new StoryEngine();
    engine.add({ ...articles.original, date: '2024-03-01T10:00:00Z' });
    engine.add({
      ...articles.original,
      date: '2024-03-01T11:00:00Z',
      text: `${articles.original.text}\n\nThis article was updated with a correction.`,
    });
    // Both versions left the copy window (4 days); a copy of the first one arrives.
    const late = { ...articles.copyWithFurniture, id: 'late', date: '2024-03-07T10:00:00Z' };
    expect(() => engine.add(late)).not.toThrow();
  });

  it('a word that names an Object property ("constructor") is an ordinary token', () => {
    const engine = new StoryEngine();
    const text = 'The constructor said on Monday that the new car would be ready for the season opener.';
    expect(() => engine.add({ id: 'c1', title: 'Team hires a new constructor', text })).not.toThrow();
    expect(engine.add({ id: 'c2', title: 'Team hires a new constructor', text }).copyOf).toBe('c1');
  });

  it('rejects an article without id or with a bad date, naming it', () => {
    const engine = new StoryEngine();
    expect(() => engine.add({ id: '', title: 't', text: 'x' })).toThrow(/id/);
    expect(() => engine.add({ id: 'x1', title: 't', text: 'x', date: 'yesterday-ish' })).toThrow(/x1/);
  });
});

function firstSentence(text: string): string {
  return text.split(/(?<=\.)\s/)[0];
}
