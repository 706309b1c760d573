import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';
import { approvalTimeChartData, approvalTimeSeries } from './spec-approval-time.ts';
import { ALL_SPECS_SCOPE, type SpecMilestone } from './specs.ts';
import { SPEC_MILESTONES } from './__fixtures__/specs.ts';
import { placeKey } from '../lib/places.ts';

const byId = (series: { id: string; points: { month: string; value: number }[] }[]) => Object.fromEntries(series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))]));
const scope = (source: string, name: string) => ({ id: `projects/${name}`, label: name, project: name, place: placeKey(source, name) });

describe('approvalTimeSeries', () => {
  const series = approvalTimeSeries(SPEC_MILESTONES);

  it('gives the median days per month of approval, no point where no approval was measured, and every approval zero-filled', () => {
    const data = approvalTimeChartData(series, ALL_SPECS_SCOPE, 'Demo');
    // January: 2, 10, 10 and 36 days (the mean of the middle two); February: 10.25; March: c (no review) and d (reviewed after) only.
    expect(byId(data.series)).toEqual({
      'median-days': { '2024-01': 10, '2024-02': 10.3 },
      approvals: { '2024-01': 4, '2024-02': 1, '2024-03': 2 },
    });
    expect(data.series.map((s) => [s.id, s.label, s.total])).toEqual([['median-days', 'Median days from first review to approval', 'none'], ['approvals', 'Specs approved', 'sum']]);
    expect(toCsv(data)).toBe('month,Median days from first review to approval,Specs approved\r\n2024-01,10,4\r\n2024-02,10.3,1\r\n2024-03,,2\r\n');
    expect(data.title).toBe('Time to spec approval per month: all specs');
  });

  it('keeps places and sources apart', () => {
    expect(byId(approvalTimeChartData(series, scope('demo', 'nova-specs'), 'Demo').series)).toEqual({
      'median-days': { '2024-01': 23 },
      approvals: { '2024-01': 2, '2024-02': 0, '2024-03': 2 },
    });
    expect(byId(approvalTimeChartData(series, scope('demo', 'sig-node'), 'Demo').series)).toEqual({ 'median-days': { '2024-01': 6 }, approvals: { '2024-01': 2 } });
    expect(byId(approvalTimeChartData(series, scope('mirror', 'nova-specs'), 'Demo').series)).toEqual({ 'median-days': { '2024-02': 10.3 }, approvals: { '2024-02': 1 } });
  });

  it('says that specs without a review, or first reviewed after their approval, are left out of the median, with how many', () => {
    const all = approvalTimeChartData(series, ALL_SPECS_SCOPE, 'Demo').source;
    expect(all).toMatch(/^Demo, from the specs repositories' history and the code reviews linked to each spec\. For each month \(UTC\) of approval, the median .* earliest change linked to the spec as a review .* first made the spec approved/);
    expect(all).toContain('Specs without a linked review are left out of the median (1 of the 7 approvals here), and so are those whose earliest linked review was opened after the approval, a later edit when the proposal\'s review is not on the site (1 of the 7 approvals here); both still count among the specs approved.');
    expect(approvalTimeChartData(series, scope('demo', 'sig-node'), 'Demo').source).toContain('left out of the median (none here)');
  });

  it('gives each release’s median in the notes, newest first, since the axis is months', () => {
    const data = approvalTimeChartData(series, ALL_SPECS_SCOPE, 'Demo');
    expect(data.description).toMatch(/Months without a measured approval have no median\. The axis is months, not releases: each release's median is in the notes under the chart\.$/);
    expect(data.source).toMatch(/Releases are not on the axis, but in these notes\. By release of approval: 2024\.1: median 10\.3 days over 3 of 5 approvals \(Jan 2024 to Mar 2024\); v1\.30: median 2 days over 1 of 1 approval \(Jan 2024\); no release named: median 10 days over 1 of 1 approval \(Jan 2024\)\.$/);
    const unmeasured: SpecMilestone[] = [{ source: 's', key: 's:1', approved: '2024-01-01T00:00:00Z', approvedIn: 'r1' }];
    expect(approvalTimeChartData(approvalTimeSeries(unmeasured), ALL_SPECS_SCOPE, 'Demo').source).toMatch(/By release of approval: r1: 1 approval, none measured \(Jan 2024\)\.$/);
  });

  it('counts a same-moment review and approval as 0 days, in the UTC month, and skips unreadable approvals', () => {
    const odd: SpecMilestone[] = [
      { source: 's', key: 's:1', approved: '2024-03-31T23:30:00-05:00', firstReview: '2024-04-01T04:30:00Z' },
      { source: 's', key: 's:2', approved: 'not a date', firstReview: '2024-01-01T00:00:00Z' },
      { source: 's', key: 's:3', firstReview: '2024-01-01T00:00:00Z' },
    ];
    expect(byId(approvalTimeChartData(approvalTimeSeries(odd), ALL_SPECS_SCOPE, 'Demo').series)).toEqual({ 'median-days': { '2024-04': 0 }, approvals: { '2024-04': 1 } });
  });

  it('is empty without approvals, for a place without any and for a scope without a place key', () => {
    const empty = approvalTimeChartData(approvalTimeSeries([]), ALL_SPECS_SCOPE, 'Demo');
    expect(empty.series.map((s) => s.points)).toEqual([[], []]);
    expect(empty.source).toMatch(/\(none here\).*but in these notes\.$/);
    expect(approvalTimeChartData(series, scope('demo', 'elsewhere'), 'Demo').series.map((s) => s.points)).toEqual([[], []]);
    expect(approvalTimeChartData(series, { id: 'projects/sig-node', label: 'sig-node', project: 'sig-node' }, 'Demo').series.map((s) => s.points)).toEqual([[], []]);
  });
});
