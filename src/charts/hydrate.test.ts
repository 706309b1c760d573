import { describe, expect, it } from 'vitest';
import { rangeFromSearch, searchForRange } from './hydrate.ts';
import { activityLinks } from './site.ts';

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04'];

describe('range in the URL', () => {
  it('reads valid months and ignores anything else', () => {
    expect(rangeFromSearch('?from=2024-02&to=2024-03')).toEqual({ from: '2024-02', to: '2024-03' });
    expect(rangeFromSearch('?from=2024-13&to=<script>')).toEqual({ from: undefined, to: undefined });
    expect(rangeFromSearch('')).toEqual({ from: undefined, to: undefined });
  });

  it('writes from/to only for a partial range and keeps other parameters', () => {
    expect(searchForRange('?theme=dark', { from: '2024-02', to: '2024-03' }, MONTHS)).toBe('?theme=dark&from=2024-02&to=2024-03');
    expect(searchForRange('?from=2024-02&to=2024-03', { from: '2024-01', to: '2024-04' }, MONTHS)).toBe('');
  });
});

describe('activityLinks', () => {
  it('keeps every file of a scope under clean static paths', () => {
    expect(activityLinks({ id: 'projects/aurora/compute', label: 'aurora/compute', project: 'aurora/compute' })).toEqual({
      page: 'charts/activity/projects/aurora/compute/',
      csv: 'charts/activity/projects/aurora/compute.csv',
      json: 'charts/activity/projects/aurora/compute.json',
      svg: 'charts/activity/projects/aurora/compute.svg',
      embed: 'embed/activity/projects/aurora/compute/',
      embedDark: 'embed/activity/dark/projects/aurora/compute/',
    });
  });
});

describe('tooltip values', () => {
  it('lists each series, with the stack total first for parts of a whole', async () => {
    const { monthValues } = await import('./hydrate.ts');
    const { STACKED } = await import('./__fixtures__/events.ts');
    const { SAMPLE } = await import('./__fixtures__/changes.ts');
    expect(monthValues(STACKED, '2024-06')).toEqual([
      { label: 'All active contributors', value: '17' },
      { label: 'Nimbus Systems', value: '9' },
      { label: 'Corvid Labs', value: '4' },
      { label: 'Other (2 organisations)', value: '1' },
      { label: 'Unknown affiliation', value: '3' },
    ]);
    expect(monthValues(SAMPLE, '2024-01').map((v) => v.label)).toEqual(['Changes opened', 'Changes merged', 'Active reviewers']);
  });
});

describe('chartLinks', () => {
  it('puts every chart under charts/<chart>/<scope> and embed/<chart>/[dark/]<scope>', async () => {
    const { chartLinks } = await import('./site.ts');
    expect(chartLinks('contributors', { id: 'all' })).toEqual({
      page: 'charts/contributors/all/',
      csv: 'charts/contributors/all.csv',
      json: 'charts/contributors/all.json',
      svg: 'charts/contributors/all.svg',
      embed: 'embed/contributors/all/',
      embedDark: 'embed/contributors/dark/all/',
    });
  });
});

describe('a category chart in the client', () => {
  it('lists a category’s values by its id, and names it by its label', async () => {
    const { monthValues } = await import('./hydrate.ts');
    const { keyLong } = await import('./format.ts');
    const { RELEASES } = await import('./__fixtures__/releases.ts');
    expect(monthValues(RELEASES, '2023.1')).toEqual([{ label: 'Specs approved', value: '0' }, { label: 'Median days', value: '—' }]);
    expect(keyLong(RELEASES, '2023.1')).toBe('2023.1');
    expect(keyLong({ ...RELEASES, axis: { ...RELEASES.axis!, categories: [{ id: 'x', label: 'No release named' }] } }, 'x')).toBe('No release named');
    expect(keyLong({}, '2024-03')).toBe('March 2024');
  });
});
