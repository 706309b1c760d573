import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';
import { listActivityChartData, listActivitySeries } from './list-activity.ts';
import { listScopes, type ListEvent } from './lists.ts';
import { ALL_LISTS_SCOPE } from './scopes.ts';
import { MAIL_EVENTS, MAIL_MESSAGES } from './__fixtures__/mail.ts';
import { placeKey } from '../lib/places.ts';

const DEV = placeKey('demo', 'aurora-dev');
const USERS = placeKey('demo', 'aurora-users');
const MIRROR_DEV = placeKey('mirror', 'aurora-dev');

const values = (s: { points: { month: string; value: number }[] }) => Object.fromEntries(s.points.map((p) => [p.month, p.value]));

describe('listActivitySeries', () => {
  const result = listActivitySeries(MAIL_EVENTS);

  it('counts messages and distinct posters per month in a list, zero-filled between its first and last month', () => {
    const [messages, posters] = result.lists.get(DEV)!;
    // January: demo:1 twice and demo:2 once (the bot's message has no event): 3 messages from 2 posters.
    expect(values(messages!)).toEqual({ '2024-01': 3, '2024-02': 2, '2024-03': 0, '2024-04': 5 });
    expect(values(posters!)).toEqual({ '2024-01': 2, '2024-02': 2, '2024-03': 0, '2024-04': 4 });
    expect([messages!.id, messages!.label, messages!.total, posters!.id, posters!.label, posters!.total]).toEqual(['messages', 'Messages', 'sum', 'posters', 'Posters', 'none']);
  });

  it('counts a poster once per month across lists for all lists', () => {
    const [messages, posters] = result.total;
    // January: demo aurora-dev (demo:1, demo:2) and mirror aurora-dev (mirror:1, mirror:2). February: demo:2 in both lists counts once.
    expect(values(messages!)).toEqual({ '2024-01': 5, '2024-02': 5, '2024-03': 0, '2024-04': 5, '2024-05': 1 });
    expect(values(posters!)).toEqual({ '2024-01': 4, '2024-02': 3, '2024-03': 0, '2024-04': 4, '2024-05': 1 });
  });

  it('keeps two sources’ lists of the same name apart', () => {
    expect(result.lists.get(MIRROR_DEV)!.map(values)).toEqual([{ '2024-01': 2 }, { '2024-01': 2 }]);
    expect([...result.lists.keys()].sort()).toEqual([DEV, USERS, MIRROR_DEV].sort());
  });

  it('reads only message events, and skips unreadable dates', () => {
    const other: ListEvent[] = [
      { who: 'demo:1', when: '2024-01-05T00:00:00Z', kind: 'change', item: 'demo:1', source: 'demo', place: 'aurora-dev' },
      { who: 'demo:1', when: 'not a date', kind: 'message', item: 'demo:m99', source: 'demo', place: 'aurora-dev' },
    ];
    expect(listActivitySeries(other).total.map((s) => s.points)).toEqual([[], []]);
  });

  it('counts a message at 23:30 on 31 March at UTC-5 in April (UTC)', () => {
    const late: ListEvent = { who: 'demo:1', when: '2024-03-31T23:30:00-05:00', kind: 'message', item: 'demo:m1', source: 'demo', place: 'l' };
    expect(listActivitySeries([late]).total[0]!.points).toEqual([{ month: '2024-04', value: 1 }]);
  });
});

describe('list activity chart data', () => {
  const series = listActivitySeries(MAIL_EVENTS);
  const scopes = listScopes(
    [
      { key: DEV, source: 'demo', name: 'aurora-dev', slug: 'demo/aurora-dev' },
      { key: MIRROR_DEV, source: 'mirror', name: 'aurora-dev', slug: 'mirror/aurora-dev' },
      { key: USERS, source: 'demo', name: 'aurora-users', slug: 'aurora-users' },
    ],
    MAIL_MESSAGES,
  );

  it('says "all lists" for the all scope and names a list by its label', () => {
    const all = listActivityChartData(series, ALL_LISTS_SCOPE, 'Demo');
    expect(all.title).toBe('Mailing list activity per month: all lists');
    expect(all.description).toBe('Messages posted and distinct people posting per month (UTC) in all lists.');
    expect(all.source).toMatch(/^Demo, from mailing list archives\. .*Messages by bots and by people who opted out are not counted\.$/);
    const mirror = listActivityChartData(series, scopes.find((s) => s.place === MIRROR_DEV)!, 'Demo');
    expect(mirror.title).toBe('Mailing list activity per month: aurora-dev (mirror)');
    expect(mirror.series.map(values)).toEqual([{ '2024-01': 2 }, { '2024-01': 2 }]);
  });

  it('gives a table and CSV with a total for messages only', () => {
    const data = listActivityChartData(series, scopes.find((s) => s.place === DEV)!, 'Demo');
    expect(toCsv(data)).toBe('month,Messages,Posters\r\n2024-01,3,2\r\n2024-02,2,2\r\n2024-03,0,0\r\n2024-04,5,4\r\n');
  });

  it('is empty for a list without counted messages, and never reads a scope without a place key', () => {
    expect(listActivityChartData(series, { id: 'projects/x', label: 'x', project: 'x', place: placeKey('demo', 'x') }, 'Demo').series.every((s) => !s.points.length)).toBe(true);
    expect(listActivityChartData(series, { id: 'projects/aurora-dev', label: 'aurora-dev', project: 'aurora-dev' }, 'Demo').series.every((s) => !s.points.length)).toBe(true);
  });
});
