import { createHash, type Hash } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { maskEmail } from '../model/person.ts';
import { Analyzer } from './analyze.ts';
import { fnv1a, prefixKey, shardName } from './hash.ts';
import { BUCKETS, GrowableU32, PostingStore } from './postings.ts';
import { encodeShard, type TermPostings } from './shard-format.ts';
import { FIELDS, KIND_BOOST, type SearchDoc, type SearchManifest, type StoredDoc } from './types.ts';

/**
 * Builds the sharded index in two passes without ever holding a lunr.Builder:
 * `add` streams documents (terms get lunr's term index in first-seen order,
 * postings go to hash buckets, stored documents are written chunk by chunk),
 * `finish` computes lunr's BM25 field-vector entries shard by shard and
 * writes them. Scores equal `lunr(function () { ref; field(title, {boost}); … })`
 * on the same documents in the same order; search.test.ts checks that.
 */
export interface BuildOptions {
  /** Power of two ≤ 4096; by default about one shard per 40 documents, 16–1024. */
  shardCount?: number;
  chunkSize?: number;
  prefixLength?: number;
  /** Characters of the body kept in the document store for snippets. */
  storedTextChars?: number;
}

export interface BuildStats {
  docs: number;
  terms: number;
  postings: number;
  files: number;
  bytes: number;
  ms: number;
}

const K1 = 1.2;
const B = 0.75;

export class SearchIndexBuilder {
  private readonly analyzer = new Analyzer();
  private readonly termIds = new Map<string, number>();
  private readonly termList: string[] = [];
  /** lunr's "documents with term": summed over fields, like lunr.idf. */
  private readonly termDf = new GrowableU32();
  private readonly postings = new PostingStore();
  private readonly fieldLengths = FIELDS.map(() => new GrowableU32());
  private readonly fieldTotals = FIELDS.map(() => 0);
  private readonly facets = { source: new Values(), project: new Values(), kind: new Values() };
  private readonly docFacets = { source: new GrowableU32(), project: new GrowableU32(), kind: new GrowableU32() };
  private readonly hash: Hash = createHash('sha256');
  private readonly tmp: string;
  private readonly chunkSize: number;
  private readonly prefixLength: number;
  private readonly storedTextChars: number;
  private chunk: StoredDoc[] = [];
  private docCount = 0;
  private files = 0;
  private bytes = 0;
  private readonly started = Date.now();

  /** `outRoot` is the search folder of the site, e.g. `dist/search`. */
  constructor(
    private readonly outRoot: string,
    private readonly options: BuildOptions = {},
  ) {
    this.chunkSize = options.chunkSize ?? 8;
    this.prefixLength = options.prefixLength ?? 2;
    this.storedTextChars = options.storedTextChars ?? 700;
    this.tmp = join(outRoot, `.building-${process.pid}`);
  }

  async add(input: SearchDoc): Promise<void> {
    const doc = { ...input, title: maskEmail(input.title), body: maskEmail(input.body), people: input.people && maskEmail(input.people) };
    if (this.docCount === 0) await rm(this.tmp, { recursive: true, force: true });
    const n = this.docCount++;
    FIELDS.forEach((field, f) => {
      const terms = this.analyzer.terms(doc[field.name], field.name);
      this.fieldLengths[f]!.push(terms.length);
      this.fieldTotals[f]! += terms.length;
      const tf = new Map<string, number>();
      for (const term of terms) {
        if (!this.termIds.has(term)) {
          this.termIds.set(term, this.termList.length);
          this.termList.push(term);
          this.termDf.push(0);
        }
        tf.set(term, (tf.get(term) ?? 0) + 1);
      }
      for (const [term, count] of tf) {
        const id = this.termIds.get(term)!;
        this.termDf.inc(id);
        this.postings.add(fnv1a(term) & (BUCKETS - 1), id, n, f, count);
      }
    });
    this.docFacets.source.push(this.facets.source.indexOf(doc.source));
    this.docFacets.project.push(doc.project ? this.facets.project.indexOf(doc.project) + 1 : 0);
    this.docFacets.kind.push(this.facets.kind.indexOf(doc.kind));
    const stored: StoredDoc = [doc.title, doc.path, doc.source, doc.project ?? '', doc.kind, doc.date, doc.status ?? '', clip(doc.body, this.storedTextChars)];
    if (doc.byline) stored.push(doc.byline);
    this.chunk.push(stored);
    if (this.chunk.length === this.chunkSize) await this.flushChunk();
  }

  /** Writes shards, prefix dictionaries, facets and finally the manifest; returns it with figures. */
  async finish(): Promise<{ manifest: SearchManifest; stats: BuildStats }> {
    if (this.chunk.length) await this.flushChunk();
    const shardCount = this.options.shardCount ?? defaultShardCount(this.docCount);
    if (!(shardCount >= 1 && shardCount <= BUCKETS && (shardCount & (shardCount - 1)) === 0)) {
      throw new Error(`search index: shardCount must be a power of two between 1 and ${BUCKETS}, got ${shardCount}`);
    }
    const avg = this.fieldTotals.map((total) => total / Math.max(1, this.docCount));
    for (let s = 0; s < shardCount; s++) {
      await this.put(`t/${shardName(s)}.bin`, encodeShard(this.shardTerms(s, shardCount, avg), FIELDS.length));
      this.postings.release(s, shardCount);
    }
    await this.writePrefixes();
    await this.put('facets.bin', this.facetBytes());

    const buildId = this.hash.digest('hex').slice(0, 12);
    const dir = join(this.outRoot, buildId);
    await rm(dir, { recursive: true, force: true });
    await mkdir(this.tmp, { recursive: true });
    await rename(this.tmp, dir);
    for (const e of await readdir(this.outRoot, { withFileTypes: true })) {
      if (e.isDirectory() && /^[0-9a-f]{12}$/.test(e.name) && e.name !== buildId) await rm(join(this.outRoot, e.name), { recursive: true, force: true });
    }
    const manifest: SearchManifest = {
      version: 1,
      buildId,
      dir: `${buildId}/`,
      docCount: this.docCount,
      fields: FIELDS.map((f) => f.name),
      shardCount,
      chunkSize: this.chunkSize,
      prefixLength: this.prefixLength,
      sources: this.facets.source.list,
      projects: this.facets.project.list,
      kinds: this.facets.kind.list,
    };
    const text = `${JSON.stringify(manifest)}\n`;
    await writeFile(join(this.outRoot, 'manifest.json'), text);
    this.files++;
    this.bytes += Buffer.byteLength(text);
    const stats: BuildStats = { docs: this.docCount, terms: this.termList.length, postings: this.postings.total, files: this.files, bytes: this.bytes, ms: Date.now() - this.started };
    return { manifest, stats };
  }

  /** The terms of one shard with lunr's field-vector entries, sorted by term. */
  private shardTerms(shard: number, shardCount: number, avg: number[]): TermPostings[] {
    const byTerm = new Map<number, TermPostings>();
    const idfCache = new Map<number, number>();
    // Per kind index, the document boost (1 for most): looked up once, not per posting.
    const kindBoost = this.facets.kind.list.map((k) => KIND_BOOST[k] ?? 1);
    this.postings.forShard(shard, shardCount, (id, doc, f, tf) => {
      let t = byTerm.get(id);
      if (!t) {
        t = { term: this.termList[id]!, index: id, fields: FIELDS.map(() => ({ docs: [], scores: [] })) };
        byTerm.set(id, t);
      }
      let idf = idfCache.get(id);
      if (idf === undefined) {
        // lunr.idf, verbatim.
        const withTerm = this.termDf.get(id);
        const x = (this.docCount - withTerm + 0.5) / (withTerm + 0.5);
        idf = Math.log(1 + Math.abs(x));
        idfCache.set(id, idf);
      }
      // lunr.Builder#createFieldVectors, same operations in the same order, so the floats match.
      const len = this.fieldLengths[f]!.get(doc);
      let score = (idf * ((K1 + 1) * tf)) / (K1 * (1 - B + B * (len / avg[f]!)) + tf);
      score *= FIELDS[f]!.boost;
      // lunr multiplies by the document's boost after the field's, in this order.
      const boost = kindBoost[this.docFacets.kind.get(doc)]!;
      if (boost !== 1) score *= boost;
      const fp = t.fields[f]!;
      fp.docs.push(doc);
      fp.scores.push(Math.round(score * 1000));
    });
    // Buckets are appended in document order, so each field's documents are already ascending.
    return [...byTerm.values()].sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  }

  /** `p/<hex prefix>.json`: sorted `[term, documents-with-term]` for `word*` expansion. */
  private async writePrefixes(): Promise<void> {
    const groups = new Map<string, [string, number][]>();
    this.termList.forEach((term, id) => {
      const key = prefixKey(term, this.prefixLength);
      let g = groups.get(key);
      if (!g) groups.set(key, (g = []));
      g.push([term, this.termDf.get(id)]);
    });
    for (const key of [...groups.keys()].sort()) {
      const list = groups.get(key)!.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      await this.put(`p/${key || '_'}.json`, JSON.stringify(list));
    }
  }

  /** u16 little-endian per document: source index, project index + 1 (0 = none), kind index. */
  private facetBytes(): Uint8Array {
    const out = new Uint8Array(this.docCount * 6);
    const view = new DataView(out.buffer);
    const cols = [this.docFacets.source, this.docFacets.project, this.docFacets.kind];
    cols.forEach((col, c) => {
      for (let i = 0; i < this.docCount; i++) view.setUint16((c * this.docCount + i) * 2, Math.min(col.get(i), 0xffff), true);
    });
    return out;
  }

  private async flushChunk(): Promise<void> {
    const n = Math.floor((this.docCount - 1) / this.chunkSize);
    await this.put(`c/${n}.json`, JSON.stringify(this.chunk));
    this.chunk = [];
  }

  private async put(rel: string, data: string | Uint8Array): Promise<void> {
    const path = join(this.tmp, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
    this.hash.update(rel).update(data);
    this.files++;
    this.bytes += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
  }
}

/** Interned facet values in first-seen order. */
class Values {
  readonly list: string[] = [];
  private readonly ids = new Map<string, number>();
  indexOf(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

export function defaultShardCount(docs: number): number {
  let s = 16;
  while (s < 1024 && s * 40 < docs) s *= 2;
  return s;
}

/** The first `max` characters, cut at a space when one is near. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf(' ', max);
  return `${text.slice(0, cut > max * 0.8 ? cut : max)}…`;
}

/** Builds the index of `docs` into `outRoot` (e.g. `dist/search`). */
export async function buildSearchIndex(docs: AsyncIterable<SearchDoc> | Iterable<SearchDoc>, outRoot: string, options?: BuildOptions) {
  const builder = new SearchIndexBuilder(outRoot, options);
  for await (const doc of docs) await builder.add(doc);
  return builder.finish();
}
