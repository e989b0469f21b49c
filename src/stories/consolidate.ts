/**
 * Window consolidation: re-clusters the live articles from their nearest-neighbour lists.
 *
 * Two articles about the same event are close, but so are two look-alike events (two rehab
 * check-ins, two earthquakes) on topic words. What separates them is who their neighbours
 * are: articles of one event have the same neighbours. Shared-nearest-neighbour similarity
 * (the cosine between two articles' neighbour profiles) turns that into a number; average-link
 * agglomerative clustering over it, restricted to the sparse neighbour graph, gives the
 * stories. Single-pass assignment answers at arrival; consolidation repairs what arrival
 * order got wrong (merges and splits).
 */

export interface NeighbourDoc {
  /** Dense index 0..n-1. */
  index: number;
  /** Nearest neighbours (dense indices) with their cosine, best first. */
  neighbours: Array<[number, number]>;
}

/** Returns a cluster label (dense) for every doc. */
export function snnClusters(docs: NeighbourDoc[], threshold: number): number[] {
  const n = docs.length;
  // Neighbour profile: the doc itself (weight 1) and its neighbours (their cosine), unit length.
  const profiles: Array<Array<[number, number]>> = docs.map((d) => {
    const entries: Array<[number, number]> = [[d.index, 1], ...d.neighbours];
    let norm2 = 0;
    for (const [, w] of entries) norm2 += w * w;
    const norm = Math.sqrt(norm2) || 1;
    return entries.map(([j, w]) => [j, w / norm] as [number, number]);
  });
  // Inverted profiles: element → docs whose profile holds it.
  const holders: Array<Array<[number, number]>> = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) for (const [j, w] of profiles[i]) holders[j].push([i, w]);
  // Sparse SNN similarity on pairs sharing a profile element.
  const edges = new Map<number, Map<number, number>>();
  for (let x = 0; x < n; x++) {
    const list = holders[x];
    for (let a = 0; a < list.length; a++) {
      for (let b = a + 1; b < list.length; b++) {
        let [i, wi] = list[a];
        let [j, wj] = list[b];
        if (i === j) continue;
        if (i > j) [i, j, wi, wj] = [j, i, wj, wi];
        let row = edges.get(i);
        if (!row) {
          row = new Map();
          edges.set(i, row);
        }
        row.set(j, (row.get(j) ?? 0) + wi * wj);
      }
    }
  }
  // Average-link agglomeration over the sparse graph (absent edges count as 0).
  const size = new Array<number>(n).fill(1);
  const adjacency: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  for (const [i, row] of edges) {
    for (const [j, s] of row) {
      adjacency[i].set(j, s);
      adjacency[j].set(i, s);
    }
  }
  const parent = Array.from({ length: n }, (_, i) => i);
  const version = new Array<number>(n).fill(0);
  const heap = new MaxHeap();
  for (let i = 0; i < n; i++) {
    for (const [j, s] of adjacency[i]) if (i < j && s >= threshold) heap.push(s, i, j, 0, 0);
  }
  while (heap.size > 0) {
    const top = heap.pop()!;
    const { a, b } = top;
    if (parent[a] !== a || parent[b] !== b || version[a] !== top.va || version[b] !== top.vb) continue;
    // Merge the smaller adjacency into the larger.
    const [into, from] = adjacency[a].size >= adjacency[b].size ? [a, b] : [b, a];
    parent[from] = into;
    adjacency[into].delete(from);
    adjacency[from].delete(into);
    for (const [c, s] of adjacency[from]) {
      adjacency[into].set(c, (adjacency[into].get(c) ?? 0) + s);
      const back = adjacency[c];
      back.delete(from);
      back.set(into, (back.get(into) ?? 0) + s);
    }
    adjacency[from].clear();
    size[into] += size[from];
    version[into]++;
    for (const [c, s] of adjacency[into]) {
      const avg = s / (size[into] * size[c]);
      if (avg >= threshold) heap.push(avg, into, c, version[into], version[c]);
    }
  }
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== r) r = parent[r];
    let c = x;
    while (parent[c] !== r) {
      const next = parent[c];
      parent[c] = r;
      c = next;
    }
    return r;
  };
  return docs.map((d) => find(d.index));
}

interface HeapItem {
  score: number;
  a: number;
  b: number;
  va: number;
  vb: number;
}

class MaxHeap {
  private items: HeapItem[] = [];
  get size(): number {
    return this.items.length;
  }
  push(score: number, a: number, b: number, va: number, vb: number): void {
    const items = this.items;
    items.push({ score, a, b, va, vb });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (items[p].score >= items[i].score) break;
      [items[p], items[i]] = [items[i], items[p]];
      i = p;
    }
  }
  pop(): HeapItem | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0];
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && items[l].score > items[m].score) m = l;
        if (r < items.length && items[r].score > items[m].score) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i], items[m]];
        i = m;
      }
    }
    return top;
  }
}
