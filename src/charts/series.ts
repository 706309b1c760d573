/**
 * The shared data shape of the chart library: series of values along an x
 * axis. The axis is months (`YYYY-MM`, the default) or, when `ChartData.axis`
 * says so, ordered categories such as releases. Every chart module (line
 * chart, stacked areas, bars) renders a `ChartData`, and the table, text
 * alternative and downloads are all derived from it.
 */

/** A UTC calendar month, `YYYY-MM`. */
export type Month = string;

/**
 * One value on the x axis. The key is called `month` because most charts are
 * monthly (and plugin charts write it), but on a category axis it holds the
 * category's id (`ChartData.axis.categories[].id`, e.g. the release `2024.1`).
 */
export interface SeriesPoint {
  month: Month;
  value: number;
}

export interface TimeSeries {
  /** Stable machine id (`opened`, `merged`, an org slug…); used in JSON and CSS classes. */
  id: string;
  /** Human label shown in legend, table header, CSV header and tooltips. */
  label: string;
  /**
   * How the series adds up over a range: `sum` for counts of events (changes opened),
   * `none` for per-month distinct counts (active reviewers), which must not be summed.
   */
  total?: 'sum' | 'none';
  /**
   * A band that is not one of the named categories: `other` (the rest, folded
   * together) or `neutral` (unknown). Stacked charts draw them apart from the
   * category colours; line charts ignore it.
   */
  tone?: 'other' | 'neutral';
  /**
   * Points by month, ascending. Counts have one per month, with no gaps (see
   * `zeroFill`). A rate (a share of threads, a median time) leaves out the
   * months where there was nothing to measure rather than showing a false 0:
   * the line breaks there, and the table, CSV and tooltip show no value.
   */
  points: SeriesPoint[];
}

/** One category of a category axis: `id` is what points name (and the CSV writes), `label` what readers see. */
export interface AxisCategory {
  id: string;
  label: string;
}

/**
 * An x axis of ordered categories instead of months. The categories are the
 * whole axis, in this order: one a series has no point for shows no value
 * there (no bar, an empty cell), not 0. A category chart has no month range:
 * `from`/`to` are ignored by everything that reads it.
 */
export interface CategoryAxis {
  kind: 'category';
  /** What a category is, lower case: `release`. The CSV's first column and the JSON points' key. */
  name: string;
  /** The same for readers, capitalised: `Release`. The data table's first column header. */
  label: string;
  /** The plural for sentences (default: `name` + "s"). */
  plural?: string;
  categories: AxisCategory[];
}

export interface ChartData {
  /** Absent for monthly charts. */
  axis?: CategoryAxis;
  title: string;
  description: string;
  /** What one value counts, e.g. "changes or people per month" (or "specs per release"). */
  unit: string;
  series: TimeSeries[];
  /** Where the numbers come from, shown under the chart and kept in downloads. */
  source: string;
  /**
   * Set when the series are disjoint parts of one whole (each person counted in
   * exactly one organisation): the table, CSV and text alternative then show
   * their sum per month under this label.
   */
  stackTotal?: {
    id: string;
    label: string;
    /** What the parts add up to over the months, e.g. "person-months" (default: the unit). */
    sumUnit?: string;
  };
}

/** An inclusive month range; either end may be open. */
export interface MonthRange {
  from?: Month;
  to?: Month;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH_RE.test(value);
}

/** UTC month of an ISO instant; `undefined` for text that is not a date. */
export function monthOf(iso: string): Month | undefined {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return undefined;
  return new Date(t).toISOString().slice(0, 7);
}

/** `monthOf` for the catalog's event times: they are UTC (`…Z`), so most need no date parsing. */
export function eventMonth(iso: string): Month | undefined {
  const m = iso.slice(0, 7);
  return iso.endsWith('Z') && iso[7] === '-' && isMonth(m) ? m : monthOf(iso);
}

export function addMonths(month: Month, n: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, inclusive; empty when `to` is before `from`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** Midnight UTC on the first day of the month, for time scales. */
export function monthStart(month: Month): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

/** Whether the chart's x axis is categories (its points name category ids, and it has no month range). */
export function isCategoryChart<D extends Pick<ChartData, 'axis'>>(data: D): data is D & { axis: CategoryAxis } {
  return data.axis?.kind === 'category';
}

/**
 * The x axis as categories, in order: a category chart's own, or, for a
 * monthly chart (drawn as bars), its months labelled "Mar 2024".
 */
export function axisCategories(data: Pick<ChartData, 'series' | 'axis'>, monthLabel: (m: Month) => string = (m) => m): AxisCategory[] {
  return isCategoryChart(data) ? data.axis.categories : allMonths(data).map((m) => ({ id: m, label: monthLabel(m) }));
}

/** The plural of a category axis's name ("releases"). */
export function axisPlural(axis: CategoryAxis): string {
  return axis.plural ?? `${axis.name}s`;
}

/** The months any series covers, ascending (a monthly chart's axis; not meaningful for a category chart). */
export function allMonths(data: Pick<ChartData, 'series'>): Month[] {
  const set = new Set<Month>();
  for (const s of data.series) for (const p of s.points) set.add(p.month);
  return [...set].sort();
}

/**
 * Clamps a requested range to the data: ends outside the data or in the wrong
 * order are corrected rather than rejected, because they come from URLs.
 */
export function clampRange(months: readonly Month[], range: MonthRange = {}): { from: Month; to: Month } | undefined {
  const first = months[0];
  const last = months[months.length - 1];
  if (first === undefined || last === undefined) return undefined;
  let from = isMonth(range.from) && range.from >= first && range.from <= last ? range.from : first;
  let to = isMonth(range.to) && range.to >= first && range.to <= last ? range.to : last;
  if (from > to) [from, to] = [to, from];
  return { from, to };
}

/** The data limited to a month range (inclusive); a category chart is returned whole (it has no months). */
export function sliceData(data: ChartData, range: MonthRange = {}): ChartData {
  if (isCategoryChart(data)) return data;
  const r = clampRange(allMonths(data), range);
  if (!r) return data;
  return { ...data, series: data.series.map((s) => ({ ...s, points: s.points.filter((p) => p.month >= r.from && p.month <= r.to) })) };
}

/** Points for every month between `from` and `to`, zero where `values` has none. */
export function zeroFill(values: ReadonlyMap<Month, number>, from: Month, to: Month): SeriesPoint[] {
  return monthsBetween(from, to).map((month) => ({ month, value: values.get(month) ?? 0 }));
}

/** Per month, the sum of all series (the height of a stack), in `allMonths` order. */
export function stackSums(data: Pick<ChartData, 'series'>): SeriesPoint[] {
  const sums = new Map<Month, number>();
  for (const s of data.series) for (const p of s.points) sums.set(p.month, (sums.get(p.month) ?? 0) + p.value);
  return [...sums].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([month, value]) => ({ month, value }));
}

/**
 * A stable, CSS-safe series id per name (`<prefix>-<slug>`), numbered when two
 * names fold to the same slug: used in JSON, CSS classes and element ids.
 */
export function seriesIds(prefix: string, names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = `${prefix}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x'}`;
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    return id;
  });
}

/** The sum of some numbers (of a map's values, without an array). */
export function sumOf(values: Iterable<number>): number {
  let n = 0;
  for (const v of values) n += v;
  return n;
}
