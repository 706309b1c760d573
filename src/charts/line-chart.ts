/**
 * Multi-series monthly line chart, rendered to an SVG string with no DOM, so the
 * same function runs at build time (server-rendered figure, downloads) and in
 * the browser (re-render after a range change). Every text is escaped here.
 */
import { max } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, type SymbolType } from 'd3-shape';
import { escapeXml } from './escape.ts';
import { assertMonthly, attrs, axes, CHART_DEFAULTS, legendLayout, logValueScale, legendSvg, noDataText, normaliseChartOptions, plotArea, r1, svgOpening, SWATCH, type ChartInput, type ChartOptions, type Legend, type MonthLayout } from './frame.ts';
import { addMonths, allMonths, clampRange, monthStart, sliceData, type ChartData, type SeriesPoint } from './series.ts';
import { chartStyle, DASHES, MARKERS, pick, type MarkerShape } from './theme.ts';

export const LINE_CHART_DEFAULTS = CHART_DEFAULTS;
export type LineChartOptions = ChartOptions;
export type LineChartInput = ChartInput;

/** Fills defaults and rejects values that would make a broken SVG. */
export function normaliseLineChartOptions(input: LineChartInput): LineChartOptions {
  return normaliseChartOptions(input, 'line chart');
}

export interface LineChartLayout extends MonthLayout {
  data: ChartData;
  y: (v: number) => number;
  yTicks: number[];
  legend: Legend;
}

/** Scales and positions, shared by the renderer and the client hydration (pointer -> month). */
export function layoutLineChart(data: ChartData, o: LineChartOptions): LineChartLayout {
  assertMonthly(data, 'line chart');
  const range = clampRange(allMonths(data), { from: o.from, to: o.to });
  const sliced = range ? sliceData(data, range) : data;
  const months = allMonths(sliced);
  const legend = o.legend ? legendLayout(data.series.map((s) => s.label), o.width - o.margin.right, o.margin.left) : { items: [], height: 0 };
  const plot = plotArea(o, legend);
  const first = months[0] ?? '1970-01';
  const last = months[months.length - 1] ?? first;
  const xs = scaleUtc().domain([monthStart(first), monthStart(last)]).range([plot.left, plot.right]);
  const { y, yTicks } = o.yScale === 'log' ? logAxis(sliced, plot, o.yTicks) : linearAxis(sliced, plot, o.yTicks);
  return { data: sliced, months, plot, x: (m) => xs(monthStart(m)), y, yTicks, legend };
}

type ValueAxis = Pick<LineChartLayout, 'y' | 'yTicks'>;

/** From 0 to a round number above the largest value (at least 1), with whole-number ticks. */
function linearAxis(data: ChartData, plot: MonthLayout['plot'], ticks: number): ValueAxis {
  const top = max(data.series, (s) => max(s.points, (p) => p.value)) ?? 0;
  const ys = scaleLinear().domain([0, Math.max(top, 1)]).nice(ticks).range([plot.bottom, plot.top]);
  return { y: (v) => ys(v), yTicks: ys.ticks(ticks).filter(Number.isInteger) };
}

/** The symlog axis of `logValueScale` (0 on the baseline, 1-2-5 ticks). */
function logAxis(data: ChartData, plot: MonthLayout['plot'], ticks: number): ValueAxis {
  const { y, ticks: yTicks } = logValueScale(
    data.series.flatMap((s) => s.points.map((p) => p.value)),
    [plot.bottom, plot.top],
    ticks,
  );
  return { y, yTicks };
}

const SYMBOLS: Record<MarkerShape, SymbolType> = { circle: symbolCircle, square: symbolSquare, triangle: symbolTriangle, diamond: symbolDiamond, cross: symbolCross, star: symbolStar };

/** A marker path centred on 0,0 (also used for legend swatches). */
export function markerPath(shape: MarkerShape, size = 36): string {
  return symbol(SYMBOLS[shape], size).digits(1)() ?? '';
}

export function renderLineChart(data: ChartData, input: LineChartInput | LineChartOptions): string {
  const o = normaliseLineChartOptions(input);
  const L = layoutLineChart(data, o);
  const { plot } = L;
  const out: string[] = [];
  out.push(...svgOpening(data, o, L.months, 'line-chart', chartStyle(o.id, o.palette, data.series.length)));
  if (o.background) out.push(`<rect class="bg" width="${o.width}" height="${o.height}"/>`);
  const showMarkers = L.months.length <= o.maxMarkerMonths;

  out.push(
    ...legendSvg(L.legend, o, (i) => `s${i}`, (it, cy) =>
      `<line class="line swatch"${attrs({ x1: it.x, x2: it.x + SWATCH, y1: cy, y2: cy, 'stroke-dasharray': pick(DASHES, it.index) })}/>` +
      `<path class="marker" transform="translate(${r1(it.x + SWATCH / 2)},${cy})" d="${markerPath(pick(MARKERS, it.index))}"/>`,
    ),
  );

  if (!L.months.length) {
    out.push(noDataText(o, plot));
    return out.join('');
  }

  out.push(...axes(L, o.maxXTicks));

  // A series without a point in some month (a rate of nothing) breaks there: `null` ends a segment.
  const path = line<SeriesPoint | null>()
    .defined((p) => p !== null)
    .x((p) => L.x(p!.month))
    .y((p) => L.y(p!.value))
    .digits(1);
  L.data.series.forEach((s, i) => {
    const next = (k: number) => k + 1 < s.points.length && s.points[k + 1]!.month === addMonths(s.points[k]!.month, 1);
    const segments = s.points.flatMap((p, k) => (k > 0 && !next(k - 1) ? [null, p] : [p]));
    out.push(`<g${attrs({ class: `series s${i}`, 'data-series': s.id })}>`);
    out.push(`<path${attrs({ class: 'line', d: path(segments) ?? '', 'stroke-dasharray': pick(DASHES, i) })}/>`);
    // Markers on every point while there are few months; beyond, only on points alone between gaps, which draw no line.
    const d = markerPath(pick(MARKERS, i), 28);
    s.points.forEach((p, k) => {
      if (showMarkers || ((k === 0 || !next(k - 1)) && !next(k))) out.push(`<path class="marker" transform="translate(${r1(L.x(p.month))},${r1(L.y(p.value))})" d="${d}"/>`);
    });
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}

export { monthTicks } from './frame.ts';
