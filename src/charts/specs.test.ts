import { describe, expect, it } from 'vitest';
import { NO_RELEASE, releaseAxis, releaseId, releaseOrder, SPEC_KIND, specMilestones, specScopes, type SpecMilestone } from './specs.ts';
import { SPEC_MILESTONES, SPECS } from './__fixtures__/specs.ts';
import { placeKey } from '../lib/places.ts';
import { SPEC_KIND as MODEL_SPEC_KIND } from '../model/spec.ts';

const place = (source: string, name: string, slug: string) => ({ key: placeKey(source, name), source, name, slug });

describe('specMilestones', () => {
  it('takes the approval and implementation from the summary, and the first review from the earliest review link only', () => {
    const byKey = new Map(SPEC_MILESTONES.map((m) => [m.key, m]));
    expect(byKey.get('demo:a')).toEqual({ source: 'demo', place: 'nova-specs', key: 'demo:a', approved: '2024-01-15T00:00:00Z', approvedIn: '2024.1', implemented: '2024-04-10T00:00:00Z', implementedIn: '2024.1', firstReview: '2024-01-05T00:00:00Z' });
    // Only an implementation change: no first review.
    expect(byKey.get('demo:c')!.firstReview).toBeUndefined();
    expect(byKey.get('demo:f')).toEqual({ source: 'demo', place: 'sig-node', key: 'demo:f', firstReview: '2024-05-01T00:00:00Z' });
    expect(SPEC_MILESTONES).toHaveLength(SPECS.length);
  });

  it('compares review dates as times, skips unreadable ones, and has no first review for a spec without links', () => {
    const links = new Map([['s:x', [{ change: { created: 'garbage' }, as: 'review' }, { change: { created: '2024-01-02T00:00:00+05:00' }, as: 'review' }, { change: { created: '2024-01-01T21:00:00Z' }, as: 'review' }]]]);
    expect(specMilestones([{ key: 's:x', source: 's' }, { key: 's:y', source: 's' }], links)).toEqual([
      // 19:00 UTC: earlier than 21:00Z, though later as text.
      { key: 's:x', source: 's', firstReview: '2024-01-02T00:00:00+05:00' },
      { key: 's:y', source: 's' },
    ]);
  });

  it('names the spec kind as the model does (chart code may not import it)', () => {
    expect(SPEC_KIND).toBe(MODEL_SPEC_KIND);
  });
});

describe('specScopes', () => {
  it('gives all specs, then one scope per place with specs, labelled with the source when two share a name', () => {
    const places = [place('demo', 'nova-specs', 'demo/nova-specs'), place('mirror', 'nova-specs', 'mirror/nova-specs'), place('demo', 'sig-node', 'sig-node'), place('demo', 'aurora/compute', 'aurora/compute')];
    expect(specScopes(places, SPECS).map((s) => [s.id, s.label, s.place])).toEqual([
      ['all', 'All specs', undefined],
      ['projects/demo/nova-specs', 'nova-specs (demo)', placeKey('demo', 'nova-specs')],
      ['projects/mirror/nova-specs', 'nova-specs (mirror)', placeKey('mirror', 'nova-specs')],
      ['projects/sig-node', 'sig-node', placeKey('demo', 'sig-node')],
    ]);
    expect(specScopes(places, [])).toEqual([{ id: 'all', label: 'All specs', words: 'all specs' }]);
  });
});

describe('releaseOrder and releaseAxis', () => {
  const m = (approvedIn: string | undefined, approved: string, implementedIn?: string, implemented?: string): SpecMilestone => ({
    source: 's', key: `s:${approvedIn}:${approved}`, approved, ...(approvedIn !== undefined ? { approvedIn } : {}), ...(implementedIn !== undefined ? { implementedIn, implemented } : {}),
  });

  it('orders releases by the median date of the steps naming them, not by their names', () => {
    const milestones = [
      m('2023.1', '2022-10-01T00:00:00Z'),
      m('zed', '2022-04-01T00:00:00Z', '2023.1', '2023-02-01T00:00:00Z'),
      // One very early approval for 2023.1 does not move it before zed: its median is its middle step.
      m('2023.1', '2020-01-01T00:00:00Z'),
      m('2023.1', '2022-11-01T00:00:00Z'),
      m('zed', '2022-05-01T00:00:00Z'),
      m(undefined, '2019-01-01T00:00:00Z'),
      m('bad', 'not a date'),
    ];
    expect(releaseOrder(milestones)).toEqual(['zed', '2023.1']);
    expect(releaseOrder(SPEC_MILESTONES)).toEqual(['v1.30', '2024.1', 'v1.31']);
    expect(releaseOrder([])).toEqual([]);
  });

  it('breaks ties by name, numbers as numbers', () => {
    expect(releaseOrder([m('v1.10', '2024-01-01T00:00:00Z'), m('v1.9', '2024-01-01T00:00:00Z')])).toEqual(['v1.9', 'v1.10']);
  });

  it('gives a scope the releases it has, in the order given, unknown ones after by name, and steps without a release last', () => {
    expect(releaseId(undefined)).toBe(NO_RELEASE.id);
    expect(releaseId('')).toBe(NO_RELEASE.id);
    expect(releaseId('2024.1')).toBe('2024.1');
    const axis = releaseAxis(['zed', '2023.1', '2023.2'], new Set([NO_RELEASE.id, '2023.2', 'yoga', 'zed']));
    expect(axis).toEqual({
      kind: 'category', name: 'release', label: 'Release',
      categories: [{ id: 'zed', label: 'zed' }, { id: '2023.2', label: '2023.2' }, { id: 'yoga', label: 'yoga' }, { id: '(no release)', label: 'No release named' }],
    });
    expect(releaseAxis(['zed'], new Set()).categories).toEqual([]);
  });
});
