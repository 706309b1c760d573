import { describe, expect, it } from 'vitest';
import type { Change } from '../model/change.ts';
import { makeItem } from '../model/item.ts';
import { Spec, SPEC_KIND } from '../model/spec.ts';
import { defaultKinds } from '../kinds/index.ts';
import { allListPages, facetCounts, listPath, PAGE_SIZE, type ChangeSummary } from '../kinds/change/index.ts';
import { Catalog } from './catalog.ts';
import { OPTED_OUT_NAME, UNKNOWN_ORG } from './types.ts';

const newCatalog = (config: ConstructorParameters<typeof Catalog>[0]) => new Catalog(config, defaultKinds());
const changesOf = (c: Catalog) => c.items<ChangeSummary>('change');
const summary = (c: Catalog, key: string) => c.item<ChangeSummary>('change', key)!;
const projectOf = (c: Catalog) => (s: ChangeSummary) => c.placeOf(s);

const accounts = {
  '1': { id: '1', name: 'Ada Owner', username: 'ada', emailDomain: 'corp.example', isBot: false },
  '2': { id: '2', name: 'Ben Reviewer', username: 'ben', emailDomain: 'mail.other.example', isBot: false },
  '3': { id: '3', name: 'Zuul', username: 'zuul', isBot: true },
  '4': { id: '4', name: 'Hidden Person', username: 'hidden', emailDomain: 'corp.example', isBot: false },
};

function change(n: number, over: Partial<Change> = {}) {
  const data: Change = {
    number: n,
    changeId: `I${n}`,
    project: 'p/one',
    branch: 'master',
    hashtags: [],
    subject: `Change ${n}`,
    status: 'MERGED',
    owner: '1',
    created: '2024-01-05T10:00:00Z',
    updated: `2024-02-${String((n % 27) + 1).padStart(2, '0')}T10:00:00Z`,
    submitted: '2024-02-01T10:00:00Z',
    insertions: 1,
    deletions: 0,
    patchSets: [],
    votes: [
      { label: 'Code-Review', value: 2, by: '2', date: '2024-01-06T10:00:00Z' },
      { label: 'Verified', value: 1, by: '3', date: '2024-01-06T11:00:00Z' },
      { label: 'Code-Review', value: 1, by: '4', date: '2024-01-07T10:00:00Z' },
    ],
    messages: [
      { id: 'm1', author: '2', date: '2024-01-06T10:00:00Z', text: 'Looks good' },
      { id: 'm2', author: '3', date: '2024-01-06T11:00:00Z', text: 'Build succeeded' },
    ],
    accounts,
    url: `https://review.example/c/p/one/+/${n}`,
    ...over,
  };
  return makeItem({ source: 'demo', type: 'gerrit', origin: 'https://review.example', kind: 'change', nativeId: n, updatedOn: data.updated, data });
}

function catalog() {
  const c = newCatalog({ affiliations: { 'corp.example': 'Corp', 'other.example': 'Other Inc' }, privacy: { optOut: ['hidden'] } });
  for (let n = 1; n <= 120; n++) c.add(change(n, n % 3 === 0 ? { status: 'NEW', submitted: undefined } : {}));
  return c.finish();
}

describe('Catalog', () => {
  it('counts reviews by humans other than the owner, never bots', () => {
    const c = catalog();
    const s = summary(c, 'demo:1');
    expect(s.reviews.map((r) => r.by)).toEqual(['demo:2']);
    expect(c.people.get('demo:2')).toMatchObject({ name: 'Ben Reviewer', org: 'Other Inc', acts: { 'change:reviewed': 120 }, activity: 120 });
    expect(c.people.get('demo:3')).toMatchObject({ isBot: true, path: undefined, org: 'Automation' });
    expect(c.contributors().map((p) => p.key)).toEqual(['demo:1', 'demo:2']);
  });

  it('honours the opt-out list: no page, no name, no counted reviews, name redacted from text', () => {
    const c = catalog();
    expect(c.people.get('demo:4')).toMatchObject({ name: OPTED_OUT_NAME, path: undefined, username: undefined, org: UNKNOWN_ORG });
    expect(summary(c, 'demo:1').reviews.some((r) => r.by === 'demo:4')).toBe(false);
    expect(c.redact('Signed-off-by: Hidden Person <h…@corp.example>\ncc hidden, not hiddenness')).toBe(
      `Signed-off-by: ${OPTED_OUT_NAME} <h…@corp.example>\ncc ${OPTED_OUT_NAME}, not hiddenness`,
    );
  });

  it('maps affiliations by domain or parent domain, and labels the rest neutrally', () => {
    const c = catalog();
    expect(c.orgOf({ emailDomain: 'eng.corp.example', isBot: false })).toBe('Corp');
    expect(c.orgOf({ emailDomain: 'gmail.example', isBot: false })).toBe(UNKNOWN_ORG);
    expect(c.orgOf({ isBot: false })).toBe(UNKNOWN_ORG);
  });

  it('sorts newest update first and summarises projects', () => {
    const c = catalog();
    const updated = changesOf(c).map((s) => s.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(c.place('demo', 'p/one')).toMatchObject({ items: 120, byKind: { change: 120 }, facets: { change: { open: 40, merged: 80 } }, contributors: 2, slug: 'p/one', label: { one: 'project' } });
    expect(c.eventsOf('demo:1').filter((e) => e.act === 'authored')).toHaveLength(120);
    expect(c.eventsOf('demo:2').filter((e) => e.act === 'reviewed')).toHaveLength(120);
  });
});

describe('Catalog: what a later change knows wins', () => {
  // Regression: the first change an account appeared in decided its bot and opt-out status for good.
  it('treats an account as a bot everywhere once most of its changes show it is one', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: [] } });
    const plain = { ...accounts, '3': { id: '3', name: 'Account 3', isBot: false } };
    c.add(change(1, { accounts: plain }));
    c.add(change(2));
    c.add(change(3));
    c.finish();
    expect(c.people.get('demo:3')).toMatchObject({ name: 'Zuul', isBot: true, path: undefined });
    expect(summary(c, 'demo:1').reviews.map((r) => r.by)).toEqual(['demo:2', 'demo:4']);
  });

  it('keeps a person who looked like automation in one change only', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: [] } });
    c.add(change(1, { accounts: { ...accounts, '2': { ...accounts['2'], isBot: true } } }));
    c.add(change(2));
    c.add(change(3));
    c.finish();
    expect(c.people.get('demo:2')).toMatchObject({ isBot: false, acts: { 'change:reviewed': 3 } });
  });

  it('hides an opted-out person even where a change only knew their account id', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: ['hidden'] } });
    const anonymous = { ...accounts, '4': { id: '4', name: 'Account 4', isBot: false } };
    c.add(change(1, { accounts: anonymous, subject: 'Fix bug found by Hidden Person' }));
    c.add(change(2));
    c.finish();
    expect(c.people.get('demo:4')).toMatchObject({ name: OPTED_OUT_NAME, path: undefined });
    expect(summary(c, 'demo:1').reviews.some((r) => r.by === 'demo:4')).toBe(false);
    expect(summary(c, 'demo:1').subject).toBe(`Fix bug found by ${OPTED_OUT_NAME}`);
  });

  it('gives projects whose names fold to the same slug distinct pages, whatever their activity order', () => {
    for (const order of [['Team/Tool', 'team/tool'], ['team/tool', 'Team/Tool']]) {
      const c = newCatalog({ affiliations: {}, privacy: { optOut: [] } });
      order.forEach((project, i) => c.add(change(i + 1, { project })));
      c.finish();
      expect(c.place('demo', 'team/tool')!.slug).toBe('team/tool');
      expect(c.place('demo', 'Team/Tool')!.slug).toMatch(/^team\/tool~[0-9a-f]{8}$/);
    }
  });
});

describe('review list pages', () => {
  it('paginates every facet combination with stable paths', () => {
    const c = catalog();
    const pages = allListPages(changesOf(c), projectOf(c));
    const all = pages.filter((p) => !p.filter.project && !p.filter.status && !p.filter.month);
    expect(all.map((p) => p.items.length)).toEqual([PAGE_SIZE, PAGE_SIZE, 20]);
    expect(all.map((p) => p.param)).toEqual([undefined, 'page/2', 'page/3']);
    const open = pages.filter((p) => p.filter.status === 'open' && p.filter.project);
    expect(open[0]!.total).toBe(40);
    expect(open[0]!.items.every((i) => i.status === 'NEW')).toBe(true);
    expect(listPath({ project: { name: 'p/one', slug: 'p/one' }, status: 'merged' }, 2)).toBe('reviews/project/p/one/status/merged/page/2/');
    expect(pages.find((p) => p.filter.month === '2024-01')?.total).toBe(120);
    // No page for an empty combination: nothing is abandoned here.
    expect(pages.some((p) => p.filter.status === 'abandoned')).toBe(false);
  });

  it('gives demo and demo/status/merged distinct list paths (neither takes a page of the other)', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: [] } });
    let n = 1;
    for (const project of ['demo', 'demo/status/merged', 'demo/page/2', 'x/./y/../z']) {
      c.add(change(n++, { project }));
      c.add(change(n++, { project, status: 'NEW', submitted: undefined }));
    }
    c.finish();
    const projects = [...c.places.values()];
    const pages = allListPages(changesOf(c), projectOf(c));
    const params = pages.map((p) => p.param);
    expect(new Set(params).size).toBe(params.length);
    const demo = projects.find((p) => p.name === 'demo')!;
    const odd = projects.find((p) => p.name === 'demo/status/merged')!;
    expect(listPath({ project: demo, status: 'merged' })).toBe('reviews/project/demo/status/merged/');
    expect(listPath({ project: odd })).toBe('reviews/project/demo/status-/merged/');
    expect(pages.find((p) => p.param === 'project/demo/status/merged')!.items.map((i) => i.project)).toEqual(['demo']);
    expect(pages.find((p) => p.param === 'project/demo/page/2')).toBeUndefined();
    for (const p of params) expect(p?.split('/').every((s) => s !== '' && s !== '.' && s !== '..') ?? true, p).toBe(true);
  });

  it('counts statuses per project once', () => {
    const c = catalog();
    expect(facetCounts(changesOf(c), projectOf(c)).get('')).toEqual({ all: 120, open: 40, merged: 80, abandoned: 0 });
    expect(facetCounts(changesOf(c), projectOf(c)).get('p/one')).toEqual({ all: 120, open: 40, merged: 80, abandoned: 0 });
  });
});

describe('Catalog: places are keyed by source and name', () => {
  it('keeps two sources\' projects of the same name apart, each with its own page and counts', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: [] } });
    c.add(change(1, { project: 'docs' }));
    const other = change(2, { project: 'docs' });
    c.add({ ...other, source: 'mirror', id: 'mirror:change:2' });
    c.finish();
    const a = c.place('demo', 'docs')!;
    const b = c.place('mirror', 'docs')!;
    expect([a.items, b.items]).toEqual([1, 1]);
    expect(a.slug).not.toBe(b.slug);
    expect(c.itemsIn(b, 'change').map((s) => s.key)).toEqual(['mirror:2']);
  });
});

describe('Catalog: people come from activity events', () => {
  it('dates first and last seen from what people did, and leaves bots and opted-out people out of the events', () => {
    const c = catalog();
    expect(c.people.get('demo:1')).toMatchObject({ firstSeen: '2024-01-05T10:00:00Z', lastSeen: '2024-01-05T10:00:00Z', acts: { 'change:authored': 120 } });
    expect(c.events.every((e) => e.who === 'demo:1' || e.who === 'demo:2')).toBe(true);
    expect(c.events[0]).toMatchObject({ kind: 'change', act: 'authored', source: 'demo', place: 'p/one' });
    expect(c.presentKinds().map((k) => k.kind)).toEqual(['change']);
  });

  it('adds the events a kind derives from other kinds: reviewers of a spec\'s change reviewed the spec, counted once', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: ['hidden'] } });
    const path = 'specs/2025.1/approved/pci-groups.rst';
    const data = Spec.parse({
      key: 'pci-groups', layout: 'nova-specs', repository: 'aurora-specs', project: 'p/specs', path, title: 'PCI groups', status: 'approved', statusText: 'approved',
      summary: '', format: 'rst', authors: [], created: '2024-01-01T00:00:00Z', updated: '2024-01-09T00:00:00Z', history: [],
    });
    c.add(makeItem({ source: 'specs', type: 'specs', origin: 'x', kind: SPEC_KIND, nativeId: 'pci-groups', updatedOn: data.updated, data }));
    c.add(change(7, { project: 'p/specs', patchSets: [{ number: 1, revision: 'a', files: [{ path, insertions: 10, deletions: 0 }] }] }));
    c.finish();
    const ben = c.people.get('demo:2')!;
    expect(c.eventsOf('demo:2').map((e) => `${e.kind}:${e.act}:${e.item}`)).toEqual(['change:reviewed:demo:7', 'spec:reviewed:specs:pci-groups']);
    // The spec review is listed and counted among spec acts, but the person's activity counts the review once.
    expect(ben.acts).toMatchObject({ 'change:reviewed': 1, 'spec:reviewed': 1 });
    expect(ben.activity).toBe(1);
    // Bots and opted-out reviewers of the change did not review the spec either.
    expect(c.events.filter((e) => e.kind === 'spec').map((e) => e.who)).toEqual(['demo:2']);
  });

  it('keeps job-listing months as summaries only: no people, no events', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: [] } });
    const data = { month: '2024-03', postings: 412, counts: { Python: 90 }, ids: ['1'], threads: [], complete: true, excluded: { deleted: 3 }, keywordsDigest: 'd' };
    c.add(makeItem({ source: 'hn', type: 'hn-hiring', origin: 'x', kind: 'job-month', nativeId: '2024-03', updatedOn: '2024-04-01T00:00:00Z', data }));
    c.finish();
    expect(c.items('job-month')).toMatchObject([{ key: 'hn:2024-03', postings: 412, counts: { Python: 90 } }]);
    expect([c.people.size, c.events.length]).toEqual([0, 0]);
  });

  it('refuses an item of a kind nobody registered, naming the kinds it knows', () => {
    const c = newCatalog({ affiliations: {}, privacy: { optOut: [] } });
    expect(() => c.add({ ...change(1), kind: 'notes' })).toThrow('no kind "notes" is registered (known: change, message, thread, meeting, schedule, spec, job-month)');
  });
});
