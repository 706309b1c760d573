import lunr from 'lunr';
import { queryPipeline } from './analyze.ts';
import { tokenSetFromArray } from './lunr-internals.ts';
import { prefixKey, shardName, shardOf } from './hash.ts';
import { matcher, planQuery } from './query.ts';
import { RankedList } from './ranked-list.ts';
import { scoreQuery, type Ranked as RankedResult } from './score.ts';
import { decodeShard, type TermPostings } from './shard-format.ts';
import { highlight, snippet, type Segment } from './snippet.ts';
import { MAX_PREFIX_EXPANSIONS, type SearchManifest, type StoredDoc } from './types.ts';

/**
 * The query side, shared by the Web Worker and the benchmark: fetch the
 * manifest, the shards of the query's terms and the document chunks of the
 * results shown, then let lunr score. For each query a `lunr.Index` is
 * assembled from just the loaded terms: lunr scores a document field as
 * dot(query vector, field vector) / |query vector|, and the dot product only
 * touches the query's terms, so the partial field vectors give the same
 * refs and scores as the monolithic index.
 */

/** Reads a file under the search root (`manifest.json`, `<dir>t/00a.bin`); undefined when absent. */
export type Fetcher = (path: string) => Promise<Uint8Array | undefined>;

export interface SearchRequest {
  q: string;
  /** Only documents of this kind (`change`, `person`, `project`; a value of the manifest's `kinds`). */
  kind?: string;
  source?: string;
  project?: string;
  offset?: number;
  limit?: number;
}

export interface SearchHit {
  /** Document number. */
  n: number;
  score: number;
  title: Segment[];
  path: string;
  source: string;
  project: string;
  kind: string;
  date: string;
  status: string;
  /** Who wrote it, when the page is by one person. */
  byline?: string;
  snippet: Segment[];
}

export interface SearchResponse {
  q: string;
  total: number;
  offset: number;
  hits: SearchHit[];
  notices: string[];
  error?: string;
}

export type { Ranked as RankedResult } from './score.ts';

const decoder = new TextDecoder();

export class SearchEngine {
  private manifestPromise?: Promise<SearchManifest>;
  private readonly shards = new Map<number, Promise<Map<string, TermPostings>>>();
  private readonly prefixes = new Map<string, Promise<[string, number][]>>();
  private readonly chunks = new Map<number, Promise<StoredDoc[]>>();
  private facets?: Promise<Uint16Array>;
  private last?: { q: string; ranked: RankedList; notices: string[] };

  constructor(
    private readonly fetcher: Fetcher,
    private readonly options: { alwaysLunr?: boolean } = {},
  ) {}

  manifest(): Promise<SearchManifest> {
    this.manifestPromise ??= this.fetcher('manifest.json').then((bytes) => {
      if (!bytes) throw new Error('search index not found (manifest.json is missing; was the site built with the search integration?)');
      return JSON.parse(decoder.decode(bytes)) as SearchManifest;
    });
    return this.manifestPromise;
  }

  async search(req: SearchRequest): Promise<SearchResponse> {
    const m = await this.manifest();
    const offset = Math.max(0, req.offset ?? 0);
    const limit = Math.max(1, Math.min(100, req.limit ?? 10));
    const base = { q: req.q, total: 0, offset, hits: [] as SearchHit[] };
    let ranked: RankedList;
    let notices: string[];
    if (this.last?.q === req.q) ({ ranked, notices } = this.last);
    else {
      const r = await this.rank(req.q);
      if (r.error !== undefined) return { ...base, notices: r.notices, error: r.error };
      ({ ranked, notices } = r);
      this.last = { q: req.q, ranked, notices };
    }
    const filtered = await this.filter(ranked, req, m);
    const page = filtered.slice(offset, offset + limit);
    const hits = await Promise.all(page.map((r) => this.hit(r, m)));
    return { ...base, total: filtered.length, hits, notices };
  }

  /** Every matching document, best first, exactly as lunr ranks them. */
  async rank(q: string): Promise<{ ranked: RankedList; notices: string[]; error?: string }> {
    const m = await this.manifest();
    const plan = planQuery(q, m.fields, m.prefixLength);
    if (plan.error !== undefined || plan.clauses.length === 0) return { ranked: RankedList.empty(), notices: plan.notices, error: plan.error };
    const terms = new Set(plan.terms);
    for (const prefix of plan.prefixes) {
      const list = (await this.prefixList(prefixKey(prefix, m.prefixLength), m)).filter(([t]) => t.startsWith(prefix));
      if (list.length > MAX_PREFIX_EXPANSIONS) {
        list.sort((a, b) => b[1] - a[1]);
        list.length = MAX_PREFIX_EXPANSIONS;
        plan.notices.push(`“${prefix}*” matches many words; searched the ${MAX_PREFIX_EXPANSIONS} most common.`);
      }
      for (const [t] of list) terms.add(t);
    }
    const postings = await this.postings([...terms], m);
    if (!this.options.alwaysLunr) return { ranked: scoreQuery(plan.clauses, plan.clauseTerms, postings, m.fields, m.docCount), notices: plan.notices };
    const index = assembleIndex(postings, m.fields);
    const results = index.query((query) => {
      for (const c of plan.clauses) query.clauses.push(c as lunr.Query.Clause);
    });
    const matched = [...new Set(results.flatMap((r) => Object.keys(r.matchData.metadata)))];
    return { ranked: RankedList.ordered(results.map((r) => ({ ref: Number(r.ref), score: r.score })), m.docCount, matched), notices: plan.notices };
  }

  /** Loads the shards holding `terms` and returns the postings found. */
  async postings(terms: string[], m: SearchManifest): Promise<TermPostings[]> {
    const found: TermPostings[] = [];
    await Promise.all(
      terms.map(async (term) => {
        const shard = await this.shard(shardOf(term, m.shardCount), m);
        const p = shard.get(term);
        if (p) found.push(p);
      }),
    );
    return found.sort((a, b) => a.index - b.index);
  }

  private shard(n: number, m: SearchManifest): Promise<Map<string, TermPostings>> {
    let p = this.shards.get(n);
    if (!p) {
      p = this.fetcher(`${m.dir}t/${shardName(n)}.bin`).then((b) => (b ? decodeShard(b, m.fields.length) : new Map()));
      this.shards.set(n, p);
    }
    return p;
  }

  private prefixList(key: string, m: SearchManifest): Promise<[string, number][]> {
    let p = this.prefixes.get(key);
    if (!p) {
      p = this.fetcher(`${m.dir}p/${key || '_'}.json`).then((b) => (b ? (JSON.parse(decoder.decode(b)) as [string, number][]) : []));
      this.prefixes.set(key, p);
    }
    return p;
  }

  private chunk(n: number, m: SearchManifest): Promise<StoredDoc[]> {
    let p = this.chunks.get(n);
    if (!p) {
      p = this.fetcher(`${m.dir}c/${n}.json`).then((b) => {
        if (!b) throw new Error(`search index: document chunk ${n} is missing`);
        return JSON.parse(decoder.decode(b)) as StoredDoc[];
      });
      this.chunks.set(n, p);
    }
    return p;
  }

  /** The ranked documents that match the request's kind, source and project (the facets of `facets.bin`). */
  private async filter(ranked: RankedList, req: SearchRequest, m: SearchManifest): Promise<RankedList> {
    const source = req.source ? m.sources.indexOf(req.source) : -1;
    const project = req.project ? m.projects.indexOf(req.project) + 1 : -1;
    const kind = req.kind ? m.kinds.indexOf(req.kind) : -1;
    if ((req.source && source < 0) || (req.project && project < 1) || (req.kind && kind < 0)) return RankedList.empty();
    // A facet with one value everywhere filters nothing, so facets.bin is not fetched for it.
    const needSource = source >= 0 && m.sources.length > 1;
    const needKind = kind >= 0 && m.kinds.length > 1;
    if (!needSource && !needKind && project < 0) return ranked;
    this.facets ??= this.fetcher(`${m.dir}facets.bin`).then((b) => {
      if (!b) throw new Error('search index: facets.bin is missing');
      return new Uint16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    });
    const f = await this.facets;
    const n = m.docCount;
    return ranked.filter((ref) => (!needSource || f[ref] === source) && (project < 0 || f[n + ref] === project) && (!needKind || f[2 * n + ref] === kind));
  }

  private async hit(r: RankedResult, m: SearchManifest): Promise<SearchHit> {
    const chunk = await this.chunk(Math.floor(r.ref / m.chunkSize), m);
    const doc = chunk[r.ref % m.chunkSize];
    if (!doc) throw new Error(`search index: document ${r.ref} is not in its chunk`);
    const [title, path, source, project, kind, date, status, text, byline] = doc;
    const isMatch = matcher(r.terms);
    return { n: r.ref, score: r.score, title: highlight(title, isMatch), path, source, project, kind, date, status, ...(byline ? { byline } : {}), snippet: snippet(text, isMatch) };
  }
}

/** A lunr.Index over just these terms; documents are refs `"0"`, `"1"`, … */
export function assembleIndex(postings: TermPostings[], fields: string[]): lunr.Index {
  const invertedIndex: Record<string, Record<string, unknown>> = Object.create(null);
  const entries = new Map<string, number[]>();
  // Ascending term index, so each field vector's elements come out sorted as lunr.Vector requires.
  for (const p of postings) {
    const posting: Record<string, unknown> = { _index: p.index };
    fields.forEach((field, f) => {
      const docs: Record<string, object> = Object.create(null);
      const fp = p.fields[f];
      if (fp) {
        for (let i = 0; i < fp.docs.length; i++) {
          const ref = String(fp.docs[i]);
          docs[ref] = {};
          const key = `${field}/${ref}`;
          let e = entries.get(key);
          if (!e) entries.set(key, (e = []));
          e.push(p.index, fp.scores[i]! / 1000);
        }
      }
      posting[field] = docs;
    });
    invertedIndex[p.term] = posting;
  }
  const fieldVectors: Record<string, lunr.Vector> = Object.create(null);
  for (const [key, e] of entries) fieldVectors[key] = new lunr.Vector(e);
  const pipeline = queryPipeline();
  const terms = postings.map((p) => p.term).sort();
  return new lunr.Index({
    invertedIndex,
    fieldVectors,
    tokenSet: tokenSetFromArray(terms),
    fields,
    pipeline,
  } as unknown as lunr.Index.Attributes);
}
