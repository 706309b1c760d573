import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { fnv1a, prefixKey, shardName, shardOf } from './hash.ts';
import { matcher, normaliseQuery, planQuery } from './query.ts';
import { highlight, snippet } from './snippet.ts';
import { decodeShard, encodeShard } from './shard-format.ts';

const FIELDS = ['title', 'body'];

describe('term hashing', () => {
  it('is FNV-1a and picks a shard by the low bits', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c); // published FNV-1a test vector
    expect(shardOf('schedul', 256)).toBe(fnv1a('schedul') & 255);
    expect(shardOf('schedul', 1)).toBe(0);
    expect(shardName(10)).toBe('00a');
  });

  it('keys prefixes by the hex of their UTF-8 bytes', () => {
    expect(prefixKey('config', 2)).toBe('636f');
    expect(prefixKey('é', 2)).toBe('c3a9');
    expect(prefixKey('', 2)).toBe('');
  });
});

describe('shard encoding', () => {
  it('round-trips terms, gaps and scores', () => {
    const terms = [
      { term: 'fix', index: 3, fields: [{ docs: [0, 5, 300], scores: [1234, 1, 99999] }, { docs: [], scores: [] }] },
      { term: 'é', index: 70000, fields: [{ docs: [2], scores: [0] }, { docs: [1, 2], scores: [5, 6] }] },
    ];
    const back = decodeShard(encodeShard(terms, 2), 2);
    expect([...back.values()]).toEqual(terms);
  });

  it('refuses unsorted documents', () => {
    expect(() => encodeShard([{ term: 'x', index: 0, fields: [{ docs: [3, 1], scores: [1, 1] }] }], 1)).toThrow(/not ascending/);
  });
});

describe('query planning', () => {
  it('stems words into the terms to fetch', () => {
    const plan = planQuery('Failing schedulers', FIELDS);
    expect(plan.terms).toEqual(['fail', 'schedul']);
    expect(plan.error).toBeUndefined();
  });

  it('trims punctuation but keeps operators', () => {
    expect(normaliseQuery('"nova", (quota) +fix -bar conf* title:x')).toBe('nova quota +fix -bar conf* title:x');
  });

  it('turns prefix wildcards into dictionary lookups and refuses others', () => {
    expect(planQuery('conf*', FIELDS).prefixes).toEqual(['conf']);
    expect(planQuery('c*', FIELDS).error).toMatch(/at least 2/);
    expect(planQuery('*fig', FIELDS).error).toMatch(/end of a word/);
  });

  it('splits a word the index splits into one clause per piece, each keeping its presence and field', () => {
    const plan = planQuery('+docs.example.org/infra/manual title:a/b', FIELDS);
    expect(plan.clauses.map((c) => [c.term, c.presence, c.fields])).toEqual([
      ['docs.example.org', lunr.Query.presence.REQUIRED, FIELDS],
      ['infra', lunr.Query.presence.REQUIRED, FIELDS],
      ['manual', lunr.Query.presence.REQUIRED, FIELDS],
      ['a', lunr.Query.presence.OPTIONAL, ['title']],
      ['b', lunr.Query.presence.OPTIONAL, ['title']],
    ]);
    expect(plan.terms).toEqual(['docs.example.org', 'infra', 'manual', 'a', 'b']);
    expect(planQuery('…', FIELDS).clauses).toEqual([]);
  });

  // Regression: the query kept `zoë` while the index had trimmed it to `zo`.
  it('keeps letters beyond ASCII in query words', () => {
    expect(planQuery('Zoë 李雷 Łukasz', FIELDS).terms).toEqual(['zoë', '李雷', 'łukasz']);
  });

  it('reads unknown fields as plain words', () => {
    expect(planQuery('author:jane', FIELDS).terms.sort()).toEqual(['author', 'jane']);
  });
});

describe('snippets and highlights', () => {
  const isMatch = matcher(['schedul']);

  it('marks word cores by stem, never punctuation', () => {
    expect(highlight('The (Scheduler), scheduling!', isMatch)).toEqual([
      { text: 'The (', match: false },
      { text: 'Scheduler', match: true },
      { text: '), ', match: false },
      { text: 'scheduling', match: true },
      { text: '!', match: false },
    ]);
  });

  it('centres the window on the first match and marks cuts', () => {
    const text = `${'lorem '.repeat(100)}the scheduler broke ${'ipsum '.repeat(100)}`;
    const s = snippet(text, isMatch, 100);
    expect(s[0]).toEqual({ text: '…', match: false });
    expect(s.at(-1)).toEqual({ text: '…', match: false });
    expect(s.some((x) => x.match && x.text === 'scheduler')).toBe(true);
    expect(s.map((x) => x.text).join('').length).toBeLessThan(110);
  });

  it('marks the matched words inside URLs and paths, and whole compounds when they match', () => {
    const url = 'see https://docs.example.org/infra/manual/developers.html#testing.';
    const marked = (terms: string[]) => highlight(url, matcher(terms)).filter((s) => s.match).map((s) => s.text);
    expect(marked(['manual', 'html'])).toEqual(['manual', 'html']);
    expect(marked(['developers.html'])).toEqual(['developers.html']);
    expect(marked(['docs.example.org'])).toEqual(['docs.example.org']);
    expect(highlight(url, matcher(['manual'])).map((s) => s.text).join('')).toBe(url);
    expect(highlight('Zoë Lindqvist', matcher(['zoë'])).filter((s) => s.match).map((s) => s.text)).toEqual(['Zoë']);
    const s = snippet(`${'lorem '.repeat(80)}see https://docs.example.org/infra/manual/x`, matcher(['manual']), 100);
    expect(s.some((x) => x.match && x.text === 'manual')).toBe(true);
  });

  it('keeps markup-like text as text', () => {
    const s = snippet('<img src=x onerror=alert(1)> scheduler', isMatch);
    expect(s.map((x) => x.text).join('')).toBe('<img src=x onerror=alert(1)> scheduler');
  });
});
