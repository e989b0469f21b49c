import { describe, expect, it } from 'vitest';
import { dotBothSums, TermSums, topIndices } from './vectors.js';

describe('vectors', () => {
  it('TermSums keeps insertion order and sums through growth, like a Map', () => {
    const sums = new TermSums(2);
    const map = new Map<number, number>();
    for (let i = 0; i < 500; i++) {
      const id = (i * 7919) % 211;
      const w = 1 + (i % 5);
      expect(sums.add(id, w)).toBe(map.get(id) ?? 0);
      map.set(id, (map.get(id) ?? 0) + w);
    }
    expect(Array.from(sums.ids.subarray(0, sums.size))).toEqual([...map.keys()]);
    expect(Array.from(sums.w.subarray(0, sums.size))).toEqual([...map.values()]);
    expect(sums.indexOf(999)).toBe(-1);
    expect(dotBothSums(sums, sums)).toBe([...map.values()].reduce((s, w) => s + w * w, 0));
  });

  it('topIndices ranks like a stable sort: best first, ties in index order', () => {
    const scores = [3, 1, 3, 2, 5, 3, 0, 5, 1, 3];
    const stable = scores
      .map((score, i) => ({ score, i }))
      .sort((a, b) => b.score - a.score)
      .map((e) => e.i);
    for (const k of [1, 2, 3, 4, 10, 20])
      expect(topIndices(scores, scores.length, k)).toEqual(stable.slice(0, k));
  });
});
