/** The data table beside a chart, as a model the component renders (pure). */
import { formatValue, monthLong, NO_VALUE } from './format.ts';
import { allMonths, axisPlural, clampRange, isCategoryChart, type ChartData, type Month, type MonthRange } from './series.ts';

export interface ChartTableRow {
  /** The row's key: a month, or on a category axis the category's id (as `SeriesPoint.month`). */
  month: Month;
  /** "March 2024", or the category's label. */
  label: string;
  /** One per column, already formatted (`NO_VALUE` where a series has no point that month); raw numbers in `values`. */
  cells: string[];
  values: (number | undefined)[];
}

export interface ChartTable {
  caption: string;
  /** Header of the first column, the one naming the rows: "Month", or the category axis's label ("Release"). */
  axisLabel: string;
  columns: { id: string; label: string }[];
  rows: ChartTableRow[];
  /** Sums of the summable series over the rows; `undefined` where summing means nothing (distinct people). */
  totals: (string | undefined)[];
  /** Why some totals are missing, for a note under the table; absent when every column has one. */
  note?: string;
}

/** The rows' keys and labels: the months of the range, or every category in order (a category chart ignores the range). */
function rowKeys(data: ChartData, range: MonthRange): { key: string; label: string }[] {
  if (isCategoryChart(data)) return data.axis.categories.map((c) => ({ key: c.id, label: c.label }));
  const r = clampRange(allMonths(data), range);
  const months = r ? allMonths(data).filter((m) => m >= r.from && m <= r.to) : [];
  return months.map((m) => ({ key: m, label: monthLong(m) }));
}

export function chartTable(data: ChartData, range: MonthRange = {}): ChartTable {
  const lookup = data.series.map((s) => new Map(s.points.map((p) => [p.month, p.value])));
  // Parts of a whole get the whole as a last column: the height of the stack.
  const whole = data.stackTotal;
  const rows = rowKeys(data, range).map(({ key, label }) => {
    const parts = lookup.map((l) => l.get(key));
    const values = whole ? [...parts, parts.reduce<number>((a, b) => a + (b ?? 0), 0)] : parts;
    return { month: key, label, values, cells: values.map((v) => (v === undefined ? NO_VALUE : formatValue(v))) };
  });
  const summable = [...data.series.map((s) => (s.total ?? 'sum') === 'sum'), ...(whole ? [data.series.every((s) => (s.total ?? 'sum') === 'sum')] : [])];
  const totals = summable.map((sum, i) => (sum ? formatValue(rows.reduce((a, row) => a + (row.values[i] ?? 0), 0)) : undefined));
  const columns = [...data.series.map((s) => ({ id: s.id, label: s.label })), ...(whole ? [{ id: whole.id, label: whole.label }] : [])];
  const category = isCategoryChart(data);
  const by = category ? `by ${data.axis.name}` : 'by month';
  const note = !totals.some((t) => t === undefined)
    ? undefined
    : category
      ? `${NO_VALUE} : medians, shares and distinct people are not counts of events, so they do not add up to a total over the ${axisPlural(data.axis)}.`
      : `${NO_VALUE} : people are counted once per month, so monthly counts do not add up to a total.`;
  return { caption: `${data.title} (${data.unit}), ${by}`, axisLabel: category ? data.axis.label : 'Month', columns, rows, totals, ...(note ? { note } : {}) };
}
