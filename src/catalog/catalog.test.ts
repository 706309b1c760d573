import { describe, expect, it } from 'vitest';
import type { Change } from '../model/change.ts';
import { makeItem } from '../model/item.ts';
import { Catalog } from './catalog.ts';
import { allListPages, facetCounts, listPath, PAGE_SIZE } from './lists.ts';
import { OPTED_OUT_NAME, UNKNOWN_ORG } from './types.ts';

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
  const c = new Catalog({ affiliations: { 'corp.example': 'Corp', 'other.example': 'Other Inc' }, privacy: { optOut: ['hidden'] } });
  for (let n = 1; n <= 120; n++) c.add(change(n, n % 3 === 0 ? { status: 'NEW', submitted: undefined } : {}));
  return c.finish();
}

describe('Catalog', () => {
  it('counts reviews by humans other than the owner, never bots', () => {
    const c = catalog();
    const s = c.byKey.get('demo:1')!;
    expect(s.reviews.map((r) => r.by)).toEqual(['demo:2']);
    expect(c.people.get('demo:2')).toMatchObject({ name: 'Ben Reviewer', org: 'Other Inc', reviewsGiven: 120, changesAuthored: 0 });
    expect(c.people.get('demo:3')).toMatchObject({ isBot: true, path: undefined, org: 'Automation' });
    expect(c.contributors().map((p) => p.key)).toEqual(['demo:1', 'demo:2']);
  });

  it('honours the opt-out list: no page, no name, no counted reviews, name redacted from text', () => {
    const c = catalog();
    expect(c.people.get('demo:4')).toMatchObject({ name: OPTED_OUT_NAME, path: undefined, username: undefined, org: UNKNOWN_ORG });
    expect(c.byKey.get('demo:1')!.reviews.some((r) => r.by === 'demo:4')).toBe(false);
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
    const updated = c.changes.map((s) => s.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(c.projects.get('p/one')).toMatchObject({ changes: 120, open: 40, merged: 80, contributors: 2, slug: 'p/one' });
    expect(c.authoredBy('demo:1')).toHaveLength(120);
    expect(c.reviewsBy('demo:2')).toHaveLength(120);
  });
});

describe('Catalog: what a later change knows wins', () => {
  // Regression: the first change an account appeared in decided its bot and opt-out status for good.
  it('treats an account as a bot everywhere once most of its changes show it is one', () => {
    const c = new Catalog({ affiliations: {}, privacy: { optOut: [] } });
    const plain = { ...accounts, '3': { id: '3', name: 'Account 3', isBot: false } };
    c.add(change(1, { accounts: plain }));
    c.add(change(2));
    c.add(change(3));
    c.finish();
    expect(c.people.get('demo:3')).toMatchObject({ name: 'Zuul', isBot: true, path: undefined });
    expect(c.byKey.get('demo:1')!.reviews.map((r) => r.by)).toEqual(['demo:2', 'demo:4']);
  });

  it('keeps a person who looked like automation in one change only', () => {
    const c = new Catalog({ affiliations: {}, privacy: { optOut: [] } });
    c.add(change(1, { accounts: { ...accounts, '2': { ...accounts['2'], isBot: true } } }));
    c.add(change(2));
    c.add(change(3));
    c.finish();
    expect(c.people.get('demo:2')).toMatchObject({ isBot: false, reviewsGiven: 3 });
  });

  it('hides an opted-out person even where a change only knew their account id', () => {
    const c = new Catalog({ affiliations: {}, privacy: { optOut: ['hidden'] } });
    const anonymous = { ...accounts, '4': { id: '4', name: 'Account 4', isBot: false } };
    c.add(change(1, { accounts: anonymous, subject: 'Fix bug found by Hidden Person' }));
    c.add(change(2));
    c.finish();
    expect(c.people.get('demo:4')).toMatchObject({ name: OPTED_OUT_NAME, path: undefined });
    expect(c.byKey.get('demo:1')!.reviews.some((r) => r.by === 'demo:4')).toBe(false);
    expect(c.byKey.get('demo:1')!.subject).toBe(`Fix bug found by ${OPTED_OUT_NAME}`);
  });

  it('gives projects whose names fold to the same slug distinct pages, whatever their activity order', () => {
    for (const order of [['Team/Tool', 'team/tool'], ['team/tool', 'Team/Tool']]) {
      const c = new Catalog({ affiliations: {}, privacy: { optOut: [] } });
      order.forEach((project, i) => c.add(change(i + 1, { project })));
      c.finish();
      expect(c.projects.get('team/tool')!.slug).toBe('team/tool');
      expect(c.projects.get('Team/Tool')!.slug).toMatch(/^team\/tool~[0-9a-f]{8}$/);
    }
  });
});

describe('review list pages', () => {
  it('paginates every facet combination with stable paths', () => {
    const c = catalog();
    const pages = allListPages(c.changes, [{ name: 'p/one', slug: 'p/one' }]);
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
    const c = new Catalog({ affiliations: {}, privacy: { optOut: [] } });
    let n = 1;
    for (const project of ['demo', 'demo/status/merged', 'demo/page/2', 'x/./y/../z']) {
      c.add(change(n++, { project }));
      c.add(change(n++, { project, status: 'NEW', submitted: undefined }));
    }
    c.finish();
    const projects = [...c.projects.values()];
    const pages = allListPages(c.changes, projects);
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
    expect(facetCounts(c.changes).get('')).toEqual({ all: 120, open: 40, merged: 80, abandoned: 0 });
    expect(facetCounts(c.changes).get('p/one')).toEqual({ all: 120, open: 40, merged: 80, abandoned: 0 });
  });
});
