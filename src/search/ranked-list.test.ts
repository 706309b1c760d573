import { describe, expect, it } from 'vitest';
import { RankedList } from './ranked-list.ts';

function reference(ids: number[], scores: Float64Array) {
  return [...ids].sort((a, b) => scores[b]! - scores[a]! || a - b);
}

describe('RankedList', () => {
  const n = 5000;
  const scores = new Float64Array(n);
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const ids: number[] = [];
  for (let d = 0; d < n; d++) {
    scores[d] = Math.round(rand() * 50) / 10; // many ties, broken by document number
    if (rand() < 0.8) ids.push(d);
  }
  const expected = reference(ids, scores);

  it('gives the same order as a full sort, page by page and all at once', () => {
    const list = new RankedList(Int32Array.from(ids), scores, ['t']);
    expect(list.slice(0, 10).map((r) => r.ref)).toEqual(expected.slice(0, 10));
    expect(list.slice(10, 20).map((r) => r.ref)).toEqual(expected.slice(10, 20));
    expect(list.slice(500, 530).map((r) => r.ref)).toEqual(expected.slice(500, 530));
    expect(list.toArray().map((r) => r.ref)).toEqual(expected);
    expect(list.length).toBe(ids.length);
  });

  it('filters without losing order, before or after part of it was sorted', () => {
    const keep = (d: number) => d % 3 === 0;
    const want = expected.filter(keep);
    const fresh = new RankedList(Int32Array.from(ids), scores, []);
    expect(fresh.filter(keep).toArray().map((r) => r.ref)).toEqual(want);
    const partly = new RankedList(Int32Array.from(ids), scores, []);
    partly.slice(0, 10);
    const f = partly.filter(keep);
    expect(f.slice(0, 7).map((r) => r.ref)).toEqual(want.slice(0, 7));
    expect(f.toArray().map((r) => r.ref)).toEqual(want);
  });

  it('keeps an order given by lunr', () => {
    const entries = [{ ref: 4, score: 2 }, { ref: 1, score: 1 }];
    expect(RankedList.ordered(entries, 10, ['x']).toArray()).toEqual([{ ref: 4, score: 2, terms: ['x'] }, { ref: 1, score: 1, terms: ['x'] }]);
    expect(RankedList.empty().slice(0, 10)).toEqual([]);
  });
});
