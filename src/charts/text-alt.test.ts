import { describe, expect, it } from 'vitest';
import { textAlternative, trendOf } from './text-alt.ts';
import { SAMPLE } from './__fixtures__/changes.ts';

describe('textAlternative', () => {
  it('states range, totals, peak month and trend', () => {
    expect(textAlternative(SAMPLE)).toBe(
      'From January 2024 to December 2024 (12 months). ' +
        'Changes opened: 122 in total, highest in December 2024 (18), rising over the period. ' +
        'Changes merged: 99 in total, highest in December 2024 (15), rising over the period. ' +
        'Active reviewers: 5.1 per month on average, highest in December 2024 (8), rising over the period.',
    );
  });

  it('describes a range and a single month', () => {
    expect(textAlternative(SAMPLE, { from: '2024-03', to: '2024-03' })).toBe(
      'In March 2024. Changes opened: 4 in total, highest in March 2024 (4). Changes merged: 3 in total, highest in March 2024 (3). Active reviewers: 3 per month on average, highest in March 2024 (3).',
    );
  });

  it('handles no data and all-zero series', () => {
    expect(textAlternative({ ...SAMPLE, series: [] })).toBe('Review activity per month: all projects: no data yet.');
    expect(textAlternative({ ...SAMPLE, series: [{ id: 'z', label: 'Zero', points: [{ month: '2024-01', value: 0 }] }] })).toBe('In January 2024. Zero: none.');
  });
});

describe('trendOf', () => {
  it('compares halves with a 10% dead band', () => {
    expect(trendOf([1])).toBeUndefined();
    expect(trendOf([10, 10, 10.5, 10.9])).toBe('steady');
    expect(trendOf([10, 10, 5, 5])).toBe('falling');
    expect(trendOf([0, 0, 1, 1])).toBe('rising');
    expect(trendOf([0, 0])).toBe('steady');
  });
});

describe('textAlternative for parts of a whole', () => {
  it('describes the whole, then each part’s share of it over the range', async () => {
    const { STACKED } = await import('./__fixtures__/events.ts');
    expect(textAlternative(STACKED, { from: '2024-05' })).toBe(
      'From May 2024 to June 2024 (2 months). All active contributors: 16 per month on average, highest in June 2024 (17), rising over the period. ' +
        'Share of the 32 person-months: Nimbus Systems 53%, Corvid Labs 19%, Other (2 organisations) 6%, Unknown affiliation 22%.',
    );
  });

  it('says so when nobody was active', async () => {
    const { STACKED } = await import('./__fixtures__/events.ts');
    const none = { ...STACKED, series: STACKED.series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, value: 0 })) })) };
    expect(textAlternative(none, { from: '2024-06' })).toBe('In June 2024. All active contributors: none.');
  });
});

describe('textAlternative for a category chart', () => {
  it('names the categories, then each series’ total (counts only), highest and lowest, and the categories without a value', async () => {
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    expect(textAlternative(RELEASES)).toBe(
      'By release: 3 releases: zed, 2023.1 and 2023.2. Specs approved: 11 in total; highest 2023.2 (7), lowest 2023.1 (0). Median days: highest zed (12.5), lowest 2023.2 (3). No value in 1 of the 3 releases.',
    );
    // A range is for months; a category chart ignores it.
    expect(textAlternative(RELEASES, { from: '2024-01' })).toBe(textAlternative(RELEASES));
  });

  it('gives many categories by their ends, one by name, and handles none, zeros and no values', async () => {
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    const axis = RELEASES.axis!;
    const cats = Array.from({ length: 8 }, (_, i) => ({ id: `r${i}`, label: `R${i}` }));
    const many = { ...RELEASES, axis: { ...axis, categories: cats }, series: [{ id: 'a', label: 'A', points: cats.map((c, i) => ({ month: c.id, value: i })) }] };
    expect(textAlternative(many)).toBe('By release: 8 releases, from R0 to R7. A: 28 in total; highest R7 (7), lowest R0 (0).');
    const one = { ...RELEASES, axis: { ...axis, categories: [cats[0]!] }, series: [{ id: 'a', label: 'A', points: [{ month: 'r0', value: 3 }] }, { id: 'z', label: 'Z', points: [{ month: 'r0', value: 0 }] }, { id: 'n', label: 'N', points: [] }] };
    expect(textAlternative(one)).toBe('By release: One release: R0. A: 3 in total, all in R0. Z: none. N: no value.');
    expect(textAlternative({ ...RELEASES, axis: { ...axis, categories: [] } })).toBe('Specs per release: all specs: no data yet.');
    expect(textAlternative({ ...RELEASES, axis: { ...axis, name: 'series', plural: 'series' } })).toMatch(/^By series: 3 series: /);
  });

  it('describes parts of a whole per category: the whole, then each part’s share', async () => {
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    const parts = { ...RELEASES, stackTotal: { id: 'total', label: 'All specs', sumUnit: 'specs' }, series: [RELEASES.series[0]!, { id: 'b', label: 'B', points: [{ month: 'zed', value: 1 }, { month: '2023.1', value: 0 }, { month: '2023.2', value: 3 }] }] };
    expect(textAlternative(parts)).toBe('By release: 3 releases: zed, 2023.1 and 2023.2. All specs: 15 in total; highest 2023.2 (10), lowest 2023.1 (0). Share of the 15 specs: Specs approved 73%, B 27%.');
  });
});
