import { describe, expect, it } from 'vitest';
import { layoutLineChart, monthTicks, normaliseLineChartOptions, renderLineChart } from './line-chart.ts';
import { SAMPLE } from './__fixtures__/changes.ts';
import type { ChartData } from './series.ts';

describe('renderLineChart', () => {
  it('matches the SVG snapshot for fixed data', async () => {
    await expect(renderLineChart(SAMPLE, { id: 'sample' })).toMatchFileSnapshot('./__snapshots__/line-chart-sample.svg');
  });

  it('matches the snapshot for a range and the compact size', async () => {
    await expect(renderLineChart(SAMPLE, { id: 'small', width: 360, height: 220, from: '2024-06', to: '2024-09', maxXTicks: 4 })).toMatchFileSnapshot('./__snapshots__/line-chart-compact.svg');
  });

  it('is an accessible image: role, title, desc, aria references', () => {
    const svg = renderLineChart(SAMPLE, { id: 'a11y' });
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="a11y-title"[^>]*aria-describedby="a11y-desc"/);
    expect(svg).toContain('<title id="a11y-title">Review activity per month: all projects</title>');
    expect(svg).toMatch(/<desc id="a11y-desc">From January 2024 to December 2024 \(12 months\)\. /);
    expect(svg).toContain('viewBox="0 0 720 360"');
    expect(svg).not.toMatch(/<svg[^>]* width=/);
  });

  it('tells series apart by dash pattern and marker, not only colour', () => {
    const svg = renderLineChart(SAMPLE, { id: 'd' });
    const dashes = [...svg.matchAll(/<g class="series s\d" data-series="\w+"><path class="line" d="[^"]+"(?: stroke-dasharray="([^"]+)")?/g)].map((m) => m[1]);
    expect(dashes).toEqual([undefined, '8 4', '2 4']);
  });

  it('escapes hostile labels and titles everywhere', () => {
    const evil = '<script>alert(1)</script>&"\'';
    const data: ChartData = { ...SAMPLE, title: `Project ${evil}`, series: [{ ...SAMPLE.series[0]!, id: 'x"><script>', label: evil }] };
    const svg = renderLineChart(data, { id: 'evil' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;');
    expect(svg).toContain('data-series="x&quot;&gt;&lt;script&gt;"');
  });

  it('renders an empty chart without throwing', () => {
    const svg = renderLineChart({ ...SAMPLE, series: SAMPLE.series.map((s) => ({ ...s, points: [] })) }, { id: 'empty' });
    expect(svg).toContain('No data yet');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('draws a single month in the middle', () => {
    const one = { ...SAMPLE, series: [{ id: 'a', label: 'A', points: [{ month: '2024-05', value: 3 }] }] };
    const svg = renderLineChart(one, { id: 'one' });
    expect(svg).toContain('class="marker" transform="translate(');
  });
});

describe('options and layout', () => {
  it('fills defaults and rejects bad values with the option name', () => {
    const o = normaliseLineChartOptions({ id: 'x', margin: { left: 10 } });
    expect(o).toMatchObject({ width: 720, height: 360, palette: 'css', background: false, margin: { left: 10, top: 8 } });
    expect(normaliseLineChartOptions({ id: 'x', palette: 'light' }).background).toBe(true);
    expect(() => normaliseLineChartOptions({ id: '1bad' })).toThrow('invalid line chart id: "1bad"');
    expect(() => normaliseLineChartOptions({ id: 'x', width: -1 })).toThrow('invalid line chart width: -1');
    expect(() => normaliseLineChartOptions({ id: 'x', palette: 'neon' as 'css' })).toThrow('invalid line chart palette: "neon"');
  });

  it('clamps a range from the URL to the data and maps months to x', () => {
    const L = layoutLineChart(SAMPLE, normaliseLineChartOptions({ id: 'x', from: '2023-01', to: '2024-03' }));
    expect(L.months).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(L.x('2024-01')).toBe(L.plot.left);
    expect(L.x('2024-03')).toBe(L.plot.right);
  });

  it('picks calendar-aligned month ticks', () => {
    const months = SAMPLE.series[0]!.points.map((p) => p.month);
    expect(monthTicks(months, 9).map((t) => t.lines.join(' '))).toEqual(['Jan 2024', 'Mar', 'May', 'Jul', 'Sep', 'Nov']);
    expect(monthTicks(months, 4).map((t) => t.lines.join(' '))).toEqual(['Jan 2024', 'Apr', 'Jul', 'Oct']);
  });
});

describe('line chart description', () => {
  it('points at a visible text alternative instead of repeating it in <desc>', () => {
    const data = { title: 'T', description: 'D', unit: 'changes', source: 'S', series: [{ id: 'a', label: 'A', points: [{ month: '2024-01', value: 1 }, { month: '2024-02', value: 2 }] }] } as ChartData;
    const own = renderLineChart(data, { id: 'c1' });
    expect(own).toContain('aria-describedby="c1-desc"');
    expect(own).toContain('<desc id="c1-desc">');
    const linked = renderLineChart(data, { id: 'c2', describedBy: 'c2-alt' });
    expect(linked).toContain('aria-describedby="c2-alt"');
    expect(linked).not.toContain('<desc');
    expect(() => renderLineChart(data, { id: 'c3', describedBy: '"><script>' })).toThrow(/invalid line chart describedBy/);
  });
});

describe('a series without a point in some months (a rate of nothing)', () => {
  const months = ['2024-01', '2024-02', '2024-04', '2024-05', '2024-07'];
  const data: ChartData = {
    title: 'T',
    description: 'D',
    unit: 'percent',
    source: 'S',
    series: [
      { id: 'count', label: 'Count', points: ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07'].map((month) => ({ month, value: 1 })) },
      { id: 'rate', label: 'Rate', total: 'none', points: months.map((month, i) => ({ month, value: 10 * (i + 1) })) },
    ],
  };

  it('breaks the line there and marks a point alone between gaps even when markers are off', () => {
    const svg = renderLineChart(data, { id: 'gap', maxMarkerMonths: 0 });
    const [count, rate] = [...svg.matchAll(/<g class="series s\d" data-series="(\w+)">(.*?)<\/g>/g)].map((m) => m[2]!);
    expect(/d="([^"]+)"/.exec(count!)![1]!.match(/M/g)).toHaveLength(1);
    // Jan–Feb, Apr–May, then July alone.
    expect(/d="([^"]+)"/.exec(rate!)![1]!.match(/M/g)).toHaveLength(3);
    expect(rate!.match(/class="marker"/g)).toHaveLength(1);
    expect(count!.match(/class="marker"/g)).toBeNull();
  });

  it('shows no value, not 0, in the table, the CSV and the tooltip', async () => {
    const { chartTable } = await import('./table.ts');
    const { toCsv } = await import('./export.ts');
    const { monthValues } = await import('./hydrate.ts');
    const { textAlternative } = await import('./text-alt.ts');
    const march = chartTable(data).rows.find((r) => r.month === '2024-03')!;
    expect(march.cells).toEqual(['1', '—']);
    expect(march.values).toEqual([1, undefined]);
    expect(chartTable(data).totals).toEqual(['7', undefined]);
    expect(toCsv(data).split('\r\n').slice(3, 5)).toEqual(['2024-03,1,', '2024-04,1,30']);
    expect(monthValues(data, '2024-06')).toEqual([{ label: 'Count', value: '1' }, { label: 'Rate', value: '—' }]);
    expect(textAlternative(data)).toMatch(/Rate: 30 per month on average, highest in July 2024 \(50\), rising over the period\. No value in 2 of the 7 months\.$/);
  });
});

describe('the log value scale', () => {
  const growing: ChartData = {
    title: 'T',
    description: 'D',
    unit: 'postings per month',
    source: 'S',
    series: [
      { id: 'a', label: 'A', points: ['2024-01', '2024-02', '2024-03', '2024-04'].map((month, i) => ({ month, value: [0, 3, 40, 2100][i]! })) },
      { id: 'b', label: 'B', points: ['2024-01', '2024-02', '2024-03', '2024-04'].map((month) => ({ month, value: 0 })) },
    ],
  };

  it('is linear unless asked, and rejects an unknown scale', () => {
    expect(normaliseLineChartOptions({ id: 'x' }).yScale).toBe('linear');
    expect(normaliseLineChartOptions({ id: 'x', yScale: 'log' }).yScale).toBe('log');
    expect(() => normaliseLineChartOptions({ id: 'x', yScale: 'sqrt' as 'log' })).toThrow('invalid line chart yScale: "sqrt" (expected "linear" or "log")');
  });

  it('puts 0 on the baseline, grows by decades and has readable 1-2-5 ticks', () => {
    const L = layoutLineChart(growing, normaliseLineChartOptions({ id: 'x', yScale: 'log' }));
    expect(L.y(0)).toBe(L.plot.bottom);
    expect(L.yTicks).toEqual([0, 1, 10, 100, 1000, 5000]);
    expect(L.y(5000)).toBeCloseTo(L.plot.top);
    // Each decade takes about the same height.
    const decade = (v: number) => L.y(v) - L.y(v * 10);
    expect(decade(10) / decade(100)).toBeCloseTo(1, 1);
    const svg = renderLineChart(growing, { id: 'log', yScale: 'log' });
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect([...svg.matchAll(/<g class="tick"><line x1[^>]*\/><text [^>]*>([^<]+)<\/text>/g)].map((m) => m[1])).toEqual(['0', '1', '10', '100', '1,000', '5,000']);
  });

  it('keeps every 1-2-5 step when there is room, and starts small values at a tenth', () => {
    const small = { ...growing, series: [{ id: 's', label: 'S', points: [{ month: '2024-01', value: 0.34 }, { month: '2024-02', value: 3.2 }] }] };
    expect(layoutLineChart(small, normaliseLineChartOptions({ id: 'x', yScale: 'log' })).yTicks).toEqual([0, 0.1, 0.2, 0.5, 1, 2, 5]);
    const tiny = { ...small, series: [{ id: 's', label: 'S', points: [{ month: '2024-01', value: 0.01 }] }] };
    expect(layoutLineChart(tiny, normaliseLineChartOptions({ id: 'x', yScale: 'log' })).yTicks).toEqual([0, 0.1]);
  });

  it('draws all-zero and empty data without NaN', () => {
    const zeros = { ...growing, series: [growing.series[1]!] };
    const L = layoutLineChart(zeros, normaliseLineChartOptions({ id: 'x', yScale: 'log' }));
    expect(L.yTicks).toEqual([0, 1]);
    expect(renderLineChart(zeros, { id: 'z', yScale: 'log' })).not.toMatch(/NaN/);
    expect(renderLineChart({ ...growing, series: [] }, { id: 'e', yScale: 'log' })).toContain('No data yet');
  });

  it('thins ticks over many decades to the powers of ten, then every other one', () => {
    const wide = { ...growing, series: [{ id: 'w', label: 'W', points: [{ month: '2024-01', value: 1 }, { month: '2024-02', value: 3e9 }] }] };
    const ticks = layoutLineChart(wide, normaliseLineChartOptions({ id: 'x', yScale: 'log', yTicks: 3 })).yTicks;
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks[0]).toBe(0);
    expect(ticks.at(-1)).toBe(5e9);
  });
});
