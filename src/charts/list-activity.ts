/**
 * Mailing-list activity per month (pure): messages posted and distinct
 * posters, for all lists and for each list (by place key, so two sources'
 * lists of the same name stay apart). Both come from the catalog's message
 * events, one per message of a counted person (see lists.ts): a message by a
 * bot or by someone who opted out is not counted, nor is its poster.
 */
import { ByList, MESSAGE_KIND, widen, type ListEvent, type MonthSpan } from './lists.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, zeroFill, type ChartData, type Month, type TimeSeries } from './series.ts';

export const LIST_ACTIVITY_SERIES = [
  { id: 'messages', label: 'Messages', total: 'sum' },
  { id: 'posters', label: 'Posters', total: 'none' },
] as const satisfies readonly Omit<TimeSeries, 'points'>[];

interface Tally extends MonthSpan {
  messages: Map<Month, number>;
  posters: Map<Month, Set<string>>;
}

const newTally = (): Tally => ({ messages: new Map(), posters: new Map() });

function count(t: Tally, m: Month, who: string): void {
  t.messages.set(m, (t.messages.get(m) ?? 0) + 1);
  let people = t.posters.get(m);
  if (!people) t.posters.set(m, (people = new Set()));
  people.add(who);
  widen(t, m);
}

function toSeries(t: Tally): TimeSeries[] {
  const { first, last } = t;
  if (first === undefined || last === undefined) return LIST_ACTIVITY_SERIES.map((s) => ({ ...s, points: [] }));
  const posters = new Map([...t.posters].map(([m, set]) => [m, set.size]));
  const values = { messages: t.messages, posters };
  return LIST_ACTIVITY_SERIES.map((s) => ({ ...s, points: zeroFill(values[s.id], first, last) }));
}

export interface ListActivitySeries {
  total: TimeSeries[];
  /** By place key (`placeKey(source, list)`). */
  lists: Map<string, TimeSeries[]>;
}

/**
 * One pass over the events (other kinds are skipped). Each scope is
 * zero-filled between its own first and last month with a message (UTC).
 */
export function listActivitySeries(events: Iterable<ListEvent>): ListActivitySeries {
  const tallies = new ByList(newTally);
  for (const e of events) {
    if (e.kind !== MESSAGE_KIND) continue;
    const m = eventMonth(e.when);
    if (!m) continue;
    count(tallies.total, m, e.who);
    if (e.place !== undefined) count(tallies.of(e.source, e.place), m, e.who);
  }
  return { total: toSeries(tallies.total), lists: new Map([...tallies.lists].map(([key, t]) => [key, toSeries(t)])) };
}

/** Series for one scope, wrapped with the words a chart needs. */
export function listActivityChartData(series: ListActivitySeries, scope: ChartScope, siteTitle: string): ChartData {
  const s = scopeEntry(scope, series.total, series.lists) ?? LIST_ACTIVITY_SERIES.map((x) => ({ ...x, points: [] }));
  const where = scopeWords(scope);
  return {
    title: `Mailing list activity per month: ${where}`,
    description: `Messages posted and distinct people posting per month (UTC) in ${where}.`,
    unit: 'messages or people per month',
    series: s,
    source: `${siteTitle}, from mailing list archives. A message counts in the month (UTC) of its date, or of its archive month when its date could not be read; a poster counts once per month however many messages they sent. Messages by bots and by people who opted out are not counted.`,
  };
}
