import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lunr from 'lunr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticDocs } from '../../scripts/bench/search-corpus.ts';
import { tokenize, trimmer } from './analyze.ts';
import { buildSearchIndex } from './build.ts';
import { SearchEngine } from './engine.ts';
import { fileFetcher } from './test-helpers.ts';
import { FIELDS, KIND_BOOST, type SearchDoc, type SearchManifest } from './types.ts';

const docs: SearchDoc[] = [...syntheticDocs({ docs: 400, seed: 7, vocabulary: 600, projects: 3, sources: ['demo', 'other'] })];
// Words lunr treats specially: punctuation-only tokens (indexed as ""), stop words, e-mail addresses, hyphens.
docs.push({ id: 'x:1', path: 'x/1/', title: 'Wills and the will-o-the-wisp', body: '--- (nova) ... "quoted", jane.doe@example.org wrote: +1 ok', source: 'demo', kind: 'change', date: '2024-01-01T00:00:00Z' });
// Compounds, paths and URLs (indexed whole and by part), letters beyond ASCII, a person and a people field.
docs.push({ id: 'x:2', path: 'x/2/', title: 'Zoë Lindqvist', body: 'Username zoe. See https://docs.example.org/infra/manual/developers.html and nova.conf v2.1', people: 'Zoë Lindqvist zoe', source: 'demo', kind: 'person', date: '2024-01-01T00:00:00Z' });
docs.push({ id: 'x:3', path: 'x/3/', title: 'Fix the manual for 李雷', body: 'oslo_messaging.rpc fix', people: 'Zoë Lindqvist zoe', source: 'other', kind: 'change', date: '2024-01-02T00:00:00Z' });

let dir: string;
let manifest: SearchManifest;
let mono: lunr.Index;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agora-search-'));
  ({ manifest } = await buildSearchIndex(docs, dir, { shardCount: 16, chunkSize: 8 }));
  mono = lunr(function () {
    // Our analysis (analyze.ts): its tokenizer (compounds and their parts) and trimmer.
    this.tokenizer = ((text: unknown, metadata?: object) => tokenize(text == null ? '' : String(text)).map((t) => new lunr.Token(t, { ...metadata }))) as typeof lunr.tokenizer;
    this.pipeline.reset();
    this.pipeline.add(trimmer, lunr.stopWordFilter, lunr.stemmer);
    this.searchPipeline.reset();
    this.searchPipeline.add(trimmer, lunr.stemmer);
    this.ref('id');
    for (const f of FIELDS) this.field(f.name, { boost: f.boost });
    for (const d of docs) this.add({ ...d, body: d.body.replace('jane.doe@example.org', 'j…@example.org') }, { boost: KIND_BOOST[d.kind] ?? 1 });
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const QUERIES = [
  'fix', 'scheduler', 'kalo', 'migration timeout', '+volume +error', 'quota -nova', 'title:fix', 'body:retry^3 race', 'will', 'nova', 'zzzz', 'fix~1', 'ka*',
  'deadlock thread lock', '+fix +scheduler timeout', '+fix -volume', '+title:fix body:quota', '+nosuchword fix', 'fix^5 quota',
  'manual', 'developers.html', 'docs', 'zoë', 'people:zoe', 'lindqvist fix', '李雷', 'nova.conf', 'conf', 'v2.1', 'messaging', 'oslo_messaging.rpc', 'example',
];

describe('sharded index', () => {
  it('writes a small manifest and content-addressed files', async () => {
    expect(manifest).toMatchObject({ version: 1, docCount: docs.length, shardCount: 16, chunkSize: 8, fields: ['title', 'body', 'people'], sources: ['demo', 'other'], kinds: ['change', 'person'] });
    expect(manifest.dir).toBe(`${manifest.buildId}/`);
    const files = await readdir(join(dir, manifest.buildId, 't'));
    expect(files).toHaveLength(16);
    expect((await readdir(join(dir, manifest.buildId, 'c'))).length).toBe(Math.ceil(docs.length / 8));
  });

  it('rebuilding the same documents gives the same build id', async () => {
    const again = await mkdtemp(join(tmpdir(), 'agora-search-'));
    const { manifest: m2 } = await buildSearchIndex(docs, again, { shardCount: 16, chunkSize: 8 });
    expect(m2.buildId).toBe(manifest.buildId);
    await rm(again, { recursive: true, force: true });
  });

  it.each(QUERIES.flatMap((q) => [[q, 'fast'], [q, 'lunr']]))('ranks %j exactly like a monolithic lunr index (%s path)', async (q, path) => {
    const engine = new SearchEngine(fileFetcher(dir), { alwaysLunr: path === 'lunr' });
    const { ranked, error } = await engine.rank(q);
    expect(error).toBeUndefined();
    const ours = ranked.toArray().map((r) => [docs[r.ref]!.id, r.score] as const);
    const theirs = mono.search(q).map((r) => [r.ref, r.score] as const);
    const key = (a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);
    if (!['zzzz', 'kalo', '+nosuchword fix'].includes(q)) expect(ours.length).toBeGreaterThan(0);
    expect([...ours].sort(key)).toEqual([...theirs].sort(key));
  });

  // lunr's lexer keeps `a/b` whole; both paths search its pieces as the index split them.
  it.each(['https://docs.example.org/infra/manual/developers.html', '+infra/manual', 'oslo_messaging.rpc/fix -nova(x)', '“Zoë”'])('ranks %j the same on the fast and the lunr path', async (q) => {
    const fast = (await new SearchEngine(fileFetcher(dir)).rank(q)).ranked.toArray();
    const slow = (await new SearchEngine(fileFetcher(dir), { alwaysLunr: true }).rank(q)).ranked.toArray();
    expect(fast.length).toBeGreaterThan(0);
    const key = (a: { ref: number; score: number }, b: { ref: number; score: number }) => b.score - a.score || a.ref - b.ref;
    expect(fast.sort(key).map((r) => [r.ref, r.score])).toEqual(slow.sort(key).map((r) => [r.ref, r.score]));
  });

  it('fetches only the manifest and the shards of the query terms', async () => {
    const log: string[] = [];
    const engine = new SearchEngine(fileFetcher(dir, log));
    await engine.rank('scheduler');
    expect(log).toHaveLength(2);
    expect(log[0]).toBe('manifest.json');
    expect(log[1]).toMatch(/^[0-9a-f]{12}\/t\/[0-9a-f]{3}\.bin$/);
  });

  it('pages, filters by source and project, and returns stored fields with highlights', async () => {
    const log: string[] = [];
    const engine = new SearchEngine(fileFetcher(dir, log));
    const all = await engine.search({ q: 'fix', limit: 5 });
    expect(all.hits).toHaveLength(5);
    const hit = all.hits[0]!;
    const doc = docs[hit.n]!;
    expect(hit).toMatchObject({ path: doc.path, source: doc.source, project: doc.project, date: doc.date, kind: 'change' });
    expect(hit.title.map((s) => s.text).join('')).toBe(doc.title);
    expect(hit.title.some((s) => s.match && s.text.toLowerCase() === 'fix') || hit.snippet.some((s) => s.match)).toBe(true);
    const chunkFetches = log.filter((p) => p.includes('/c/'));
    expect(new Set(chunkFetches).size).toBe(chunkFetches.length);

    const other = await engine.search({ q: 'fix', source: 'other', limit: 100 });
    expect(other.total).toBeGreaterThan(0);
    expect(other.total).toBeLessThan(all.total);
    expect(other.hits.every((h) => h.source === 'other')).toBe(true);
    const project = docs[0]!.project!;
    const inProject = await engine.search({ q: 'fix', project, limit: 100 });
    expect(inProject.hits.every((h) => h.project === project)).toBe(true);
    const { ranked } = await engine.rank('fix');
    expect(inProject.total).toBe(ranked.filter((ref) => docs[ref]!.project === project).length);
    const page2 = await engine.search({ q: 'fix', offset: 5, limit: 5 });
    expect(page2.hits[0]!.n).not.toBe(hit.n);
    expect(await engine.search({ q: 'fix', project: 'no/such' })).toMatchObject({ total: 0, hits: [] });
  });

  it('filters by kind through the facets', async () => {
    const engine = new SearchEngine(fileFetcher(dir));
    expect(manifest.kinds).toEqual(['change', 'person']);
    const changes = await engine.search({ q: 'fix', kind: 'change', limit: 100 });
    const { ranked } = await engine.rank('fix');
    expect(changes.total).toBe(ranked.filter((ref) => docs[ref]!.kind === 'change').length);
    expect(changes.hits.every((h) => h.kind === 'change')).toBe(true);
    expect((await engine.search({ q: 'zoe', kind: 'person' })).hits.map((h) => h.path)).toEqual(['x/2/']);
    expect((await engine.search({ q: 'zoe', kind: 'change' })).hits.map((h) => h.path)).toEqual(['x/3/']);
    expect((await engine.search({ q: 'zoe', kind: 'person', source: 'other' })).total).toBe(0);
    // A kind the index does not hold finds nothing (rather than everything).
    expect(await engine.search({ q: 'fix', kind: 'meeting' })).toMatchObject({ total: 0, hits: [] });
  });

  it('an index of one kind and one source filters by them without fetching the facets', async () => {
    const one = await mkdtemp(join(tmpdir(), 'agora-search-one-'));
    try {
      await buildSearchIndex(docs.slice(0, 80).filter((d) => d.source === 'demo' && d.kind === 'change'), one);
      const log: string[] = [];
      const engine = new SearchEngine(fileFetcher(one, log));
      const all = await engine.search({ q: 'fix', limit: 5 });
      expect(await engine.search({ q: 'fix', kind: 'change', source: 'demo', limit: 5 })).toMatchObject({ total: all.total, hits: all.hits });
      expect(log.some((p) => p.endsWith('facets.bin'))).toBe(false);
    } finally {
      await rm(one, { recursive: true, force: true });
    }
  });

  it('masks e-mail addresses in stored text even when a provider forgot', async () => {
    const chunkDir = join(dir, manifest.buildId, 'c');
    let text = '';
    for (const f of await readdir(chunkDir)) text += await readFile(join(chunkDir, f), 'utf8');
    expect(text).not.toMatch(/[A-Za-z0-9._%+-]+@example\.org/.source.replace('[A-Za-z0-9._%+-]+', 'jane'));
    expect(text).toContain('j…@example.org');
  });

  it('explains unsupported syntax instead of guessing', async () => {
    const engine = new SearchEngine(fileFetcher(dir));
    expect((await engine.search({ q: '*fix' })).error).toMatch(/end of a word/);
    expect((await engine.search({ q: '-fix' })).error).toMatch(/Add a word/);
    expect((await engine.search({ q: 'fix~1' })).notices[0]).toMatch(/Fuzzy/);
    expect((await engine.search({ q: 'nosuchfield:fix' })).error).toBeUndefined();
  });
});
