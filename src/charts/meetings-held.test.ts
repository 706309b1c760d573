import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';
import { ALL_TEAMS_SCOPE, meetingScopes, type HeldMeeting } from './meetings.ts';
import { meetingsHeldChartData, meetingsHeldSeries, teamBands } from './meetings-held.ts';
import { chartTable } from './table.ts';
import { MEETINGS } from './__fixtures__/meetings.ts';
import { placeKey } from '../lib/places.ts';

const ALPHA = placeKey('demo', 'alpha');
const BETA = placeKey('demo', 'beta');
const MIRROR_ALPHA = placeKey('mirror', 'alpha');

const values = (s: { points: { month: string; value: number }[] }) => Object.fromEntries(s.points.map((p) => [p.month, p.value]));
const place = (source: string, name: string, slug: string) => ({ key: placeKey(source, name), source, name, slug });
const PLACES = [place('demo', 'alpha', 'demo/alpha'), place('mirror', 'alpha', 'mirror/alpha'), place('demo', 'beta', 'beta'), place('demo', 'aurora/compute', 'aurora/compute')];
const scopes = meetingScopes(PLACES, MEETINGS);
const labels = new Map(scopes.flatMap((s) => (s.place ? [[s.place, s.label] as const] : [])));
const scopeOf = (key: string) => scopes.find((s) => s.place === key)!;

describe('meetingScopes', () => {
  it('gives all teams, then one scope per place with meetings (not a project without any), labelled with the source when two share a name', () => {
    expect(scopes.map((s) => [s.id, s.label, s.place])).toEqual([
      ['all', 'All teams', undefined],
      ['projects/beta', 'beta', BETA],
      ['projects/demo/alpha', 'alpha (demo)', ALPHA],
      ['projects/mirror/alpha', 'alpha (mirror)', MIRROR_ALPHA],
    ]);
  });
});

describe('meetingsHeldSeries', () => {
  const series = meetingsHeldSeries(MEETINGS, labels);

  it('stacks the all scope by team, zero-filled over every month, a team with no meeting in a month showing 0', () => {
    const data = meetingsHeldChartData(series, ALL_TEAMS_SCOPE, 'Demo');
    // alpha (demo) has 3 meetings, then beta 2 and alpha (mirror) 1.
    expect(data.series.map((s) => [s.id, s.label, s.total, values(s)])).toEqual([
      ['team-alpha-demo', 'alpha (demo)', 'sum', { '2024-01': 2, '2024-02': 0, '2024-03': 1 }],
      ['team-beta', 'beta', 'sum', { '2024-01': 1, '2024-02': 0, '2024-03': 1 }],
      ['team-alpha-mirror', 'alpha (mirror)', 'sum', { '2024-01': 0, '2024-02': 1, '2024-03': 0 }],
    ]);
    expect(data.stackTotal).toEqual({ id: 'total', label: 'All meetings', sumUnit: 'meetings' });
    expect(chartTable(data).rows.map((r) => r.month)).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(toCsv(data)).toBe('month,alpha (demo),beta,alpha (mirror),All meetings\r\n2024-01,2,1,0,3\r\n2024-02,0,0,1,1\r\n2024-03,1,1,0,2\r\n');
    expect(data.title).toBe('Meetings held per month: all teams');
    expect(data.description).toBe('Meetings held in each month (UTC) by all teams, stacked by team: all 3 teams.');
    expect(data.source).toMatch(/^Demo, from meeting bot logs\. .*month \(UTC\).*whoever attended\.$/);
  });

  it('gives one team its own count, zero-filled between its first and last meeting, and keeps same-named teams of two sources apart', () => {
    const alpha = meetingsHeldChartData(series, scopeOf(ALPHA), 'Demo');
    expect(alpha.title).toBe('Meetings held per month: alpha (demo)');
    expect(alpha.series.map((s) => [s.id, values(s)])).toEqual([['meetings', { '2024-01': 2, '2024-02': 0, '2024-03': 1 }]]);
    expect(alpha.stackTotal).toBeUndefined();
    expect(meetingsHeldChartData(series, scopeOf(MIRROR_ALPHA), 'Demo').series.map(values)).toEqual([{ '2024-02': 1 }]);
  });

  it('counts a meeting whose only speakers were not counted: holding it is what counts', () => {
    expect(values(meetingsHeldChartData(series, scopeOf(BETA), 'Demo').series[0]!)).toEqual({ '2024-01': 1, '2024-02': 0, '2024-03': 1 });
  });

  it('counts in the UTC month, skips unreadable dates and meetings without a team, and names a team without a label by its name', () => {
    const odd: HeldMeeting[] = [
      { source: 's', place: 'late', start: '2024-03-31T23:30:00-05:00', attendees: [] },
      { source: 's', place: 'late', start: 'not a date', attendees: [] },
      { source: 's', start: '2024-01-01T00:00:00Z', attendees: [] },
    ];
    const data = meetingsHeldChartData(meetingsHeldSeries(odd), ALL_TEAMS_SCOPE, 'Demo');
    expect(data.series.map((s) => [s.label, values(s)])).toEqual([['late', { '2024-04': 1 }]]);
  });

  it('has one empty series without meetings, and never reads a scope without a place key', () => {
    const empty = meetingsHeldSeries([]);
    expect(meetingsHeldChartData(empty, ALL_TEAMS_SCOPE, 'Demo').series.map((s) => s.points)).toEqual([[]]);
    expect(meetingsHeldChartData(series, { id: 'projects/alpha', label: 'alpha', project: 'alpha' }, 'Demo').series.map((s) => s.points)).toEqual([[]]);
    expect(meetingsHeldChartData(series, { id: 'projects/x', label: 'x', project: 'x', place: placeKey('demo', 'x') }, 'Demo').series.map((s) => s.points)).toEqual([[]]);
  });
});

describe('teamBands', () => {
  // Team t<i> holds i + 1 meetings in January: t9 the most.
  const many: HeldMeeting[] = Array.from({ length: 10 }, (_, i) => Array.from({ length: i + 1 }, (_, j) => ({ source: 's', place: `t${i}`, start: `2024-01-${String(j + 1).padStart(2, '0')}T10:00:00Z`, attendees: [] }))).flat();

  it('names the teams with the most meetings and folds the others into one "Other teams" band', () => {
    const series = meetingsHeldSeries(many);
    const { series: bands, folded } = teamBands(series);
    expect(bands.map((b) => b.label)).toEqual(['t9', 't8', 't7', 't6', 't5', 't4', 'Other teams (4)']);
    expect(folded).toEqual(['t3', 't2', 't1', 't0']);
    expect(bands.at(-1)).toEqual({ id: 'other', label: 'Other teams (4)', total: 'sum', tone: 'other', points: [{ month: '2024-01', value: 4 + 3 + 2 + 1 }] });
    const data = meetingsHeldChartData(series, ALL_TEAMS_SCOPE, 'Demo');
    expect(data.description).toBe('Meetings held in each month (UTC) by all teams, stacked by team: the 6 teams with the most meetings, then the other teams together (t3, t2, t1 and t0).');
    // The bands still add up to every meeting.
    expect(toCsv(data).split('\r\n')[1]!.split(',').at(-1)).toBe(String(many.length));
  });

  it('names a single team left over instead of folding it, and breaks ties by label', () => {
    const seven = meetingsHeldSeries(many.filter((m) => m.place! >= 't3'));
    expect(teamBands(seven).series.map((b) => b.label)).toEqual(['t9', 't8', 't7', 't6', 't5', 't4', 't3']);
    const tied = meetingsHeldSeries(['b', 'a', 'c'].map((place) => ({ source: 's', place, start: '2024-01-01T00:00:00Z', attendees: [] })));
    expect(teamBands(tied, 1).series.map((b) => b.label)).toEqual(['a', 'Other teams (2)']);
    expect(() => teamBands(tied, -1)).toThrow(/invalid meetings-held chart top: -1/);
  });

  it('gives distinct CSS-safe ids to labels that slug alike', () => {
    const alike = meetingsHeldSeries(['A b', 'a-b'].map((place) => ({ source: 's', place, start: '2024-01-01T00:00:00Z', attendees: [] })));
    expect(teamBands(alike).series.map((b) => b.id)).toEqual(['team-a-b', 'team-a-b-2']);
  });
});
