/**
 * New posters per month (pure): people whose first message falls in the
 * month. For all lists that is a person's first message to any list; for one
 * list, their first message to that list, so someone who moves from one list
 * to another is new in the second list but not again among all lists. Read
 * from the catalog's message events, so bots and people who opted out are not
 * counted (see lists.ts).
 *
 * "First" means first in the archives the site has: the first months of an
 * archive count everyone who posted then, since earlier mail is not known.
 */
import { ByList, MESSAGE_KIND, widen, type ListEvent, type MonthSpan } from './lists.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, zeroFill, type ChartData, type Month, type TimeSeries } from './series.ts';

export const NEW_POSTERS_SERIES = { id: 'new-posters', label: 'New posters', total: 'sum' } as const satisfies Omit<TimeSeries, 'points'>;

interface Tally extends MonthSpan {
  /** Person key -> the month of their first message here. */
  firstMonth: Map<string, Month>;
}

const newTally = (): Tally => ({ firstMonth: new Map() });

function see(t: Tally, m: Month, who: string): void {
  const known = t.firstMonth.get(who);
  if (known === undefined || m < known) t.firstMonth.set(who, m);
  widen(t, m);
}

/** Zero-filled over every month the scope has a message in, so months without newcomers show 0, not a gap. */
function toSeries(t: Tally): TimeSeries {
  const { first, last } = t;
  if (first === undefined || last === undefined) return { ...NEW_POSTERS_SERIES, points: [] };
  const counts = new Map<Month, number>();
  for (const m of t.firstMonth.values()) counts.set(m, (counts.get(m) ?? 0) + 1);
  return { ...NEW_POSTERS_SERIES, points: zeroFill(counts, first, last) };
}

export interface NewPosterSeries {
  total: TimeSeries;
  /** By place key (`placeKey(source, list)`). */
  lists: Map<string, TimeSeries>;
}

/** One pass over the events (other kinds are skipped), in any order: only the month of a person's earliest message counts. */
export function newPosterSeries(events: Iterable<ListEvent>): NewPosterSeries {
  const tallies = new ByList(newTally);
  for (const e of events) {
    if (e.kind !== MESSAGE_KIND) continue;
    const m = eventMonth(e.when);
    if (!m) continue;
    see(tallies.total, m, e.who);
    if (e.place !== undefined) see(tallies.of(e.source, e.place), m, e.who);
  }
  return { total: toSeries(tallies.total), lists: new Map([...tallies.lists].map(([key, t]) => [key, toSeries(t)])) };
}

/** The series for one scope, wrapped with the words a chart needs. */
export function newPostersChartData(series: NewPosterSeries, scope: ChartScope, siteTitle: string): ChartData {
  const s = scopeEntry(scope, series.total, series.lists) ?? { ...NEW_POSTERS_SERIES, points: [] };
  const where = scopeWords(scope);
  const all = scope.place === undefined;
  const first = all ? 'their first message to any list' : 'their first message to this list';
  return {
    title: `New posters per month: ${where}`,
    description: all
      ? 'People who posted to a mailing list for the first time, by the month (UTC) of their first message to any list.'
      : `People who posted to ${where} for the first time, by the month (UTC) of their first message to it.`,
    unit: 'people per month',
    series: [s],
    source: `${siteTitle}, from mailing list archives. A person is new in the month of ${first} in the archives the site has, so the first months of an archive count everyone who posted in them; bots and people who opted out are not counted.`,
  };
}
