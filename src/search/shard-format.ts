import { ByteReader, ByteWriter } from './binary.ts';

/**
 * A term shard: for each term its lunr term index and, per field, the
 * documents holding it with the term's field-vector entry for each.
 * Documents are numbers (gap-encoded), scores are lunr's rounded scores in
 * thousandths, so a shard carries exactly what a monolithic lunr index
 * would hold for these terms, without repeating `field/ref` strings.
 *
 *   varint termCount
 *   per term: string term, varint termIndex,
 *     per field: varint n, n × varint docGap, n × varint score×1000
 */
export interface FieldPostings {
  /** Ascending document numbers. */
  docs: number[];
  /** `Math.round(score * 1000)` for each document, as lunr rounds field-vector entries. */
  scores: number[];
}

export interface TermPostings {
  term: string;
  index: number;
  fields: FieldPostings[];
}

export function encodeShard(terms: readonly TermPostings[], fieldCount: number): Uint8Array {
  const w = new ByteWriter();
  w.uint(terms.length);
  for (const t of terms) {
    if (t.fields.length !== fieldCount) throw new Error(`term ${JSON.stringify(t.term)}: ${t.fields.length} fields, expected ${fieldCount}`);
    w.string(t.term);
    w.uint(t.index);
    for (const f of t.fields) {
      w.uint(f.docs.length);
      let prev = 0;
      for (let i = 0; i < f.docs.length; i++) {
        const d = f.docs[i]!;
        if (i > 0 && d <= prev) throw new Error(`term ${JSON.stringify(t.term)}: documents not ascending (${prev} then ${d})`);
        w.uint(i === 0 ? d : d - prev);
        prev = d;
      }
      for (const s of f.scores) w.uint(s);
    }
  }
  return w.bytes();
}

export function decodeShard(bytes: Uint8Array, fieldCount: number): Map<string, TermPostings> {
  const r = new ByteReader(bytes);
  const out = new Map<string, TermPostings>();
  const count = r.uint();
  for (let t = 0; t < count; t++) {
    const term = r.string();
    const index = r.uint();
    const fields: FieldPostings[] = [];
    for (let f = 0; f < fieldCount; f++) {
      const n = r.uint();
      const docs = new Array<number>(n);
      let prev = 0;
      for (let i = 0; i < n; i++) {
        prev = i === 0 ? r.uint() : prev + r.uint();
        docs[i] = prev;
      }
      const scores = new Array<number>(n);
      for (let i = 0; i < n; i++) scores[i] = r.uint();
      fields.push({ docs, scores });
    }
    out.set(term, { term, index, fields });
  }
  return out;
}
