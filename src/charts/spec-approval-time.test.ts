import { describe, expect, it } from 'vitest';
import { renderBarChart } from './bar-chart.ts';
import { toCsv } from './export.ts';
import { approvalTimeChartData, approvalTimeSeries } from './spec-approval-time.ts';
import { ALL_SPECS_SCOPE, type SpecMilestone } from './specs.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { SPEC_MILESTONES } from './__fixtures__/specs.ts';
import { placeKey } from '../lib/places.ts';

const byId = (series: { id: string; points: { month: string; value: number }[] }[]) => Object.fromEntries(series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))]));
const releases = (data: { axis?: { categories: { id: string }[] } }) => data.axis?.categories.map((c) => c.id);
const scope = (source: string, name: string) => ({ id: `projects/${name}`, label: name, project: name, place: placeKey(source, name) });

describe('approvalTimeSeries', () => {
  const series = approvalTimeSeries(SPEC_MILESTONES);

  it('gives the median days per release of approval, no value where no approval was measured, and every approval counted', () => {
    const data = approvalTimeChartData(series, ALL_SPECS_SCOPE, 'Demo');
    // Releases with approvals only (v1.31 has an implementation alone), in the shared time order.
    expect(releases(data)).toEqual(['v1.30', '2024.1', '(no release)']);
    // 2024.1: a 10, b 36 and g 10.25 days (c has no review, d was reviewed after); v1.30: e 2; no release: h 10.
    expect(byId(data.series)).toEqual({
      'median-days': { 'v1.30': 2, '2024.1': 10.3, '(no release)': 10 },
      approvals: { 'v1.30': 1, '2024.1': 5, '(no release)': 1 },
    });
    expect(data.series.map((s) => [s.id, s.label, s.total])).toEqual([['median-days', 'Median days from first review to approval', 'none'], ['approvals', 'Specs approved', 'sum']]);
    expect(toCsv(data)).toBe('release,Median days from first review to approval,Specs approved\r\nv1.30,2,1\r\n2024.1,10.3,5\r\n(no release),10,1\r\n');
    expect(data.title).toBe('Time to spec approval per release: all specs');
  });

  it('shows no value, not 0, for a release without a measured approval: an empty cell, no bar, a gap in the text', () => {
    const unmeasured: SpecMilestone[] = [
      { source: 's', key: 's:1', approved: '2024-01-01T00:00:00Z', approvedIn: 'r1' },
      { source: 's', key: 's:2', approved: '2024-06-01T00:00:00Z', approvedIn: 'r2', firstReview: '2024-05-01T00:00:00Z' },
    ];
    const data = approvalTimeChartData(approvalTimeSeries(unmeasured), ALL_SPECS_SCOPE, 'Demo');
    expect(byId(data.series)).toEqual({ 'median-days': { r2: 31 }, approvals: { r1: 1, r2: 1 } });
    expect(toCsv(data).split('\r\n')[1]).toBe('r1,,1');
    expect(chartTable(data).rows[0]!.cells).toEqual(['—', '1']);
    expect(chartTable(data).totals).toEqual([undefined, '2']);
    expect(chartTable(data).note).toMatch(/do not add up to a total over the releases\.$/);
    const svg = renderBarChart(data, { id: 'u' });
    expect(svg.match(/<rect class="bar"[^>]*data-category="r1"/g)).toHaveLength(1);
    expect(textAlternative(data)).toBe('By release: 2 releases: r1 and r2. Median days from first review to approval: 31 in r2. No value in 1 of the 2 releases. Specs approved: 2 in total; 1 in each of 2 releases.');
  });

  it('keeps places and sources apart', () => {
    expect(byId(approvalTimeChartData(series, scope('demo', 'nova-specs'), 'Demo').series)).toEqual({ 'median-days': { '2024.1': 23 }, approvals: { '2024.1': 4 } });
    expect(byId(approvalTimeChartData(series, scope('demo', 'sig-node'), 'Demo').series)).toEqual({ 'median-days': { 'v1.30': 2, '(no release)': 10 }, approvals: { 'v1.30': 1, '(no release)': 1 } });
    expect(byId(approvalTimeChartData(series, scope('mirror', 'nova-specs'), 'Demo').series)).toEqual({ 'median-days': { '2024.1': 10.3 }, approvals: { '2024.1': 1 } });
  });

  it('says that specs without a review, or first reviewed after their approval, are left out of the median, with how many, and where approvals count', () => {
    const data = approvalTimeChartData(series, ALL_SPECS_SCOPE, 'Demo');
    expect(data.source).toMatch(/^Demo, from the specs repositories' history and the code reviews linked to each spec\. For each release, the median .* earliest change linked to the spec as a review .* first made the spec approved/);
    expect(data.source).toContain('A spec counts in the release that commit names, once: one approved again for a later release stays in the release of its first approval.');
    expect(data.source).toContain('Specs without a linked review are left out of the median (1 of the 7 approvals here), and so are those whose earliest linked review was opened after the approval, a later edit when the proposal\'s review is not on the site (1 of the 7 approvals here); both still count among the specs approved.');
    expect(data.source).toMatch(/Releases are in time order, by the median date of the approvals and implementations naming them; steps that name no release come last\.$/);
    expect(data.description).toMatch(/Releases without a measured approval have no median\.$/);
    expect(approvalTimeChartData(series, scope('demo', 'sig-node'), 'Demo').source).toContain('left out of the median (none here)');
  });

  it('counts a same-moment review and approval as 0 days, and skips unreadable approvals', () => {
    const odd: SpecMilestone[] = [
      { source: 's', key: 's:1', approved: '2024-03-31T23:30:00-05:00', approvedIn: 'r1', firstReview: '2024-04-01T04:30:00Z' },
      { source: 's', key: 's:2', approved: 'not a date', approvedIn: 'r2', firstReview: '2024-01-01T00:00:00Z' },
      { source: 's', key: 's:3', firstReview: '2024-01-01T00:00:00Z' },
    ];
    expect(byId(approvalTimeChartData(approvalTimeSeries(odd), ALL_SPECS_SCOPE, 'Demo').series)).toEqual({ 'median-days': { r1: 0 }, approvals: { r1: 1 } });
  });

  it('is empty without approvals, for a place without any and for a scope without a place key', () => {
    const empty = approvalTimeChartData(approvalTimeSeries([]), ALL_SPECS_SCOPE, 'Demo');
    expect(empty.series.map((s) => s.points)).toEqual([[], []]);
    expect(empty.source).toContain('(none here)');
    expect(approvalTimeChartData(series, scope('demo', 'elsewhere'), 'Demo').series.map((s) => s.points)).toEqual([[], []]);
    expect(approvalTimeChartData(series, { id: 'projects/sig-node', label: 'sig-node', project: 'sig-node' }, 'Demo').series.map((s) => s.points)).toEqual([[], []]);
  });
});
