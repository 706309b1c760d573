import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';
import { ALL_SPECS_SCOPE, type SpecMilestone } from './specs.ts';
import { specLifecycleChartData, specLifecycleSeries } from './specs-lifecycle.ts';
import { SPEC_MILESTONES } from './__fixtures__/specs.ts';
import { placeKey } from '../lib/places.ts';

const byId = (series: { id: string; points: { month: string; value: number }[] }[]) => Object.fromEntries(series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))]));
const scope = (source: string, name: string) => ({ id: `projects/${name}`, label: name, project: name, place: placeKey(source, name) });

describe('specLifecycleSeries', () => {
  const series = specLifecycleSeries(SPEC_MILESTONES);

  it('counts each spec once as approved and once as implemented, zero-filled from the first milestone to the last', () => {
    const data = specLifecycleChartData(series, ALL_SPECS_SCOPE, 'Demo');
    expect(byId(data.series)).toEqual({
      approved: { '2024-01': 4, '2024-02': 1, '2024-03': 2, '2024-04': 0, '2024-05': 0, '2024-06': 0 },
      implemented: { '2024-01': 0, '2024-02': 0, '2024-03': 0, '2024-04': 2, '2024-05': 0, '2024-06': 1 },
    });
    expect(data.series.map((s) => [s.id, s.label, s.total])).toEqual([['approved', 'Specs approved', 'sum'], ['implemented', 'Specs implemented', 'sum']]);
    expect(toCsv(data).split('\r\n')[0]).toBe('month,Specs approved,Specs implemented');
    expect(data.title).toBe('Specs approved and implemented per month: all specs');
  });

  it('keeps places and sources apart, each zero-filled over its own months', () => {
    expect(byId(specLifecycleChartData(series, scope('demo', 'nova-specs'), 'Demo').series)).toEqual({
      approved: { '2024-01': 2, '2024-02': 0, '2024-03': 2, '2024-04': 0 },
      implemented: { '2024-01': 0, '2024-02': 0, '2024-03': 0, '2024-04': 2 },
    });
    expect(byId(specLifecycleChartData(series, scope('mirror', 'nova-specs'), 'Demo').series)).toEqual({ approved: { '2024-02': 1 }, implemented: { '2024-02': 0 } });
    expect(byId(specLifecycleChartData(series, scope('demo', 'sig-node'), 'Demo').series)).toEqual({
      approved: { '2024-01': 2, '2024-02': 0, '2024-03': 0, '2024-04': 0, '2024-05': 0, '2024-06': 0 },
      implemented: { '2024-01': 0, '2024-02': 0, '2024-03': 0, '2024-04': 0, '2024-05': 0, '2024-06': 1 },
    });
  });

  it('says what is counted, and gives each release’s counts in the notes, newest first, since the axis is months', () => {
    const data = specLifecycleChartData(series, ALL_SPECS_SCOPE, 'Demo');
    expect(data.description).toMatch(/The axis is months, not releases: each release's counts are in the notes under the chart\.$/);
    expect(data.source).toMatch(/^Demo, from the specs repositories' history\. A spec counts as approved once, in the month \(UTC\) of the commit that first made it approved .*one approved again for a later release is not counted again\. .*last made it implemented\./);
    expect(data.source).toContain('Releases are not on the axis, but in these notes. By release (the release the step names): v1.31: 1 implemented (Jun 2024); 2024.1: 5 approved, 2 implemented (Jan 2024 to Apr 2024); v1.30: 1 approved (Jan 2024); no release named: 1 approved (Jan 2024).');
    expect(specLifecycleChartData(series, scope('mirror', 'nova-specs'), 'Demo').source).toMatch(/By release \(the release the step names\): 2024\.1: 1 approved \(Feb 2024\)\.$/);
  });

  it('counts in the UTC month and skips dates it cannot read', () => {
    const odd: SpecMilestone[] = [
      { source: 's', key: 's:1', place: 'p', approved: '2024-03-31T23:30:00-05:00', implemented: 'not a date' },
      { source: 's', key: 's:2', implemented: '2024-05-02T00:00:00Z' },
    ];
    const s = specLifecycleSeries(odd);
    expect(byId(specLifecycleChartData(s, ALL_SPECS_SCOPE, 'Demo').series)).toEqual({ approved: { '2024-04': 1, '2024-05': 0 }, implemented: { '2024-04': 0, '2024-05': 1 } });
    // The spec without a place counts for all specs only.
    expect(byId(specLifecycleChartData(s, scope('s', 'p'), 'Demo').series)).toEqual({ approved: { '2024-04': 1 }, implemented: { '2024-04': 0 } });
  });

  it('is empty without milestones, for a place without any and for a scope without a place key, with no release notes', () => {
    const empty = specLifecycleChartData(specLifecycleSeries([]), ALL_SPECS_SCOPE, 'Demo');
    expect(empty.series.map((s) => s.points)).toEqual([[], []]);
    expect(empty.source).toMatch(/but in these notes\.$/);
    expect(specLifecycleChartData(series, scope('demo', 'elsewhere'), 'Demo').series.map((s) => s.points)).toEqual([[], []]);
    expect(specLifecycleChartData(series, { id: 'projects/sig-node', label: 'sig-node', project: 'sig-node' }, 'Demo').series.map((s) => s.points)).toEqual([[], []]);
  });
});
