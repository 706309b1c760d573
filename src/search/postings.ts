/**
 * Bounded-memory accumulation of postings during the streaming pass. Each
 * posting is three u32 (term id, document number, field << 24 | tf), kept
 * in append-only blocks per hash bucket: no giant lunr.Builder object
 * graph, no re-copying when a list grows, and a shard is later read from
 * just its own buckets.
 */
export const BUCKETS = 4096;
const FIRST_BLOCK = 96; // postings
const MAX_BLOCK = 32_768;

class BlockList {
  readonly blocks: Uint32Array[] = [];
  private fill = 0;
  count = 0;

  push(term: number, doc: number, fieldTf: number): void {
    let last = this.blocks[this.blocks.length - 1];
    if (!last || this.fill === last.length) {
      const size = last ? Math.min(last.length * 2, MAX_BLOCK * 3) : FIRST_BLOCK * 3;
      last = new Uint32Array(size);
      this.blocks.push(last);
      this.fill = 0;
    }
    last[this.fill] = term;
    last[this.fill + 1] = doc;
    last[this.fill + 2] = fieldTf;
    this.fill += 3;
    this.count++;
  }

  /** Calls `fn` for every posting, in append order. */
  forEach(fn: (term: number, doc: number, fieldTf: number) => void): void {
    let left = this.count;
    for (const b of this.blocks) {
      const n = Math.min(left, b.length / 3);
      for (let i = 0; i < n * 3; i += 3) fn(b[i]!, b[i + 1]!, b[i + 2]!);
      left -= n;
    }
  }
}

export class PostingStore {
  private readonly buckets: BlockList[] = Array.from({ length: BUCKETS }, () => new BlockList());
  total = 0;

  add(bucket: number, term: number, doc: number, field: number, tf: number): void {
    this.buckets[bucket]!.push(term, doc, (field << 24) | Math.min(tf, 0xffffff));
    this.total++;
  }

  /** Postings of every bucket that folds into `shard` when there are `shardCount` shards. */
  forShard(shard: number, shardCount: number, fn: (term: number, doc: number, field: number, tf: number) => void): void {
    for (let b = shard; b < BUCKETS; b += shardCount) {
      this.buckets[b]!.forEach((term, doc, fieldTf) => fn(term, doc, fieldTf >>> 24, fieldTf & 0xffffff));
    }
  }

  /** Drops a shard's buckets once written, so memory falls as the write pass proceeds. */
  release(shard: number, shardCount: number): void {
    for (let b = shard; b < BUCKETS; b += shardCount) this.buckets[b] = new BlockList();
  }
}

/** Grows a Uint32Array by doubling; `get`/`inc` on a fixed index space that only extends. */
export class GrowableU32 {
  private buf = new Uint32Array(1024);
  length = 0;

  push(v: number): number {
    if (this.length === this.buf.length) {
      const next = new Uint32Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length] = v;
    return this.length++;
  }

  get(i: number): number {
    return this.buf[i]!;
  }

  inc(i: number): void {
    this.buf[i] = this.buf[i]! + 1;
  }
}
