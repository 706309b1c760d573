/**
 * Action items per month (pure), from the items the meeting kind follows
 * across a team's meetings (`trackActions`): how many were open at the end of
 * each month, how many were raised in it and how many closed in it, for all
 * teams and each team.
 *
 * An item is raised in the UTC month of the first meeting that recorded it;
 * carried over (recorded again in the team's next meeting) it stays one item,
 * not a new one. It closes in the month of the team's first meeting that did
 * not carry it over: done or dropped, the minutes do not say which. An item
 * of a team's latest meeting is still open. Open at the end of a month means
 * raised in that month or before, and not closed by its end: an item raised
 * and closed within one month is raised and closed there, never open at a
 * month's end.
 *
 * Items count whoever owns them (or nobody): the owners are not counted, the
 * #action lines are.
 */
import { ByList, widen, type MonthSpan } from './lists.ts';
import type { MeetingAction } from './meetings.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, monthsBetween, zeroFill, type ChartData, type Month, type TimeSeries } from './series.ts';

export const ACTION_SERIES = [
  { id: 'open', label: 'Open at month end', total: 'none' },
  { id: 'raised', label: 'Raised', total: 'sum' },
  { id: 'closed', label: 'Closed', total: 'sum' },
] as const satisfies readonly Omit<TimeSeries, 'points'>[];

interface Tally extends MonthSpan {
  raised: Map<Month, number>;
  closed: Map<Month, number>;
}

const newTally = (): Tally => ({ raised: new Map(), closed: new Map() });

const bump = (counts: Map<Month, number>, m: Month) => counts.set(m, (counts.get(m) ?? 0) + 1);

function add(t: Tally, raised: Month, closed: Month | undefined): void {
  bump(t.raised, raised);
  widen(t, raised);
  if (closed === undefined) return;
  bump(t.closed, closed);
  widen(t, closed);
}

/**
 * Zero-filled from the scope's first raised item to its last month with an
 * item raised or closed; open is the running count of raised minus closed.
 */
function toSeries(t: Tally): TimeSeries[] {
  const { first, last } = t;
  if (first === undefined || last === undefined) return ACTION_SERIES.map((s) => ({ ...s, points: [] }));
  const open = new Map<Month, number>();
  let running = 0;
  for (const m of monthsBetween(first, last)) {
    running += (t.raised.get(m) ?? 0) - (t.closed.get(m) ?? 0);
    open.set(m, running);
  }
  const values = { open, raised: t.raised, closed: t.closed };
  return ACTION_SERIES.map((s) => ({ ...s, points: zeroFill(values[s.id], first, last) }));
}

export interface ActionItemSeries {
  total: TimeSeries[];
  /** By place key (`placeKey(source, team)`). */
  teams: Map<string, TimeSeries[]>;
}

/**
 * One pass over the tracked items. An item without a readable first start is
 * skipped; a close date that cannot be read, or that comes before the item
 * was raised, leaves it open rather than closing it in a month it was not yet raised.
 */
export function actionItemSeries(actions: Iterable<MeetingAction>): ActionItemSeries {
  const tallies = new ByList(newTally);
  for (const a of actions) {
    const start = a.raised[0]?.start;
    const raised = start === undefined ? undefined : eventMonth(start);
    if (!raised) continue;
    const closedMonth = a.closed === undefined ? undefined : eventMonth(a.closed);
    const closed = closedMonth !== undefined && closedMonth >= raised ? closedMonth : undefined;
    add(tallies.total, raised, closed);
    add(tallies.of(a.source, a.team), raised, closed);
  }
  return { total: toSeries(tallies.total), teams: new Map([...tallies.lists].map(([key, t]) => [key, toSeries(t)])) };
}

/** The series for one scope, wrapped with the words a chart needs. */
export function actionItemsChartData(series: ActionItemSeries, scope: ChartScope, siteTitle: string): ChartData {
  const s = scopeEntry(scope, series.total, series.teams) ?? toSeries(newTally());
  const where = scopeWords(scope);
  return {
    title: `Action items per month: ${where}`,
    description: `Action items of ${where} open at the end of each month (UTC), and those raised and closed in it.`,
    unit: 'action items',
    series: s,
    source: `${siteTitle}, from meeting bot minutes. An action item is an #action line; recorded again in the team's next meeting (same owners, nearly the same words) it is the same item carried over, not a new one. It is raised in the month (UTC) of the first meeting that recorded it, and closed in the month of the team's first meeting that did not carry it over (done or dropped: the minutes do not say which); an item of the team's latest meeting is still open. Open counts the items raised and not closed by the end of the month. Items count whoever owns them.`,
  };
}
