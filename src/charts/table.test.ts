import { describe, expect, it } from 'vitest';
import { chartTable } from './table.ts';
import { RELEASES } from './__fixtures__/releases.ts';
import { SAMPLE } from './__fixtures__/changes.ts';

describe('chartTable of a category chart', () => {
  it('has one row per category in axis order, the axis named in the first header, and ignores a month range', () => {
    const t = chartTable(RELEASES, { from: '2024-01', to: '2024-02' });
    expect(t.axisLabel).toBe('Release');
    expect(t.caption).toBe('Specs per release: all specs (specs per release), by release');
    expect(t.columns.map((c) => c.label)).toEqual(['Specs approved', 'Median days']);
    expect(t.rows.map((r) => [r.month, r.label, ...r.cells])).toEqual([
      ['zed', 'zed', '4', '12.5'],
      ['2023.1', '2023.1', '0', '—'],
      ['2023.2', '2023.2', '7', '3'],
    ]);
    expect(t.rows[1]!.values).toEqual([0, undefined]);
    expect(t.totals).toEqual(['11', undefined]);
    expect(t.note).toBe('— : medians, shares and distinct people are not counts of events, so they do not add up to a total over the releases.');
  });

  it('lists a category no series has a value in, with no values', () => {
    const data = { ...RELEASES, axis: { ...RELEASES.axis!, categories: [...RELEASES.axis!.categories, { id: 'empty', label: 'Empty' }] } };
    expect(chartTable(data).rows.at(-1)!.cells).toEqual(['—', '—']);
    expect(chartTable({ ...RELEASES, axis: { ...RELEASES.axis!, categories: [] } }).rows).toEqual([]);
  });

  it('keeps the monthly table as it was: "Month" first, and the note about people counted once per month', () => {
    const t = chartTable(SAMPLE);
    expect(t.axisLabel).toBe('Month');
    expect(t.caption).toMatch(/, by month$/);
    expect(t.note).toBe('— : people are counted once per month, so monthly counts do not add up to a total.');
    expect(chartTable({ ...SAMPLE, series: SAMPLE.series.slice(0, 2) })).not.toHaveProperty('note');
  });
});
