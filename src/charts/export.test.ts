import { describe, expect, it } from 'vitest';
import { csvField, toCsv, toJson, toStandaloneSvg } from './export.ts';
import { SAMPLE } from './__fixtures__/changes.ts';
import type { ChartData } from './series.ts';

describe('csvField (RFC 4180)', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField(1234)).toBe('1234');
    expect(csvField(-3)).toBe('-3');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('toCsv', () => {
  it('writes month,series… with CRLF and honours a range', () => {
    const csv = toCsv(SAMPLE, { from: '2024-11', to: '2024-12' });
    expect(csv).toBe('month,Changes opened,Changes merged,Active reviewers\r\n2024-11,13,10,6\r\n2024-12,18,15,8\r\n');
  });

  it('escapes hostile labels', () => {
    const data: ChartData = { ...SAMPLE, series: [{ id: 'x', label: 'a, "b"\n<script>', points: [{ month: '2024-01', value: 1 }] }] };
    expect(toCsv(data)).toBe('month,"a, ""b""\n<script>"\r\n2024-01,1\r\n');
  });
});

describe('toJson and toStandaloneSvg', () => {
  it('keeps ids, labels, totals and points', () => {
    const json = JSON.parse(toJson(SAMPLE, { from: '2024-12' })) as { series: { id: string; total: string; points: unknown[] }[]; source: string };
    expect(json.series.map((s) => [s.id, s.total, s.points.length])).toEqual([['opened', 'sum', 1], ['merged', 'sum', 1], ['reviewers', 'none', 1]]);
    expect(json.source).toBe('Test fixture.');
  });

  it('produces a self-contained SVG with fixed colours', () => {
    const svg = toStandaloneSvg(SAMPLE);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<rect class="bg"');
    expect(svg).not.toContain('prefers-color-scheme');
    expect(svg).toContain('--chart-0:#1f4f99');
  });
});

describe('downloads of parts of a whole', () => {
  it('add the stack total to the CSV and keep tones and the total label in the JSON', async () => {
    const { STACKED } = await import('./__fixtures__/events.ts');
    expect(toCsv(STACKED, { from: '2024-06' })).toBe('month,Nimbus Systems,Corvid Labs,Other (2 organisations),Unknown affiliation,All active contributors\r\n2024-06,9,4,1,3,17\r\n');
    const json = JSON.parse(toJson(STACKED)) as { stackTotal: unknown; series: { id: string; tone?: string }[] };
    expect(json.stackTotal).toEqual({ id: 'total', label: 'All active contributors', sumUnit: 'person-months' });
    expect(json.series.map((s) => [s.id, s.tone])).toEqual([['org-nimbus', undefined], ['org-corvid', undefined], ['other', 'other'], ['unknown', 'neutral']]);
    expect(JSON.parse(toJson(SAMPLE))).not.toHaveProperty('stackTotal');
  });

  it('draw the standalone SVG with the renderer they are given', async () => {
    const { STACKED } = await import('./__fixtures__/events.ts');
    const { renderStackedChart } = await import('./stacked-chart.ts');
    const svg = toStandaloneSvg(STACKED, { id: 'contributors-all' }, renderStackedChart);
    expect(svg).toContain('class="agora-chart stacked-chart"');
    expect(svg).toContain('<rect class="bg"');
    expect(svg).not.toContain('prefers-color-scheme');
  });
});

describe('downloads of a category chart', () => {
  it('write the CSV per category, first column named by the axis, empty where a series has no value, whatever the range', async () => {
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    const csv = 'release,Specs approved,Median days\r\nzed,4,12.5\r\n2023.1,0,\r\n2023.2,7,3\r\n';
    expect(toCsv(RELEASES)).toBe(csv);
    expect(toCsv(RELEASES, { from: '2024-01', to: '2024-01' })).toBe(csv);
  });

  it('escape hostile category ids in the CSV', async () => {
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    const data: ChartData = { ...RELEASES, axis: { ...RELEASES.axis!, categories: [{ id: '=cmd()', label: 'x' }, { id: 'a,"b"', label: 'y' }] }, series: [{ id: 's', label: 'S', points: [{ month: '=cmd()', value: 1 }] }] };
    expect(toCsv(data)).toBe("release,S\r\n'=cmd(),1\r\n\"a,\"\"b\"\"\",\r\n");
  });

  it('keep the axis in the JSON, and name each point’s category by the axis', async () => {
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    const json = JSON.parse(toJson(RELEASES, { from: '2030-01' })) as { axis: unknown; series: { id: string; total: string; points: unknown[] }[] };
    expect(json.axis).toEqual(RELEASES.axis);
    expect(json.series.map((s) => [s.id, s.total, s.points])).toEqual([
      ['approved', 'sum', [{ release: 'zed', value: 4 }, { release: '2023.1', value: 0 }, { release: '2023.2', value: 7 }]],
      ['median-days', 'none', [{ release: 'zed', value: 12.5 }, { release: '2023.2', value: 3 }]],
    ]);
    expect(JSON.parse(toJson(SAMPLE))).not.toHaveProperty('axis');
    const odd = { ...RELEASES, axis: { ...RELEASES.axis!, name: 'value' } };
    expect((JSON.parse(toJson(odd)) as { series: { points: unknown[] }[] }).series[0]!.points[0]).toEqual({ category: 'zed', value: 4 });
  });

  it('draw the standalone SVG as bars by default', async () => {
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    const svg = toStandaloneSvg(RELEASES, { id: 'specs-all' });
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('class="agora-chart bar-chart"');
    expect(svg).toContain('<rect class="bg"');
    expect(svg).not.toContain('prefers-color-scheme');
    expect(svg).not.toMatch(/NaN/);
  });
});
