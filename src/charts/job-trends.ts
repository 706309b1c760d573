/**
 * Job-listing trends (pure): how many job postings mention each configured
 * keyword per month, and what share of the month's postings that is, for all
 * job sources together and for each one; the growth of a keyword between
 * two months ("+2,100%"); and a methodology note written from the config.
 *
 * Reads the `job-month` summaries only (one month of one source: postings and
 * matches per keyword). Postings are not people's activity: nothing here
 * names anyone.
 *
 * Counting rules, for every scope:
 * - Counts are zero-filled between the scope's first and last month: a month
 *   no source has anything for (no hiring thread) had 0 postings and 0
 *   matches, and the source note says which months those are.
 * - A month whose summaries did not count a keyword at all (a file of
 *   monthly totals without that keyword) has no value for it, not 0,
 *   unless it had no postings (then nothing could mention it: 0).
 * - All sources together: a keyword's count is the sum over the sources that
 *   counted it that month, and its share is out of those sources' postings
 *   only, so a source without the keyword does not dilute it.
 * - A share is a percentage of the month's postings; a month with no
 *   postings has no share (the line breaks there).
 */
import type { JobMonthSummary } from '../catalog/types.ts';
import type { KeywordDefinition, KeywordDefinitions } from '../lib/job-keywords.ts';
import { formatValue, monthLong, NO_VALUE } from './format.ts';
import type { ChartScope } from './scopes.ts';
import { monthsBetween, seriesIds, type ChartData, type Month, type SeriesPoint, type TimeSeries } from './series.ts';
import { percentChange } from './views.ts';

/** The job-listing kind (`JOB_MONTH_KIND` in src/model/jobs.ts, which chart code does not import). */
export const JOB_MONTH_KIND = 'job-month';

export const ALL_JOB_SOURCES_SCOPE: ChartScope = { id: 'all', label: 'All job sources', words: 'all job sources' };

/** A summary as the chart reads it (the kind's `JobMonthSummary` fits; `type` names the upstream). */
export type JobMonthInput = Pick<JobMonthSummary, 'source' | 'month' | 'postings' | 'counts' | 'complete' | 'excluded'> & Partial<Pick<JobMonthSummary, 'type'>>;

/** One keyword in one scope: every array has a point for the same months. */
export interface KeywordTrend {
  keyword: string;
  /** Postings mentioning it, per month; no point where it was not counted. */
  counts: SeriesPoint[];
  /** What each count is out of: the postings of the sources that counted it that month. */
  base: SeriesPoint[];
}

export interface ScopeTrends {
  /** The sources in the scope, by id, with their upstream type when known. */
  sources: { id: string; type?: string }[];
  /** Every month from the first to the last with a summary. */
  months: Month[];
  /** Postings per month, zero-filled. */
  postings: SeriesPoint[];
  /** In keyword order (see `jobTrendsSeries`); only the keywords some source of the scope counted. */
  keywords: KeywordTrend[];
  /** Months not final: not over yet, or with a thread still to be read. */
  incomplete: Month[];
  /** Months between the first and the last that no source has anything for (counted as 0 postings). */
  empty: Month[];
  /** Postings left out, by reason (deleted, dead, empty…), over all months. */
  excluded: Record<string, number>;
  /** Keywords that some month has no value for (not counted by every source in it). */
  partial: string[];
}

export interface JobTrendsSeries {
  /** Every keyword, in order. */
  keywords: string[];
  all: ScopeTrends;
  /** By source id. */
  bySource: Map<string, ScopeTrends>;
}

export interface JobTrendsOptions {
  /** Keyword order (the config's): these first, then any other in the order the summaries name them. */
  keywords?: readonly string[];
}

interface MonthTally {
  postings: number;
  counts: Map<string, number>;
  /** Per keyword, the postings of the summaries that counted it. */
  base: Map<string, number>;
  complete: boolean;
}

interface ScopeTally {
  sources: Map<string, string | undefined>;
  months: Map<Month, MonthTally>;
  excluded: Record<string, number>;
  keywords: Set<string>;
}

const newScope = (): ScopeTally => ({ sources: new Map(), months: new Map(), excluded: {}, keywords: new Set() });

function add(t: ScopeTally, s: JobMonthInput): void {
  if (!t.sources.has(s.source) || t.sources.get(s.source) === undefined) t.sources.set(s.source, s.type);
  let m = t.months.get(s.month);
  if (!m) t.months.set(s.month, (m = { postings: 0, counts: new Map(), base: new Map(), complete: true }));
  m.postings += s.postings;
  m.complete &&= s.complete;
  for (const [k, n] of Object.entries(s.counts)) {
    m.counts.set(k, (m.counts.get(k) ?? 0) + n);
    m.base.set(k, (m.base.get(k) ?? 0) + s.postings);
    t.keywords.add(k);
  }
  for (const [reason, n] of Object.entries(s.excluded)) t.excluded[reason] = (t.excluded[reason] ?? 0) + n;
}

function finish(t: ScopeTally, order: readonly string[]): ScopeTrends {
  const known = [...t.months.keys()].sort();
  const months = known.length ? monthsBetween(known[0]!, known[known.length - 1]!) : [];
  const keywords = order.filter((k) => t.keywords.has(k));
  const partial = new Set<string>();
  const trends = keywords.map((keyword): KeywordTrend => {
    const counts: SeriesPoint[] = [];
    const base: SeriesPoint[] = [];
    for (const month of months) {
      const m = t.months.get(month);
      // No summary, or summaries of no postings: nothing to mention it. Summaries of postings without it: not counted.
      const n = m && m.postings > 0 ? m.counts.get(keyword) : (m?.counts.get(keyword) ?? 0);
      if (n === undefined) {
        partial.add(keyword);
        continue;
      }
      counts.push({ month, value: n });
      base.push({ month, value: m?.base.get(keyword) ?? 0 });
    }
    return { keyword, counts, base };
  });
  return {
    sources: [...t.sources].sort(([a], [b]) => a.localeCompare(b)).map(([id, type]) => (type === undefined ? { id } : { id, type })),
    months,
    postings: months.map((month) => ({ month, value: t.months.get(month)?.postings ?? 0 })),
    keywords: trends,
    incomplete: months.filter((month) => t.months.get(month)?.complete === false),
    empty: months.filter((month) => !t.months.has(month)),
    excluded: t.excluded,
    partial: keywords.filter((k) => partial.has(k)),
  };
}

/**
 * One pass over the summaries: every scope's monthly counts and bases per
 * keyword. Keywords come in `options.keywords` order, then in the order the
 * summaries (by source, then month) first name them.
 */
export function jobTrendsSeries(summaries: Iterable<JobMonthInput>, options: JobTrendsOptions = {}): JobTrendsSeries {
  const list = [...summaries].sort((a, b) => a.source.localeCompare(b.source) || a.month.localeCompare(b.month));
  const all = newScope();
  const bySource = new Map<string, ScopeTally>();
  for (const s of list) {
    add(all, s);
    let t = bySource.get(s.source);
    if (!t) bySource.set(s.source, (t = newScope()));
    add(t, s);
  }
  const order = [...new Set([...(options.keywords ?? []).filter((k) => all.keywords.has(k)), ...all.keywords])];
  return { keywords: order, all: finish(all, order), bySource: new Map([...bySource].map(([id, t]) => [id, finish(t, order)])) };
}

/** `all`, then one scope per job source (`sources/<id>`), by id. */
export function jobScopes(summaries: Iterable<Pick<JobMonthInput, 'source'>>): ChartScope[] {
  const ids = [...new Set([...summaries].map((s) => s.source))].sort();
  return [ALL_JOB_SOURCES_SCOPE, ...ids.map((id) => ({ id: `sources/${id}`, label: id, words: id, source: id }))];
}

/** A scope's trends: the source's for a source scope (empty for an unknown one), else all sources'. */
export function scopeTrends(series: JobTrendsSeries, scope: Pick<ChartScope, 'source'> = {}): ScopeTrends {
  if (scope.source === undefined) return series.all;
  return series.bySource.get(scope.source) ?? finish(newScope(), []);
}

export type JobMeasure = 'count' | 'share';

export interface JobTrendsChartOptions {
  /** Postings per month (the default) or their percentage of the month's postings. */
  measure?: JobMeasure;
  /** A trailing moving average over this many months (0, the default, or 1: none; 3 and 6 are the page's choices). */
  smoothing?: number;
  /** Only these keywords, in this order (a comparison of two); every keyword when absent. */
  keywords?: readonly string[];
  /** Add the month's postings as a series (counts only, for the table). */
  postings?: boolean;
}

const MAX_SMOOTHING = 24;
/** The smoothing windows the chart page offers (months). */
export const JOB_SMOOTHING = [3, 6, 12] as const;
const round1 = (n: number) => Math.round(n * 10) / 10;
const round2 = (n: number) => Math.round(n * 100) / 100;

function checkOptions(o: JobTrendsChartOptions): { measure: JobMeasure; window: number } {
  const measure = o.measure ?? 'count';
  if (measure !== 'count' && measure !== 'share') throw new Error(`job-trends chart: unknown measure ${JSON.stringify(measure)} (expected "count" or "share")`);
  const smoothing = o.smoothing ?? 0;
  if (!Number.isInteger(smoothing) || smoothing < 0 || smoothing > MAX_SMOOTHING) throw new Error(`job-trends chart: smoothing must be a whole number of months from 0 to ${MAX_SMOOTHING}, not ${String(smoothing)}`);
  return { measure, window: Math.max(smoothing, 1) };
}

/**
 * The points of one keyword for a measure and a trailing window of months
 * (1: each month alone). A window's value needs every one of its months
 * counted: the first `window - 1` months have none. A smoothed share is the
 * window's matches out of the window's postings (a month of many postings
 * weighs more than one of few), not the mean of the monthly shares.
 */
export function keywordPoints(trend: KeywordTrend, measure: JobMeasure, window = 1): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  const { counts, base } = trend;
  for (let i = window - 1; i < counts.length; i++) {
    const first = counts[i - window + 1]!;
    // Points are per month with gaps where the keyword was not counted: the window must be whole.
    if (window > 1 && monthsBetween(first.month, counts[i]!.month).length !== window) continue;
    let n = 0;
    let of = 0;
    for (let k = i - window + 1; k <= i; k++) {
      n += counts[k]!.value;
      of += base[k]!.value;
    }
    const month = counts[i]!.month;
    if (measure === 'count') out.push({ month, value: window > 1 ? round1(n / window) : n });
    else if (of > 0) out.push({ month, value: round2((100 * n) / of) });
  }
  return out;
}

/** "a", "a and b", "a, b and c" (or "or"). */
export function listWords(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]!}`;
}

/** Months for a sentence: all of a few, else how many and the last. */
function monthsWords(months: readonly Month[]): string {
  if (months.length <= 4) return listWords(months.map(monthLong));
  return `${formatValue(months.length)} months, the last ${monthLong(months[months.length - 1]!)}`;
}

/** The keywords to draw: the chosen ones (each must be one of the scope's), or all. */
function chosenKeywords(trends: ScopeTrends, wanted: readonly string[] | undefined): KeywordTrend[] {
  if (wanted === undefined) return trends.keywords;
  return wanted.map((k) => {
    const t = trends.keywords.find((x) => x.keyword === k);
    if (!t) throw new Error(`job-trends chart: no keyword ${JSON.stringify(k)} here (known: ${trends.keywords.map((x) => `"${x.keyword}"`).join(', ') || 'none'})`);
    return t;
  });
}

const SOURCE_WORDS: Record<string, (id: string) => string> = {
  'hn-hiring': (id) => `Hacker News “Ask HN: Who is hiring?” threads (${id})`,
  'jobs-csv': (id) => `a job board’s export (${id})`,
};

const POSTING_WORDS: Record<string, string> = {
  'hn-hiring': 'On Hacker News a posting is a top-level comment of a month’s “Who is hiring?” thread, counted in the month (UTC) the thread was posted; replies are not postings.',
  'jobs-csv': 'In a job board’s export a posting is one row, counted in the month (UTC) of its date; a file of monthly totals is taken as it is.',
};

/** The source note: where the numbers come from, what a posting is, and what is not final or was left out. */
function sourceNote(trends: ScopeTrends, siteTitle: string): string {
  const from = listWords(trends.sources.map((s) => (SOURCE_WORDS[s.type ?? ''] ?? ((id: string) => `the ${id} job source`))(s.id)));
  const types = [...new Set(trends.sources.map((s) => s.type ?? ''))];
  const parts = [`${siteTitle}, from ${from || 'no job source yet'}.`];
  for (const t of types) if (POSTING_WORDS[t]) parts.push(POSTING_WORDS[t]);
  parts.push('A posting mentions a keyword when it names one of the keyword’s terms as a whole word, in any case.');
  if (trends.partial.length) parts.push(`${listWords(trends.partial)} ${trends.partial.length === 1 ? 'is' : 'are'} not counted by every source in every month: there ${trends.partial.length === 1 ? 'it has' : 'they have'} the count of the sources that counted ${trends.partial.length === 1 ? 'it' : 'them'} (no value when none did), and the share is out of their postings.`);
  if (trends.empty.length) parts.push(`Nothing was found for ${monthsWords(trends.empty)} (no thread or row): counted as 0 postings.`);
  if (trends.incomplete.length) parts.push(`Not final: ${monthsWords(trends.incomplete)} (the month is not over, or a thread is still to be read).`);
  const left = Object.entries(trends.excluded)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (left.length) parts.push(`Left out, not counted as postings: ${listWords(left.map(([reason, n]) => `${formatValue(n)} ${reason}`))}.`);
  return parts.join(' ');
}

function describe(where: string, names: readonly string[], measure: JobMeasure, window: number, total: number, months: readonly Month[]): string {
  const what = listWords(names);
  const head =
    measure === 'count'
      ? `Job postings in ${where} each month (UTC) that mention ${what}; a posting that mentions several counts under each.`
      : `The percentage of the job postings in ${where} each month (UTC) that mention ${what}. Months with no postings have no value.`;
  const smooth =
    window <= 1
      ? ''
      : measure === 'count'
        ? ` Each value is the average of the month and the ${window - 1} before it; the first ${window - 1} months have none.`
        : ` Each value is the share over the month and the ${window - 1} before it (their matching postings out of all their postings); the first ${window - 1} months have none.`;
  const span = months.length ? ` ${formatValue(total)} postings in all, from ${monthLong(months[0]!)} to ${monthLong(months[months.length - 1]!)}.` : '';
  return `${head}${smooth}${span}`;
}

/**
 * The chart for a scope: one line per keyword (or per chosen keyword), as
 * counts or shares, optionally smoothed; with honest words (what is counted,
 * which months are not final, what was left out).
 */
export function jobTrendsChartData(series: JobTrendsSeries, scope: ChartScope, options: JobTrendsChartOptions, siteTitle: string): ChartData {
  const { measure, window } = checkOptions(options);
  const trends = scopeTrends(series, scope);
  const picked = chosenKeywords(trends, options.keywords);
  const where = scope.source === undefined ? (scope.words ?? ALL_JOB_SOURCES_SCOPE.words!) : scope.label;
  const smoothed = window > 1 ? ` (${window}-month average)` : '';
  const base = measure === 'count' ? 'Job postings per month' : 'Share of job postings per month';
  const title = options.keywords === undefined ? `${base} by keyword${smoothed}: ${where}` : `${base}${smoothed}: ${listWords(picked.map((t) => t.keyword))}, ${where}`;
  const ids = seriesIds('kw', picked.map((t) => t.keyword));
  const out: TimeSeries[] = picked.map((t, i) => ({ id: ids[i]!, label: t.keyword, total: measure === 'count' && window <= 1 ? 'sum' : 'none', points: keywordPoints(t, measure, window) }));
  if (options.postings && measure === 'count') {
    const all: KeywordTrend = { keyword: 'All postings', counts: trends.postings, base: trends.postings };
    out.push({ id: 'postings', label: 'All postings', total: window <= 1 ? 'sum' : 'none', points: keywordPoints(all, 'count', window) });
  }
  const total = trends.postings.reduce((a, p) => a + p.value, 0);
  return {
    title,
    description: describe(where, picked.map((t) => t.keyword), measure, window, total, trends.months),
    unit: measure === 'count' ? `postings per month${smoothed}` : window > 1 ? `percent of the postings of the ${window} months to each month` : 'percent of the month’s postings',
    // No keyword: one empty series, so the chart says there is no data yet.
    series: out.length ? out : [{ id: 'postings', label: 'Postings', total: 'sum', points: [] }],
    source: sourceNote(trends, siteTitle),
  };
}

export interface Growth {
  from: Month;
  to: Month;
  /** The change in percent of the start value; undefined when the start is 0 or a month has no value. */
  value: number | undefined;
  /** "+2,100%", "−50%", or "—" when there is no value. */
  label: string;
  /** The values compared, where they exist. */
  start?: number;
  end?: number;
  /** Why there is no value, in words. */
  reason?: string;
}

/**
 * How much a keyword grew from one month to another, in percent of the first
 * ("+2,100%"): of the count (the default) or the share, smoothed or not, in
 * a scope (all sources when absent). Unknown keywords throw.
 */
export function growth(series: JobTrendsSeries, keyword: string, from: Month, to: Month, options: Pick<JobTrendsChartOptions, 'measure' | 'smoothing'> & { scope?: Pick<ChartScope, 'source'> } = {}): Growth {
  const { measure, window } = checkOptions(options);
  const [trend] = chosenKeywords(scopeTrends(series, options.scope), [keyword]);
  const points = keywordPoints(trend!, measure, window);
  const start = points.find((p) => p.month === from)?.value;
  const end = points.find((p) => p.month === to)?.value;
  const values = { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
  const missing = [start === undefined ? from : undefined, end === undefined ? to : undefined].filter((m): m is Month => m !== undefined);
  if (missing.length) return { from, to, value: undefined, label: NO_VALUE, ...values, reason: `no value in ${listWords(missing.map(monthLong))}` };
  return { from, to, ...percentChange(start!, end!, monthLong(from)), ...values };
}

/** A job source's config as the note reads it (the hn-hiring and jobs-csv configs fit). */
export interface JobSourceConfig {
  id: string;
  type: string;
  url?: string;
  since?: Date | string;
  path?: string;
  keywords?: KeywordDefinitions;
}

const DEFAULT_HN_API = 'https://hn.algolia.com/api/v1';
/** The first "Who is hiring?" thread (the hn-hiring source's default start). */
const FIRST_HN_MONTH = '2011-04';

/** An API base for readers: host and path, with no user name or password (a proxy URL may carry them). */
function publicUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
  } catch {
    return undefined;
  }
}

function sinceMonth(since: Date | string | undefined): Month | undefined {
  if (since === undefined) return undefined;
  const d = since instanceof Date ? since : new Date(/^\d{4}-\d{2}$/.test(since) ? `${since}-01T00:00:00Z` : since);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 7);
}

function sourceParagraph(s: JobSourceConfig): string {
  if (s.type === 'hn-hiring') {
    const api = s.url === undefined || s.url.replace(/\/$/, '') === DEFAULT_HN_API ? 'the Algolia HN Search API' : `the API at ${publicUrl(s.url) ?? 'a configured address'}`;
    const since = sinceMonth(s.since) ?? FIRST_HN_MONTH;
    return `${s.id}: Hacker News “Ask HN: Who is hiring?” threads, one a month, read through ${api}, from ${monthLong(since)}. A posting is a top-level comment of a month’s thread, counted in the month (UTC) the thread was posted; replies are not postings, and deleted, dead and empty comments are left out and counted apart, by reason.`;
  }
  if (s.type === 'jobs-csv') {
    const file = s.path?.split(/[\\/]/).pop();
    return `${s.id}: a job board’s export${file ? ` (${file})` : ''}. In a file of postings (date, title, text) each row is one posting, counted in the month (UTC) of its date; a file of monthly totals (month, keyword, count) is imported as it is, with its own keywords.`;
  }
  return `${s.id}: a ${s.type} source.`;
}

/** "Python: postings naming python, django or flask." and the like, for one keyword. */
export function keywordWords(name: string, d: KeywordDefinition): string {
  const all = d.all ?? [];
  const under = all.length === 1 ? `counted under ${all[0]!}` : all.length === 2 ? `counted under both ${all[0]!} and ${all[1]!}` : `counted under all of ${listWords(all)}`;
  let body: string;
  if (all.length && d.any) body = `postings ${under} that also name ${listWords(d.any, 'or')}`;
  else if (all.length) body = `postings ${under}`;
  else body = `postings naming ${listWords(d.any ?? [], 'or')}`;
  const except = d.none ? `, except those naming ${listWords(d.none, 'or')}` : '';
  return `${name}: ${body}${except}.`;
}

const sameKeywords = (a: KeywordDefinitions, b: KeywordDefinitions) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The methodology note, in plain-text paragraphs, from the job sources'
 * config: the sources and what a posting is in each, each keyword in words,
 * how terms match, what a share, a smoothed value and a growth figure are,
 * and what is kept. Names no one (a file is named without its folders, an
 * API without credentials).
 */
export function methodologyNote(sources: readonly JobSourceConfig[]): string[] {
  const jobs = sources.filter((s) => s.type === 'hn-hiring' || s.type === 'jobs-csv');
  if (!jobs.length) return ['No job source is configured.'];
  const out = [`Job postings are counted per calendar month (UTC), from ${jobs.length === 1 ? 'one source' : `${jobs.length} sources`}.`, ...jobs.map(sourceParagraph)];
  const withKeywords = jobs.filter((s) => s.keywords && Object.keys(s.keywords).length);
  const shared = withKeywords.length > 1 && withKeywords.every((s) => sameKeywords(s.keywords!, withKeywords[0]!.keywords!));
  const groups = shared ? [{ head: 'Keywords (every source):', defs: withKeywords[0]!.keywords! }] : withKeywords.map((s) => ({ head: `Keywords of ${s.id}:`, defs: s.keywords! }));
  for (const g of groups) out.push(g.head, ...Object.entries(g.defs).map(([name, d]) => keywordWords(name, d)));
  if (!withKeywords.length) out.push('No keywords are configured.');
  out.push(
    'A posting names a term when the term appears in it as a whole word or phrase, in any case: “java” is not found in “javascript”, nor “c” in “c++”. A posting that names several keywords counts under each.',
    'A keyword’s share is the percentage of the month’s postings that name it; a month with no postings has no share. A smoothed value is the average over the month and the ones before it (for a share: their matching postings out of all their postings). Growth between two months is the change from the first to the second, as a percentage of the first; there is none from 0.',
    'The current month is not over, so its numbers are not final. Only counts are kept: the postings’ text is not stored, and postings are not anyone’s activity on this site.',
  );
  return out;
}
