import { describe, expect, it } from 'vitest';
import { actionItemSeries, actionItemsChartData } from './action-items.ts';
import { toCsv } from './export.ts';
import { ALL_TEAMS_SCOPE, trackPerSource, type MeetingAction } from './meetings.ts';
import { ACTIONS, MEETINGS } from './__fixtures__/meetings.ts';
import { placeKey } from '../lib/places.ts';

const ALPHA = placeKey('demo', 'alpha');
const BETA = placeKey('demo', 'beta');
const MIRROR_ALPHA = placeKey('mirror', 'alpha');
const byId = (series: { id: string; points: { month: string; value: number }[] }[]) => Object.fromEntries(series.map((s) => [s.id, Object.fromEntries(s.points.map((p) => [p.month, p.value]))]));
const action = (raised: string[], closed?: string): MeetingAction => ({ source: 's', team: 't', raised: raised.map((start) => ({ start })), ...(closed ? { closed } : {}) });

describe('actionItemSeries', () => {
  const series = actionItemSeries(ACTIONS);

  it('counts a carried-over item once, open at every month end until it closes, and one raised and closed in a month only there', () => {
    expect(byId(series.teams.get(ALPHA)!)).toEqual({
      // January: 3 raised (the carried-over one counts once), 1 closed; 2 open. March: 1 closed, the carried-over one still open.
      open: { '2024-01': 2, '2024-02': 2, '2024-03': 1 },
      raised: { '2024-01': 3, '2024-02': 0, '2024-03': 0 },
      closed: { '2024-01': 1, '2024-02': 0, '2024-03': 1 },
    });
    expect(series.teams.get(ALPHA)!.map((s) => [s.id, s.label, s.total])).toEqual([
      ['open', 'Open at month end', 'none'],
      ['raised', 'Raised', 'sum'],
      ['closed', 'Closed', 'sum'],
    ]);
  });

  it('keeps teams and sources apart, and adds them up for all teams', () => {
    expect(byId(series.teams.get(BETA)!)).toEqual({ open: { '2024-01': 1, '2024-02': 1, '2024-03': 0 }, raised: { '2024-01': 1, '2024-02': 0, '2024-03': 0 }, closed: { '2024-01': 0, '2024-02': 0, '2024-03': 1 } });
    expect(byId(series.teams.get(MIRROR_ALPHA)!)).toEqual({ open: { '2024-02': 1 }, raised: { '2024-02': 1 }, closed: { '2024-02': 0 } });
    expect(byId(series.total)).toEqual({
      open: { '2024-01': 3, '2024-02': 4, '2024-03': 2 },
      raised: { '2024-01': 4, '2024-02': 1, '2024-03': 0 },
      closed: { '2024-01': 1, '2024-02': 0, '2024-03': 2 },
    });
  });

  it('zero-fills to the last month an item closed in, by UTC months', () => {
    const late = actionItemSeries([action(['2024-01-31T23:30:00-05:00'], '2024-04-02T10:00:00Z')]);
    expect(byId(late.total)).toEqual({ open: { '2024-02': 1, '2024-03': 1, '2024-04': 0 }, raised: { '2024-02': 1, '2024-03': 0, '2024-04': 0 }, closed: { '2024-02': 0, '2024-03': 0, '2024-04': 1 } });
  });

  it('skips an item without a readable start, and leaves one open whose close date cannot be read or comes first', () => {
    const odd = actionItemSeries([action([]), action(['not a date']), action(['2024-05-01T00:00:00Z'], 'garbage'), action(['2024-05-01T00:00:00Z'], '2024-04-01T00:00:00Z')]);
    expect(byId(odd.total)).toEqual({ open: { '2024-05': 2 }, raised: { '2024-05': 2 }, closed: { '2024-05': 0 } });
  });
});

describe('action items chart data', () => {
  const series = actionItemSeries(ACTIONS);

  it('says what open and closed mean', () => {
    const data = actionItemsChartData(series, ALL_TEAMS_SCOPE, 'Demo');
    expect(data.title).toBe('Action items per month: all teams');
    expect(data.source).toMatch(/^Demo, from meeting bot minutes\. .*the team's first meeting that did not carry it over .*still open\./);
    expect(toCsv(data)).toBe('month,Open at month end,Raised,Closed\r\n2024-01,3,4,1\r\n2024-02,4,1,0\r\n2024-03,2,0,2\r\n');
  });

  it('is empty for a team without action items and for a scope without a place key', () => {
    expect(actionItemsChartData(series, { id: 'projects/x', label: 'x', project: 'x', place: placeKey('demo', 'x') }, 'Demo').series.map((s) => s.points)).toEqual([[], [], []]);
    expect(actionItemsChartData(series, { id: 'projects/alpha', label: 'alpha', project: 'alpha' }, 'Demo').series.map((s) => s.points)).toEqual([[], [], []]);
  });
});

describe('trackPerSource', () => {
  it('tracks each source’s meetings apart and tags the items with their source', () => {
    const calls: string[][] = [];
    const out = trackPerSource(MEETINGS, (list) => {
      calls.push(list.map((m) => m.key));
      return list.length ? [{ team: list[0]!.place!, raised: [{ start: list[0]!.start }] }] : [];
    });
    expect(calls.map((c) => c.length)).toEqual([5, 1]);
    expect(calls.every((c) => new Set(c.map((k) => k.split(':')[0])).size === 1)).toBe(true);
    expect(out.map((a) => [a.source, a.team])).toEqual([['demo', 'alpha'], ['mirror', 'alpha']]);
    expect(trackPerSource([], () => [{ team: 'x', raised: [] }])).toEqual([]);
  });
});
