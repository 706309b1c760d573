/**
 * Meetings held per month (pure): for all teams, stacked by team (the teams
 * with the most meetings by name, the rest together), and for one team its
 * own count. A meeting counts in the UTC month it started, whoever attended:
 * holding it is what is counted.
 */
import { placeKey } from '../lib/places.ts';
import { ByList, widen, type MonthSpan } from './lists.ts';
import type { HeldMeeting } from './meetings.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, seriesIds, sumOf, zeroFill, type ChartData, type Month, type TimeSeries } from './series.ts';

/**
 * Named teams before the rest is folded into "Other teams": six, as the
 * contributors chart names six organisations (as many bands as the palette
 * tells apart, and a legend of two rows). A single team left over is named
 * instead of being folded.
 */
export const MEETINGS_HELD_DEFAULTS = { top: 6 };

export const TEAM_MEETINGS_SERIES = { id: 'meetings', label: 'Meetings held', total: 'sum' } as const satisfies Omit<TimeSeries, 'points'>;
export const OTHER_TEAMS_ID = 'other';

interface Tally extends MonthSpan {
  counts: Map<Month, number>;
}

const newTally = (): Tally => ({ counts: new Map() });

function count(t: Tally, m: Month): void {
  t.counts.set(m, (t.counts.get(m) ?? 0) + 1);
  widen(t, m);
}

export interface MeetingsHeldSeries {
  /** Every meeting's month, for the span of the `all` scope. */
  total: Tally;
  /** By place key (`placeKey(source, team)`). */
  teams: Map<string, Tally>;
  /** What a team's band is called (its scope label); the team's name when absent. */
  labels: ReadonlyMap<string, string>;
}

/**
 * One pass over the meetings (meetings without a team or a readable start are
 * skipped). `labels` names the teams' bands, by place key: the scope labels,
 * which add the source to a name two sources share.
 */
export function meetingsHeldSeries(meetings: Iterable<HeldMeeting>, labels: ReadonlyMap<string, string> = new Map()): MeetingsHeldSeries {
  const tallies = new ByList(newTally);
  const names = new Map(labels);
  for (const m of meetings) {
    const month = eventMonth(m.start);
    if (!month || m.place === undefined) continue;
    count(tallies.total, month);
    count(tallies.of(m.source, m.place), month);
    const key = placeKey(m.source, m.place);
    if (!names.has(key)) names.set(key, m.place);
  }
  return { total: tallies.total, teams: tallies.lists, labels: names };
}

export interface TeamBands {
  series: TimeSeries[];
  /** Labels of the teams folded into "Other teams", most meetings first. */
  folded: string[];
}

/**
 * The stack, bottom to top: the `top` teams with the most meetings over the
 * whole range (ties by label), then "Other teams" for two or more others (a
 * single one is named instead). Zero-filled over the all scope's months.
 */
export function teamBands(series: MeetingsHeldSeries, top: number = MEETINGS_HELD_DEFAULTS.top): TeamBands {
  if (!Number.isInteger(top) || top < 0) throw new Error(`invalid meetings-held chart top: ${String(top)} (expected a whole number, 0 or more)`);
  const { first, last } = series.total;
  if (first === undefined || last === undefined) return { series: [], folded: [] };
  const ranked = [...series.teams]
    .map(([key, t]) => ({ label: series.labels.get(key)!, counts: t.counts, total: sumOf(t.counts.values()) }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label));
  const cut = ranked.length === top + 1 ? top + 1 : top;
  const named = ranked.slice(0, cut);
  const rest = ranked.slice(cut);
  const ids = seriesIds('team', named.map((r) => r.label));
  const out: TimeSeries[] = named.map((r, i) => ({ id: ids[i]!, label: r.label, total: 'sum', points: zeroFill(r.counts, first, last) }));
  if (rest.length) {
    const other = new Map<Month, number>();
    for (const r of rest) for (const [m, n] of r.counts) other.set(m, (other.get(m) ?? 0) + n);
    out.push({ id: OTHER_TEAMS_ID, label: `Other teams (${rest.length})`, total: 'sum', tone: 'other', points: zeroFill(other, first, last) });
  }
  return { series: out, folded: rest.map((r) => r.label) };
}

/** How the bands were chosen, in words. */
function bandWords(named: number, folded: readonly string[]): string {
  if (!folded.length) return named === 1 ? 'its one team' : `all ${named} teams`;
  const names = folded.length > 8 ? `${folded.length} smaller teams` : `${folded.slice(0, -1).join(', ')} and ${folded[folded.length - 1]!}`;
  return `the ${named} teams with the most meetings, then the other teams together (${names})`;
}

/** Bands (all teams) or the team's own count, wrapped with the words a chart needs. */
export function meetingsHeldChartData(series: MeetingsHeldSeries, scope: ChartScope, siteTitle: string, options: { top?: number } = {}): ChartData {
  const where = scopeWords(scope);
  const source = `${siteTitle}, from meeting bot logs. A meeting is one a meeting bot logged from #startmeeting (to #endmeeting, or to its last line when it never ended), counted in the month (UTC) it started under the team whose meeting id it was logged under, whoever attended.`;
  const unit = 'meetings per month';
  if (scope.place === undefined && scope.project === undefined) {
    const { series: bands, folded } = teamBands(series, options.top ?? MEETINGS_HELD_DEFAULTS.top);
    const named = bands.filter((b) => !b.tone).length;
    return {
      title: `Meetings held per month: ${where}`,
      description: bands.length ? `Meetings held in each month (UTC) by ${where}, stacked by team: ${bandWords(named, folded)}.` : `Meetings held in each month (UTC) by ${where}, stacked by team.`,
      unit,
      // No meetings: one empty series, so the chart says there is no data yet.
      series: bands.length ? bands : [{ ...TEAM_MEETINGS_SERIES, points: [] }],
      stackTotal: { id: 'total', label: 'All meetings', sumUnit: 'meetings' },
      source,
    };
  }
  const t = scopeEntry(scope, series.total, series.teams);
  const points = t?.first !== undefined && t.last !== undefined ? zeroFill(t.counts, t.first, t.last) : [];
  return {
    title: `Meetings held per month: ${where}`,
    description: `Meetings held by ${where} in each month (UTC).`,
    unit,
    series: [{ ...TEAM_MEETINGS_SERIES, points }],
    source,
  };
}
