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
        const ea = list[a];
        const eb = list[b];
        if (ea[0] === eb[0]) continue;
        const swap = ea[0] > eb[0];
        const i = swap ? eb[0] : ea[0];
        const j = swap ? ea[0] : eb[0];
        const wi = swap ? eb[1] : ea[1];
        const wj = swap ? ea[1] : eb[1];
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
  while (heap.pop()) {
    const { a, b } = heap;
    if (parent[a] !== a || parent[b] !== b || version[a] !== heap.va || version[b] !== heap.vb) continue;
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

/**
 * Max-heap of candidate merges in parallel typed arrays (no object per entry: the
 * consolidation pushes many). Same comparisons and swaps as an array of objects.
 */
class MaxHeap {
  private score = new Float64Array(1024);
  private ab = new Int32Array(4 * 1024);
  private length = 0;
  /** The entry taken by the last pop(). */
  a = 0;
  b = 0;
  va = 0;
  vb = 0;
  get size(): number {
    return this.length;
  }
  push(score: number, a: number, b: number, va: number, vb: number): void {
    if (this.length === this.score.length) {
      const grownScore = new Float64Array(2 * this.score.length);
      grownScore.set(this.score);
      this.score = grownScore;
      const grownAb = new Int32Array(2 * this.ab.length);
      grownAb.set(this.ab);
      this.ab = grownAb;
    }
    let i = this.length++;
    this.score[i] = score;
    this.ab[4 * i] = a;
    this.ab[4 * i + 1] = b;
    this.ab[4 * i + 2] = va;
    this.ab[4 * i + 3] = vb;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.score[p] >= this.score[i]) break;
      this.swap(p, i);
      i = p;
    }
  }
  /** Removes the best entry into a / b / va / vb; false when empty. */
  pop(): boolean {
    if (this.length === 0) return false;
    const ab = this.ab;
    this.a = ab[0];
    this.b = ab[1];
    this.va = ab[2];
    this.vb = ab[3];
    const last = --this.length;
    if (last > 0) {
      this.score[0] = this.score[last];
      ab[0] = ab[4 * last];
      ab[1] = ab[4 * last + 1];
      ab[2] = ab[4 * last + 2];
      ab[3] = ab[4 * last + 3];
      const score = this.score;
      const n = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && score[l] > score[m]) m = l;
        if (r < n && score[r] > score[m]) m = r;
        if (m === i) break;
        this.swap(m, i);
        i = m;
      }
    }
    return true;
  }
  private swap(x: number, y: number): void {
    const s = this.score[x];
    this.score[x] = this.score[y];
    this.score[y] = s;
    const ab = this.ab;
    for (let k = 0; k < 4; k++) {
      const t = ab[4 * x + k];
      ab[4 * x + k] = ab[4 * y + k];
      ab[4 * y + k] = t;
    }
  }
}
