import { describe, expect, it } from 'vitest';
import type { ChartData } from './series.ts';
import { controlProblems, defaultView, percentChange, pickSeries, rangeChanges, searchForViewState, viewCombinations, viewKey, viewStateFromSearch, type ChartControls } from './views.ts';

const CONTROLS: ChartControls = {
  views: [
    { id: 'measure', label: 'Measure', choices: [{ value: 'count', label: 'Postings' }, { value: 'share', label: 'Share' }] },
    { id: 'smoothing', label: 'Smoothing', choices: [{ value: '0', label: 'None' }, { value: '3', label: '3-month average' }] },
  ],
  logScale: true,
  seriesPicker: 'Keywords',
  change: true,
};
const IDS = ['kw-python', 'kw-openstack', 'kw-both'];

const DATA: ChartData = {
  title: 'Postings',
  description: '',
  unit: 'postings',
  source: 'test',
  series: [
    { id: 'kw-python', label: 'Python', points: [{ month: '2013-01', value: 12 }, { month: '2014-01', value: 100 }, { month: '2016-06', value: 264 }] },
    { id: 'kw-openstack', label: 'OpenStack', points: [{ month: '2013-01', value: 0 }, { month: '2016-06', value: 30 }] },
    { id: 'kw-both', label: 'Both', points: [{ month: '2014-01', value: 5 }] },
  ],
};

describe('chart views', () => {
  it('lists every combination, the default first, each with its own key', () => {
    const all = viewCombinations(CONTROLS.views);
    expect(all[0]).toEqual(defaultView(CONTROLS.views));
    expect(all.map((v) => viewKey(CONTROLS.views, v))).toEqual(['measure=count&smoothing=0', 'measure=count&smoothing=3', 'measure=share&smoothing=0', 'measure=share&smoothing=3']);
    expect(viewCombinations([])).toEqual([{}]);
  });

  it('keeps what differs from the default in the address and reads it back; other parameters stay', () => {
    const state = { view: { measure: 'share', smoothing: '0' }, scale: 'log' as const, series: ['kw-python', 'kw-both'] };
    const search = searchForViewState('?from=2014-01&theme=dark', state, CONTROLS);
    expect(search).toBe('?from=2014-01&theme=dark&measure=share&scale=log&series=kw-python,kw-both');
    expect(viewStateFromSearch(search, CONTROLS, IDS)).toEqual(state);
    expect(searchForViewState(search, viewStateFromSearch('', CONTROLS, IDS), CONTROLS)).toBe('?from=2014-01&theme=dark');
  });

  it('ignores what an address says that the chart does not offer', () => {
    expect(viewStateFromSearch('?measure=<script>&smoothing=7&scale=cubic&series=kw-nope', CONTROLS, IDS)).toEqual({ view: { measure: 'count', smoothing: '0' }, scale: 'linear' });
    // Every series asked for is all of them: no `series` kept.
    expect(viewStateFromSearch('?series=kw-both,kw-python,kw-openstack', CONTROLS, IDS)).toEqual({ view: { measure: 'count', smoothing: '0' }, scale: 'linear' });
    // Without a log toggle or a picker, their parameters mean nothing.
    expect(viewStateFromSearch('?scale=log&series=kw-both', {}, IDS)).toEqual({ view: {}, scale: 'linear' });
  });

  it('picks series in the data’s order, all of them when none is asked for or none exists', () => {
    expect(pickSeries(DATA, ['kw-both', 'kw-python']).series.map((s) => s.id)).toEqual(['kw-python', 'kw-both']);
    expect(pickSeries(DATA, undefined)).toBe(DATA);
    expect(pickSeries(DATA, ['kw-gone'])).toBe(DATA);
  });

  it('names the change of each series over a range, as the talk did (+2,100%), and says why when there is none', () => {
    const [python, openstack, both] = rangeChanges(DATA);
    expect(python).toMatchObject({ label: '+2,100%', from: '2013-01', to: '2016-06', start: 12, end: 264 });
    expect(python!.text).toBe('Python: +2,100% from January 2013 (12) to June 2016 (264).');
    expect(openstack!.value).toBeUndefined();
    expect(openstack!.text).toBe('OpenStack: from January 2013 (0) to June 2016 (30), no percentage (0 in January 2013: growth from nothing has no percentage).');
    expect(both!.text).toBe('Both: no change to show (a value in one month only (January 2014)).');
    // Within a range: first and last values inside it.
    expect(rangeChanges(DATA, { from: '2014-01', to: '2016-06' })[0]!.text).toBe('Python: +164% from January 2014 (100) to June 2016 (264).');
    expect(rangeChanges(DATA, { from: '2015-01', to: '2015-06' })[2]!.text).toBe('Both: no change to show (no value from January 2015 to June 2015).');
    expect(percentChange(200, 100, 'May 2024')).toMatchObject({ value: -50 });
  });

  it('refuses controls the address cannot carry', () => {
    expect(controlProblems('x', CONTROLS)).toEqual([]);
    const bad: ChartControls = {
      views: [
        { id: 'from', label: 'From', choices: [{ value: 'a', label: 'A' }] },
        { id: 'Measure', label: 'M', choices: [] },
        { id: 'm', label: 'M', choices: [{ value: 'A B', label: 'x' }, { value: 'a', label: 'a' }, { value: 'a', label: 'again' }] },
      ],
    };
    const problems = controlProblems('x', bad).join('\n');
    expect(problems).toMatch(/view "from": id is one the address already uses/);
    expect(problems).toMatch(/view "Measure": id is not lower-case/);
    expect(problems).toMatch(/view "Measure" has no choices/);
    expect(problems).toMatch(/choice "A B" is not lower-case/);
    expect(problems).toMatch(/view "m": choice "a" appears twice/);
  });
});
