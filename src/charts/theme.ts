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
}

export const LIGHT: ChartPalette = {
  background: '#ffffff',
  foreground: '#1b1f24',
  muted: '#57606a',
  grid: '#d0d7de',
  series: ['#1f4f99', '#b04a00', '#1a7f37', '#8250df', '#b42318', '#0b6e79'],
};

export const DARK: ChartPalette = {
  background: '#0d1117',
  foreground: '#e6edf3',
  muted: '#9da7b3',
  grid: '#30363d',
  series: ['#6ea8fe', '#f0883e', '#56d364', '#d2a8ff', '#ff7b72', '#39c5cf'],
};

/** SVG stroke-dasharray per series index (empty = solid). */
export const DASHES = ['', '8 4', '2 4', '12 4 2 4', '4 2', '1 3'] as const;

export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross' | 'star';
export const MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star'];

export function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length]!;
}

function vars(p: ChartPalette): string {
  return [`--chart-bg:${p.background}`, `--chart-fg:${p.foreground}`, `--chart-muted:${p.muted}`, `--chart-grid:${p.grid}`, ...p.series.map((c, i) => `--chart-${i}:${c}`)].join(';');
}

/**
 * The `<style>` body for one chart, scoped by its element id. `css` mode
 * follows the page: light by default, dark under prefers-color-scheme or an
 * ancestor with class `chart-theme-dark` (`chart-theme-light` forces light).
 * A host page may also set `--chart-*` itself. `light`/`dark` mode writes
 * fixed colours, for standalone downloads.
 */
export function chartStyle(id: string, mode: 'css' | 'light' | 'dark', seriesCount: number): string {
  const s = `#${id}`;
  const rules: string[] = [];
  if (mode === 'css') {
    rules.push(`${s}{${vars(LIGHT)}}`);
    rules.push(`@media (prefers-color-scheme:dark){${s}{${vars(DARK)}}}`);
    rules.push(`.chart-theme-dark ${s}{${vars(DARK)}}`, `.chart-theme-light ${s}{${vars(LIGHT)}}`);
  } else {
    rules.push(`${s}{${vars(mode === 'dark' ? DARK : LIGHT)}}`);
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
  for (let i = 0; i < n; i++) {
    const c = `var(--chart-${i % LIGHT.series.length})`;
    rules.push(`${s} .s${i} .line,${s} .s${i} .swatch{stroke:${c}}`, `${s} .s${i} .marker{fill:${c};stroke:var(--chart-bg);stroke-width:1}`);
  }
  return rules.join('');
}
