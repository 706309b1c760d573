/** The data table beside a chart, as a model the component renders (pure). */
import { formatValue, monthLong, NO_VALUE } from './format.ts';
import { allMonths, clampRange, type ChartData, type Month, type MonthRange } from './series.ts';

export interface ChartTableRow {
  month: Month;
  /** "March 2024". */
  label: string;
  /** One per column, already formatted (`NO_VALUE` where a series has no point that month); raw numbers in `values`. */
  cells: string[];
  values: (number | undefined)[];
}

export interface ChartTable {
  caption: string;
  columns: { id: string; label: string }[];
  rows: ChartTableRow[];
  /** Sums of the summable series over the rows; `undefined` where summing means nothing (distinct people). */
  totals: (string | undefined)[];
}

export function chartTable(data: ChartData, range: MonthRange = {}): ChartTable {
  const r = clampRange(allMonths(data), range);
  const months = r ? allMonths(data).filter((m) => m >= r.from && m <= r.to) : [];
  const lookup = data.series.map((s) => new Map(s.points.map((p) => [p.month, p.value])));
  // Parts of a whole get the whole as a last column: the height of the stack.
  const whole = data.stackTotal;
  const rows = months.map((month) => {
    const parts = lookup.map((l) => l.get(month));
    const values = whole ? [...parts, parts.reduce<number>((a, b) => a + (b ?? 0), 0)] : parts;
    return { month, label: monthLong(month), values, cells: values.map((v) => (v === undefined ? NO_VALUE : formatValue(v))) };
  });
  const summable = [...data.series.map((s) => (s.total ?? 'sum') === 'sum'), ...(whole ? [data.series.every((s) => (s.total ?? 'sum') === 'sum')] : [])];
  const totals = summable.map((sum, i) => (sum ? formatValue(rows.reduce((a, row) => a + (row.values[i] ?? 0), 0)) : undefined));
  const columns = [...data.series.map((s) => ({ id: s.id, label: s.label })), ...(whole ? [{ id: whole.id, label: whole.label }] : [])];
  return { caption: `${data.title} (${data.unit}), by month`, columns, rows, totals };
}
