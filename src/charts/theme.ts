/**
 * Colours, dash patterns and marker shapes for series. Colours are checked in
 * tests for at least 3:1 contrast (WCAG 1.4.11, graphics) against the
 * background of their theme; dash pattern and marker shape tell series apart
 * without colour.
 */

export interface ChartPalette {
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  series: readonly string[];
  /**
   * Stacked bands only: a seventh category colour (line charts tell series apart
   * by dash and marker too and repeat colours after six), "Other" (drawn
   * hatched) and the neutral "Unknown" band.
   */
  extra: string;
  other: string;
  neutral: string;
}

export const LIGHT: ChartPalette = {
  background: '#ffffff',
  foreground: '#1b1f24',
  muted: '#57606a',
  grid: '#d0d7de',
  series: ['#1f4f99', '#b04a00', '#1a7f37', '#8250df', '#b42318', '#0b6e79'],
  extra: '#bf3989',
  other: '#7a6a4f',
  neutral: '#848d97',
};

export const DARK: ChartPalette = {
  background: '#0d1117',
  foreground: '#e6edf3',
  muted: '#9da7b3',
  grid: '#30363d',
  series: ['#6ea8fe', '#f0883e', '#56d364', '#d2a8ff', '#ff7b72', '#39c5cf'],
  extra: '#f778ba',
  other: '#b8a27a',
  neutral: '#6e7681',
};

/** SVG stroke-dasharray per series index (empty = solid). */
export const DASHES = ['', '8 4', '2 4', '12 4 2 4', '4 2', '1 3'] as const;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';
export const MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star'];

export function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length]!;
}

function vars(p: ChartPalette, bands: boolean): string {
  const band = bands ? [`--chart-${p.series.length}:${p.extra}`, `--chart-other:${p.other}`, `--chart-neutral:${p.neutral}`] : [];
  return [`--chart-bg:${p.background}`, `--chart-fg:${p.foreground}`, `--chart-muted:${p.muted}`, `--chart-grid:${p.grid}`, ...p.series.map((c, i) => `--chart-${i}:${c}`), ...band].join(';');
}

/**
 * The `<style>` body for one chart, scoped by its element id. `css` mode
 * follows the page: light by default, dark under prefers-color-scheme or an
 * ancestor with class `chart-theme-dark` (`chart-theme-light` forces light).
 * A host page may also set `--chart-*` itself. `light`/`dark` mode writes
 * fixed colours, for standalone downloads.
 */
export function chartStyle(id: string, mode: 'css' | 'light' | 'dark', seriesCount: number, options: { bands?: boolean; bars?: boolean } = {}): string {
  const s = `#${id}`;
  const b = options.bands ?? false;
  const rules: string[] = [];
  if (mode === 'css') {
    rules.push(`${s}{${vars(LIGHT, b)}}`);
    rules.push(`@media (prefers-color-scheme:dark){${s}{${vars(DARK, b)}}}`);
    rules.push(`.chart-theme-dark ${s}{${vars(DARK, b)}}`, `.chart-theme-light ${s}{${vars(LIGHT, b)}}`);
  } else {
    rules.push(`${s}{${vars(mode === 'dark' ? DARK : LIGHT, b)}}`);
  }
  rules.push(
    `${s}{color:var(--chart-fg);font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:12px}`,
    `${s} .bg{fill:var(--chart-bg)}`,
    `${s} text{fill:currentColor}`,
    `${s} .tick text,${s} .axis-label{fill:var(--chart-muted)}`,
    `${s} .grid line{stroke:var(--chart-grid);stroke-width:1}`,
    `${s} .domain{stroke:var(--chart-muted);stroke-width:1}`,
    `${s} .line{fill:none;stroke-width:2;stroke-linejoin:round;stroke-linecap:round}`,
    `${s} .guide{stroke:var(--chart-muted);stroke-width:1}`,
  );
  const n = Math.max(seriesCount, 1);
  const colours = LIGHT.series.length + (b ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const c = `var(--chart-${i % colours})`;
    if (b) rules.push(`${s} .s${i} .area{fill:${c}}`);
    else if (options.bars) rules.push(`${s} .s${i} .bar{fill:${c}}`);
    else rules.push(`${s} .s${i} .line,${s} .s${i} .swatch{stroke:${c}}`, `${s} .s${i} .marker{fill:${c};stroke:var(--chart-bg);stroke-width:1}`);
  }
  // Bars: a hovered bar (its <title> is the tooltip) lightens a little.
  if (options.bars && !b) rules.push(`${s} .bar:hover{opacity:.8}`);
  if (b) {
    // A thin gap in the background colour between bands keeps neighbours apart whatever their colours.
    rules.push(
      `${s} .edge{fill:none;stroke:var(--chart-bg);stroke-width:1;stroke-linejoin:round}`,
      `${s} .tone-neutral .area{fill:var(--chart-neutral)}`,
      `${s} .tone-other .area{fill:url(#${id}-hatch)}`,
      `${s} .hatch-bg{fill:var(--chart-other)}`,
      `${s} .hatch-line{stroke:var(--chart-bg);stroke-width:1.5}`,
    );
  }
  return rules.join('');
}
