/** A plain-language summary of a chart: range, totals, peaks and trend (pure). */
import { formatValue, monthLong } from './format.ts';
import { allMonths, clampRange, monthsBetween, sliceData, stackSums, type ChartData, type MonthRange, type TimeSeries } from './series.ts';

export type Trend = 'rising' | 'falling' | 'steady';

/** Compares the average of the first and second half of the points; a change under 10% counts as steady. */
export function trendOf(values: readonly number[]): Trend | undefined {
  const half = Math.floor(values.length / 2);
  if (half < 1) return undefined;
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const a = mean(values.slice(0, half));
  const b = mean(values.slice(values.length - half));
  if (a === b) return 'steady';
  if (a === 0) return 'rising';
  const change = (b - a) / a;
  return change > 0.1 ? 'rising' : change < -0.1 ? 'falling' : 'steady';
}

/** `months`: how many months the range has; a rate series may have a value in fewer (none where there was nothing to measure). */
function seriesSentence(s: TimeSeries, months = s.points.length): string {
  const values = s.points.map((p) => p.value);
  const sum = values.reduce((a, b) => a + b, 0);
  const label = s.label;
  const gaps = months - values.length;
  const gapText = gaps > 0 ? ` No value in ${formatValue(gaps)} of the ${formatValue(months)} months.` : '';
  if (values.length === 0) return `${label}: no value.`;
  if (sum === 0) return `${label}: none.${gapText}`;
  let peak = s.points[0]!;
  for (const p of s.points) if (p.value > peak.value) peak = p;
  const amount = (s.total ?? 'sum') === 'sum' ? `${formatValue(sum)} in total` : `${formatValue(Math.round((sum / values.length) * 10) / 10)} per month on average`;
  const trend = trendOf(values);
  const trendText = trend === undefined ? '' : trend === 'steady' ? ', roughly steady over the period' : `, ${trend} over the period`;
  return `${label}: ${amount}, highest in ${monthLong(peak.month)} (${formatValue(peak.value)})${trendText}.${gapText}`;
}

/**
 * For parts of a whole: the whole's sentence, then each part's share over the
 * range ("Share of the 1,200 person-months: Red Hat 31%, …"), in series order.
 */
function stackSentences(data: ChartData, { label, sumUnit }: NonNullable<ChartData['stackTotal']>): string[] {
  const sums = stackSums(data);
  const whole = sums.reduce((a, p) => a + p.value, 0);
  const first = seriesSentence({ id: 'total', label, total: 'none', points: sums });
  if (whole === 0) return [first];
  const parts = data.series.map((s) => `${s.label} ${Math.round((100 * s.points.reduce((a, p) => a + p.value, 0)) / whole)}%`);
  return [first, `Share of the ${formatValue(whole)} ${sumUnit ?? data.unit}: ${parts.join(', ')}.`];
}

/** E.g. "From January 2024 to June 2025 (18 months). Changes opened: 2,400 in total, highest in … ." */
export function textAlternative(data: ChartData, range: MonthRange = {}): string {
  const r = clampRange(allMonths(data), range);
  if (!r) return `${data.title}: no data yet.`;
  const sliced = sliceData(data, r);
  // Every calendar month of the range, also those no series has a value in.
  const n = monthsBetween(r.from, r.to).length;
  const span = r.from === r.to ? `In ${monthLong(r.from)}` : `From ${monthLong(r.from)} to ${monthLong(r.to)} (${n} months)`;
  const body = data.stackTotal ? stackSentences(sliced, data.stackTotal) : sliced.series.map((s) => seriesSentence(s, n));
  return [`${span}.`, ...body].join(' ');
}
