import { describe, expect, it } from 'vitest';
import { activityChartData, activityScopes, activitySeries, ALL_SCOPE } from './activity.ts';
import { CHANGES } from './__fixtures__/changes.ts';
import { placeKey } from '../lib/places.ts';
import type { ChartScope } from './scopes.ts';

const DOCS = placeKey('demo', 'aurora/docs');
const COMPUTE = placeKey('demo', 'aurora/compute');
/** A place as the catalog has it (the fixtures are all in source `demo`). */
const place = (name: string, source = 'demo', slug = name) => ({ key: placeKey(source, name), source, name, slug });

const values = (s: { points: { month: string; value: number }[] }) => Object.fromEntries(s.points.map((p) => [p.month, p.value]));

describe('activitySeries', () => {
  const result = activitySeries(CHANGES);

  it('counts opened by creation month, merged by submit month, distinct reviewers per month, zero-filled', () => {
    const [opened, merged, reviewers] = result.total;
    expect(values(opened!)).toEqual({ '2024-01': 2, '2024-02': 1, '2024-03': 0, '2024-04': 1 });
    expect(values(merged!)).toEqual({ '2024-01': 0, '2024-02': 2, '2024-03': 0, '2024-04': 0 });
    // demo:2 reviewed twice in January (two changes) -> 1; February: demo:3 and demo:2 -> 2.
    expect(values(reviewers!)).toEqual({ '2024-01': 1, '2024-02': 2, '2024-03': 0, '2024-04': 0 });
    expect(result.total.map((s) => s.id)).toEqual(['opened', 'merged', 'reviewers']);
    expect(reviewers!.total).toBe('none');
  });

  it('keeps each project on its own month range', () => {
    const docs = result.projects.get(DOCS)!;
    expect(docs[0]!.points).toEqual([{ month: '2024-02', value: 1 }]);
    expect(values(docs[1]!)).toEqual({ '2024-02': 1 });
    expect(result.projects.get(COMPUTE)![0]!.points.map((p) => p.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
  });

  it('returns empty series for no changes', () => {
    expect(activitySeries([]).total.map((s) => s.points)).toEqual([[], [], []]);
  });
});

describe('scopes and chart data', () => {
  it('puts projects under projects/<slug>, sorted, after all', () => {
    expect(activityScopes([place('Zed', 'demo', 'zed'), place('aurora/compute')]).map((s) => s.id)).toEqual(['all', 'projects/aurora/compute', 'projects/zed']);
  });

  it('names the scope in title and description', () => {
    const s = activitySeries(CHANGES);
    expect(activityChartData(s, ALL_SCOPE, 'Demo').title).toBe('Review activity per month: all projects');
    const p = activityChartData(s, { id: 'projects/aurora/docs', label: 'aurora/docs', project: 'aurora/docs', place: DOCS }, 'Demo');
    expect(p.title).toBe('Review activity per month: aurora/docs');
    expect(p.series[0]!.points).toHaveLength(1);
    expect(activityChartData(s, { id: 'projects/x', label: 'x', project: 'x', place: placeKey('demo', 'x') }, 'Demo').series.every((x) => x.points.length === 0)).toBe(true);
  });
});

describe('two sources with a project of the same name', () => {
  // Regression: scopes and series were keyed by project name, so both `docs` shared one scope and one set of numbers.
  const changes = [
    { ...CHANGES[0]!, source: 'a', project: 'docs' },
    { ...CHANGES[1]!, source: 'a', project: 'docs' },
    { ...CHANGES[3]!, source: 'b', project: 'docs' },
  ];
  const series = activitySeries(changes);
  // The catalog gives a name found in several sources the slug `<source>/<name>`.
  const scopes = activityScopes([place('docs', 'b', 'b/docs'), place('docs', 'a', 'a/docs'), place('solo', 'a')]);

  it('get two scopes with distinct ids, labels that name the source, and their own place keys', () => {
    expect(scopes.map((s) => [s.id, s.label, s.project, s.place])).toEqual([
      ['all', 'All projects', undefined, undefined],
      ['projects/a/docs', 'docs (a)', 'docs', placeKey('a', 'docs')],
      ['projects/b/docs', 'docs (b)', 'docs', placeKey('b', 'docs')],
      ['projects/solo', 'solo', 'solo', placeKey('a', 'solo')],
    ]);
  });

  it('keep their numbers apart', () => {
    const [a, b] = [scopes[1]!, scopes[2]!].map((s) => activityChartData(series, s, 'Demo'));
    expect(a!.title).toBe('Review activity per month: docs (a)');
    expect(b!.title).toBe('Review activity per month: docs (b)');
    // a: two opened in January, one merged in February; b: one opened and merged in February.
    expect(a!.series.map(values)).toEqual([{ '2024-01': 2, '2024-02': 0 }, { '2024-01': 0, '2024-02': 1 }, { '2024-01': 1, '2024-02': 1 }]);
    expect(b!.series.map(values)).toEqual([{ '2024-02': 1 }, { '2024-02': 1 }, { '2024-02': 1 }]);
    expect([...series.projects.keys()].sort()).toEqual([placeKey('a', 'docs'), placeKey('b', 'docs')]);
  });

  it('never reads a scope without a place key as a project', () => {
    const byName: ChartScope = { id: 'projects/docs', label: 'docs', project: 'docs' };
    expect(activityChartData(series, byName, 'Demo').series.every((x) => x.points.length === 0)).toBe(true);
  });
});

describe('hostile project names', () => {
  it('stay text in the rendered SVG, its description and the CSV', async () => {
    const { renderLineChart } = await import('./line-chart.ts');
    const { toCsv } = await import('./export.ts');
    const evil = '<script>alert("x")</script>';
    const s = activitySeries([{ ...CHANGES[0]!, project: evil }]);
    const data = activityChartData(s, { id: 'projects/script-alert-x-script', label: evil, project: evil, place: placeKey('demo', evil) }, 'Demo & <b>co</b>');
    const svg = renderLineChart(data, { id: 'evil' });
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain('<title id="evil-title">Review activity per month: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>');
    expect(toCsv(data).split('\r\n')[0]).toBe('month,Changes opened,Changes merged,Active reviewers');
  });
});
