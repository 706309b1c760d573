import { getISOWeek, getISOWeeksInYear } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import { describe, expect, it } from 'vitest';
import type { Schedule, Slot } from '../../model/meeting.ts';
import { nextMeeting, nextOccurrence, occurrences } from './occurrences.ts';

function slot(frequency: string, day = 'Thursday', time = '1400', extra: Partial<Slot> = {}): Slot {
  return { time, day, irc: 'openstack-meeting', frequency, known: frequency !== 'bogus', duration: 60, ...extra };
}

const at = (iso: string) => new Date(iso);
const days = (ds: Date[]) => ds.map((d) => d.toISOString().slice(0, 10));
const week = (d: Date) => getISOWeek(new UTCDate(d));

describe('occurrences', () => {
  it('weekly: every week on the day, at the UTC time, in [from, to)', () => {
    const got = occurrences(slot('weekly'), at('2024-01-01T00:00:00Z'), at('2024-02-01T00:00:00Z'));
    expect(got.map((d) => d.toISOString())).toEqual(['2024-01-04T14:00:00.000Z', '2024-01-11T14:00:00.000Z', '2024-01-18T14:00:00.000Z', '2024-01-25T14:00:00.000Z']);
    // `from` is inclusive, `to` exclusive, to the millisecond.
    expect(days(occurrences(slot('weekly'), at('2024-01-04T14:00:00Z'), at('2024-01-11T14:00:00Z')))).toEqual(['2024-01-04']);
    expect(days(occurrences(slot('weekly'), at('2024-01-04T14:00:01Z'), at('2024-01-11T14:00:01Z')))).toEqual(['2024-01-11']);
  });

  it('reads the day in any case and handles every weekday, Sunday included', () => {
    expect(days(occurrences(slot('weekly', 'sunday', '2330'), at('2024-01-01T00:00:00Z'), at('2024-01-15T00:00:00Z')))).toEqual(['2024-01-07', '2024-01-14']);
    expect(days(occurrences(slot('weekly', 'MONDAY', '0000'), at('2024-01-01T00:00:00Z'), at('2024-01-09T00:00:00Z')))).toEqual(['2024-01-01', '2024-01-08']);
  });

  it('2020 and 2026 are 53-week ISO years, 2024 and 2025 are not', () => {
    expect([2020, 2024, 2025, 2026].map((y) => getISOWeeksInYear(new UTCDate(Date.UTC(y, 5, 1))))).toEqual([53, 52, 52, 53]);
  });

  it('biweekly-odd / -even follow ISO week parity across a 52-week year boundary (14 days apart)', () => {
    const from = at('2024-12-01T00:00:00Z');
    const to = at('2025-02-01T00:00:00Z');
    const odd = occurrences(slot('biweekly-odd'), from, to);
    const even = occurrences(slot('biweekly-even'), from, to);
    expect(days(odd)).toEqual(['2024-12-05', '2024-12-19', '2025-01-02', '2025-01-16', '2025-01-30']);
    expect(days(even)).toEqual(['2024-12-12', '2024-12-26', '2025-01-09', '2025-01-23']);
    expect(odd.every((d) => week(d) % 2 === 1)).toBe(true);
    expect(even.every((d) => week(d) % 2 === 0)).toBe(true);
  });

  it('biweekly across the 53-week years 2020 and 2026: odd meets weeks 53 and 1 back to back, even skips three weeks', () => {
    for (const [from, to, odd, even] of [
      ['2020-12-10', '2021-01-25', ['2020-12-17', '2020-12-31', '2021-01-07', '2021-01-21'], ['2020-12-10', '2020-12-24', '2021-01-14']],
      ['2026-12-10', '2027-01-25', ['2026-12-17', '2026-12-31', '2027-01-07', '2027-01-21'], ['2026-12-10', '2026-12-24', '2027-01-14']],
    ] as const) {
      const range = [at(`${from}T00:00:00Z`), at(`${to}T00:00:00Z`)] as const;
      expect(days(occurrences(slot('biweekly-odd'), ...range))).toEqual(odd);
      expect(days(occurrences(slot('biweekly-even'), ...range))).toEqual(even);
    }
    expect(week(at('2020-12-31T14:00:00Z'))).toBe(53);
    expect(week(at('2026-12-31T14:00:00Z'))).toBe(53);
  });

  it('quadweekly: ISO week % 4 == 0; -week-1/2/3 and -alternate (= 2) shift it', () => {
    const year = [at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z')] as const;
    const quad = occurrences(slot('quadweekly'), ...year);
    expect(days(quad).slice(0, 3)).toEqual(['2024-01-25', '2024-02-22', '2024-03-21']);
    expect(quad.map(week)).toEqual([4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52]);
    expect(occurrences(slot('quadweekly-week-1'), ...year).map(week)).toEqual([1, 5, 9, 13, 17, 21, 25, 29, 33, 37, 41, 45, 49]);
    expect(occurrences(slot('quadweekly-week-3'), ...year).map(week)).toEqual([3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47, 51]);
    expect(occurrences(slot('quadweekly-alternate'), ...year)).toEqual(occurrences(slot('quadweekly-week-2'), ...year));
    // Across 2020's week 53: week 52 then week 4 (five weeks), and week 49, 53, then week 1 (one week).
    const turn = [at('2020-12-01T00:00:00Z'), at('2021-02-01T00:00:00Z')] as const;
    expect(days(occurrences(slot('quadweekly'), ...turn))).toEqual(['2020-12-24', '2021-01-28']);
    expect(days(occurrences(slot('quadweekly-week-1'), ...turn))).toEqual(['2020-12-03', '2020-12-31', '2021-01-07']);
  });

  it('first-<weekday>: the first such weekday of each month, whatever `day` says', () => {
    const got = occurrences(slot('first-friday', 'Friday', '1500'), at('2024-01-01T00:00:00Z'), at('2024-07-01T00:00:00Z'));
    expect(days(got)).toEqual(['2024-01-05', '2024-02-02', '2024-03-01', '2024-04-05', '2024-05-03', '2024-06-07']);
    expect(got[0]!.toISOString()).toBe('2024-01-05T15:00:00.000Z');
    expect(days(occurrences(slot('first-thursday', 'Monday'), at('2024-02-02T00:00:00Z'), at('2024-04-01T00:00:00Z')))).toEqual(['2024-03-07']);
    expect(days(occurrences(slot('first-monday'), at('2024-01-01T00:00:00Z'), at('2024-02-01T00:00:00Z')))).toEqual(['2024-01-01']);
  });

  it('start_date is the first day a meeting may fall on', () => {
    const from = at('2024-01-01T00:00:00Z');
    const to = at('2024-02-01T00:00:00Z');
    expect(days(occurrences(slot('weekly', 'Thursday', '1400', { startDate: '2024-01-11' }), from, to))).toEqual(['2024-01-11', '2024-01-18', '2024-01-25']);
    expect(days(occurrences(slot('weekly', 'Thursday', '1400', { startDate: '2024-01-10' }), from, to))).toEqual(['2024-01-11', '2024-01-18', '2024-01-25']);
    // It bounds, it does not set the phase: the ISO week parity does.
    expect(days(occurrences(slot('biweekly-even', 'Thursday', '1400', { startDate: '2024-01-05' }), from, to))).toEqual(['2024-01-11', '2024-01-25']);
    expect(occurrences(slot('weekly', 'Thursday', '1400', { startDate: '2030-01-01' }), from, to)).toEqual([]);
  });

  it('skip_dates take single meetings out', () => {
    const s = slot('weekly', 'Thursday', '1400', { skipDates: [{ date: '2024-01-11', reason: 'holiday' }] });
    expect(days(occurrences(s, at('2024-01-01T00:00:00Z'), at('2024-02-01T00:00:00Z')))).toEqual(['2024-01-04', '2024-01-18', '2024-01-25']);
    expect(nextOccurrence(s, at('2024-01-05T00:00:00Z'))?.toISOString()).toBe('2024-01-18T14:00:00.000Z');
  });

  it('adhoc and unknown frequencies have none', () => {
    const year = [at('2024-01-01T00:00:00Z'), at('2025-01-01T00:00:00Z')] as const;
    expect(occurrences(slot('adhoc'), ...year)).toEqual([]);
    expect(occurrences(slot('bogus'), ...year)).toEqual([]);
    expect(nextOccurrence(slot('adhoc'), year[0])).toBeUndefined();
    expect(nextOccurrence(slot('bogus'), year[0])).toBeUndefined();
    expect(occurrences(slot('weekly', 'Someday'), ...year)).toEqual([]);
  });
});

describe('nextOccurrence and nextMeeting', () => {
  it('is strictly after the given time', () => {
    expect(nextOccurrence(slot('weekly'), at('2024-01-04T14:00:00Z'))?.toISOString()).toBe('2024-01-11T14:00:00.000Z');
    expect(nextOccurrence(slot('weekly'), at('2024-01-04T13:59:59Z'))?.toISOString()).toBe('2024-01-04T14:00:00.000Z');
    expect(nextOccurrence(slot('biweekly-even'), at('2020-12-25T00:00:00Z'))?.toISOString()).toBe('2021-01-14T14:00:00.000Z');
  });

  it('waits for a start date far ahead', () => {
    expect(nextOccurrence(slot('weekly', 'Thursday', '1400', { startDate: '2030-01-01' }), at('2024-01-01T00:00:00Z'))?.toISOString()).toBe('2030-01-03T14:00:00.000Z');
  });

  it('takes the soonest slot of a schedule', () => {
    const schedule: Schedule = {
      key: 'team',
      project: 'Team Meeting',
      file: 'meetings/team.yaml',
      chairNicks: [],
      flags: [],
      slots: [slot('biweekly-even', 'Thursday', '1400'), slot('biweekly-odd', 'Thursday', '2100'), slot('adhoc')],
    };
    // 2024-01-04 is in ISO week 1 (odd): the 21:00 slot; week 2 holds the 14:00 one.
    expect(nextMeeting(schedule, at('2024-01-01T00:00:00Z'))).toEqual({ slot: schedule.slots[1], start: at('2024-01-04T21:00:00Z') });
    expect(nextMeeting(schedule, at('2024-01-05T00:00:00Z'))).toEqual({ slot: schedule.slots[0], start: at('2024-01-11T14:00:00Z') });
    expect(nextMeeting({ ...schedule, slots: [slot('adhoc')] }, at('2024-01-01T00:00:00Z'))).toBeUndefined();
  });
});
