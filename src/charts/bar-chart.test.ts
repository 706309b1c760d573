import { describe, expect, it } from 'vitest';
import { categoryTicks, layoutBarChart, normaliseBarChartOptions, renderBarChart } from './bar-chart.ts';
import { renderLineChart } from './line-chart.ts';
import { RENDERERS, rendererFor } from './renderers.ts';
import { renderStackedChart } from './stacked-chart.ts';
import type { ChartData } from './series.ts';
import { RELEASES } from './__fixtures__/releases.ts';
import { SAMPLE } from './__fixtures__/changes.ts';

/** The bars of a rendered chart: series, category, geometry and tooltip. */
function bars(svg: string) {
  const out: { series: string; category: string; x: number; y: number; width: number; height: number; title: string }[] = [];
  for (const g of svg.matchAll(/<g class="series s\d+" data-series="([^"]*)">(.*?)<\/g>/g)) {
    for (const r of g[2]!.matchAll(/<rect class="bar" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)" data-category="([^"]*)"><title>([^<]*)<\/title><\/rect>/g)) {
      out.push({ series: g[1]!, category: r[5]!, x: Number(r[1]), y: Number(r[2]), width: Number(r[3]), height: Number(r[4]), title: r[6]! });
    }
  }
  return out;
}

describe('renderBarChart', () => {
  const svg = renderBarChart(RELEASES, { id: 'rel' });

  it('draws a bar for every category and series with a value, in axis and series order, and none for a missing value', () => {
    const b = bars(svg);
    expect(b.map((x) => `${x.series}@${x.category}`)).toEqual(['approved@zed', 'approved@2023.1', 'approved@2023.2', 'median-days@zed', 'median-days@2023.2']);
    // Groups left to right in axis order; within a group, the series side by side in their order.
    const at = (s: string, c: string) => b.find((x) => x.series === s && x.category === c)!;
    expect(at('approved', 'zed').x).toBeLessThan(at('median-days', 'zed').x);
    expect(at('median-days', 'zed').x).toBeLessThan(at('approved', '2023.1').x);
    expect(at('approved', '2023.1').x).toBeLessThan(at('approved', '2023.2').x);
    // Taller for more; every bar stands on the same baseline.
    expect(at('approved', '2023.2').height).toBeGreaterThan(at('approved', 'zed').height);
    const base = at('approved', 'zed').y + at('approved', 'zed').height;
    for (const x of b) expect(x.y + x.height).toBeCloseTo(base, 0);
  });

  it('shows a zero as a stub on the baseline, unlike no value', () => {
    const zero = bars(svg).find((x) => x.series === 'approved' && x.category === '2023.1')!;
    expect(zero.height).toBe(1.5);
    expect(bars(svg).some((x) => x.series === 'median-days' && x.category === '2023.1')).toBe(false);
  });

  it('gives every bar a tooltip naming its category, series and value', () => {
    expect(bars(svg).map((x) => x.title)).toEqual(['zed, Specs approved: 4', '2023.1, Specs approved: 0', '2023.2, Specs approved: 7', 'zed, Median days: 12.5', '2023.2, Median days: 3']);
  });

  it('labels each category under its group, in axis order', () => {
    const labels = [...svg.matchAll(/<g class="tick"><line [^>]*\/><text [^>]*><tspan [^>]*>([^<]*)<\/tspan><\/text><\/g>/g)].map((m) => m[1]);
    expect(labels).toEqual(['zed', '2023.1', '2023.2']);
  });

  it('is an accessible image with the same conventions as the other charts, and writes no NaN', () => {
    expect(svg).toMatch(/^<svg [^>]*class="agora-chart bar-chart"[^>]*role="img"[^>]*aria-labelledby="rel-title"[^>]*aria-describedby="rel-desc"/);
    expect(svg).toContain('<title id="rel-title">Specs per release: all specs</title>');
    expect(svg).toMatch(/<desc id="rel-desc">By release: 3 releases: zed, 2023\.1 and 2023\.2\. /);
    // No month range on a category axis.
    expect(svg).not.toMatch(/data-from|data-to/);
    expect(svg).toContain('<g class="legend">');
    expect(svg).toMatch(/#rel \.s0 \.bar\{fill:var\(--chart-0\)\}/);
    expect(svg).not.toMatch(/NaN|undefined|Infinity/);
    const linked = renderBarChart(RELEASES, { id: 'rel2', describedBy: 'rel2-alt' });
    expect(linked).toContain('aria-describedby="rel2-alt"');
    expect(linked).not.toContain('<desc');
  });

  it('writes no NaN for odd values: non-finite ones draw no bar, negative ones hang below 0, points off the axis are ignored', () => {
    const odd: ChartData = {
      ...RELEASES,
      series: [{ id: 'x', label: 'X', points: [{ month: 'zed', value: Number.NaN }, { month: '2023.1', value: -2 }, { month: '2023.2', value: Number.POSITIVE_INFINITY }, { month: 'nope', value: 5 }] }],
    };
    const out = renderBarChart(odd, { id: 'odd' });
    expect(out).not.toMatch(/NaN|Infinity|undefined/);
    expect(bars(out).map((b) => b.category)).toEqual(['2023.1']);
    for (const size of [{ width: 1, height: 1 }, { width: 300, height: 200 }, { width: 2000, height: 900 }]) expect(renderBarChart(RELEASES, { id: 's', ...size })).not.toMatch(/NaN|Infinity/);
    const one: ChartData = { ...RELEASES, axis: { ...RELEASES.axis!, categories: [{ id: 'zed', label: 'zed' }] }, series: [{ id: 'a', label: 'A', points: [{ month: 'zed', value: 3 }] }] };
    const single = bars(renderBarChart(one, { id: 'one' }));
    expect(single).toHaveLength(1);
    // One bar is not stretched over the plot.
    expect(single[0]!.width).toBeLessThanOrEqual(40);
  });

  it('escapes hostile labels, ids and titles everywhere', () => {
    const evil = '<script>alert(1)</script>&"\'';
    const data: ChartData = {
      ...RELEASES,
      title: `Specs ${evil}`,
      axis: { ...RELEASES.axis!, categories: [{ id: 'x"><script>', label: evil }, { id: 'a&b', label: 'R&D' }] },
      series: [{ id: 's"><script>', label: evil, points: [{ month: 'x"><script>', value: 1 }, { month: 'a&b', value: 2 }] }],
    };
    const out = renderBarChart(data, { id: 'evil' });
    expect(out).not.toContain('<script>');
    expect(out).not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
    expect(out).toContain('data-series="s&quot;&gt;&lt;script&gt;"');
    expect(out).toContain('data-category="x&quot;&gt;&lt;script&gt;"');
    expect(out).toContain('data-category="a&amp;b"');
    expect(out).toContain('<title>R&amp;D, &lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;: 2</title>');
    expect(() => new DOMParserLike(out)).not.toThrow();
  });

  it('renders an empty chart without throwing: no categories, or no values', () => {
    for (const data of [{ ...RELEASES, axis: { ...RELEASES.axis!, categories: [] } }, { ...RELEASES, series: RELEASES.series.map((s) => ({ ...s, points: [] })) }, { ...RELEASES, series: [] }]) {
      const out = renderBarChart(data, { id: 'empty' });
      expect(out).toContain('No data yet');
      expect(out.endsWith('</svg>')).toBe(true);
      expect(out).not.toMatch(/NaN/);
    }
  });

  it('draws monthly data as bars too, its months as categories', () => {
    const out = renderBarChart(SAMPLE, { id: 'm' });
    expect(bars(out)).toHaveLength(SAMPLE.series.reduce((n, s) => n + s.points.length, 0));
    expect(bars(out)[0]!.title).toBe(`Jan 2024, Changes opened: ${SAMPLE.series[0]!.points[0]!.value}`);
    // A monthly chart keeps its month range, and its attributes.
    expect(out).toContain('data-from="2024-01"');
    const range = renderBarChart(SAMPLE, { id: 'm', from: '2024-11', to: '2024-12' });
    expect(new Set(bars(range).map((b) => b.category))).toEqual(new Set(['2024-11', '2024-12']));
    expect(range).toContain('data-from="2024-11" data-to="2024-12"');
  });
});

describe('bar chart layout', () => {
  it('centres each category’s group on x and ignores a month range', () => {
    const o = normaliseBarChartOptions({ id: 'x', from: '2024-01', to: '2024-02' });
    const L = layoutBarChart(RELEASES, o);
    expect(L.months).toEqual(['zed', '2023.1', '2023.2']);
    expect(L.x('zed')).toBeLessThan(L.x('2023.1'));
    expect(L.x('zed')).toBeGreaterThan(L.plot.left);
    expect(L.x('2023.2')).toBeLessThan(L.plot.right);
    expect(L.barOffset(0)).toBeLessThan(0);
    expect(L.barOffset(1)).toBeGreaterThan(L.barOffset(0));
    expect(() => normaliseBarChartOptions({ id: '1bad' })).toThrow('invalid bar chart id: "1bad"');
  });

  it('thins category labels that would not fit side by side, and shortens long ones', () => {
    const cats = Array.from({ length: 30 }, (_, i) => ({ id: `r${i}`, label: `release-${i}` }));
    const ticks = categoryTicks(cats, 20);
    expect(ticks[0]!.shown).toBe(true);
    expect(ticks.filter((t) => t.shown).length).toBeLessThan(30);
    expect(categoryTicks(cats, 200).every((t) => t.shown)).toBe(true);
    expect(categoryTicks([{ id: 'x', label: 'a very long release name indeed' }], 200)[0]!.text).toBe('a very long relea…');
  });
});

describe('the renderers', () => {
  it('has bars, and the monthly renderers refuse a category chart with a clear message', () => {
    expect(Object.keys(RENDERERS)).toEqual(['line', 'stacked', 'bars']);
    expect(rendererFor('bars')).toBe(RENDERERS.bars);
    expect(() => renderLineChart(RELEASES, { id: 'x' })).toThrow('line chart: "Specs per release: all specs" has a category axis (release); draw it with the bars renderer');
    expect(() => renderStackedChart(RELEASES, { id: 'x' })).toThrow(/stacked chart: .* draw it with the bars renderer/);
  });
});

/** A strict XML well-formedness check without a DOM: every tag closes in order, and entities are the five XML ones. */
class DOMParserLike {
  constructor(xml: string) {
    const body = xml.replace(/<style>.*?<\/style>/s, '');
    const stack: string[] = [];
    for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)([^>]*?)(\/?)>/g)) {
      const [, close, name, , self] = m;
      if (self) continue;
      if (close) {
        if (stack.pop() !== name) throw new Error(`unbalanced </${name}>`);
      } else stack.push(name!);
    }
    if (stack.length) throw new Error(`unclosed <${stack.join('>, <')}>`);
    if (/[<>]/.test(body.replace(/<\/?[a-zA-Z][^<>]*>/g, ''))) throw new Error('stray < or > in text');
  }
}
