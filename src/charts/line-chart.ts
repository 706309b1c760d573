/**
 * Multi-series monthly line chart, rendered to an SVG string with no DOM, so the
 * same function runs at build time (server-rendered figure, downloads) and in
 * the browser (re-render after a range change). Every text is escaped here.
 */
import { max } from 'd3-array';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { line, symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolStar, symbolTriangle, type SymbolType } from 'd3-shape';
import { utcFormat } from 'd3-time-format';
import { escapeXml } from './escape.ts';
import { formatValue } from './format.ts';
import { allMonths, clampRange, monthStart, sliceData, type ChartData, type Month } from './series.ts';
import { textAlternative } from './text-alt.ts';
import { chartStyle, DASHES, MARKERS, pick, type MarkerShape } from './theme.ts';

export const LINE_CHART_DEFAULTS = {
  width: 720,
  height: 360,
  margin: { top: 8, right: 24, bottom: 40, left: 52 },
  maxXTicks: 9,
  yTicks: 5,
  /** Markers on every point while there are at most this many months; dashes alone beyond. */
  maxMarkerMonths: 48,
  palette: 'css' as 'css' | 'light' | 'dark',
  legend: true,
};

export interface LineChartOptions {
  /** Element id of the `<svg>`; also prefixes the ids of its `<title>`/`<desc>`. */
  id: string;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  maxXTicks: number;
  yTicks: number;
  maxMarkerMonths: number;
  palette: 'css' | 'light' | 'dark';
  legend: boolean;
  /** Paint the background (standalone files have no page behind them). */
  background: boolean;
  /**
   * Id of an element on the page that already shows the text alternative: the
   * SVG then points at it instead of carrying its own `<desc>`, so screen
   * readers do not hear the summary twice.
   */
  describedBy?: string;
  from?: Month;
  to?: Month;
}

export type LineChartInput = Partial<Omit<LineChartOptions, 'margin'>> & { id: string; margin?: Partial<LineChartOptions['margin']> };

const ID_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;

function positive(name: string, v: number): number {
  if (!Number.isFinite(v) || v <= 0) throw new Error(`invalid line chart ${name}: ${String(v)} (expected a positive number)`);
  return v;
}

/** Fills defaults and rejects values that would make a broken SVG. */
export function normaliseLineChartOptions(input: LineChartInput): LineChartOptions {
  if (!ID_RE.test(input.id)) throw new Error(`invalid line chart id: ${JSON.stringify(input.id)} (expected letters, digits, - or _, starting with a letter)`);
  const d = LINE_CHART_DEFAULTS;
  const palette = input.palette ?? d.palette;
  if (!['css', 'light', 'dark'].includes(palette)) throw new Error(`invalid line chart palette: ${JSON.stringify(palette)}`);
  const margin = { ...d.margin, ...input.margin };
  for (const [k, v] of Object.entries(margin)) if (!Number.isFinite(v) || v < 0) throw new Error(`invalid line chart margin.${k}: ${String(v)}`);
  return {
    id: input.id,
    width: positive('width', input.width ?? d.width),
    height: positive('height', input.height ?? d.height),
    margin,
    maxXTicks: positive('maxXTicks', input.maxXTicks ?? d.maxXTicks),
    yTicks: positive('yTicks', input.yTicks ?? d.yTicks),
    maxMarkerMonths: input.maxMarkerMonths ?? d.maxMarkerMonths,
    palette,
    legend: input.legend ?? d.legend,
    background: input.background ?? palette !== 'css',
    from: input.from,
    to: input.to,
    describedBy: input.describedBy === undefined ? undefined : checkedId('describedBy', input.describedBy),
  };
}

function checkedId(name: string, id: string): string {
  if (!ID_RE.test(id)) throw new Error(`invalid line chart ${name}: ${JSON.stringify(id)} (expected an element id)`);
  return id;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
const CHAR_WIDTH = 6.6; // average glyph width at 12px, for legend wrapping without a DOM
const LEGEND_ROW = 20;
const SWATCH = 26;

interface LegendItem {
  index: number;
  label: string;
  x: number;
  row: number;
}

function legendLayout(labels: string[], width: number, left: number): { items: LegendItem[]; height: number } {
  const items: LegendItem[] = [];
  let x = left;
  let row = 0;
  labels.forEach((label, index) => {
    const w = SWATCH + 6 + label.length * CHAR_WIDTH + 18;
    if (x > left && x + w > width) {
      row++;
      x = left;
    }
    items.push({ index, label, x: r1(x), row });
    x += w;
  });
  return { items, height: labels.length ? (row + 1) * LEGEND_ROW + 8 : 0 };
}

export interface LineChartLayout {
  data: ChartData;
  months: Month[];
  plot: { left: number; top: number; right: number; bottom: number };
  x: (m: Month) => number;
  y: (v: number) => number;
  yTicks: number[];
  legend: { items: LegendItem[]; height: number };
}

/** Scales and positions, shared by the renderer and the client hydration (pointer -> month). */
export function layoutLineChart(data: ChartData, o: LineChartOptions): LineChartLayout {
  const range = clampRange(allMonths(data), { from: o.from, to: o.to });
  const sliced = range ? sliceData(data, range) : data;
  const months = allMonths(sliced);
  const legend = o.legend ? legendLayout(data.series.map((s) => s.label), o.width - o.margin.right, o.margin.left) : { items: [], height: 0 };
  const plot = { left: o.margin.left, top: o.margin.top + legend.height, right: o.width - o.margin.right, bottom: o.height - o.margin.bottom };
  const first = months[0] ?? '1970-01';
  const last = months[months.length - 1] ?? first;
  const xs = scaleUtc().domain([monthStart(first), monthStart(last)]).range([plot.left, plot.right]);
  const top = max(sliced.series, (s) => max(s.points, (p) => p.value)) ?? 0;
  const ys = scaleLinear().domain([0, Math.max(top, 1)]).nice(o.yTicks).range([plot.bottom, plot.top]);
  const yTicks = ys.ticks(o.yTicks).filter(Number.isInteger);
  return { data: sliced, months, plot, x: (m) => xs(monthStart(m)), y: (v) => ys(v), yTicks, legend };
}

const TICK_STEPS = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120];
const fmtMonth = utcFormat('%b');
const fmtYear = utcFormat('%Y');

/** Month ticks on calendar-aligned steps (every quarter starts in Jan/Apr/Jul/Oct…). */
export function monthTicks(months: readonly Month[], maxTicks: number): { month: Month; lines: string[] }[] {
  const step = TICK_STEPS.find((k) => Math.ceil(months.length / k) <= maxTicks) ?? TICK_STEPS[TICK_STEPS.length - 1]!;
  const index = (m: Month) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const picked = months.filter((m) => index(m) % step === 0);
  const ticks = picked.length ? picked : months.slice(0, 1);
  return ticks.map((m, i) => {
    const d = monthStart(m);
    if (step >= 12) return { month: m, lines: [fmtYear(d)] };
    return { month: m, lines: i === 0 || m.endsWith('-01') ? [fmtMonth(d), fmtYear(d)] : [fmtMonth(d)] };
  });
}

const SYMBOLS: Record<MarkerShape, SymbolType> = { circle: symbolCircle, square: symbolSquare, triangle: symbolTriangle, diamond: symbolDiamond, cross: symbolCross, star: symbolStar };

/** A marker path centred on 0,0 (also used for legend swatches). */
export function markerPath(shape: MarkerShape, size = 36): string {
  return symbol(SYMBOLS[shape], size).digits(1)() ?? '';
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

export function renderLineChart(data: ChartData, input: LineChartInput | LineChartOptions): string {
  const o = normaliseLineChartOptions(input);
  const L = layoutLineChart(data, o);
  const { plot } = L;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ id: o.id, class: 'agora-chart line-chart', viewBox: `0 0 ${o.width} ${o.height}`, role: 'img', 'aria-labelledby': `${o.id}-title`, 'aria-describedby': o.describedBy ?? `${o.id}-desc`, 'data-from': L.months[0], 'data-to': L.months[L.months.length - 1] })}>`,
    `<title id="${o.id}-title">${escapeXml(data.title)}</title>`,
    o.describedBy ? '' : `<desc id="${o.id}-desc">${escapeXml(textAlternative(data, { from: o.from, to: o.to }))}</desc>`,
    `<style>${chartStyle(o.id, o.palette, data.series.length)}</style>`,
  );
  if (o.background) out.push(`<rect class="bg" width="${o.width}" height="${o.height}"/>`);
  const showMarkers = L.months.length <= o.maxMarkerMonths;

  if (L.legend.items.length) {
    out.push('<g class="legend">');
    for (const it of L.legend.items) {
      const cy = o.margin.top + it.row * LEGEND_ROW + 10;
      out.push(
        `<g class="s${it.index}">`,
        `<line class="line swatch"${attrs({ x1: it.x, x2: it.x + SWATCH, y1: cy, y2: cy, 'stroke-dasharray': pick(DASHES, it.index) })}/>`,
        `<path class="marker" transform="translate(${r1(it.x + SWATCH / 2)},${cy})" d="${markerPath(pick(MARKERS, it.index))}"/>`,
        `<text x="${r1(it.x + SWATCH + 6)}" y="${cy}" dy="0.35em">${escapeXml(it.label)}</text>`,
        '</g>',
      );
    }
    out.push('</g>');
  }

  if (!L.months.length) {
    out.push(`<text x="${o.width / 2}" y="${(plot.top + plot.bottom) / 2}" text-anchor="middle">No data yet</text></svg>`);
    return out.join('');
  }

  out.push('<g class="grid y-axis">');
  for (const t of L.yTicks) {
    const y = r1(L.y(t));
    out.push(`<g class="tick"><line x1="${plot.left}" x2="${plot.right}" y1="${y}" y2="${y}"/><text x="${plot.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${formatValue(t)}</text></g>`);
  }
  out.push('</g>');

  out.push(`<g class="x-axis"><line class="domain" x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>`);
  for (const t of monthTicks(L.months, o.maxXTicks)) {
    const x = r1(L.x(t.month));
    const lines = t.lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? '1.2em' : '1.15em'}">${escapeXml(l)}</tspan>`).join('');
    out.push(`<g class="tick"><line class="domain" x1="${x}" x2="${x}" y1="${plot.bottom}" y2="${plot.bottom + 5}"/><text x="${x}" y="${plot.bottom + 3}" text-anchor="middle">${lines}</text></g>`);
  }
  out.push('</g>');

  const path = line<{ month: Month; value: number }>()
    .x((p) => L.x(p.month))
    .y((p) => L.y(p.value))
    .digits(1);
  L.data.series.forEach((s, i) => {
    out.push(`<g${attrs({ class: `series s${i}`, 'data-series': s.id })}>`);
    out.push(`<path${attrs({ class: 'line', d: path(s.points) ?? '', 'stroke-dasharray': pick(DASHES, i) })}/>`);
    if (showMarkers || s.points.length === 1) {
      const d = markerPath(pick(MARKERS, i), 28);
      for (const p of s.points) out.push(`<path class="marker" transform="translate(${r1(L.x(p.month))},${r1(L.y(p.value))})" d="${d}"/>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('');
}
