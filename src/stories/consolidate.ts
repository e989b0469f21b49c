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

/**
 * Nearest-neighbour lists of docs 0..n-1, flat: doc i's neighbours (dense indices) and their
 * cosines are `to[k]`, `sim[k]` for k in start[i] .. start[i + 1] - 1, best first.
 */
export interface NeighbourLists {
  start: Int32Array;
  to: Int32Array;
  sim: Float64Array;
}

/** Returns a cluster label (dense) for every doc. */
export function snnClusters(lists: NeighbourLists, threshold: number): Int32Array {
  const profiles = neighbourProfiles(lists);
  const edges = snnEdges(profiles, invertProfiles(profiles));
  return averageLink(lists.start.length - 1, edges, threshold);
}

/**
 * Neighbour profile of each doc: the doc itself (weight 1) and its neighbours (their cosine),
 * unit length. Same layout as NeighbourLists; entry start[i] is the doc itself.
 */
function neighbourProfiles(lists: NeighbourLists): NeighbourLists {
  const n = lists.start.length - 1;
  const start = new Int32Array(n + 1);
  const to = new Int32Array(lists.to.length + n);
  const sim = new Float64Array(lists.to.length + n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    start[i] = at;
    to[at] = i;
    sim[at++] = 1;
    let norm2 = 1;
    for (let k = lists.start[i]; k < lists.start[i + 1]; k++) {
      to[at] = lists.to[k];
      sim[at++] = lists.sim[k];
      norm2 += lists.sim[k] * lists.sim[k];
    }
    const norm = Math.sqrt(norm2) || 1;
    for (let k = start[i]; k < at; k++) sim[k] = sim[k] / norm;
  }
  start[n] = to.length;
  return { start, to, sim };
}

/**
 * Inverted profiles: for each element x, the docs whose profile holds it (ascending doc order,
 * doc in `doc`, its profile weight in `w`); `slot[k]` is where profile entry k landed.
 */
interface Holders {
  start: Int32Array;
  doc: Int32Array;
  w: Float64Array;
  slot: Int32Array;
}

function invertProfiles(profiles: NeighbourLists): Holders {
  const n = profiles.start.length - 1;
  const entries = profiles.to.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < entries; k++) start[profiles.to[k] + 1]++;
  for (let x = 0; x < n; x++) start[x + 1] += start[x];
  const fill = start.slice(0, n);
  const doc = new Int32Array(entries);
  const w = new Float64Array(entries);
  const slot = new Int32Array(entries);
  for (let i = 0; i < n; i++) {
    for (let k = profiles.start[i]; k < profiles.start[i + 1]; k++) {
      const at = fill[profiles.to[k]]++;
      doc[at] = i;
      w[at] = profiles.sim[k];
      slot[k] = at;
    }
  }
  return { start, doc, w, slot };
}

/** Weighted edges (i < j), in creation order. */
interface Edges {
  i: Int32Array;
  j: Int32Array;
  s: Float64Array;
  length: number;
}

/**
 * Sparse SNN similarity (profile dot product) of every pair of docs sharing a profile element,
 * as edges (i < j) in the order the former nested-map version created them: sweeping the
 * elements x in order and, within holders[x], pairs (a, b) with a before b. Rows (i) come in
 * order of their first touch, each row's j in order of first touch, and every sum adds its
 * products in sweep order, so the edges, their order (which decides ties later) and their
 * values are identical. Computed row by row: row i's touches are the holders after i in each
 * of its profile elements, taken in element order.
 */
function snnEdges(profiles: NeighbourLists, holders: Holders): Edges {
  const n = profiles.start.length - 1;
  const acc = new Float64Array(n);
  /** i + 1 where j was touched in row i (first-touch test). */
  const touchedIn = new Int32Array(n);
  const rowStart = new Int32Array(n + 1);
  /** Element at which each row was first touched (-1: never). */
  const firstTouch = new Int32Array(n).fill(-1);
  let js: Int32Array = new Int32Array(1024);
  let sums: Float64Array = new Float64Array(1024);
  let count = 0;
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    rowStart[i] = count;
    const from = profiles.start[i];
    const to = profiles.start[i + 1];
    // Profile entries by element, ties in profile order (the order i was put into holders[x]).
    order.length = 0;
    for (let k = from; k < to; k++) {
      let at = order.length;
      while (at > 0 && profiles.to[order[at - 1]] > profiles.to[k]) at--;
      order.splice(at, 0, k);
    }
    for (const k of order) {
      const x = profiles.to[k];
      const wi = profiles.sim[k];
      for (let b = holders.slot[k] + 1; b < holders.start[x + 1]; b++) {
        const j = holders.doc[b];
        if (j === i) continue;
        if (touchedIn[j] !== i + 1) {
          touchedIn[j] = i + 1;
          if (count === js.length) {
            js = grownInt(js);
            sums = grownFloat(sums);
          }
          js[count++] = j;
          if (firstTouch[i] < 0) firstTouch[i] = x;
        }
        acc[j] += wi * holders.w[b];
      }
    }
    for (let e = rowStart[i]; e < count; e++) {
      sums[e] = acc[js[e]];
      acc[js[e]] = 0;
    }
  }
  rowStart[n] = count;
  // Rows by first touch (element order), ties by row: a counting sort.
  const byElement = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (firstTouch[i] >= 0) byElement[firstTouch[i] + 1]++;
  for (let x = 0; x < n; x++) byElement[x + 1] += byElement[x];
  const rows = new Int32Array(byElement[n]);
  for (let i = 0; i < n; i++) if (firstTouch[i] >= 0) rows[byElement[firstTouch[i]]++] = i;
  const edges: Edges = {
    i: new Int32Array(count),
    j: new Int32Array(count),
    s: new Float64Array(count),
    length: 0,
  };
  for (const i of rows) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      edges.i[edges.length] = i;
      edges.j[edges.length] = js[e];
      edges.s[edges.length++] = sums[e];
    }
  }
  return edges;
}
/**
 * Average-link agglomeration over the sparse graph (absent edges count as 0): the best pair of
 * clusters whose average similarity reaches the threshold merges, until none is left.
 * Each cluster's adjacency (summed similarity to each neighbouring cluster) is a linked list in
 * the insertion order a Map would keep (an updated entry keeps its place, a new one goes last,
 * the merged-away one is unlinked), because that order decides the heap's ties.
 */
function averageLink(n: number, edges: Edges, threshold: number): Int32Array {
  const graph = new Adjacency(n, 2 * edges.length);
  for (let e = 0; e < edges.length; e++) graph.link(edges.i[e], edges.j[e], edges.s[e]);
  const size = new Int32Array(n).fill(1);
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const version = new Int32Array(n);
  const heap = new MaxHeap();
  for (let i = 0; i < n; i++) {
    for (let e = graph.head[i]; e >= 0; e = graph.next[e]) {
      const j = graph.key[e];
      if (i < j && graph.value[e] >= threshold) heap.push(graph.value[e], i, j, 0, 0);
    }
  }
  while (heap.pop()) {
    const { a, b } = heap;
    if (parent[a] !== a || parent[b] !== b || version[a] !== heap.va || version[b] !== heap.vb) continue;
    // Merge the smaller adjacency into the larger.
    const [into, from] = graph.count[a] >= graph.count[b] ? [a, b] : [b, a];
    parent[from] = into;
    graph.merge(from, into);
    size[into] += size[from];
    version[into]++;
    for (let e = graph.head[into]; e >= 0; e = graph.next[e]) {
      const c = graph.key[e];
      const avg = graph.value[e] / (size[into] * size[c]);
      if (avg >= threshold) heap.push(avg, into, c, version[into], version[c]);
    }
  }
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = root(parent, i);
  return labels;
}

/** The root of x's tree, compressing the path on the way. */
function root(parent: Int32Array, x: number): number {
  let r = x;
  while (parent[r] !== r) r = parent[r];
  let c = x;
  while (parent[c] !== r) {
    const next = parent[c];
    parent[c] = r;
    c = next;
  }
  return r;
}

/**
 * Symmetric weighted adjacency of n clusters: per cluster a doubly linked list of entries
 * (neighbour `key`, summed `value`), each entry paired with its `twin` in the neighbour's list.
 * Entries live in flat arrays with a free list.
 */
class Adjacency {
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly count: Int32Array;
  key: Int32Array;
  value: Float64Array;
  next: Int32Array;
  prev: Int32Array;
  twin: Int32Array;
  private free = -1;
  private used = 0;
  /** Scratch for merge(): stamp and entry of each neighbour of the surviving cluster. */
  private readonly markStamp: Int32Array;
  private readonly markEntry: Int32Array;
  private stamp = 0;

  constructor(n: number, capacity: number) {
    this.head = new Int32Array(n).fill(-1);
    this.tail = new Int32Array(n).fill(-1);
    this.count = new Int32Array(n);
    const size = Math.max(16, capacity);
    this.key = new Int32Array(size);
    this.value = new Float64Array(size);
    this.next = new Int32Array(size);
    this.prev = new Int32Array(size);
    this.twin = new Int32Array(size);
    this.markStamp = new Int32Array(n);
    this.markEntry = new Int32Array(n);
  }

  /** A new edge between i and j: last in both lists. */
  link(i: number, j: number, value: number): void {
    const ij = this.append(i, j, value);
    const ji = this.append(j, i, value);
    this.twin[ij] = ji;
    this.twin[ji] = ij;
  }

  /**
   * Folds `from` into `into`, as the Map version did: drop the from-into edge; for each
   * neighbour c of `from` in order, add its similarity to into–c (appending the edge when new)
   * and remove c–from; finally empty `from`.
   */
  merge(from: number, into: number): void {
    const stamp = ++this.stamp;
    for (let e = this.head[into]; e >= 0; e = this.next[e]) {
      this.markStamp[this.key[e]] = stamp;
      this.markEntry[this.key[e]] = e;
    }
    if (this.markStamp[from] === stamp) {
      const e = this.markEntry[from];
      this.unlink(from, this.twin[e]);
      this.unlink(into, e);
    }
    for (let e = this.head[from]; e >= 0; ) {
      const following = this.next[e];
      const c = this.key[e];
      const s = this.value[e];
      this.unlink(c, this.twin[e]);
      if (this.markStamp[c] === stamp) {
        const intoC = this.markEntry[c];
        this.value[intoC] = this.value[intoC] + s;
        const cInto = this.twin[intoC];
        this.value[cInto] = this.value[cInto] + s;
      } else {
        this.link(into, c, 0 + s);
      }
      this.unlink(from, e);
      e = following;
    }
  }

  private append(node: number, key: number, value: number): number {
    const e = this.allocate();
    this.key[e] = key;
    this.value[e] = value;
    this.next[e] = -1;
    this.prev[e] = this.tail[node];
    if (this.tail[node] >= 0) this.next[this.tail[node]] = e;
    else this.head[node] = e;
    this.tail[node] = e;
    this.count[node]++;
    return e;
  }

  private unlink(node: number, e: number): void {
    const before = this.prev[e];
    const after = this.next[e];
    if (before >= 0) this.next[before] = after;
    else this.head[node] = after;
    if (after >= 0) this.prev[after] = before;
    else this.tail[node] = before;
    this.count[node]--;
    this.next[e] = this.free;
    this.free = e;
  }

  private allocate(): number {
    if (this.free >= 0) {
      const e = this.free;
      this.free = this.next[e];
      return e;
    }
    if (this.used === this.key.length) this.grow();
    return this.used++;
  }

  private grow(): void {
    const size = 2 * this.key.length;
    const widenInt = (a: Int32Array) => {
      const out = new Int32Array(size);
      out.set(a);
      return out;
    };
    this.key = widenInt(this.key);
    this.next = widenInt(this.next);
    this.prev = widenInt(this.prev);
    this.twin = widenInt(this.twin);
    const value = new Float64Array(size);
    value.set(this.value);
    this.value = value;
  }
}

function grownInt(a: Int32Array): Int32Array {
  const out = new Int32Array(2 * a.length);
  out.set(a);
  return out;
}

function grownFloat(a: Float64Array): Float64Array {
  const out = new Float64Array(2 * a.length);
  out.set(a);
  return out;
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
