/**
 * A plain-language summary of a chart (pure): for months, the range, totals,
 * peaks and trend; for categories (releases), how many there are, totals and
 * the highest and lowest category of each series.
 */
import { formatValue, monthLong } from './format.ts';
import { allMonths, axisPlural, clampRange, isCategoryChart, monthsBetween, sliceData, stackSums, type CategoryAxis, type ChartData, type MonthRange, type SeriesPoint, type TimeSeries } from './series.ts';

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

/** Up to this many categories, the text alternative names them all. */
const LISTED_CATEGORIES = 6;

/** "2 releases" / "1 release". */
function countOf(n: number, axis: CategoryAxis): string {
  return `${formatValue(n)} ${n === 1 ? axis.name : axisPlural(axis)}`;
}

/**
 * One series over the categories: its total (counts only), its highest and
 * lowest category (the first in axis order on a tie), and how many categories
 * have no value. `label(id)` names a category.
 */
function categorySentence(s: Pick<TimeSeries, 'label' | 'total'>, points: readonly SeriesPoint[], axis: CategoryAxis, label: (id: string) => string): string {
  const n = axis.categories.length;
  const gaps = n - points.length;
  const gapText = gaps > 0 ? ` No value in ${formatValue(gaps)} of the ${countOf(n, axis)}.` : '';
  if (points.length === 0) return `${s.label}: no value.`;
  const sum = points.reduce((a, p) => a + p.value, 0);
  if (points.every((p) => p.value === 0)) return `${s.label}: none.${gapText}`;
  let high = points[0]!;
  let low = points[0]!;
  for (const p of points) {
    if (p.value > high.value) high = p;
    if (p.value < low.value) low = p;
  }
  const at = (p: SeriesPoint) => `${label(p.month)} (${formatValue(p.value)})`;
  const counts = (s.total ?? 'sum') === 'sum';
  let body: string;
  if (points.length === 1) body = counts ? `${formatValue(sum)} in total, all in ${label(high.month)}` : `${formatValue(high.value)} in ${label(high.month)}`;
  else {
    const extremes = high.value === low.value ? `${formatValue(high.value)} in each of ${countOf(points.length, axis)}` : `highest ${at(high)}, lowest ${at(low)}`;
    body = counts ? `${formatValue(sum)} in total; ${extremes}` : extremes;
  }
  return `${s.label}: ${body}.${gapText}`;
}

/** E.g. "By release: 3 releases: v1.30, 2024.1 and v1.31. Specs approved: 7 in total; highest 2024.1 (5), lowest v1.30 (1)." */
function categoryAlternative(data: ChartData & { axis: CategoryAxis }): string {
  const { axis } = data;
  const cats = axis.categories;
  if (!cats.length) return `${data.title}: no data yet.`;
  const labels = new Map(cats.map((c) => [c.id, c.label]));
  const label = (id: string) => labels.get(id) ?? id;
  const order = new Map(cats.map((c, i) => [c.id, i]));
  // Points on the axis only, in axis order (a point naming no category is not drawn either).
  const onAxis = (s: TimeSeries) => s.points.filter((p) => order.has(p.month) && Number.isFinite(p.value)).sort((a, b) => order.get(a.month)! - order.get(b.month)!);
  // A few categories are named (a screen reader hears the axis); many are given by their ends.
  const names = cats.map((c) => c.label);
  const span =
    cats.length === 1
      ? `One ${axis.name}: ${names[0]}.`
      : cats.length <= LISTED_CATEGORIES
        ? `${countOf(cats.length, axis)}: ${names.slice(0, -1).join(', ')} and ${names.at(-1)}.`
        : `${countOf(cats.length, axis)}, from ${names[0]} to ${names.at(-1)}.`;
  const head = `By ${axis.name}: ${span}`;
  if (data.stackTotal) {
    const series = data.series.map(onAxis);
    const sums = cats.flatMap((c) => {
      const parts = series.map((pts) => pts.find((p) => p.month === c.id)?.value);
      return parts.some((v) => v !== undefined) ? [{ month: c.id, value: parts.reduce<number>((a, v) => a + (v ?? 0), 0) }] : [];
    });
    const whole = sums.reduce((a, p) => a + p.value, 0);
    const first = categorySentence({ label: data.stackTotal.label, total: 'sum' }, sums, axis, label);
    if (whole === 0) return [head, first].join(' ');
    const parts = data.series.map((s, i) => `${s.label} ${Math.round((100 * series[i]!.reduce((a, p) => a + p.value, 0)) / whole)}%`);
    return [head, first, `Share of the ${formatValue(whole)} ${data.stackTotal.sumUnit ?? data.unit}: ${parts.join(', ')}.`].join(' ');
  }
  return [head, ...data.series.map((s) => categorySentence(s, onAxis(s), axis, label))].join(' ');
}

/**
 * E.g. "From January 2024 to June 2025 (18 months). Changes opened: 2,400 in
 * total, highest in … ." A category chart ignores the range.
 */
export function textAlternative(data: ChartData, range: MonthRange = {}): string {
  if (isCategoryChart(data)) return categoryAlternative(data);
  const r = clampRange(allMonths(data), range);
  if (!r) return `${data.title}: no data yet.`;
  const sliced = sliceData(data, r);
  // Every calendar month of the range, also those no series has a value in.
  const n = monthsBetween(r.from, r.to).length;
  const span = r.from === r.to ? `In ${monthLong(r.from)}` : `From ${monthLong(r.from)} to ${monthLong(r.to)} (${n} months)`;
  const body = data.stackTotal ? stackSentences(sliced, data.stackTotal) : sliced.series.map((s) => seriesSentence(s, n));
  return [`${span}.`, ...body].join(' ');
}
