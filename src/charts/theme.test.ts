import { describe, expect, it } from 'vitest';
import { chartTable } from './table.ts';
import { DARK, LIGHT, type ChartPalette } from './theme.ts';
import { SAMPLE } from './__fixtures__/changes.ts';

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe.each([['light', LIGHT], ['dark', DARK]] as [string, ChartPalette][])('%s palette', (_name, p) => {
  it('series colours reach 3:1 against the background (WCAG 1.4.11)', () => {
    for (const c of p.series) expect(contrast(c, p.background), c).toBeGreaterThanOrEqual(3);
  });
  it('band colours (seventh category, Other, Unknown) reach 3:1 too, and Unknown is a grey', () => {
    for (const c of [p.extra, p.other, p.neutral]) expect(contrast(c, p.background), c).toBeGreaterThanOrEqual(3);
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(p.neutral.slice(i, i + 2), 16));
    expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThan(24);
  });
  it('axis text reaches 4.5:1', () => {
    expect(contrast(p.muted, p.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(p.foreground, p.background)).toBeGreaterThanOrEqual(4.5);
  });
});

describe('chartTable', () => {
  it('has one row per month in range, formatted cells and totals of summable series only', () => {
    const t = chartTable(SAMPLE, { from: '2024-11' });
    expect(t.columns.map((c) => c.label)).toEqual(['Changes opened', 'Changes merged', 'Active reviewers']);
    expect(t.rows.map((r) => [r.month, r.label, ...r.cells])).toEqual([
      ['2024-11', 'November 2024', '13', '10', '6'],
      ['2024-12', 'December 2024', '18', '15', '8'],
    ]);
    expect(t.totals).toEqual(['31', '25', undefined]);
  });
});
