import { describe, expect, it } from 'vitest';
import type { ChangeSummary, Person } from '../catalog/types.ts';
import { MAX_PERSON_BODY_CHARS, PERSON_LISTED, personToDoc } from './person-doc.ts';

const person: Person = {
  key: 'demo:7',
  source: 'demo',
  accountId: '7',
  name: 'Zoë Lindqvist',
  username: 'zoelindqvist',
  org: 'Kestrel Telecom',
  isBot: false,
  path: 'people/demo/7/',
  accounts: ['demo:7'],
  acts: { 'change:authored': 2, 'change:reviewed': 1 },
  activity: 3,
  firstSeen: '2023-11-16T10:00:00Z',
  lastSeen: '2026-01-02T10:00:00Z',
};

function summary(n: number, over: Partial<ChangeSummary> = {}): ChangeSummary {
  return {
    key: `demo:${n}`, kind: 'change', title: `Subject ${n}`, place: 'aurora/compute', source: 'demo', number: n, ref: String(n), platform: 'gerrit', project: 'aurora/compute', branch: 'master', subject: `Subject ${n}`, status: 'MERGED', owner: 'demo:7',
    created: '2024-01-01T00:00:00Z', updated: '2024-01-02T00:00:00Z', insertions: 1, deletions: 0, patchSets: 1, reviews: [], path: `changes/demo/${n}/`, url: '', ...over,
  };
}

describe('personToDoc', () => {
  const authored = [summary(1, { subject: 'Add quokka filter' }), summary(2, { subject: 'Backport fix', branch: 'stable/2024.1', status: 'NEW', project: 'aurora/network' })];
  const reviewed = [{ change: summary(3, { subject: 'Tidy the wombat docs', owner: 'demo:8', project: 'aurora/docs' }), date: '2024-02-01T00:00:00Z' }];
  const doc = personToDoc(person, { authored, reviewed });

  it('is the person page: name as title, name and username as people, labelled a person', () => {
    expect(doc).toMatchObject({ id: 'demo:person:7', path: 'people/demo/7/', title: 'Zoë Lindqvist', people: 'Zoë Lindqvist zoelindqvist', source: 'demo', kind: 'person', date: person.lastSeen });
    expect(doc.project).toBeUndefined();
  });

  it('summarises what the page shows: username, organisation, counts by status, first and last seen, projects', () => {
    expect(doc.body.split('\n\n')[0]).toBe(
      'Username zoelindqvist. Affiliation Kestrel Telecom. Source demo. 2 changes authored (1 merged, 1 open), 1 reviews given. ' +
        'First seen 2023-11-16, last seen 2026-01-02. Projects: aurora/compute (1), aurora/network (1). Also reviewed in aurora/docs.',
    );
  });

  it('lists the subjects of the changes authored and reviewed, as the page does', () => {
    expect(doc.body).toContain('Changes authored: Add quokka filter; Backport fix (stable/2024.1).');
    expect(doc.body).toContain('Reviews given: Tidy the wombat docs.');
  });

  it('lists no more than the page and stays within its cap', () => {
    const many = Array.from({ length: 300 }, (_, i) => summary(i, { subject: `A rather long subject line for change number ${i}` }));
    const d = personToDoc(person, { authored: many, reviewed: many.map((change) => ({ change, date: change.updated })) });
    expect(d.body).not.toContain(`change number ${PERSON_LISTED}`);
    expect(d.body).toContain(`Showing the ${PERSON_LISTED} most recently updated of 300.`);
    expect(d.body.length).toBeLessThanOrEqual(MAX_PERSON_BODY_CHARS);
  });

  it('says none for an empty list, as the page does', () => {
    expect(personToDoc(person, { authored, reviewed: [] }).body).toContain('Reviews given: none.');
  });

  it('refuses people without a page (bots, opted out)', () => {
    expect(() => personToDoc({ ...person, path: undefined }, { authored: [], reviewed: [] })).toThrow(/no person page/);
  });
});
