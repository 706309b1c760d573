/**
 * The chart renderers by name, for the figure component, the downloads and the
 * client (which re-renders after a range change). A registered chart names its
 * renderer here; everything else about a figure (table, text alternative,
 * downloads) comes from its `ChartData`. Pure, and small enough for the client.
 */
import { layoutBarChart, normaliseBarChartOptions, renderBarChart } from './bar-chart.ts';
import type { ChartInput, ChartOptions, MonthLayout } from './frame.ts';
import { layoutLineChart, normaliseLineChartOptions, renderLineChart } from './line-chart.ts';
import type { ChartData } from './series.ts';
import { layoutStackedChart, normaliseStackedChartOptions, renderStackedChart } from './stacked-chart.ts';

export interface ChartRenderer {
  normalise(input: ChartInput): ChartOptions;
  layout(data: ChartData, options: ChartOptions): MonthLayout;
  render(data: ChartData, options: ChartInput | ChartOptions): string;
}

export const RENDERERS = {
  line: { normalise: normaliseLineChartOptions, layout: layoutLineChart, render: renderLineChart },
  stacked: { normalise: normaliseStackedChartOptions, layout: layoutStackedChart, render: renderStackedChart },
  /** Grouped bars: the renderer of category charts (`ChartData.axis`, e.g. per release); line and stacked refuse them. */
  bars: { normalise: normaliseBarChartOptions, layout: layoutBarChart, render: renderBarChart },
} as const satisfies Record<string, ChartRenderer>;

export type RendererName = keyof typeof RENDERERS;

export function isRendererName(value: unknown): value is RendererName {
  return typeof value === 'string' && Object.hasOwn(RENDERERS, value);
}

/** The renderer of a name; an unknown name (from a page attribute) falls back to the line chart. */
export function rendererFor(name: unknown): ChartRenderer {
  return isRendererName(name) ? RENDERERS[name] : RENDERERS.line;
}
