import { describe, expect, it } from 'vitest';
import { bandClasses, layoutStackedChart, normaliseStackedChartOptions, renderStackedChart } from './stacked-chart.ts';
import { STACKED } from './__fixtures__/events.ts';
import type { ChartData } from './series.ts';

describe('renderStackedChart', () => {
  it('matches the SVG snapshot for fixed data', async () => {
    await expect(renderStackedChart(STACKED, { id: 'stacked' })).toMatchFileSnapshot('./__snapshots__/stacked-chart-sample.svg');
  });

  it('matches the snapshot for a range, the compact size and fixed dark colours', async () => {
    await expect(renderStackedChart(STACKED, { id: 'small', width: 480, height: 260, from: '2024-02', to: '2024-04', maxXTicks: 4, palette: 'dark' })).toMatchFileSnapshot('./__snapshots__/stacked-chart-compact-dark.svg');
  });

  it('is an accessible image: role, title, desc with the stack summary', () => {
    const svg = renderStackedChart(STACKED, { id: 'a11y' });
    expect(svg).toMatch(/^<svg [^>]*class="agora-chart stacked-chart"[^>]*role="img"[^>]*aria-labelledby="a11y-title"[^>]*aria-describedby="a11y-desc"/);
    expect(svg).toContain('<title id="a11y-title">Active contributors per month by organisation: all projects</title>');
    expect(svg).toMatch(/<desc id="a11y-desc">From January 2024 to June 2024 \(6 months\)\. All active contributors: /);
    expect(renderStackedChart(STACKED, { id: 'b', describedBy: 'b-alt' })).not.toContain('<desc');
  });

  it('draws one band per series in order, the hatched Other and the neutral Unknown apart from the category colours', () => {
    const svg = renderStackedChart(STACKED, { id: 'c' });
    const bands = [...svg.matchAll(/<g class="series ([\w-]+)" data-series="([\w-]+)"><path class="area" d="M/g)].map((m) => [m[1], m[2]]);
    expect(bands).toEqual([['s0', 'org-nimbus'], ['s1', 'org-corvid'], ['tone-other', 'other'], ['tone-neutral', 'unknown']]);
    expect(svg).toContain('<pattern id="c-hatch"');
    expect(svg).toContain('#c .tone-other .area{fill:url(#c-hatch)}');
    expect(svg).toContain('--chart-neutral:#848d97');
    // A gap between each pair of neighbours.
    expect(svg.match(/<path class="edge"/g)).toHaveLength(3);
    expect(renderStackedChart({ ...STACKED, series: STACKED.series.slice(0, 2) }, { id: 'd' })).not.toContain('<pattern');
  });

  it('escapes hostile labels and titles everywhere', () => {
    const evil = '<script>alert(1)</script>&"\'';
    const data: ChartData = { ...STACKED, title: `Project ${evil}`, series: [{ ...STACKED.series[0]!, id: 'x"><script>', label: evil }] };
    const svg = renderStackedChart(data, { id: 'evil' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;');
    expect(svg).toContain('data-series="x&quot;&gt;&lt;script&gt;"');
  });

  it('renders no data, and a single month as a column', () => {
    expect(renderStackedChart({ ...STACKED, series: STACKED.series.map((s) => ({ ...s, points: [] })) }, { id: 'empty' })).toContain('No data yet');
    const one = renderStackedChart(STACKED, { id: 'one', from: '2024-03', to: '2024-03' });
    expect(one.match(/<rect class="area" x="[\d.]+" y="[\d.]+" width="48"/g)).toHaveLength(4);
    expect(one).not.toContain('class="edge"');
  });
});

describe('stacked layout', () => {
  it('stacks each band on the one below, up to the monthly sum', () => {
    const L = layoutStackedChart(STACKED, normaliseStackedChartOptions({ id: 'x' }));
    expect(L.bands.map((b) => b.lower[0])).toEqual([0, 5, 7, 8]);
    expect(L.bands.map((b) => b.upper[0])).toEqual([5, 7, 8, 10]);
    for (let i = 1; i < L.bands.length; i++) expect(L.bands[i]!.lower).toEqual(L.bands[i - 1]!.upper);
    expect(L.bands.at(-1)!.upper).toEqual([10, 11, 12, 14, 15, 17]);
    // The y axis reaches the highest stack, not the highest band.
    expect(Math.max(...L.yTicks)).toBeGreaterThanOrEqual(17);
  });

  it('clamps a range to the data and maps months to x', () => {
    const L = layoutStackedChart(STACKED, normaliseStackedChartOptions({ id: 'x', from: '2023-01', to: '2024-02' }));
    expect(L.months).toEqual(['2024-01', '2024-02']);
    expect(L.x('2024-01')).toBe(L.plot.left);
    expect(L.x('2024-02')).toBe(L.plot.right);
  });

  it('colours named series in order and toned ones by tone', () => {
    expect(bandClasses([{}, { tone: 'other' }, {}, { tone: 'neutral' }])).toEqual(['s0', 'tone-other', 's1', 'tone-neutral']);
  });

  it('names the chart in option errors', () => {
    expect(() => normaliseStackedChartOptions({ id: '1bad' })).toThrow('invalid stacked chart id: "1bad"');
    expect(() => normaliseStackedChartOptions({ id: 'x', height: 0 })).toThrow('invalid stacked chart height: 0');
  });
});

describe('narrow charts', () => {
  it('grow taller rather than squash the bands under a legend of many rows', () => {
    const narrow = layoutStackedChart(STACKED, normaliseStackedChartOptions({ id: 'n', width: 300, height: 240 }));
    expect(narrow.legend.height).toBeGreaterThan(60);
    expect(narrow.plot.bottom - narrow.plot.top).toBeGreaterThanOrEqual(150);
    expect(renderStackedChart(STACKED, { id: 'n', width: 300, height: 240 })).toContain(`viewBox="0 0 300 ${narrow.height}"`);
    expect(layoutStackedChart(STACKED, normaliseStackedChartOptions({ id: 'w' })).height).toBe(360);
  });
});
