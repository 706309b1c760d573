/**
 * Replies to threads, by the month (UTC) a thread started (pure): the share
 * of threads that someone other than the starter replied to, and the median
 * time to that first reply, for all lists and each list.
 *
 * Two charts, not one with two series: the line renderer draws one y axis, and
 * a percentage (0–100) beside hours (from minutes to weeks) on it would make
 * each read against the other's scale, with tick labels that mean percent for
 * one line and hours for the other. So `replied-threads` shows the share and
 * `first-reply` the median hours, both from the one pass here.
 *
 * Both are rates, not counts: a month with no thread started has no share,
 * and a month whose threads got no reply has no median. Such months get no
 * point (the line breaks there; tables and downloads show no value), never a
 * made-up 0.
 *
 * Who counts: a thread is counted when its starter is a counted person, and a
 * reply when a counted person other than the starter wrote it. Both come from
 * the catalog's message events (see lists.ts), so a bot's "build failed" or an
 * auto-reply does not make a thread answered, and threads started by bots
 * (announcements, reports) or by people who opted out are left out. A thread
 * the starter only answered themselves is unanswered.
 */
import { ByList, MESSAGE_KIND, type ListEvent } from './lists.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, type ChartData, type Month, type SeriesPoint, type TimeSeries } from './series.ts';

/** A thread as the charts read it (the catalog's `ThreadSummary` fits): `entries` are its messages' keys. */
export interface ReplyThread {
  source: string;
  /** Its list. */
  place?: string;
  /** Its first message's date. */
  created?: string;
  /** Person key of whoever started it. */
  starter: string;
  entries: readonly { key: string }[];
}

export const REPLIED_SERIES = { id: 'replied', label: 'Threads with a reply (%)', total: 'none' } as const satisfies Omit<TimeSeries, 'points'>;
export const FIRST_REPLY_SERIES = { id: 'median-hours', label: 'Median hours to first reply', total: 'none' } as const satisfies Omit<TimeSeries, 'points'>;

/** Threads started in each month, with the hours to the first reply of those that got one. */
type Tally = Map<Month, { threads: number; hours: number[] }>;

function add(t: Tally, m: Month, hours: number | undefined): void {
  let month = t.get(m);
  if (!month) t.set(m, (month = { threads: 0, hours: [] }));
  month.threads++;
  if (hours !== undefined) month.hours.push(hours);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The middle value; for an even count, the mean of the two middle ones. */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface ReplyRates {
  /** Percent of the month's threads with a reply (0–100, one decimal), for months with a thread. */
  replied: SeriesPoint[];
  /** Median hours to the first reply (one decimal), for months with a replied thread. */
  medianHours: SeriesPoint[];
}

function toRates(t: Tally): ReplyRates {
  const replied: SeriesPoint[] = [];
  const medianHours: SeriesPoint[] = [];
  for (const m of [...t.keys()].sort()) {
    const { threads, hours } = t.get(m)!;
    replied.push({ month: m, value: round1((100 * hours.length) / threads) });
    const mid = median(hours);
    if (mid !== undefined) medianHours.push({ month: m, value: round1(mid) });
  }
  return { replied, medianHours };
}

export interface ThreadReplySeries {
  total: ReplyRates;
  /** By place key (`placeKey(source, list)`). */
  lists: Map<string, ReplyRates>;
}

const HOUR = 3_600_000;

/**
 * One pass over the message events, then one over the threads. A thread's
 * first reply is the earliest counted message in it by someone other than its
 * starter; its time is counted from the thread's first message (0 when clocks
 * put the reply first). Threads without a readable start date are skipped.
 */
export function threadReplySeries(threads: Iterable<ReplyThread>, events: Iterable<ListEvent>): ThreadReplySeries {
  // Counted messages by summary key (`<source>:<message key>`), and who posted any.
  const posts = new Map<string, { who: string; at: number }>();
  const posters = new Set<string>();
  for (const e of events) {
    if (e.kind !== MESSAGE_KIND) continue;
    posters.add(e.who);
    const at = Date.parse(e.when);
    if (!Number.isNaN(at)) posts.set(e.item, { who: e.who, at });
  }
  const tallies = new ByList<Tally>(() => new Map());
  for (const t of threads) {
    if (!posters.has(t.starter) || t.created === undefined) continue;
    const start = Date.parse(t.created);
    const m = eventMonth(t.created);
    if (Number.isNaN(start) || !m) continue;
    let reply: number | undefined;
    for (const entry of t.entries) {
      const p = posts.get(`${t.source}:${entry.key}`);
      if (p && p.who !== t.starter && (reply === undefined || p.at < reply)) reply = p.at;
    }
    const hours = reply === undefined ? undefined : Math.max(0, reply - start) / HOUR;
    add(tallies.total, m, hours);
    if (t.place !== undefined) add(tallies.of(t.source, t.place), m, hours);
  }
  return { total: toRates(tallies.total), lists: new Map([...tallies.lists].map(([key, t]) => [key, toRates(t)])) };
}

const NO_RATES: ReplyRates = { replied: [], medianHours: [] };

const SOURCE_RULES =
  'A reply counts when a person other than the starter wrote it; replies by bots or by people who opted out do not count, and threads they started are left out.';

/** The share of threads with a reply, for one scope. */
export function repliedThreadsChartData(series: ThreadReplySeries, scope: ChartScope, siteTitle: string): ChartData {
  const rates = scopeEntry(scope, series.total, series.lists) ?? NO_RATES;
  const where = scopeWords(scope);
  return {
    title: `Threads with a reply per month: ${where}`,
    description: `Of the threads started in ${where} each month (UTC), the percentage that someone other than the starter replied to. Months in which no thread started have no value.`,
    unit: 'percent of the threads started in the month',
    series: [{ ...REPLIED_SERIES, points: rates.replied }],
    source: `${siteTitle}, from mailing list archives, by the month (UTC) of a thread's first message. ${SOURCE_RULES} Threads started recently may still get a reply.`,
  };
}

/** The median time to a first reply, for one scope. */
export function firstReplyChartData(series: ThreadReplySeries, scope: ChartScope, siteTitle: string): ChartData {
  const rates = scopeEntry(scope, series.total, series.lists) ?? NO_RATES;
  const where = scopeWords(scope);
  return {
    title: `Time to first reply per month: ${where}`,
    description: `Median hours from the first message of a thread to the first reply by someone else, for the threads started in ${where} each month (UTC) that got a reply. Months in which no such thread started have no value.`,
    unit: 'hours (median)',
    series: [{ ...FIRST_REPLY_SERIES, points: rates.medianHours }],
    source: `${siteTitle}, from mailing list archives, by the month (UTC) of a thread's first message. ${SOURCE_RULES} Threads without a reply are not in the median (see the chart of threads with a reply).`,
  };
}
