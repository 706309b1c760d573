import { describe, expect, it } from 'vitest';
import { renderBarChart } from './bar-chart.ts';
import { toCsv, toJson } from './export.ts';
import { ALL_SPECS_SCOPE, type SpecMilestone } from './specs.ts';
import { specLifecycleChartData, specLifecycleSeries } from './specs-lifecycle.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { SPEC_MILESTONES } from './__fixtures__/specs.ts';
import { placeKey } from '../lib/places.ts';

const byId = (series: { id: string; points: { month: string; value: number }[] }[]) => Object.fromEntries(series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))]));
const releases = (data: { axis?: { categories: { id: string }[] } }) => data.axis?.categories.map((c) => c.id);
const scope = (source: string, name: string) => ({ id: `projects/${name}`, label: name, project: name, place: placeKey(source, name) });

describe('specLifecycleSeries', () => {
  const series = specLifecycleSeries(SPEC_MILESTONES);

  it('counts each spec once as approved and once as implemented, in the release each step names, releases in time order', () => {
    const data = specLifecycleChartData(series, ALL_SPECS_SCOPE, 'Demo');
    expect(data.axis).toMatchObject({ kind: 'category', name: 'release', label: 'Release' });
    // v1.30 (January) before 2024.1 (median step in March) before v1.31 (June); the step naming no release last.
    expect(releases(data)).toEqual(['v1.30', '2024.1', 'v1.31', '(no release)']);
    expect(data.axis!.categories.at(-1)!.label).toBe('No release named');
    expect(byId(data.series)).toEqual({
      approved: { 'v1.30': 1, '2024.1': 5, 'v1.31': 0, '(no release)': 1 },
      implemented: { 'v1.30': 0, '2024.1': 2, 'v1.31': 1, '(no release)': 0 },
    });
    // Points in axis order.
    expect(data.series.map((s) => s.points.map((p) => p.month))).toEqual([releases(data), releases(data)]);
    expect(data.series.map((s) => [s.id, s.label, s.total])).toEqual([['approved', 'Specs approved', 'sum'], ['implemented', 'Specs implemented', 'sum']]);
    expect(data.title).toBe('Specs approved and implemented per release: all specs');
    expect(data.unit).toBe('specs per release');
  });

  it('gives a table, CSV, JSON, text and bars per release', () => {
    const data = specLifecycleChartData(series, ALL_SPECS_SCOPE, 'Demo');
    expect(toCsv(data)).toBe('release,Specs approved,Specs implemented\r\nv1.30,1,0\r\n2024.1,5,2\r\nv1.31,0,1\r\n(no release),1,0\r\n');
    const t = chartTable(data);
    expect(t.axisLabel).toBe('Release');
    expect(t.rows.map((r) => [r.label, ...r.cells])).toEqual([['v1.30', '1', '0'], ['2024.1', '5', '2'], ['v1.31', '0', '1'], ['No release named', '1', '0']]);
    expect(t.totals).toEqual(['7', '3']);
    expect(JSON.parse(toJson(data)).series[0].points[0]).toEqual({ release: 'v1.30', value: 1 });
    expect(textAlternative(data)).toBe('By release: 4 releases: v1.30, 2024.1, v1.31 and No release named. Specs approved: 7 in total; highest 2024.1 (5), lowest v1.31 (0). Specs implemented: 3 in total; highest 2024.1 (2), lowest v1.30 (0).');
    expect(renderBarChart(data, { id: 'c' }).match(/<rect class="bar"/g)).toHaveLength(8);
  });

  it('keeps places and sources apart, each with its own releases in the shared order', () => {
    const demo = specLifecycleChartData(series, scope('demo', 'nova-specs'), 'Demo');
    expect(releases(demo)).toEqual(['2024.1']);
    expect(byId(demo.series)).toEqual({ approved: { '2024.1': 4 }, implemented: { '2024.1': 2 } });
    expect(byId(specLifecycleChartData(series, scope('mirror', 'nova-specs'), 'Demo').series)).toEqual({ approved: { '2024.1': 1 }, implemented: { '2024.1': 0 } });
    const node = specLifecycleChartData(series, scope('demo', 'sig-node'), 'Demo');
    expect(releases(node)).toEqual(['v1.30', 'v1.31', '(no release)']);
    expect(byId(node.series)).toEqual({ approved: { 'v1.30': 1, 'v1.31': 0, '(no release)': 1 }, implemented: { 'v1.30': 0, 'v1.31': 1, '(no release)': 0 } });
  });

  it('says what is counted, in which release, and how releases are ordered', () => {
    const data = specLifecycleChartData(series, ALL_SPECS_SCOPE, 'Demo');
    expect(data.description).toBe('Design specs approved, and specs implemented, in each release, for all specs: a spec counts in the release its approval or implementation names.');
    expect(data.source).toMatch(/^Demo, from the specs repositories' history\. A spec counts as approved once, in the release named by the commit that first made it approved .*one approved again for a later release is not counted again, and stays in the release of its first approval\. .*last made it implemented\./);
    expect(data.source).toMatch(/Releases are in time order, by the median date of the approvals and implementations naming them; steps that name no release come last\.$/);
    expect(data.source).not.toMatch(/month/i);
  });

  it('counts a spec approved again for a later release once, in its first approval’s release', () => {
    // The summary's approvedIn is the release of the first approved step, whatever the spec's current release.
    const again: SpecMilestone[] = [{ source: 's', key: 's:1', approved: '2023-01-10T00:00:00Z', approvedIn: 'zed', implemented: '2024-02-01T00:00:00Z', implementedIn: '2024.1' }];
    expect(byId(specLifecycleChartData(specLifecycleSeries(again), ALL_SPECS_SCOPE, 'Demo').series)).toEqual({ approved: { zed: 1, '2024.1': 0 }, implemented: { zed: 0, '2024.1': 1 } });
  });

  it('skips dates it cannot read', () => {
    const odd: SpecMilestone[] = [
      { source: 's', key: 's:1', place: 'p', approved: '2024-03-31T23:30:00-05:00', approvedIn: 'r1', implemented: 'not a date', implementedIn: 'r2' },
      { source: 's', key: 's:2', implemented: '2024-05-02T00:00:00Z', implementedIn: 'r2' },
    ];
    const s = specLifecycleSeries(odd);
    expect(byId(specLifecycleChartData(s, ALL_SPECS_SCOPE, 'Demo').series)).toEqual({ approved: { r1: 1, r2: 0 }, implemented: { r1: 0, r2: 1 } });
    // The spec without a place counts for all specs only.
    expect(byId(specLifecycleChartData(s, scope('s', 'p'), 'Demo').series)).toEqual({ approved: { r1: 1 }, implemented: { r1: 0 } });
  });

  it('is empty without milestones, for a place without any and for a scope without a place key', () => {
    const empty = specLifecycleChartData(specLifecycleSeries([]), ALL_SPECS_SCOPE, 'Demo');
    expect(empty.series.map((s) => s.points)).toEqual([[], []]);
    expect(releases(empty)).toEqual([]);
    expect(textAlternative(empty)).toBe('Specs approved and implemented per release: all specs: no data yet.');
    expect(renderBarChart(empty, { id: 'e' })).toContain('No data yet');
    expect(specLifecycleChartData(series, scope('demo', 'elsewhere'), 'Demo').series.map((s) => s.points)).toEqual([[], []]);
    expect(specLifecycleChartData(series, { id: 'projects/sig-node', label: 'sig-node', project: 'sig-node' }, 'Demo').series.map((s) => s.points)).toEqual([[], []]);
  });
});
