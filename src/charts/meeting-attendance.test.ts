import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';
import { attendanceChartData, attendanceSeries } from './meeting-attendance.ts';
import { ALL_TEAMS_SCOPE, type HeldMeeting } from './meetings.ts';
import { MEETINGS } from './__fixtures__/meetings.ts';
import { placeKey } from '../lib/places.ts';

const ALPHA = placeKey('demo', 'alpha');
const BETA = placeKey('demo', 'beta');
const MIRROR_ALPHA = placeKey('mirror', 'alpha');
const values = (s: { points: { month: string; value: number }[] }) => Object.fromEntries(s.points.map((p) => [p.month, p.value]));
const scope = (key: string, label: string) => ({ id: `projects/${label}`, label, project: label, place: key });

describe('attendanceSeries', () => {
  const series = attendanceSeries(MEETINGS);

  it('gives the median people per meeting of each month, and meetings held zero-filled', () => {
    const [median, held] = series.teams.get(ALPHA)!;
    // January: 3 and 2 people (an even count: the mean of the two); March: 4. February: no meeting, no median.
    expect(values(median!)).toEqual({ '2024-01': 2.5, '2024-03': 4 });
    expect(values(held!)).toEqual({ '2024-01': 2, '2024-02': 0, '2024-03': 1 });
    expect([median!.id, median!.total, held!.id, held!.total]).toEqual(['median-people', 'none', 'meetings', 'sum']);
  });

  it('counts attendees only (no bots, no one who opted out): a meeting where no counted person spoke has 0 people', () => {
    expect(series.teams.get(BETA)!.map(values)).toEqual([{ '2024-01': 1, '2024-03': 0 }, { '2024-01': 1, '2024-02': 0, '2024-03': 1 }]);
  });

  it('takes the median over every team’s meetings for all teams, and keeps two sources’ teams apart', () => {
    // January: 3, 2 and 1 people; February: mirror's 2; March: 4 and 0.
    expect(series.total.map(values)).toEqual([{ '2024-01': 2, '2024-02': 2, '2024-03': 2 }, { '2024-01': 3, '2024-02': 1, '2024-03': 2 }]);
    expect(series.teams.get(MIRROR_ALPHA)!.map(values)).toEqual([{ '2024-02': 2 }, { '2024-02': 1 }]);
  });

  it('counts a person once per meeting, by the UTC month, and skips unreadable dates', () => {
    const odd: HeldMeeting[] = [
      { source: 's', place: 't', start: '2024-03-31T23:30:00-05:00', attendees: ['s:1', 's:1', 's:2'] },
      { source: 's', place: 't', start: 'not a date', attendees: ['s:1'] },
    ];
    expect(attendanceSeries(odd).total.map(values)).toEqual([{ '2024-04': 2 }, { '2024-04': 1 }]);
  });
});

describe('attendance chart data', () => {
  const series = attendanceSeries(MEETINGS);

  it('says what is counted, with no value in months without a meeting', () => {
    const data = attendanceChartData(series, ALL_TEAMS_SCOPE, 'Demo');
    expect(data.title).toBe('Meeting attendance per month: all teams');
    expect(data.source).toMatch(/^Demo, from meeting bot logs\. .*the median .*bots and people who opted out are not counted/);
    const alpha = attendanceChartData(series, scope(ALPHA, 'alpha (demo)'), 'Demo');
    expect(alpha.title).toBe('Meeting attendance per month: alpha (demo)');
    expect(toCsv(alpha)).toBe('month,Median people per meeting,Meetings held\r\n2024-01,2.5,2\r\n2024-02,,0\r\n2024-03,4,1\r\n');
  });

  it('is empty for a team without meetings and for a scope without a place key', () => {
    expect(attendanceChartData(series, scope(placeKey('demo', 'x'), 'x'), 'Demo').series.map((s) => s.points)).toEqual([[], []]);
    expect(attendanceChartData(series, { id: 'projects/alpha', label: 'alpha', project: 'alpha' }, 'Demo').series.map((s) => s.points)).toEqual([[], []]);
  });
});
