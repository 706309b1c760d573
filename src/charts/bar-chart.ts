/**
 * Grouped vertical bars over ordered categories (releases), rendered to an SVG
 * string with no DOM, like the line chart, so it runs at build time and in
 * the browser. One group per category, in axis order, one bar per series in
 * series order (the legend's order), so position tells series apart as well
 * as colour. A series with no point in a category draws no bar there; a zero
 * draws a thin stub on the baseline, so the two never look alike. Each bar
 * has a `<title>` (its tooltip). Monthly data may be drawn as bars too: its
 * months (within the options' range) are then the categories. Every text is
 * escaped here.
 */
import { max, min } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { escapeXml } from './escape.ts';
import { formatValue, monthShort } from './format.ts';
import { attrs, CHAR_WIDTH, legendLayout, legendSvg, noDataText, normaliseChartOptions, plotArea, r1, svgOpening, valueAxis, type ChartInput, type ChartOptions, type Legend, type MonthLayout } from './frame.ts';
import { axisCategories, sliceData, type AxisCategory, type ChartData } from './series.ts';
import { chartStyle } from './theme.ts';

export type BarChartInput = ChartInput;

export function normaliseBarChartOptions(input: BarChartInput): ChartOptions {
  return normaliseChartOptions(input, 'bar chart');
}

/** A category's tick: its label (shortened to fit), and whether there is room to show it. */
export interface CategoryTick {
  id: string;
  text: string;
  shown: boolean;
}

export interface BarChartLayout extends MonthLayout {
  data: ChartData;
  /** The axis, in order (`months` holds their ids). */
  categories: AxisCategory[];
  y: (v: number) => number;
  yTicks: number[];
  legend: Legend;
  /** Where series `i`'s bar starts, from the middle of its group (`x(id)`), and how wide bars are. */
  barOffset: (i: number) => number;
  barWidth: number;
  ticks: CategoryTick[];
  /** Each series' points on the axis with a finite value, by category id. */
  values: Map<string, number>[];
}

/** Bars wider than this read as blocks; a group with few bars keeps them at this width, centred. */
const MAX_BAR_WIDTH = 40;
/** Tick labels longer than this are cut with an ellipsis (the bar titles and the table have them whole). */
const MAX_LABEL_CHARS = 18;
/** Height of the stub that shows a zero. */
const ZERO_STUB = 1.5;

function shorten(label: string): string {
  return label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label;
}

/**
 * Tick labels, every k-th shown when they would not fit side by side (like
 * month ticks, thinned by room); the first is always shown.
 */
export function categoryTicks(categories: readonly AxisCategory[], step: number): CategoryTick[] {
  const texts = categories.map((c) => shorten(c.label));
  const widest = Math.max(0, ...texts.map((t) => t.length * CHAR_WIDTH)) + 8;
  const every = step > 0 ? Math.max(1, Math.ceil(widest / step)) : 1;
  return categories.map((c, i) => ({ id: c.id, text: texts[i]!, shown: i % every === 0 }));
}

/** Scales and positions, shared by the renderer and the client hydration (pointer -> category). */
export function layoutBarChart(whole: ChartData, o: ChartOptions): BarChartLayout {
  // Monthly data keeps its range; a category chart has none (sliceData returns it whole).
  const data = sliceData(whole, { from: o.from, to: o.to });
  const categories = axisCategories(data, monthShort);
  const ids = categories.map((c) => c.id);
  const onAxis = new Set(ids);
  const values = data.series.map((s) => new Map(s.points.filter((p) => onAxis.has(p.month) && Number.isFinite(p.value)).map((p) => [p.month, p.value])));
  const legend = o.legend ? legendLayout(data.series.map((s) => s.label), o.width - o.margin.right, o.margin.left) : { items: [], height: 0 };
  const plot = plotArea(o, legend);
  const xs = scaleBand<string>().domain(ids).range([plot.left, plot.right]).paddingInner(0.2).paddingOuter(0.1);
  const n = Math.max(data.series.length, 1);
  const gap = n > 1 ? 0.1 : 0;
  // The group's width: the band, or less when its bars would be wider than MAX_BAR_WIDTH.
  const group = Math.min(xs.bandwidth(), (MAX_BAR_WIDTH * n) / (1 - gap));
  const inner = scaleBand<number>().domain(data.series.map((_, i) => i)).range([-group / 2, group / 2]).paddingInner(gap);
  const all = values.flatMap((m) => [...m.values()]);
  const top = max(all) ?? 0;
  const low = Math.min(0, min(all) ?? 0);
  const ys = scaleLinear().domain([low, Math.max(top, 1)]).nice(o.yTicks).range([plot.bottom, plot.top]);
  const yTicks = ys.ticks(o.yTicks).filter(Number.isInteger);
  return {
    data,
    months: ids,
    categories,
    plot,
    x: (id) => (xs(id) ?? plot.left) + xs.bandwidth() / 2,
    y: (v) => ys(v),
    yTicks,
    legend,
    barOffset: (i) => inner(i) ?? -group / 2,
    barWidth: inner.bandwidth(),
    ticks: categoryTicks(categories, xs.step()),
    values,
  };
}

/** The category axis: a baseline at 0 and each shown category's label under the middle of its group. */
function categoryAxis(L: BarChartLayout): string[] {
  const { plot } = L;
  const base = r1(L.y(0));
  const out = [`<g class="x-axis"><line class="domain" x1="${plot.left}" x2="${plot.right}" y1="${base}" y2="${base}"/>`];
  // Every group gets a tick mark, so a label left out for room still leaves its group marked.
  for (const t of L.ticks) {
    const x = r1(L.x(t.id));
    const mark = `<line class="domain" x1="${x}" x2="${x}" y1="${plot.bottom}" y2="${plot.bottom + 4}"/>`;
    const label = t.shown ? `<text x="${x}" y="${plot.bottom + 3}" text-anchor="middle"><tspan x="${x}" dy="1.2em">${escapeXml(t.text)}</tspan></text>` : '';
    out.push(`<g class="tick">${mark}${label}</g>`);
  }
  out.push('</g>');
  return out;
}

/** One bar, from 0 to its value, with its tooltip; a zero is a stub on the baseline. */
function barSvg(L: BarChartLayout, i: number, category: AxisCategory, value: number, seriesLabel: string): string {
  const zero = L.y(0);
  const end = L.y(value);
  let y = Math.min(zero, end);
  let height = Math.abs(zero - end);
  if (height < ZERO_STUB) [y, height] = [zero - ZERO_STUB, ZERO_STUB];
  const x = L.x(category.id) + L.barOffset(i);
  const title = `${category.label}, ${seriesLabel}: ${formatValue(value)}`;
  return `<rect${attrs({ class: 'bar', x: r1(x), y: r1(y), width: r1(L.barWidth), height: r1(height), 'data-category': category.id })}><title>${escapeXml(title)}</title></rect>`;
}

export function renderBarChart(data: ChartData, input: BarChartInput | ChartOptions): string {
  const o = normaliseBarChartOptions(input);
  const L = layoutBarChart(data, o);
  const out: string[] = [];
  out.push(...svgOpening(data, o, L.months, 'bar-chart', chartStyle(o.id, o.palette, data.series.length, { bars: true })));
  if (o.background) out.push(`<rect class="bg" width="${o.width}" height="${o.height}"/>`);
  out.push(...legendSvg(L.legend, o, (i) => `s${i}`, (it, cy) => `<rect class="bar swatch" x="${r1(it.x + 6)}" y="${cy - 7}" width="14" height="14" rx="2"/>`));

  if (!L.categories.length || L.values.every((m) => m.size === 0)) {
    out.push(noDataText(o, L.plot));
    return out.join('');
  }

  out.push(...valueAxis(L), ...categoryAxis(L));
  out.push('<g class="bars">');
  L.data.series.forEach((s, i) => {
    out.push(`<g${attrs({ class: `series s${i}`, 'data-series': s.id })}>`);
    for (const c of L.categories) {
      const v = L.values[i]!.get(c.id);
      if (v !== undefined) out.push(barSvg(L, i, c, v, s.label));
    }
    out.push('</g>');
  });
  out.push('</g></svg>');
  return out.join('');
}
