import { describe, expect, it } from 'vitest';
import { activityChartData, activityScopes, activitySeries, ALL_SCOPE } from './activity.ts';
import { CHANGES } from './__fixtures__/changes.ts';

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
    const docs = result.projects.get('aurora/docs')!;
    expect(docs[0]!.points).toEqual([{ month: '2024-02', value: 1 }]);
    expect(values(docs[1]!)).toEqual({ '2024-02': 1 });
    expect(result.projects.get('aurora/compute')![0]!.points.map((p) => p.month)).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
  });

  it('returns empty series for no changes', () => {
    expect(activitySeries([]).total.map((s) => s.points)).toEqual([[], [], []]);
  });
});

describe('scopes and chart data', () => {
  it('puts projects under projects/<slug>, sorted, after all', () => {
    expect(activityScopes([{ name: 'Zed', slug: 'zed' }, { name: 'aurora/compute', slug: 'aurora/compute' }]).map((s) => s.id)).toEqual(['all', 'projects/aurora/compute', 'projects/zed']);
  });

  it('names the scope in title and description', () => {
    const s = activitySeries(CHANGES);
    expect(activityChartData(s, ALL_SCOPE, 'Demo').title).toBe('Review activity per month: all projects');
    const p = activityChartData(s, { id: 'projects/aurora/docs', label: 'aurora/docs', project: 'aurora/docs' }, 'Demo');
    expect(p.title).toBe('Review activity per month: aurora/docs');
    expect(p.series[0]!.points).toHaveLength(1);
    expect(activityChartData(s, { id: 'projects/x', label: 'x', project: 'x' }, 'Demo').series.every((x) => x.points.length === 0)).toBe(true);
  });
});

describe('hostile project names', () => {
  it('stay text in the rendered SVG, its description and the CSV', async () => {
    const { renderLineChart } = await import('./line-chart.ts');
    const { toCsv } = await import('./export.ts');
    const evil = '<script>alert("x")</script>';
    const s = activitySeries([{ ...CHANGES[0]!, project: evil }]);
    const data = activityChartData(s, { id: 'projects/script-alert-x-script', label: evil, project: evil }, 'Demo & <b>co</b>');
    const svg = renderLineChart(data, { id: 'evil' });
    expect(svg).not.toMatch(/<script|<b>/);
    expect(svg).toContain('<title id="evil-title">Review activity per month: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</title>');
    expect(toCsv(data).split('\r\n')[0]).toBe('month,Changes opened,Changes merged,Active reviewers');
  });
});
