/**
 * What every chart shares (pure): options and their normaliser, the legend
 * layout, month ticks, axes and the opening of the `<svg>`. Chart modules
 * (line-chart.ts, stacked-chart.ts, bar-chart.ts) add only their marks; the
 * bar chart draws its own category axis.
 */
import { scaleSymlog } from 'd3-scale';
import { utcFormat } from 'd3-time-format';
import { escapeXml } from './escape.ts';
import { formatValue } from './format.ts';
import { isCategoryChart, monthStart, type ChartData, type Month } from './series.ts';
import { textAlternative } from './text-alt.ts';

export const CHART_DEFAULTS = {
  width: 720,
  height: 360,
  margin: { top: 8, right: 24, bottom: 40, left: 52 },
  maxXTicks: 9,
  yTicks: 5,
  /** Markers on every point while there are at most this many months; dashes alone beyond (line charts). */
  maxMarkerMonths: 48,
  palette: 'css' as 'css' | 'light' | 'dark',
  legend: true,
};

export interface ChartOptions {
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
  /** The month range shown (monthly charts; a category chart ignores it). */
  from?: Month;
  to?: Month;
  /**
   * The value axis of a line chart: `linear` (the default) or `log`, for
   * series that grow by orders of magnitude. The log scale is d3's symlog,
   * so a 0 sits on the baseline instead of being undrawable (see
   * `logValueScale`). Stacked areas and bars ignore it: a stack's heights do
   * not add up on a log axis.
   */
  yScale: 'linear' | 'log';
}

export type ChartInput = Partial<Omit<ChartOptions, 'margin'>> & { id: string; margin?: Partial<ChartOptions['margin']> };

const ID_RE = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** Fills defaults and rejects values that would make a broken SVG; `name` ("line chart") starts each message. */
export function normaliseChartOptions(input: ChartInput, name = 'chart'): ChartOptions {
  const positive = (key: string, v: number): number => {
    if (!Number.isFinite(v) || v <= 0) throw new Error(`invalid ${name} ${key}: ${String(v)} (expected a positive number)`);
    return v;
  };
  if (!ID_RE.test(input.id)) throw new Error(`invalid ${name} id: ${JSON.stringify(input.id)} (expected letters, digits, - or _, starting with a letter)`);
  const d = CHART_DEFAULTS;
  const palette = input.palette ?? d.palette;
  if (!['css', 'light', 'dark'].includes(palette)) throw new Error(`invalid ${name} palette: ${JSON.stringify(palette)}`);
  const margin = { ...d.margin, ...input.margin };
  for (const [k, v] of Object.entries(margin)) if (!Number.isFinite(v) || v < 0) throw new Error(`invalid ${name} margin.${k}: ${String(v)}`);
  const yScale = input.yScale ?? 'linear';
  if (yScale !== 'linear' && yScale !== 'log') throw new Error(`invalid ${name} yScale: ${JSON.stringify(yScale)} (expected "linear" or "log")`);
  if (input.describedBy !== undefined && !ID_RE.test(input.describedBy)) throw new Error(`invalid ${name} describedBy: ${JSON.stringify(input.describedBy)} (expected an element id)`);
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
    describedBy: input.describedBy,
    yScale,
  };
}

export const r1 = (n: number) => Math.round(n * 10) / 10;

/** ` k="v"` pairs, escaped; undefined and empty values are left out. */
export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}

export const CHAR_WIDTH = 6.6; // average glyph width at 12px, for legend wrapping without a DOM
export const LEGEND_ROW = 20;
export const SWATCH = 26;

/**
 * The legend as SVG: one group per item, classed by `classOf`, with the chart's own
 * swatch (`swatch(item, cy)`) and the label beside it. Empty when there are no items.
 */
export function legendSvg(legend: Legend, o: ChartOptions, classOf: (index: number) => string, swatch: (item: LegendItem, cy: number) => string): string[] {
  if (!legend.items.length) return [];
  const out = ['<g class="legend">'];
  for (const it of legend.items) {
    const cy = o.margin.top + it.row * LEGEND_ROW + 10;
    out.push(`<g class="${classOf(it.index)}">`, swatch(it, cy), `<text x="${r1(it.x + SWATCH + 6)}" y="${cy}" dy="0.35em">${escapeXml(it.label)}</text>`, '</g>');
  }
  out.push('</g>');
  return out;
}

export interface LegendItem {
  index: number;
  label: string;
  x: number;
  row: number;
}

export interface Legend {
  items: LegendItem[];
  height: number;
}

/** Left to right, wrapping into rows within `width`. */
export function legendLayout(labels: string[], width: number, left: number): Legend {
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

/** The plot area once the legend (if any) has taken its rows. */
export function plotArea(o: ChartOptions, legend: Legend): { left: number; top: number; right: number; bottom: number } {
  return { left: o.margin.left, top: o.margin.top + legend.height, right: o.width - o.margin.right, bottom: o.height - o.margin.bottom };
}

/**
 * What the client needs of any chart's layout: the months shown, the plot area
 * and month -> x. On a category axis (bar chart), `months` holds the category
 * ids in axis order and `x` gives the middle of each one's group of bars.
 */
export interface MonthLayout {
  months: Month[];
  plot: { left: number; top: number; right: number; bottom: number };
  x: (m: Month) => number;
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

/**
 * Monthly renderers refuse a category chart with a clear message: its
 * category ids are not months, and a time scale would turn them into NaN.
 */
export function assertMonthly(data: ChartData, name: string): void {
  if (isCategoryChart(data)) throw new Error(`${name}: "${data.title}" has a category axis (${data.axis.name}); draw it with the bars renderer`);
}

/**
 * The opening `<svg>`, its title, description and style. `className` names the
 * chart type. `data-from`/`data-to` give the month range shown (not on a category axis).
 */
export function svgOpening(data: ChartData, o: ChartOptions, months: readonly Month[], className: string, style: string): string[] {
  const monthly = !isCategoryChart(data);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({ id: o.id, class: `agora-chart ${className}`, viewBox: `0 0 ${o.width} ${o.height}`, role: 'img', 'aria-labelledby': `${o.id}-title`, 'aria-describedby': o.describedBy ?? `${o.id}-desc`, 'data-from': monthly ? months[0] : undefined, 'data-to': monthly ? months[months.length - 1] : undefined, 'data-y-scale': o.yScale === 'log' ? 'log' : undefined })}>`,
    `<title id="${o.id}-title">${escapeXml(data.title)}</title>`,
    o.describedBy ? '' : `<desc id="${o.id}-desc">${escapeXml(textAlternative(data, { from: o.from, to: o.to }))}</desc>`,
    `<style>${style}</style>`,
  ];
}

export function noDataText(o: ChartOptions, plot: MonthLayout['plot']): string {
  return `<text x="${o.width / 2}" y="${(plot.top + plot.bottom) / 2}" text-anchor="middle">No data yet</text></svg>`;
}

/** Horizontal grid lines with their values. */
export function valueAxis(L: Pick<MonthLayout, 'plot'> & { y: (v: number) => number; yTicks: number[] }): string[] {
  const { plot } = L;
  const out: string[] = ['<g class="grid y-axis">'];
  for (const t of L.yTicks) {
    const y = r1(L.y(t));
    out.push(`<g class="tick"><line x1="${plot.left}" x2="${plot.right}" y1="${y}" y2="${y}"/><text x="${plot.left - 8}" y="${y}" dy="0.32em" text-anchor="end">${formatValue(t)}</text></g>`);
  }
  out.push('</g>');
  return out;
}

/** Horizontal grid lines with their values, and the month axis. */
export function axes(L: MonthLayout & { y: (v: number) => number; yTicks: number[] }, maxXTicks: number): string[] {
  const { plot } = L;
  const out = valueAxis(L);
  out.push(`<g class="x-axis"><line class="domain" x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}"/>`);
  for (const t of monthTicks(L.months, maxXTicks)) {
    const x = r1(L.x(t.month));
    const lines = t.lines.map((l, i) => `<tspan x="${x}" dy="${i === 0 ? '1.2em' : '1.15em'}">${escapeXml(l)}</tspan>`).join('');
    out.push(`<g class="tick"><line class="domain" x1="${x}" x2="${x}" y1="${plot.bottom}" y2="${plot.bottom + 5}"/><text x="${x}" y="${plot.bottom + 3}" text-anchor="middle">${lines}</text></g>`);
  }
  out.push('</g>');
  return out;
}

/**
 * A log value axis that can show 0: d3's symlog scale (sign(v)·log(1 + |v/c|)),
 * which is close to a log scale well above its constant `c` and linear below
 * it, so a month with 0 postings sits on the baseline instead of at −∞ (a true
 * log scale cannot draw it, and leaving it out would read as a gap). `c` is
 * the power of ten at or below the smallest positive value (at least 0.1, the
 * finest value the axis labels show), so the smallest values still get
 * their own part of the axis.
 *
 * Ticks are 0, then 1, 2 and 5 times the powers of ten from `c` up to the top
 * of the axis (itself the first such step at or above the largest value);
 * when they would be more than twice `maxTicks`, only the powers of ten (and
 * the top) are kept, and then every other one: symlog's own ticks are those
 * of a linear scale, unreadable on this axis.
 */
export function logValueScale(values: Iterable<number>, range: [bottom: number, top: number], maxTicks: number): { y: (v: number) => number; ticks: number[] } {
  let low = Infinity;
  let high = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v > 0 && v < low) low = v;
    if (v > high) high = v;
  }
  const c = Math.max(0.1, low === Infinity ? 1 : 10 ** Math.floor(Math.log10(low)));
  const steps = steps125(c, Math.max(high, c));
  const top = steps[steps.length - 1]!;
  const scale = scaleSymlog().constant(c).domain([0, top]).range(range);
  return { y: (v) => scale(v), ticks: [0, ...thinTicks(steps, maxTicks * 2)] };
}

/** 1, 2 and 5 times the powers of ten from `from` (a power of ten) to the first at or above `to`. */
function steps125(from: number, to: number): number[] {
  const out: number[] = [];
  for (let decade = from; ; decade *= 10) {
    for (const m of [1, 2, 5]) {
      const v = Number((m * decade).toPrecision(12));
      out.push(v);
      if (v >= to) return out;
    }
  }
}

/** At most `max` ticks (the last, the axis top, always kept): all steps, the powers of ten, or every other power. */
function thinTicks(steps: readonly number[], max: number): number[] {
  if (steps.length <= max) return [...steps];
  const top = steps[steps.length - 1]!;
  const withTop = (list: number[]) => (list[list.length - 1] === top ? list : [...list, top]);
  // Steps run 1, 2, 5 from a power of ten: every third is the next power.
  const powers = steps.filter((_, i) => i % 3 === 0);
  if (powers.length + 1 <= max) return withTop(powers);
  const stride = Math.ceil((powers.length + 1) / max);
  return withTop(powers.filter((_, i) => (powers.length - 1 - i) % stride === 0));
}
