/**
 * Matching documents in rank order (score descending, then document number
 * ascending, as lunr orders them), sorted lazily: a common word matches most
 * of a 100k-document index, and sorting all of it to show ten results is most
 * of a query's time. Only as much of the front as has been asked for is put in
 * order; the rest stays unsorted until a later page needs it.
 */
export interface Ranked {
  ref: number;
  score: number;
  terms: string[];
}

export class RankedList {
  /** ids[0, sorted) hold the best `sorted` documents, in order. */
  private sorted: number;

  constructor(
    private readonly ids: Int32Array,
    /** Score per document number (indexed by ref, not by position). */
    private readonly scores: Float64Array,
    readonly terms: string[],
    sorted = 0,
  ) {
    this.sorted = Math.min(sorted, ids.length);
  }

  /** A list whose order is already final (e.g. what lunr returned). */
  static ordered(entries: readonly { ref: number; score: number }[], docCount: number, terms: string[]): RankedList {
    const scores = new Float64Array(docCount);
    for (const e of entries) scores[e.ref] = e.score;
    return new RankedList(Int32Array.from(entries, (e) => e.ref), scores, terms, entries.length);
  }

  static empty(): RankedList {
    return new RankedList(new Int32Array(0), new Float64Array(0), [], 0);
  }

  get length(): number {
    return this.ids.length;
  }

  /** Entries [start, end) in rank order. */
  slice(start: number, end: number = this.ids.length): Ranked[] {
    const stop = Math.min(end, this.ids.length);
    this.ensure(stop);
    const out: Ranked[] = [];
    for (let i = Math.max(0, start); i < stop; i++) out.push(this.entry(this.ids[i]!));
    return out;
  }

  toArray(): Ranked[] {
    return this.slice(0);
  }

  /** The documents passing `keep`, in the same order (the sorted front stays sorted). */
  filter(keep: (ref: number) => boolean): RankedList {
    const front = this.ids.subarray(0, this.sorted).filter(keep);
    const rest = this.ids.subarray(this.sorted).filter(keep);
    const ids = new Int32Array(front.length + rest.length);
    ids.set(front);
    ids.set(rest, front.length);
    return new RankedList(ids, this.scores, this.terms, front.length);
  }

  private entry(ref: number): Ranked {
    return { ref, score: this.scores[ref]!, terms: this.terms };
  }

  /** True when document a ranks before document b. */
  private before = (a: number, b: number): boolean => {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa > sb || (sa === sb && a < b);
  };

  /** Puts the best `k` documents, in order, at the front. */
  private ensure(k: number): void {
    if (k <= this.sorted) return;
    const { ids } = this;
    // Ask for a little more than needed, so paging through results does not select again each time.
    const want = Math.min(ids.length, Math.max(k, this.sorted * 2, 64));
    const rest = ids.subarray(this.sorted);
    const m = want - this.sorted;
    const cmp = (a: number, b: number) => (this.before(a, b) ? -1 : this.before(b, a) ? 1 : 0);
    if (m * 4 >= rest.length) {
      rest.sort(cmp);
    } else {
      // A min-heap (worst at the root) of the best m seen so far.
      const heap = new Int32Array(m);
      let size = 0;
      const worse = (i: number, j: number) => this.before(heap[j]!, heap[i]!);
      const down = (i: number) => {
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let w = i;
          if (l < size && worse(l, w)) w = l;
          if (r < size && worse(r, w)) w = r;
          if (w === i) return;
          [heap[i], heap[w]] = [heap[w]!, heap[i]!];
          i = w;
        }
      };
      const up = (i: number) => {
        while (i > 0) {
          const p = (i - 1) >> 1;
          if (!worse(i, p)) return;
          [heap[i], heap[p]] = [heap[p]!, heap[i]!];
          i = p;
        }
      };
      for (const d of rest) {
        if (size < m) {
          heap[size++] = d;
          up(size - 1);
        } else if (this.before(d, heap[0]!)) {
          heap[0] = d;
          down(0);
        }
      }
      const chosen = new Set(heap);
      const others = rest.filter((d) => !chosen.has(d));
      heap.sort(cmp);
      rest.set(heap);
      rest.set(others, m);
    }
    this.sorted = want;
  }
}
