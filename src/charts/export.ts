/** Download formats for any chart: CSV (RFC 4180), JSON and a standalone SVG (pure). */
import { renderLineChart, type LineChartInput } from './line-chart.ts';
import { allMonths, clampRange, sliceData, type ChartData, type MonthRange } from './series.ts';

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

/** Header `month,<series label>…`, one row per month, CRLF line ends. */
export function toCsv(data: ChartData, range: MonthRange = {}): string {
  const r = clampRange(allMonths(data), range);
  const months = r ? allMonths(data).filter((m) => m >= r.from && m <= r.to) : [];
  const lookup = data.series.map((s) => new Map(s.points.map((p) => [p.month, p.value])));
  const lines = [['month', ...data.series.map((s) => s.label)].map(csvField).join(',')];
  for (const m of months) lines.push([m, ...lookup.map((l) => l.get(m) ?? 0)].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function toJson(data: ChartData, range: MonthRange = {}): string {
  const d = sliceData(data, range);
  const body = { title: d.title, description: d.description, unit: d.unit, source: d.source, series: d.series.map((s) => ({ id: s.id, label: s.label, total: s.total ?? 'sum', points: s.points })) };
  return `${JSON.stringify(body, null, 2)}\n`;
}

/** A file that opens anywhere: fixed light colours, painted background, XML prolog. */
export function toStandaloneSvg(data: ChartData, options: Partial<LineChartInput> = {}, render: (d: ChartData, o: LineChartInput) => string = renderLineChart): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${render(data, { id: 'agora-chart', palette: 'light', background: true, ...options })}\n`;
}
