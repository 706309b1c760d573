/** Download formats for any chart: CSV (RFC 4180), JSON and a standalone SVG (pure). */
import { renderBarChart } from './bar-chart.ts';
import type { ChartInput } from './frame.ts';
import { renderLineChart } from './line-chart.ts';
import { allMonths, clampRange, isCategoryChart, sliceData, type ChartData, type MonthRange } from './series.ts';

/**
 * One CSV field. Quotes when RFC 4180 requires it (comma, quote, CR, LF) and
 * when spreadsheets would otherwise trim it. Text that a spreadsheet would run
 * as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a leading apostrophe:
 * labels can come from upstream names.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV rows' keys: the months of the range, or every category id in order (a category chart ignores the range). */
function csvKeys(data: ChartData, range: MonthRange): string[] {
  if (isCategoryChart(data)) return data.axis.categories.map((c) => c.id);
  const r = clampRange(allMonths(data), range);
  return r ? allMonths(data).filter((m) => m >= r.from && m <= r.to) : [];
}

/**
 * Header `month,<series label>…` (`release,…` on a category axis: its name),
 * then the stack total's label for parts of a whole; one row per month (per
 * category, by id, in axis order), CRLF line ends.
 */
export function toCsv(data: ChartData, range: MonthRange = {}): string {
  const months = csvKeys(data, range);
  const lookup = data.series.map((s) => new Map(s.points.map((p) => [p.month, p.value])));
  const whole = data.stackTotal;
  const first = isCategoryChart(data) ? data.axis.name : 'month';
  const lines = [[first, ...data.series.map((s) => s.label), ...(whole ? [whole.label] : [])].map(csvField).join(',')];
  for (const m of months) {
    // A month a series has no value in (a rate of nothing) is an empty field, not 0.
    const parts = lookup.map((l) => l.get(m));
    lines.push([m, ...parts.map((v) => v ?? ''), ...(whole ? [parts.reduce<number>((a, b) => a + (b ?? 0), 0)] : [])].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * The chart's words, its series and their points. A category chart keeps its
 * `axis`, and its points name the category under the axis's name
 * (`{ "release": "2024.1", "value": 5 }`) rather than `month`.
 */
export function toJson(data: ChartData, range: MonthRange = {}): string {
  const d = sliceData(data, range);
  const key = isCategoryChart(d) ? (d.axis.name === 'value' || d.axis.name === '' ? 'category' : d.axis.name) : 'month';
  const points = (s: ChartData['series'][number]) => (key === 'month' ? s.points : s.points.map((p) => ({ [key]: p.month, value: p.value })));
  const series = d.series.map((s) => ({ id: s.id, label: s.label, total: s.total ?? 'sum', ...(s.tone ? { tone: s.tone } : {}), points: points(s) }));
  const body = { title: d.title, description: d.description, unit: d.unit, source: d.source, ...(d.axis ? { axis: d.axis } : {}), ...(d.stackTotal ? { stackTotal: d.stackTotal } : {}), series };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/**
 * A file that opens anywhere: fixed light colours, painted background, XML
 * prolog. `render` is the chart's own renderer (by default the line chart, or
 * the bars for a category chart).
 */
export function toStandaloneSvg(data: ChartData, options: Partial<ChartInput> = {}, render: (d: ChartData, o: ChartInput) => string = isCategoryChart(data) ? renderBarChart : renderLineChart): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(data, { id: 'agora-chart', palette: 'light', background: true, ...options })}\n`;
}
