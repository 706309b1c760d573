import lunr from 'lunr';
import type { Clause } from './lunr-internals.ts';
import { RankedList } from './ranked-list.ts';
import type { TermPostings } from './shard-format.ts';

/**
 * lunr's scoring on typed arrays instead of lunr's per-document objects (10× faster on a
 * word in most documents). It repeats lunr.Index#query's arithmetic in the
 * same order: per field, the query vector holds each matched term's summed
 * clause boosts; a document's field score is the dot product taken in
 * ascending term index, divided by the query vector's magnitude; field
 * scores are added; +required and -prohibited clauses filter through lunr's
 * per-field sets. build.test.ts checks this and lunr itself (assembleIndex)
 * against a monolithic index.
 */
export type { Ranked } from './ranked-list.ts';

const { REQUIRED, PROHIBITED } = lunr.Query.presence;

/** `clauseTerms[i]` are clause i's pipeline-processed terms (wildcard clauses: their `prefix*` term). */
export function scoreQuery(clauses: Clause[], clauseTerms: string[][], postings: TermPostings[], fields: string[], docCount: number): RankedList {
  const byTerm = new Map(postings.map((p) => [p.term, p]));
  const sortedTerms = postings.map((p) => p.term).sort();
  // Per field: term index -> summed boost, as lunr.Vector#upsert builds the query vector.
  const queryVectors = fields.map(() => new Map<number, number>());
  // lunr's per-field required and prohibited document sets; `null` is lunr.Set.complete.
  const required = new Map<number, Uint8Array | null>();
  const prohibited = new Map<number, Uint8Array>();
  const used = new Set<TermPostings>();
  clauses.forEach((clause, i) => {
    const fieldIds = clause.fields.map((field) => fields.indexOf(field)).filter((f) => f >= 0);
    const clauseMatches = clause.presence === REQUIRED ? new Uint8Array(docCount) : undefined;
    for (const term of clauseTerms[i] ?? []) {
      const expanded = term.endsWith('*') ? sortedTerms.filter((t) => t.startsWith(term.slice(0, -1))) : byTerm.has(term) ? [term] : [];
      if (expanded.length === 0 && clause.presence === REQUIRED) {
        for (const f of fieldIds) required.set(f, new Uint8Array(docCount));
        break;
      }
      for (const t of expanded) {
        const p = byTerm.get(t)!;
        for (const f of fieldIds) {
          const docs = p.fields[f]!.docs;
          if (clause.presence === REQUIRED) {
            for (const d of docs) clauseMatches![d] = 1;
            if (!required.has(f)) required.set(f, null);
          }
          if (clause.presence === PROHIBITED) {
            let set = prohibited.get(f);
            if (!set) prohibited.set(f, (set = new Uint8Array(docCount)));
            for (const d of docs) set[d] = 1;
            continue;
          }
          used.add(p);
          const qv = queryVectors[f]!;
          qv.set(p.index, (qv.get(p.index) ?? 0) + clause.boost);
        }
      }
    }
    if (clauseMatches) {
      for (const f of fieldIds) {
        const prev = required.get(f);
        if (prev === undefined) continue;
        required.set(f, prev === null ? clauseMatches : prev.map((v, d) => v & clauseMatches[d]!));
      }
    }
  });
  const allowed = (d: number) => {
    for (const set of required.values()) if (set && !set[d]) return false;
    for (const set of prohibited.values()) if (set[d]) return false;
    return true;
  };

  const total = new Float64Array(docCount);
  const matched = new Uint8Array(docCount);
  const byIndex = new Map([...used].map((p) => [p.index, p]));
  fields.forEach((_, f) => {
    const qv = queryVectors[f]!;
    if (qv.size === 0) return;
    const entries = [...qv.entries()].sort((a, b) => a[0] - b[0]);
    // No document has the query's terms in this field (often the short `people` field): it adds nothing.
    if (entries.every(([index]) => byIndex.get(index)!.fields[f]!.docs.length === 0)) return;
    let sumSquares = 0;
    for (const [, w] of entries) sumSquares += w * w;
    const magnitude = Math.sqrt(sumSquares);
    const dot = new Float64Array(docCount);
    const hit = new Uint8Array(docCount);
    for (const [index, w] of entries) {
      const fp = byIndex.get(index)!.fields[f]!;
      for (let i = 0; i < fp.docs.length; i++) {
        const d = fp.docs[i]!;
        dot[d] = dot[d]! + w * (fp.scores[i]! / 1000);
        hit[d] = 1;
      }
    }
    for (let d = 0; d < docCount; d++) {
      if (!hit[d]) continue;
      const s = dot[d]! / magnitude || 0;
      total[d] = matched[d] ? total[d]! + s : s;
      matched[d] = 1;
    }
  });
  const terms = [...used].map((p) => p.term);
  let count = 0;
  for (let d = 0; d < docCount; d++) if (matched[d] && allowed(d)) matched[d] = 2, count++;
  const ids = new Int32Array(count);
  for (let d = 0, i = 0; d < docCount; d++) if (matched[d] === 2) ids[i++] = d;
  // Ordered lazily: a page of results needs only the front of the ranking.
  return new RankedList(ids, total, terms);
}
