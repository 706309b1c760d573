import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSite, type Site } from '../catalog/index.ts';
import type { Change } from '../model/change.ts';
import { makeItem } from '../model/item.ts';
import { Store } from '../store/store.ts';
import { buildSearchIndex } from './build.ts';
import { SearchEngine } from './engine.ts';
import { searchKinds } from './kinds.ts';
import { allSearchDocs } from './providers.ts';
import { fileFetcher } from './test-helpers.ts';
import type { SearchDoc, SearchManifest } from './types.ts';

/** A small real store and config: two people, a reviewer who opted out, a CI bot. */
const accounts = {
  '1': { id: '1', name: 'Ada Lovelace', username: 'ada', emailDomain: 'corp.example', isBot: false },
  '2': { id: '2', name: 'Ben Okafor', username: 'bokafor', isBot: false },
  '3': { id: '3', name: 'Quasar CI', username: 'quasar-ci', isBot: true },
  '4': { id: '4', name: 'Connor Fitzgerald', username: 'connorfitzge', isBot: false },
};

function change(n: number, owner: string, subject: string): Change {
  return {
    number: n, changeId: `I${n}abc`, project: n % 2 ? 'aurora/compute' : 'aurora/docs', branch: 'master', hashtags: [], subject,
    commitMessage: `${subject}\n\nConnor Fitzgerald found this.\n`, status: 'MERGED', owner, created: '2024-01-01T00:00:00Z', updated: `2024-01-${String(n).padStart(2, '0')}T00:00:00Z`,
    insertions: 1, deletions: 0, patchSets: [{ number: 1, revision: `${n}`.padStart(40, 'a'), uploader: owner }],
    votes: [
      { label: 'Code-Review', value: 2, by: owner === '1' ? '2' : '1', date: '2024-01-02T00:00:00Z' },
      { label: 'Code-Review', value: 1, by: '4', date: '2024-01-02T00:00:00Z' },
      { label: 'Verified', value: 1, by: '3', date: '2024-01-02T00:00:00Z' },
    ],
    messages: [
      { id: 'a', author: '4', date: '2024-01-02T00:00:00Z', text: 'Connor here: please do not index me' },
      { id: 'b', author: '3', date: '2024-01-02T00:00:00Z', text: 'Build succeeded. Quasar CI logs at http://ci.quasar.example/logs/1234abcd1234abcd1234/' },
    ],
    accounts, url: `https://review.example/c/${n}`,
  };
}

let dir: string;
let site: Site;
let docs: SearchDoc[];
let engine: SearchEngine;
let manifest: SearchManifest;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agora-providers-'));
  await writeFile(join(dir, 'agora.config.yaml'), [
    'site: { title: T, url: "https://x.example" }',
    'data: content',
    'affiliations: { corp.example: Corp }',
    'privacy: { optOut: [connorfitzge] }',
    'sources: [{ id: demo, type: gerrit, url: "https://review.example" }]',
  ].join('\n'));
  const store = new Store(join(dir, 'content')).source('demo');
  const subjects = ['Fix the quokka scheduler', 'Add wombat docs', 'Tidy the numbat cache', 'Speed up quokka lookups', 'Drop the old wombat flag'];
  for (let n = 1; n <= 5; n++) {
    const data = change(n, n <= 3 ? '1' : '2', subjects[n - 1]!);
    await store.set(makeItem({ source: 'demo', type: 'gerrit', origin: 'https://review.example', kind: 'change', nativeId: n, updatedOn: data.updated, data }));
  }
  site = await loadSite(join(dir, 'agora.config.yaml'));
  docs = [];
  for await (const d of allSearchDocs(site)) docs.push(d);
  ({ manifest } = await buildSearchIndex(docs, join(dir, 'search')));
  engine = new SearchEngine(fileFetcher(join(dir, 'search')));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const paths = async (q: string) => (await engine.search({ q, limit: 20 })).hits.map((h) => h.path);

describe('search documents of a site', () => {
  it('has one document per person page, project page and change', () => {
    expect(docs.filter((d) => d.kind === 'person').map((d) => [d.title, d.path])).toEqual([
      ['Ada Lovelace', 'people/demo/1/'],
      ['Ben Okafor', 'people/demo/2/'],
    ]);
    expect(docs.filter((d) => d.kind === 'project').map((d) => d.path).sort()).toEqual(['projects/aurora/compute/', 'projects/aurora/docs/']);
    expect(docs.filter((d) => d.kind === 'change')).toHaveLength(5);
  });

  it('never holds the name, username or words of a person who opted out, nor a bot by name', () => {
    const text = docs.map((d) => `${d.title}\n${d.body}\n${d.people ?? ''}`).join('\n');
    expect(text).not.toMatch(/Connor|Fitzgerald|connorfitzge|do not index/);
    expect(text).toContain('A contributor (opted out) found this.');
    expect(docs.some((d) => /Quasar/.test(`${d.title} ${d.people ?? ''}`))).toBe(false);
    expect(text).not.toContain('With Quasar');
  });

  it('finds a contributor’s person page first by name or username, then the changes they own, then the ones they reviewed', async () => {
    for (const q of ['Ada Lovelace', 'ada', 'lovelace']) {
      const found = await paths(q);
      expect(found[0], q).toBe('people/demo/1/');
      expect(found.slice(1, 4).sort(), q).toEqual(['changes/demo/1/', 'changes/demo/2/', 'changes/demo/3/']);
      expect(found.slice(4).sort(), q).toEqual(['changes/demo/4/', 'changes/demo/5/']);
    }
    const ben = await paths('bokafor');
    expect(ben[0]).toBe('people/demo/2/');
    expect(ben.slice(1).sort()).toEqual(['changes/demo/4/', 'changes/demo/5/']);
  });

  it('finds nothing by the name of a person who opted out', async () => {
    for (const q of ['Connor', 'Fitzgerald', 'connorfitzge']) expect(await paths(q), q).toEqual([]);
  });

  it('finds a person page by a subject it lists, after the change itself', async () => {
    expect(await paths('numbat')).toEqual(['changes/demo/3/', 'people/demo/1/', 'people/demo/2/']);
  });

  it('finds a project page first by its name, and keeps the project filter working', async () => {
    expect((await paths('aurora/docs'))[0]).toBe('projects/aurora/docs/');
    const inDocs = await engine.search({ q: 'wombat', project: 'aurora/docs', limit: 20 });
    expect(inDocs.hits.map((h) => h.path)).toEqual(['changes/demo/2/']);
  });
});

describe('the kind filter', () => {
  it('lists the kinds the index holds, in reader words from the kind registry and for person and project pages', () => {
    const kinds = searchKinds(site.catalog);
    expect(kinds).toEqual([
      { kind: 'change', one: 'Review', many: 'Reviews', date: 'updated' },
      { kind: 'person', one: 'Person', many: 'People', date: 'last seen' },
      { kind: 'project', one: 'Project', many: 'Projects', date: 'last activity' },
    ]);
    expect(kinds.map((k) => k.kind).sort()).toEqual([...manifest.kinds].sort());
  });

  it('keeps only documents of the kind asked for, with the other filters too', async () => {
    const all = await engine.search({ q: 'quokka', limit: 20 });
    expect(new Set(all.hits.map((h) => h.kind))).toEqual(new Set(['change', 'person']));
    const byKind = async (kind: string, more: { project?: string; source?: string } = {}) => (await engine.search({ q: 'quokka', kind, limit: 20, ...more })).hits.map((h) => h.path);
    expect((await byKind('change')).sort()).toEqual(['changes/demo/1/', 'changes/demo/4/']);
    expect(await byKind('person')).toEqual(all.hits.filter((h) => h.kind === 'person').map((h) => h.path));
    expect(await byKind('project')).toEqual([]);
    expect(await byKind('change', { project: 'aurora/docs' })).toEqual(['changes/demo/4/']);
    expect(await byKind('change', { source: 'demo', project: 'aurora/compute' })).toEqual(['changes/demo/1/']);
    expect(await byKind('project', { project: 'aurora/docs' })).toEqual([]);
    expect((await engine.search({ q: 'aurora', kind: 'project', limit: 20 })).hits.map((h) => h.path).sort()).toEqual(['projects/aurora/compute/', 'projects/aurora/docs/']);
    expect(await engine.search({ q: 'quokka', kind: 'meeting' })).toMatchObject({ total: 0, hits: [] });
  });
});
