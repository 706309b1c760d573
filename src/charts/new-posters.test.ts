import { describe, expect, it } from 'vitest';
import type { ListEvent } from './lists.ts';
import { newPosterSeries, newPostersChartData } from './new-posters.ts';
import { ALL_LISTS_SCOPE } from './scopes.ts';
import { textAlternative } from './text-alt.ts';
import { MAIL_EVENTS } from './__fixtures__/mail.ts';
import { placeKey } from '../lib/places.ts';

const values = (s: { points: { month: string; value: number }[] }) => Object.fromEntries(s.points.map((p) => [p.month, p.value]));
const scopeOf = (source: string, name: string) => ({ id: `projects/${name}`, label: name, project: name, place: placeKey(source, name) });

describe('newPosterSeries', () => {
  const result = newPosterSeries(MAIL_EVENTS);

  it('counts each person once, in the month of their first message to any list', () => {
    // January: demo:1, demo:2, mirror:1, mirror:2; February: demo:5; April: demo:3, demo:4. Zero-filled to May (demo:5 again).
    expect(values(result.total)).toEqual({ '2024-01': 4, '2024-02': 1, '2024-03': 0, '2024-04': 2, '2024-05': 0 });
    expect(result.total).toMatchObject({ id: 'new-posters', label: 'New posters', total: 'sum' });
  });

  it('counts a person new in a list they had not posted to, though not new overall', () => {
    // demo:2 first posted to aurora-dev in January, then to aurora-users in February.
    expect(values(result.lists.get(placeKey('demo', 'aurora-users'))!)).toEqual({ '2024-02': 2, '2024-03': 0, '2024-04': 0, '2024-05': 0 });
    expect(values(result.lists.get(placeKey('demo', 'aurora-dev'))!)).toEqual({ '2024-01': 2, '2024-02': 0, '2024-03': 0, '2024-04': 2 });
    expect(values(result.lists.get(placeKey('mirror', 'aurora-dev'))!)).toEqual({ '2024-01': 2 });
  });

  it('finds the first message whatever the order of the events', () => {
    expect(values(newPosterSeries([...MAIL_EVENTS].reverse()).total)).toEqual(values(result.total));
  });

  it('counts a person once per source: person keys are per source', () => {
    const e = (who: string, source: string, when: string): ListEvent => ({ who, when, kind: 'message', item: `${source}:m`, source, place: 'l' });
    expect(values(newPosterSeries([e('a:1', 'a', '2024-02-01T00:00:00Z'), e('a:1', 'a', '2024-01-01T00:00:00Z'), e('b:1', 'b', '2024-02-01T00:00:00Z')]).total)).toEqual({ '2024-01': 1, '2024-02': 1 });
  });
});

describe('new posters chart data', () => {
  const series = newPosterSeries(MAIL_EVENTS);

  it('words the all scope as a first message to any list, a list’s as a first message to it', () => {
    const all = newPostersChartData(series, ALL_LISTS_SCOPE, 'Demo');
    expect(all.title).toBe('New posters per month: all lists');
    expect(all.description).toBe('People who posted to a mailing list for the first time, by the month (UTC) of their first message to any list.');
    expect(all.unit).toBe('people per month');
    const users = newPostersChartData(series, scopeOf('demo', 'aurora-users'), 'Demo');
    expect(users.description).toBe('People who posted to aurora-users for the first time, by the month (UTC) of their first message to it.');
    expect(users.source).toMatch(/first message to this list in the archives the site has/);
    expect(textAlternative(all)).toBe('From January 2024 to May 2024 (5 months). New posters: 7 in total, highest in January 2024 (4), falling over the period.');
  });
});
