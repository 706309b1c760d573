import { describe, expect, it } from 'vitest';
import type { Schedule, Slot } from '../../model/meeting.ts';
import { expandCalendar } from '../../../test/ical-expand.ts';
import { calendar, calendarUids, slotUids } from './ics.ts';
import { occurrences } from './occurrences.ts';

function slot(frequency: string, day = 'Thursday', time = '1400', extra: Partial<Slot> = {}): Slot {
  return { time, day, irc: 'example-meeting', frequency, known: frequency !== 'bogus', duration: 60, ...extra };
}

function schedule(key: string, slots: Slot[], extra: Partial<Schedule> = {}): Schedule {
  return { key, project: `${key} meeting`, file: `meetings/${key}.yaml`, chairNicks: [], flags: [], slots, ...extra };
}

const STAMP = new Date('2024-06-01T12:00:00Z');
const OPTS = { name: 'Meetings', url: 'https://portal.example.org/meetings.ics', stamp: STAMP, hostname: 'portal.example.org' };

const ALL = [
  'weekly',
  'biweekly-odd',
  'biweekly-even',
  'quadweekly',
  'quadweekly-week-1',
  'quadweekly-week-2',
  'quadweekly-week-3',
  'quadweekly-alternate',
  'first-monday',
  'first-tuesday',
  'first-wednesday',
  'first-thursday',
  'first-friday',
];

/** The expanded starts of each slot's events, keyed by the slot's UID (stretches joined). */
function startsBySlot(text: string, from: Date, to: Date): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const e of expandCalendar(text, from, to).events) {
    const uid = e.uid.replace(/\.y\d{4}$/, '');
    by.set(uid, [...(by.get(uid) ?? []), ...e.starts].sort());
  }
  return by;
}

function expectAgreement(schedules: Schedule[], text: string, from: Date, to: Date): void {
  const expanded = startsBySlot(text, from, to);
  for (const s of schedules) {
    const uids = slotUids(s, OPTS.hostname);
    s.slots.forEach((sl, i) => {
      const want = occurrences(sl, from, to).map((d) => d.toISOString());
      expect(expanded.get(uids[i]!) ?? [], `${s.key} ${sl.frequency}`).toEqual(want);
    });
  }
}

describe('calendar', () => {
  it('expands (ical.js) to exactly the occurrences of every frequency, across the 53-week years 2020 and 2026', () => {
    const schedules = [
      schedule('since2016', ALL.map((f) => slot(f, 'Thursday', '1400', { startDate: '2016-01-07' }))),
      schedule('sunday', ALL.map((f) => slot(f, 'Sunday', '2330'))),
      schedule('skips', [slot('biweekly-odd', 'Tuesday', '0900', { skipDates: [{ date: '2024-06-18', reason: 'summit' }, { date: '2026-12-29', reason: 'holidays' }] }), slot('weekly', 'Monday', '1600', { skipDates: [{ date: '2024-12-23', reason: 'holidays' }] })]),
    ];
    const text = calendar(schedules, { ...OPTS, from: new Date('2019-01-01T00:00:00Z') });
    expectAgreement(schedules, text, new Date('2019-01-01T00:00:00Z'), new Date('2028-06-01T00:00:00Z'));
    // The skipped meetings are really gone from the expansion.
    const skips = startsBySlot(text, new Date('2024-01-01T00:00:00Z'), new Date('2027-01-31T00:00:00Z'));
    const [odd, weekly] = slotUids(schedules[2]!, OPTS.hostname);
    expect(skips.get(odd!)).not.toContain('2024-06-18T09:00:00.000Z');
    expect(skips.get(odd!)).toContain('2024-06-04T09:00:00.000Z');
    expect(skips.get(odd!)).toContain('2024-07-02T09:00:00.000Z');
    expect(skips.get(odd!)).not.toContain('2026-12-29T09:00:00.000Z');
    expect(skips.get(weekly!)).not.toContain('2024-12-23T16:00:00.000Z');
    expect(text).toContain('EXDATE:20241223T160000Z');
  });

  it('starts at the start date, or at the stamp when there is none; alternating rules end at `until`', () => {
    const s = [schedule('a', [slot('weekly', 'Thursday', '1400', { startDate: '2016-01-07' }), slot('weekly', 'Friday'), slot('biweekly-even')])];
    const { events } = expandCalendar(calendar(s, OPTS), new Date('2010-01-01T00:00:00Z'), new Date('2040-01-01T00:00:00Z'));
    const byUid = new Map(events.map((e) => [e.uid, e]));
    const [since, friday] = slotUids(s[0]!, OPTS.hostname);
    expect(byUid.get(since!)!.starts[0]).toBe('2016-01-07T14:00:00.000Z');
    expect(byUid.get(friday!)!.starts[0]).toBe('2024-06-07T14:00:00.000Z');
    const even = events.filter((e) => e.uid.startsWith('portal.example.org/a.thursday-1400-example-meeting-biweekly-even.'));
    expect(even.map((e) => e.uid)).toEqual(['portal.example.org/a.thursday-1400-example-meeting-biweekly-even.y2021', 'portal.example.org/a.thursday-1400-example-meeting-biweekly-even.y2027', 'portal.example.org/a.thursday-1400-example-meeting-biweekly-even.y2033']);
    expect(even[0]!.starts[0]).toBe('2024-06-13T14:00:00.000Z');
    expect(even.at(-1)!.starts.at(-1)! < '2034-06-02').toBe(true);
    expect(even.flatMap((e) => e.starts)).toEqual(occurrences(slot('biweekly-even'), STAMP, new Date('2034-06-01T12:00:00Z')).map((d) => d.toISOString()));
  });

  it('agrees when a skip date is the first or the only meeting of a stretch', () => {
    // 2021-01-07 opens the 2021 stretch of a biweekly-odd Thursday, 2026-12-31 closes it; 2027-01-07 is the only meeting before `until`.
    const skipDates = ['2021-01-07', '2026-12-31', '2027-01-07'].map((date) => ({ date, reason: 'off' }));
    const s = [schedule('edge', [slot('biweekly-odd', 'Thursday', '1400', { startDate: '2020-12-01', skipDates })])];
    const until = new Date('2027-01-08T00:00:00Z');
    const text = calendar(s, { ...OPTS, until });
    expectAgreement(s, text, new Date('2020-01-01T00:00:00Z'), until);
    expect(text).toContain('EXDATE:20210107T140000Z,20261231T140000Z');
    expect(text).not.toContain('.y2027@');
  });

  it('writes the rules calendar applications know', () => {
    const s = [schedule('r', [slot('weekly'), slot('biweekly-odd'), slot('quadweekly'), slot('first-friday', 'Friday', '1500', { duration: 30 })])];
    const { events } = expandCalendar(calendar(s, OPTS), STAMP, new Date('2025-01-01T00:00:00Z'));
    const rules = events.map((e) => [e.uid.split('/')[1]!.split('.')[1], e.rrule, e.minutes]);
    expect(rules).toEqual([
      ['thursday-1400-example-meeting-weekly', 'FREQ=WEEKLY', 60],
      ['thursday-1400-example-meeting-biweekly-odd', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=20261231T140000Z', 60],
      ['thursday-1400-example-meeting-biweekly-odd', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=20321230T140000Z', 60],
      ['thursday-1400-example-meeting-biweekly-odd', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=20340525T140000Z', 60],
      ['thursday-1400-example-meeting-quadweekly', 'FREQ=WEEKLY;INTERVAL=4;UNTIL=20261224T140000Z', 60],
      ['thursday-1400-example-meeting-quadweekly', 'FREQ=WEEKLY;INTERVAL=4;UNTIL=20321223T140000Z', 60],
      ['thursday-1400-example-meeting-quadweekly', 'FREQ=WEEKLY;INTERVAL=4;UNTIL=20340518T140000Z', 60],
      ['friday-1500-example-meeting-first-friday', 'FREQ=MONTHLY;BYDAY=FR;BYSETPOS=1', 30],
    ]);
    // The alternating rules start in a week of the right ISO parity: 2024-06-06 is in week 23.
    expect(events[1]!.starts[0]).toBe('2024-06-06T14:00:00.000Z');
  });

  it('leaves out adhoc and unknown slots, and writes summary, location, description, URL and UID', () => {
    const s = schedule('team', [slot('adhoc'), slot('bogus'), slot('weekly', 'Tuesday', '0800')], {
      project: 'Team, Meeting; "Special"',
      agendaUrl: 'https://wiki.example.org/Team',
      chair: 'Ada Lovelace (ada), Alan Turing (aturing)',
      description: 'First line, with commas; and semicolons.\nSecond line\\backslash.',
    });
    const text = calendar([s], OPTS);
    const { events, calendar: cal } = expandCalendar(text, STAMP, new Date('2024-07-01T00:00:00Z'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      uid: 'portal.example.org/team.tuesday-0800-example-meeting-weekly',
      summary: 'Team, Meeting; "Special"',
      location: '#example-meeting',
      description: 'First line, with commas; and semicolons.\nSecond line\\backslash.\n\nAgenda: https://wiki.example.org/Team\n\nChair: Ada Lovelace (ada), Alan Turing (aturing)',
      url: 'https://wiki.example.org/Team',
    });
    expect(events[0]!.starts).toEqual(['2024-06-04T08:00:00.000Z', '2024-06-11T08:00:00.000Z', '2024-06-18T08:00:00.000Z', '2024-06-25T08:00:00.000Z']);
    expect(text).toContain('SUMMARY:Team\\, Meeting\\; "Special"');
    expect(text).toContain('DTSTART:20240604T080000Z');
    expect(text).toContain('DTSTAMP:20240601T120000Z');
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Meetings');
    expect(calendar([s], { ...OPTS, pageUrl: (x) => `https://portal.example.org/meetings/${x.key}/` })).toContain('URL;VALUE=URI:https://portal.example.org/meetings/team/');
  });

  it('folds lines at 75 octets, multi-byte letters whole, with CRLF endings', () => {
    const s = schedule('long', [slot('weekly')], { description: `${'Réunion hebdomadaire de l’équipe — 会議 '.repeat(12)}end` });
    const text = calendar([s], OPTS);
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(Math.max(...lines.map((l) => Buffer.byteLength(l, 'utf8')))).toBeLessThanOrEqual(75);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    expect(text).not.toContain('\uFFFD');
    expect(expandCalendar(text, STAMP, STAMP).events[0]!.description.startsWith(s.description!)).toBe(true);
  });

  it('keeps UIDs stable from build to build and over input order', () => {
    const a = schedule('a', [slot('weekly'), slot('biweekly-odd'), slot('weekly')]);
    const b = schedule('b', [slot('first-friday', 'Friday')]);
    const uids = (text: string) => [...text.replace(/\r\n /g, '').matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1]);
    const one = calendar([a, b], OPTS);
    const later = calendar([b, a], { ...OPTS, stamp: new Date('2024-09-01T12:00:00Z') });
    expect(uids(later)).toEqual(uids(one));
    expect(new Set(uids(one)).size).toBe(uids(one).length);
    expect(uids(one)).toContain('portal.example.org/a.thursday-1400-example-meeting-weekly-2');
    // No UID reads as an e-mail address (the built site holds none).
    expect(uids(one).filter((u) => u!.includes('@'))).toEqual([]);
    expect(calendar([b, a], OPTS)).toBe(one);
  });

  it('tells apart two files that share a meeting id', () => {
    const meeting = schedule('tc', [slot('weekly')], { file: 'meetings/tc-meeting.yaml' });
    const hours = schedule('tc', [slot('weekly')], { file: 'meetings/tc-office-hours.yaml' });
    const text = calendar([hours, meeting], OPTS);
    expect([...text.replace(/\r\n /g, '').matchAll(/^UID:(.*)\r$/gm)].map((m) => m[1])).toEqual(['portal.example.org/tc-tc-meeting.thursday-1400-example-meeting-weekly', 'portal.example.org/tc-tc-office-hours.thursday-1400-example-meeting-weekly']);
    expect(calendarUids([meeting, hours], OPTS.hostname)).toEqual([['portal.example.org/tc-tc-meeting.thursday-1400-example-meeting-weekly'], ['portal.example.org/tc-tc-office-hours.thursday-1400-example-meeting-weekly']]);
  });
});
