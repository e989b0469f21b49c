/**
 * Packed term vectors over interned term ids (see TermDictionary in terms.ts): article
 * vectors, story centroids, per-term postings and a top-k selection. They replace string-keyed
 * maps on the clusterer's hot paths; iteration and summation orders are those of the maps they
 * replace, so every score is bit-identical.
 */

/** An article vector: interned term ids in first-seen order with their (unit-length) weights. */
export interface DocVector {
  ids: Int32Array;
  w: Float64Array;
}

export function scatter(vec: DocVector, dense: Float64Array): void {
  for (let i = 0; i < vec.ids.length; i++) dense[vec.ids[i]] = vec.w[i];
}

export function clear(vec: DocVector, dense: Float64Array): void {
  for (let i = 0; i < vec.ids.length; i++) dense[vec.ids[i]] = 0;
}

/**
 * Dot product of `a` (already scattered into `aDense`) and `b`, summed in the term order of the
 * smaller vector (`a` on a tie), as the former map-based version did: results are bit-identical.
 */
export function dotScattered(a: DocVector, aDense: Float64Array, b: DocVector, bDense: Float64Array): number {
  let sum = 0;
  if (b.ids.length < a.ids.length) {
    for (let i = 0; i < b.ids.length; i++) {
      const o = aDense[b.ids[i]];
      if (o !== 0) sum += b.w[i] * o;
    }
    return sum;
  }
  scatter(b, bDense);
  for (let i = 0; i < a.ids.length; i++) {
    const o = bDense[a.ids[i]];
    if (o !== 0) sum += a.w[i] * o;
  }
  clear(b, bDense);
  return sum;
}

/** Golden-ratio multiplier for the open-addressing hash of term ids. */
const HASH_MULTIPLIER = 0x9e3779b1;

/**
 * Summed term weights (a story centroid): entries in insertion order, as a Map would iterate
 * them, plus an open-addressing table from term id to entry. Entries are only added, never
 * removed, so the table needs no tombstones.
 */
export class TermSums {
  /** Term ids in insertion order (the first `size` entries are used). */
  ids: Int32Array;
  /** Summed weight of `ids[i]`. */
  w: Float64Array;
  size = 0;
  /** Entry index + 1 per hash slot (0 = empty). */
  private slots: Int32Array;
  private shift: number;

  constructor(capacity = 32) {
    let bits = 5;
    while (1 << bits < 2 * capacity) bits++;
    this.slots = new Int32Array(1 << bits);
    this.shift = 32 - bits;
    this.ids = new Int32Array(1 << (bits - 1));
    this.w = new Float64Array(1 << (bits - 1));
  }

  /** Entry index of a term, or -1. */
  indexOf(id: number): number {
    const mask = this.slots.length - 1;
    for (let s = Math.imul(id, HASH_MULTIPLIER) >>> this.shift; ; s = (s + 1) & mask) {
      const entry = this.slots[s];
      if (entry === 0) return -1;
      if (this.ids[entry - 1] === id) return entry - 1;
    }
  }

  /** Adds `weight` to a term (a new term is appended) and returns the term's previous sum (0 when new). */
  add(id: number, weight: number): number {
    const mask = this.slots.length - 1;
    let s = Math.imul(id, HASH_MULTIPLIER) >>> this.shift;
    for (; ; s = (s + 1) & mask) {
      const entry = this.slots[s];
      if (entry === 0) break;
      if (this.ids[entry - 1] === id) {
        const old = this.w[entry - 1];
        this.w[entry - 1] = old + weight;
        return old;
      }
    }
    if (2 * (this.size + 1) > this.slots.length) {
      this.grow();
      return this.add(id, weight);
    }
    this.ids[this.size] = id;
    this.w[this.size] = weight;
    this.slots[s] = ++this.size;
    return 0;
  }

  private grow(): void {
    const bigger = new TermSums(2 * this.ids.length);
    bigger.ids.set(this.ids.subarray(0, this.size));
    bigger.w.set(this.w.subarray(0, this.size));
    bigger.size = this.size;
    const mask = bigger.slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let s = Math.imul(this.ids[i], HASH_MULTIPLIER) >>> bigger.shift;
      while (bigger.slots[s] !== 0) s = (s + 1) & mask;
      bigger.slots[s] = i + 1;
    }
    this.ids = bigger.ids;
    this.w = bigger.w;
    this.slots = bigger.slots;
    this.shift = bigger.shift;
  }
}

/** Dot product of an article and summed weights, in the order of the smaller side (the article on a tie). */
export function dotSums(vec: DocVector, sums: TermSums, dense: Float64Array): number {
  let sum = 0;
  if (vec.ids.length <= sums.size) {
    for (let i = 0; i < vec.ids.length; i++) {
      const at = sums.indexOf(vec.ids[i]);
      if (at >= 0) sum += vec.w[i] * sums.w[at];
    }
    return sum;
  }
  scatter(vec, dense);
  for (let i = 0; i < sums.size; i++) {
    const o = dense[sums.ids[i]];
    if (o !== 0) sum += sums.w[i] * o;
  }
  clear(vec, dense);
  return sum;
}

/** Dot product of two sums, iterating the smaller (`a` on a tie) in insertion order. */
export function dotBothSums(a: TermSums, b: TermSums): number {
  const small = a.size <= b.size ? a : b;
  const big = small === a ? b : a;
  let sum = 0;
  for (let i = 0; i < small.size; i++) {
    const at = big.indexOf(small.ids[i]);
    if (at >= 0) sum += small.w[i] * big.w[at];
  }
  return sum;
}

/**
 * Indices of the `k` largest scores, best first, ties in index order: what a stable sort of
 * all entries by score would give (partial selection, so a long list costs little).
 */
export function topIndices(scores: ArrayLike<number>, n: number, k: number): number[] {
  const byScore = (a: number, b: number) => scores[b] - scores[a] || a - b;
  const best: number[] = [];
  let floor = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    // A later entry tied with the k-th best ranks after it (index order): never in the top k.
    if (best.length >= k && scores[i] <= floor) continue;
    best.push(i);
    if (best.length > 2 * k) {
      best.sort(byScore);
      best.length = k;
      floor = scores[best[k - 1]];
    }
  }
  best.sort(byScore);
  if (best.length > k) best.length = k;
  return best;
}

/** Per-term postings indexed by term id (ids are dense, so an array beats a map). */
export class TermPostings<T> {
  private lists: Array<T | undefined> = [];

  get(id: number): T | undefined {
    return this.lists[id];
  }

  set(id: number, list: T): void {
    while (this.lists.length <= id) this.lists.push(undefined);
    this.lists[id] = list;
  }

  delete(id: number): void {
    this.lists[id] = undefined;
  }

  clear(): void {
    this.lists = [];
  }
}

/** An entry of a candidate index, with a scratch sum that is 0 between searches. */
export interface Accumulating {
  acc: number;
}

/**
 * The (at most) `k` entries of `postings` with the largest summed weight over the query's
 * `terms` (weights `weights`), best first, ties in first-touch order. Summed on the entries'
 * own `acc`, which is back at 0 afterwards.
 */
export function bestBySharedWeight<T extends Accumulating>(
  postings: TermPostings<Iterable<T>>,
  terms: number[],
  weights: number[],
  k: number,
): T[] {
  const touched: T[] = [];
  for (let t = 0; t < terms.length; t++) {
    const posting = postings.get(terms[t]);
    if (!posting) continue;
    const w = weights[t];
    for (const entry of posting) {
      if (entry.acc === 0) touched.push(entry);
      entry.acc += w;
    }
  }
  const shared = new Float64Array(touched.length);
  for (let i = 0; i < touched.length; i++) {
    shared[i] = touched[i].acc;
    touched[i].acc = 0;
  }
  return topIndices(shared, touched.length, k).map((i) => touched[i]);
}
