import { describe, expect, it } from 'vitest';
import type { ChangeSummary } from '../change/summary.ts';
import { mentionsOf } from '../change/summary.ts';
import { specLinks } from './links.ts';
import type { SpecSummary } from './summary.ts';

const spec = (id: string, over: Partial<SpecSummary> = {}): SpecSummary => ({
  key: `specs:${id}`, kind: 'spec', id, source: 'specs', title: id, updated: '2025-01-01T00:00:00Z', path: `specs/specs/${id}/`,
  repository: 'aurora-specs', project: 'aurora/specs', status: 'approved', statusText: 'approved', authors: [], paths: [`specs/2025.1/approved/${id}.rst`], summary: '', renderFailed: false, ...over,
});
const change = (n: number, over: Partial<ChangeSummary> = {}): ChangeSummary => ({
  key: `demo:${n}`, kind: 'change', source: 'demo', title: 's', place: 'aurora/compute', number: n, ref: String(n), platform: 'gerrit', project: 'aurora/compute', branch: 'master', subject: 'Fix a thing', status: 'MERGED',
  created: '2025-01-01T00:00:00Z', updated: '2025-01-02T00:00:00Z', insertions: 1, deletions: 0, patchSets: 1, reviews: [], path: `changes/demo/${n}/`, url: '', ...over,
});

describe('mentionsOf', () => {
  it('reads blueprints from commit message trailers and bp/ topics, and spec files', () => {
    const m = mentionsOf({ topic: 'bp/pci-groups', commitMessage: 'Add groups\n\nPartially-Implements: blueprint PCI-Groups\nImplements: blueprint other-bp\nSee specs/2025.1/approved/pci-groups.rst\n', patchSets: [{ number: 1, revision: 'a', files: [{ path: 'keps/sig-node/123-x/README.md', insertions: 1, deletions: 0 }] }] });
    expect(m.mentions).toEqual({ blueprints: ['other-bp', 'pci-groups'], files: ['keps/sig-node/123-x/README.md', 'specs/2025.1/approved/pci-groups.rst'] });
    expect(mentionsOf({ commitMessage: 'Fix the docs\n\nCloses-Bug: #1', patchSets: [] })).toEqual({});
  });
});

describe('specLinks', () => {
  it('joins reviews of the specs project by path or subject, and implementations anywhere by blueprint', () => {
    const a = spec('pci-groups', { blueprintName: 'pci-groups' });
    const b = spec('vtpm-live-migration');
    const review = change(1, { project: 'aurora/specs', mentions: { blueprints: [], files: ['specs/2025.1/approved/pci-groups.rst'] } });
    const byName = change(2, { project: 'aurora/specs', subject: 'Re-propose vtpm-live-migration for 2025.2' });
    const impl = change(3, { mentions: { blueprints: ['pci-groups'], files: [] } });
    const unrelated = change(4, { subject: 'vtpm-live-migration fix in compute' });
    const links = specLinks([a, b], [review, byName, impl, unrelated]);
    expect(links.bySpec.get(a.key)!.map((l) => [l.change.number, l.as])).toEqual([[1, 'review'], [3, 'implementation']]);
    expect(links.bySpec.get(b.key)!.map((l) => [l.change.number, l.as])).toEqual([[2, 'review']]);
    expect(links.byChange.get(impl.key)!.map((l) => l.spec.id)).toEqual(['pci-groups']);
    expect(links.byChange.has(unrelated.key)).toBe(false);
  });
});
