/**
 * Attendance per month (pure): the median number of people who said
 * something in a meeting, over the meetings started in the month, beside the
 * number of meetings held, for all teams and each team.
 *
 * The median, not the mean: one large meeting (a release or a summit
 * session) would lift a month's mean above every ordinary meeting in it,
 * while the median stays a meeting readers would recognise. People are the
 * meeting's `attendees`, the counted people who spoke: the meeting bot, other
 * bots and people who opted out are not counted, and someone who was present
 * but said nothing does not show in a log. A meeting in which no counted
 * person spoke counts as 0 people.
 *
 * The median is a rate: a month without a meeting has no point (the line
 * breaks there), while meetings held are zero-filled.
 */
import { ByList, widen, type MonthSpan } from './lists.ts';
import type { HeldMeeting } from './meetings.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, zeroFill, type ChartData, type Month, type SeriesPoint, type TimeSeries } from './series.ts';
import { median } from './thread-replies.ts';

export const ATTENDANCE_SERIES = { id: 'median-people', label: 'Median people per meeting', total: 'none' } as const satisfies Omit<TimeSeries, 'points'>;
export const HELD_SERIES = { id: 'meetings', label: 'Meetings held', total: 'sum' } as const satisfies Omit<TimeSeries, 'points'>;

interface Tally extends MonthSpan {
  /** People per meeting, by the month the meeting started. */
  people: Map<Month, number[]>;
}

const newTally = (): Tally => ({ people: new Map() });

function add(t: Tally, m: Month, people: number): void {
  let list = t.people.get(m);
  if (!list) t.people.set(m, (list = []));
  list.push(people);
  widen(t, m);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function toSeries(t: Tally): TimeSeries[] {
  const { first, last } = t;
  if (first === undefined || last === undefined) return [{ ...ATTENDANCE_SERIES, points: [] }, { ...HELD_SERIES, points: [] }];
  const medians: SeriesPoint[] = [];
  for (const m of [...t.people.keys()].sort()) medians.push({ month: m, value: round1(median(t.people.get(m)!)!) });
  const held = new Map([...t.people].map(([m, list]) => [m, list.length]));
  return [
    { ...ATTENDANCE_SERIES, points: medians },
    { ...HELD_SERIES, points: zeroFill(held, first, last) },
  ];
}

export interface AttendanceSeries {
  total: TimeSeries[];
  /** By place key (`placeKey(source, team)`). */
  teams: Map<string, TimeSeries[]>;
}

/** One pass over the meetings (those without a readable start are skipped); people are counted per meeting, once each. */
export function attendanceSeries(meetings: Iterable<HeldMeeting>): AttendanceSeries {
  const tallies = new ByList(newTally);
  for (const m of meetings) {
    const month = eventMonth(m.start);
    if (!month) continue;
    const people = new Set(m.attendees).size;
    add(tallies.total, month, people);
    if (m.place !== undefined) add(tallies.of(m.source, m.place), month, people);
  }
  return { total: toSeries(tallies.total), teams: new Map([...tallies.lists].map(([key, t]) => [key, toSeries(t)])) };
}

/** The series for one scope, wrapped with the words a chart needs. */
export function attendanceChartData(series: AttendanceSeries, scope: ChartScope, siteTitle: string): ChartData {
  const s = scopeEntry(scope, series.total, series.teams) ?? toSeries(newTally());
  const where = scopeWords(scope);
  return {
    title: `Meeting attendance per month: ${where}`,
    description: `The median number of people who spoke in a meeting of ${where}, over the meetings started in each month (UTC), and the number of meetings held. Months without a meeting have no median.`,
    unit: 'people or meetings per month',
    series: s,
    source: `${siteTitle}, from meeting bot logs. For each month (UTC), the median over the meetings that started in it of the number of people who said something in the meeting (for an even number of meetings, the mean of the middle two); the meeting bot, other bots and people who opted out are not counted, nor is anyone who said nothing.`,
  };
}
