/**
 * Where a term lives. Both the builder (Node) and the worker (browser) call
 * these, so they must stay pure and byte-for-byte identical on both sides.
 */

/** 32-bit FNV-1a over UTF-16 code units: cheap, well spread, no dependencies. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Shard of a pipeline-processed (stemmed) term; `shardCount` is a power of two. */
export function shardOf(term: string, shardCount: number): number {
  return fnv1a(term) & (shardCount - 1);
}

/** File-name-safe key of a term's first `length` characters: the hex of their UTF-8 bytes. */
export function prefixKey(term: string, length: number): string {
  const prefix = Array.from(term).slice(0, length).join('');
  let out = '';
  for (const b of new TextEncoder().encode(prefix)) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Zero-padded shard file name, so listings sort. */
export function shardName(shard: number): string {
  return shard.toString(16).padStart(3, '0');
}
