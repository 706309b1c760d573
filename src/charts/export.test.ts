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
