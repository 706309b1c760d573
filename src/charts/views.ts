/**
 * Views of one chart (pure, small enough for the client): what a reader may
 * change on a chart page beyond the month range, and how that is kept in the
 * page address so a view can be linked and embedded.
 *
 * A chart declares its controls (`ChartControls`) in the registry:
 * - `views`: dimensions of its data (a measure, a smoothing window). The build
 *   computes the chart's data once per combination of choices, so the client
 *   only picks one; the first choice of each dimension is the default view,
 *   the one the static page, downloads and embed show without a script.
 * - `logScale`: a linear or log value axis (line charts).
 * - `seriesPicker`: a checkbox per series, to show any of them (a comparison
 *   of two keywords).
 * - `change`: the change of each shown series over the month range, in
 *   percent of its first value there ("+2,100%").
 *
 * The address keeps what differs from the default: `?measure=share&smoothing=3`
 * (dimension ids), `scale=log`, `series=<id>,<id>`, beside the range's
 * `from`/`to` and an embed's `theme`, which are left as they are.
 */
import { formatChange, formatValue, monthLong, NO_VALUE } from './format.ts';
import { clampRange, allMonths, type ChartData, type Month, type MonthRange, type SeriesPoint } from './series.ts';

export interface ChartViewChoice {
  /** What the address says (`share`, `3`): lower-case letters, digits and `-`. */
  value: string;
  /** What the reader sees ("Share of postings"). */
  label: string;
}

export interface ChartViewDimension {
  /** The address parameter (`measure`). */
  id: string;
  /** The control's label ("Measure"). */
  label: string;
  /** The first is the default. */
  choices: readonly ChartViewChoice[];
}

export interface ChartControls {
  views?: readonly ChartViewDimension[];
  logScale?: boolean;
  /** The word for the series, as the picker's legend ("Keywords"); no picker when absent. */
  seriesPicker?: string;
  change?: boolean;
}

/** A choice per dimension, by dimension id. */
export type ChartView = Readonly<Record<string, string>>;

export type ValueScale = 'linear' | 'log';

export interface ChartViewState {
  view: ChartView;
  scale: ValueScale;
  /** The series shown, by id, in the data's order; undefined: all of them. */
  series?: readonly string[];
}

/** Parameters the address already uses for other things. */
const RESERVED = new Set(['from', 'to', 'theme', 'scale', 'series']);
const TOKEN = /^[a-z][a-z0-9-]*$/;
const VALUE = /^[a-z0-9][a-z0-9-]*$/;

/** What is wrong with a chart's controls, in words (empty when nothing). */
export function controlProblems(chartId: string, controls: ChartControls | undefined): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const d of controls?.views ?? []) {
    const where = `chart ${chartId}: view ${JSON.stringify(d.id)}`;
    if (!TOKEN.test(d.id)) problems.push(`${where}: id is not lower-case letters, digits and -`);
    if (RESERVED.has(d.id)) problems.push(`${where}: id is one the address already uses (${[...RESERVED].join(', ')})`);
    if (seen.has(d.id)) problems.push(`${where} appears twice`);
    seen.add(d.id);
    if (!d.choices.length) problems.push(`${where} has no choices`);
    const values = new Set<string>();
    for (const c of d.choices) {
      if (!VALUE.test(c.value)) problems.push(`${where}: choice ${JSON.stringify(c.value)} is not lower-case letters, digits and -`);
      if (values.has(c.value)) problems.push(`${where}: choice ${JSON.stringify(c.value)} appears twice`);
      values.add(c.value);
    }
  }
  return problems;
}

export function defaultView(dimensions: readonly ChartViewDimension[] = []): ChartView {
  return Object.fromEntries(dimensions.map((d) => [d.id, d.choices[0]!.value]));
}

/** Every combination of choices, the default first. */
export function viewCombinations(dimensions: readonly ChartViewDimension[] = []): ChartView[] {
  let out: Record<string, string>[] = [{}];
  for (const d of dimensions) out = out.flatMap((v) => d.choices.map((c) => ({ ...v, [d.id]: c.value })));
  return out;
}

/** The key of a view among the build's variants (`measure=share&smoothing=3`, dimensions in order). */
export function viewKey(dimensions: readonly ChartViewDimension[] = [], view: ChartView): string {
  return dimensions.map((d) => `${d.id}=${view[d.id] ?? d.choices[0]!.value}`).join('&');
}

/** The state an address asks for; unknown or invalid values are ignored (the address is user input). */
export function viewStateFromSearch(search: string, controls: ChartControls, seriesIds: readonly string[]): ChartViewState {
  const q = new URLSearchParams(search);
  const dims = controls.views ?? [];
  const view = Object.fromEntries(
    dims.map((d) => {
      const asked = q.get(d.id);
      return [d.id, d.choices.some((c) => c.value === asked) ? asked! : d.choices[0]!.value];
    }),
  );
  const scale: ValueScale = controls.logScale && q.get('scale') === 'log' ? 'log' : 'linear';
  const asked = new Set((q.get('series') ?? '').split(','));
  const series = controls.seriesPicker ? seriesIds.filter((id) => asked.has(id)) : [];
  return { view, scale, ...(series.length && series.length < seriesIds.length ? { series } : {}) };
}

/** The address's query for a state: what differs from the default, other parameters kept. */
export function searchForViewState(search: string, state: ChartViewState, controls: ChartControls): string {
  const q = new URLSearchParams(search);
  for (const d of controls.views ?? []) {
    if (state.view[d.id] === undefined || state.view[d.id] === d.choices[0]!.value) q.delete(d.id);
    else q.set(d.id, state.view[d.id]!);
  }
  if (state.scale === 'log') q.set('scale', 'log');
  else q.delete('scale');
  if (state.series?.length) q.set('series', state.series.join(','));
  else q.delete('series');
  const s = q.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}

/** The data with only the chosen series (all when none is chosen). */
export function pickSeries(data: ChartData, ids: readonly string[] | undefined): ChartData {
  if (!ids?.length) return data;
  const keep = new Set(ids);
  const series = data.series.filter((s) => keep.has(s.id));
  return series.length ? { ...data, series } : data;
}

export interface ValueChange {
  /** The change in percent of the start; undefined when there is none (no value, or a start of 0). */
  value: number | undefined;
  /** "+2,100%", "−50%", "0%", or "—". */
  label: string;
  /** Why there is no value, in words. */
  reason?: string;
}

/** The change from one value to another, in percent of the first; `fromWords` names where the first is ("January 2024"). */
export function percentChange(start: number, end: number, fromWords: string): ValueChange {
  if (start === 0) return { value: undefined, label: NO_VALUE, reason: `0 in ${fromWords}: growth from nothing has no percentage` };
  const value = (100 * (end - start)) / start;
  return { value, label: formatChange(value) };
}

export interface SeriesChange extends ValueChange {
  id: string;
  series: string;
  /** The first and last months of the range where the series has a value. */
  from?: Month;
  to?: Month;
  start?: number;
  end?: number;
  /** "Python: +2,100% from January 2013 (12) to June 2016 (264)." */
  text: string;
}

function changeOf(id: string, series: string, points: readonly SeriesPoint[], range: { from: Month; to: Month }): SeriesChange {
  const inRange = points.filter((p) => p.month >= range.from && p.month <= range.to);
  const first = inRange[0];
  const last = inRange[inRange.length - 1];
  if (!first || !last || first.month === last.month) {
    const reason = !first ? `no value from ${monthLong(range.from)} to ${monthLong(range.to)}` : `a value in one month only (${monthLong(first.month)})`;
    return { id, series, value: undefined, label: NO_VALUE, reason, text: `${series}: no change to show (${reason}).` };
  }
  const c = percentChange(first.value, last.value, monthLong(first.month));
  const span = `from ${monthLong(first.month)} (${formatValue(first.value)}) to ${monthLong(last.month)} (${formatValue(last.value)})`;
  const text = c.value === undefined ? `${series}: ${span}, no percentage (${c.reason}).` : `${series}: ${c.label} ${span}.`;
  return { id, series, ...c, from: first.month, to: last.month, start: first.value, end: last.value, text };
}

/**
 * Each series' change over a month range (the whole chart when open): from
 * its first value in the range to its last, in percent of the first. A
 * smoothed series has no value in its first months, so its change starts
 * where its values do, and the text says from when.
 */
export function rangeChanges(data: ChartData, range: MonthRange = {}): SeriesChange[] {
  const r = clampRange(allMonths(data), range);
  if (!r) return [];
  return data.series.map((s) => changeOf(s.id, s.label, s.points, r));
}
