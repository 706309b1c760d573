import { describe, expect, it } from 'vitest';
import { toCsv, toJson } from './export.ts';
import { renderLineChart } from './line-chart.ts';
import type { ListEvent } from './lists.ts';
import { ALL_LISTS_SCOPE } from './scopes.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { firstReplyChartData, median, repliedThreadsChartData, threadReplySeries, type ReplyThread } from './thread-replies.ts';
import { MAIL_EVENTS, MAIL_THREADS } from './__fixtures__/mail.ts';
import { placeKey } from '../lib/places.ts';

const values = (points: { month: string; value: number }[]) => Object.fromEntries(points.map((p) => [p.month, p.value]));
const scopeOf = (source: string, name: string, label = name) => ({ id: `projects/${source}/${name}`, label, project: name, place: placeKey(source, name) });

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones for an even count', () => {
    expect(median([])).toBeUndefined();
    expect(median([5])).toBe(5);
    expect(median([24, 2])).toBe(13);
    expect(median([9, 1, 4])).toBe(4);
    expect(median([1, 100, 3, 2])).toBe(2.5);
  });
});

describe('threadReplySeries', () => {
  const result = threadReplySeries(MAIL_THREADS, MAIL_EVENTS);

  it('gives a list’s share of replied threads and median hours by month of thread start, with no point where there is nothing to measure', () => {
    const dev = result.lists.get(placeKey('demo', 'aurora-dev'))!;
    // January: t1 answered (4 h), t2 answered only by a bot and by its starter: 1 of 2. February: t3 was started by
    // someone who opted out, so no thread counts and there is no point, not 0%. March: nothing. April: 2 h and 24 h.
    expect(values(dev.replied)).toEqual({ '2024-01': 50, '2024-04': 100 });
    expect(values(dev.medianHours)).toEqual({ '2024-01': 4, '2024-04': 13 });
  });

  it('has a 0% share but no median in a month whose threads got no reply', () => {
    const users = result.lists.get(placeKey('demo', 'aurora-users'))!;
    expect(values(users.replied)).toEqual({ '2024-02': 50, '2024-05': 0 });
    expect(values(users.medianHours)).toEqual({ '2024-02': 1 });
  });

  it('counts all lists together, with a median of an even count', () => {
    // January: t1 (4 h), t2 (none), mirror t1 (1 h): 2 of 3, median of 4 and 1. March: no thread anywhere.
    expect(values(result.total.replied)).toEqual({ '2024-01': 66.7, '2024-02': 50, '2024-04': 100, '2024-05': 0 });
    expect(values(result.total.medianHours)).toEqual({ '2024-01': 2.5, '2024-02': 1, '2024-04': 13 });
  });

  it('keeps two sources’ lists of the same name apart, and their message keys too', () => {
    // Both sources have a thread t1 with messages m1 and m2.
    const mirror = result.lists.get(placeKey('mirror', 'aurora-dev'))!;
    expect(values(mirror.replied)).toEqual({ '2024-01': 100 });
    expect(values(mirror.medianHours)).toEqual({ '2024-01': 1 });
  });

  describe('who counts', () => {
    const thread = (entries: string[], starter = 's:1'): ReplyThread => ({ source: 's', place: 'l', created: '2024-01-01T00:00:00Z', starter, entries: entries.map((key) => ({ key })) });
    const message = (key: string, who: string, when: string): ListEvent => ({ who, when, kind: 'message', item: `s:${key}`, source: 's', place: 'l' });
    const start = message('a', 's:1', '2024-01-01T00:00:00Z');

    it('a thread answered only by its starter is unanswered', () => {
      const r = threadReplySeries([thread(['a', 'b'])], [start, message('b', 's:1', '2024-01-01T05:00:00Z')]);
      expect(r.total).toEqual({ replied: [{ month: '2024-01', value: 0 }], medianHours: [] });
    });

    it('a reply with no event (a bot, someone who opted out, a missing message) is no reply', () => {
      expect(threadReplySeries([thread(['a', 'b'])], [start]).total.replied).toEqual([{ month: '2024-01', value: 0 }]);
    });

    it('a thread whose starter has no counted message is left out', () => {
      expect(threadReplySeries([thread(['a', 'b'], 's:bot')], [message('b', 's:2', '2024-01-01T05:00:00Z')]).total).toEqual({ replied: [], medianHours: [] });
    });

    it('takes the earliest reply by someone else, in any entry order, and 0 hours when clocks put it first', () => {
      const r = threadReplySeries([thread(['a', 'b', 'c'])], [start, message('b', 's:2', '2024-01-01T03:00:00Z'), message('c', 's:3', '2024-01-01T01:30:00Z')]);
      expect(r.total.medianHours).toEqual([{ month: '2024-01', value: 1.5 }]);
      const early = threadReplySeries([thread(['a', 'b'])], [start, message('b', 's:2', '2023-12-31T23:00:00Z')]);
      expect(early.total.medianHours).toEqual([{ month: '2024-01', value: 0 }]);
    });

    it('reads only message events, and skips threads without a readable start', () => {
      const change: ListEvent = { ...message('b', 's:2', '2024-01-01T01:00:00Z'), kind: 'change' };
      expect(threadReplySeries([thread(['a', 'b'])], [start, change]).total.replied).toEqual([{ month: '2024-01', value: 0 }]);
      expect(threadReplySeries([{ ...thread(['a']), created: 'garbage' }, { ...thread(['a']), created: undefined }], [start]).total.replied).toEqual([]);
    });
  });
});

describe('replied-threads and first-reply chart data', () => {
  const series = threadReplySeries(MAIL_THREADS, MAIL_EVENTS);

  it('words the scope, the unit and who counts', () => {
    const replied = repliedThreadsChartData(series, ALL_LISTS_SCOPE, 'Demo');
    expect(replied.title).toBe('Threads with a reply per month: all lists');
    expect(replied.unit).toBe('percent of the threads started in the month');
    expect(replied.series.map((s) => [s.id, s.label, s.total])).toEqual([['replied', 'Threads with a reply (%)', 'none']]);
    expect(replied.source).toMatch(/replies by bots or by people who opted out do not count, and threads they started are left out/);
    const first = firstReplyChartData(series, scopeOf('mirror', 'aurora-dev', 'aurora-dev (mirror)'), 'Demo');
    expect(first.title).toBe('Time to first reply per month: aurora-dev (mirror)');
    expect(first.unit).toBe('hours (median)');
    expect(first.series.map((s) => [s.id, s.label, s.total])).toEqual([['median-hours', 'Median hours to first reply', 'none']]);
  });

  it('leaves months without a value out of the table, CSV and JSON rather than showing 0, and says so in the text', () => {
    const data = firstReplyChartData(series, ALL_LISTS_SCOPE, 'Demo');
    expect(chartTable(data).rows.map((r) => [r.month, ...r.cells])).toEqual([['2024-01', '2.5'], ['2024-02', '1'], ['2024-04', '13']]);
    expect(toCsv(data)).toBe('month,Median hours to first reply\r\n2024-01,2.5\r\n2024-02,1\r\n2024-04,13\r\n');
    expect(JSON.parse(toJson(data)).series[0].points.map((p: { month: string }) => p.month)).toEqual(['2024-01', '2024-02', '2024-04']);
    expect(textAlternative(data)).toBe('From January 2024 to April 2024 (4 months). Median hours to first reply: 5.5 per month on average, highest in April 2024 (13), rising over the period. No value in 1 of the 4 months.');
  });

  it('breaks the line at a month without a value', () => {
    const data = repliedThreadsChartData(series, scopeOf('demo', 'aurora-users'), 'Demo');
    const svg = renderLineChart(data, { id: 'r', maxMarkerMonths: 0 });
    const d = /<path class="line" d="([^"]+)"/.exec(svg)![1]!;
    // February and May, with March and April between them: two segments of one point each, both marked.
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toContain('L');
    expect(svg.match(/class="marker" transform/g)).toHaveLength(2 + 1); // two points, and the legend swatch
  });
});
