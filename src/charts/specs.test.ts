import { describe, expect, it } from 'vitest';
import { ByRelease, releaseNotes, SPEC_KIND, specMilestones, specScopes } from './specs.ts';
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

describe('releaseNotes', () => {
  const tally = (entries: [string | undefined, string][]) => {
    const by = new ByRelease(() => ({ n: 0 }));
    for (const [release, month] of entries) by.at(release, month).n++;
    return [...by.releases.values()];
  };
  const describe1 = (c: { n: number }) => `${c.n} specs`;

  it('orders releases by their latest month, not their names, with their month span, and milestones without a release last', () => {
    const releases = tally([['zed', '2022-09'], ['zed', '2023-01'], ['2023.1', '2023-03'], [undefined, '2022-01'], ['2023.1', '2023-02']]);
    expect(releaseNotes(releases, 'By release:', describe1)).toBe('By release: 2023.1: 2 specs (Feb 2023 to Mar 2023); zed: 2 specs (Sep 2022 to Jan 2023); no release named: 1 specs (Jan 2022).');
    expect(releaseNotes([], 'By release:', describe1)).toBe('');
  });

  it('names only the newest releases and counts the older ones', () => {
    const releases = tally(Array.from({ length: 11 }, (_, i) => [`r${i}`, `2024-${String(i + 1).padStart(2, '0')}`] as [string, string]));
    const notes = releaseNotes(releases, 'By release:', describe1);
    expect(notes).toMatch(/^By release: r10: 1 specs \(Nov 2024\); r9: .*; r3: 1 specs \(Apr 2024\); and 3 older releases, listed on the specs pages\.$/);
    expect(releaseNotes(releases, 'By release:', describe1, 10)).toMatch(/; and 1 older release, listed on the specs pages\.$/);
  });
});
