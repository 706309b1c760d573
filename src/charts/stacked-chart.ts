/**
 * Stacked monthly areas, rendered to an SVG string with no DOM (like the line
 * chart, it runs at build time and in the browser). Series stack bottom to top
 * in their order. Named series take the category colours; a series with tone
 * `other` is hatched and one with tone `neutral` is grey, so "the rest" and
 * "unknown" never look like one more category. Every text is escaped here.
 */
import { max } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { area, line } from 'd3-shape';
import { escapeXml } from './escape.ts';
import { assertMonthly, attrs, axes, legendLayout, legendSvg, noDataText, normaliseChartOptions, plotArea, r1, svgOpening, SWATCH, type ChartInput, type ChartOptions, type Legend, type MonthLayout } from './frame.ts';
import { allMonths, clampRange, monthStart, sliceData, type ChartData, type Month, type TimeSeries } from './series.ts';
import { chartStyle } from './theme.ts';

export type StackedChartInput = ChartInput;

export function normaliseStackedChartOptions(input: StackedChartInput): ChartOptions {
  return normaliseChartOptions(input, 'stacked chart');
}

export interface Band {
  series: TimeSeries;
  /** CSS class that colours it: `s<k>` for the k-th named series, `tone-other`, `tone-neutral`. */
  className: string;
  /** Bottom and top of the band, per month of the layout. */
  lower: number[];
  upper: number[];
}

export interface StackedChartLayout extends MonthLayout {
  data: ChartData;
  /** The options' height, or more when a legend of many rows (narrow screens) would leave too little plot. */
  height: number;
  y: (v: number) => number;
  yTicks: number[];
  legend: Legend;
  bands: Band[];
}

/** Colour classes in series order: named series count up from `s0`; toned ones get their tone. */
export function bandClasses(series: readonly Pick<TimeSeries, 'tone'>[]): string[] {
  let k = 0;
  return series.map((s) => (s.tone ? `tone-${s.tone}` : `s${k++}`));
}

/** Scales, positions and the stack, shared by the renderer and the client hydration. */
export function layoutStackedChart(data: ChartData, o: ChartOptions): StackedChartLayout {
  assertMonthly(data, 'stacked chart');
  const range = clampRange(allMonths(data), { from: o.from, to: o.to });
  const sliced = range ? sliceData(data, range) : data;
  const months = allMonths(sliced);
  const legend = o.legend ? legendLayout(data.series.map((s) => s.label), o.width - o.margin.right, o.margin.left) : { items: [], height: 0 };
  const height = Math.max(o.height, Math.round(o.margin.top + legend.height + MIN_PLOT_HEIGHT + o.margin.bottom));
  const plot = plotArea({ ...o, height }, legend);
  const classes = bandClasses(sliced.series);
  const base = months.map(() => 0);
  const bands = sliced.series.map((s, i) => {
    const values = new Map(s.points.map((p) => [p.month, p.value]));
    const lower = [...base];
    months.forEach((m, j) => (base[j] = base[j]! + Math.max(0, values.get(m) ?? 0)));
    return { series: s, className: classes[i]!, lower, upper: [...base] };
  });
  const first = months[0] ?? '1970-01';
  const last = months[months.length - 1] ?? first;
  const xs = scaleUtc().domain([monthStart(first), monthStart(last)]).range([plot.left, plot.right]);
  const top = max(base) ?? 0;
  const ys = scaleLinear().domain([0, Math.max(top, 1)]).nice(o.yTicks).range([plot.bottom, plot.top]);
  const yTicks = ys.ticks(o.yTicks).filter(Number.isInteger);
  return { data: sliced, months, height, plot, x: (m) => xs(monthStart(m)), y: (v) => ys(v), yTicks, legend, bands };
}

/** Bands need some height to be read; eight legend entries take six rows on a phone. */
const MIN_PLOT_HEIGHT = 150;
const HATCH = 6;
/** Width of the column drawn when there is a single month (an area would have no width). */
const SINGLE_MONTH_WIDTH = 48;

export function renderStackedChart(data: ChartData, input: StackedChartInput | ChartOptions): string {
  const given = normaliseStackedChartOptions(input);
  const L = layoutStackedChart(data, given);
  const o = { ...given, height: L.height };
  const { plot } = L;
  const out: string[] = [];
  out.push(...svgOpening(data, o, L.months, 'stacked-chart', chartStyle(o.id, o.palette, data.series.filter((s) => !s.tone).length, { bands: true })));
  if (data.series.some((s) => s.tone === 'other')) {
    out.push(
      `<defs><pattern id="${o.id}-hatch" width="${HATCH}" height="${HATCH}" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">`,
      `<rect class="hatch-bg" width="${HATCH}" height="${HATCH}"/><line class="hatch-line" x1="1" y1="0" x2="1" y2="${HATCH}"/>`,
      '</pattern></defs>',
    );
  }
  if (o.background) out.push(`<rect class="bg" width="${o.width}" height="${o.height}"/>`);

  const classes = bandClasses(data.series);
  out.push(...legendSvg(L.legend, o, (i) => classes[i]!, (it, cy) => `<rect class="area swatch" x="${r1(it.x + 6)}" y="${cy - 7}" width="14" height="14" rx="2"/>`));

  if (!L.months.length) {
    out.push(noDataText(o, plot));
    return out.join('');
  }

  out.push(...axes(L, o.maxXTicks));

  const single = L.months.length === 1;
  const index = L.months.map((_, j) => j);
  const xAt = (j: number) => L.x(L.months[j]!);
  const bandPath = (b: Band) =>
    area<number>()
      .x((j) => xAt(j))
      .y0((j) => L.y(b.lower[j]!))
      .y1((j) => L.y(b.upper[j]!))
      .digits(1)(index) ?? '';
  const topEdge = (b: Band) =>
    line<number>()
      .x((j) => xAt(j))
      .y((j) => L.y(b.upper[j]!))
      .digits(1)(index) ?? '';
  out.push('<g class="bands">');
  for (const b of L.bands) {
    out.push(`<g${attrs({ class: `series ${b.className}`, 'data-series': b.series.id })}>`);
    if (single) {
      const x = r1(xAt(0) - SINGLE_MONTH_WIDTH / 2);
      const y = r1(L.y(b.upper[0]!));
      out.push(`<rect class="area" x="${x}" y="${y}" width="${SINGLE_MONTH_WIDTH}" height="${r1(L.y(b.lower[0]!) - y)}"/>`);
    } else {
      out.push(`<path class="area" d="${bandPath(b)}"/>`);
    }
    out.push('</g>');
  }
  // Gaps between neighbouring bands, drawn over them (a stroke round each band would also thin the baseline).
  if (!single) for (const b of L.bands.slice(0, -1)) out.push(`<path class="edge" d="${topEdge(b)}"/>`);
  out.push('</g></svg>');
  return out.join('');
}
