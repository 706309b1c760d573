import { describe, expect, it } from 'vitest';
import { chairNicks, parseMeetingYaml, readDate, readTime } from './parse.ts';

const NOVA_LIKE = `project:  Example Team Meeting
meeting_id: example
agenda_url: https://wiki.example.org/wiki/Meetings/Example
schedule:
  - time:       '1400'
    day:        Thursday
    irc:        example-meeting
    frequency:  biweekly-even
  - time:       '2100'
    day:        Thursday
    irc:        example-meeting
    frequency:  biweekly-odd
chair:  Ada Lovelace (ada), Alan Turing (aturing_)
description:  >
  This is the weekly Example team meeting.
`;

describe('parseMeetingYaml', () => {
  it('reads a definition in the sample.yaml layout', () => {
    const { schedule, problems } = parseMeetingYaml(NOVA_LIKE, 'meetings/example-team-meeting.yaml');
    expect(problems).toEqual([]);
    expect(schedule).toEqual({
      key: 'example',
      project: 'Example Team Meeting',
      file: 'meetings/example-team-meeting.yaml',
      agendaUrl: 'https://wiki.example.org/wiki/Meetings/Example',
      chair: 'Ada Lovelace (ada), Alan Turing (aturing_)',
      chairNicks: ['ada', 'aturing'],
      description: 'This is the weekly Example team meeting.',
      slots: [
        { time: '1400', day: 'Thursday', irc: 'example-meeting', frequency: 'biweekly-even', known: true, duration: 60 },
        { time: '2100', day: 'Thursday', irc: 'example-meeting', frequency: 'biweekly-odd', known: true, duration: 60 },
      ],
      flags: [],
    });
  });

  it('reads unquoted numbers back as the digits written: times, start dates, durations, ids', () => {
    const yaml = `project: P\nmeeting_id: 42\nschedule:\n  - time: 0900\n    day: monday\n    irc: '#chan'\n    frequency: weekly\n    start_date: 20160106\n    duration: 30\n  - time: '7:30'\n    day: FRIDAY\n    irc: chan\n    frequency: first-friday\n    start_date: '2016-02-29'\n`;
    const { schedule, problems } = parseMeetingYaml(yaml, 'meetings/p.yaml');
    expect(problems).toEqual([]);
    expect(schedule.key).toBe('42');
    expect(schedule.slots).toEqual([
      { time: '0900', day: 'Monday', irc: 'chan', frequency: 'weekly', known: true, startDate: '2016-01-06', duration: 30 },
      { time: '0730', day: 'Friday', irc: 'chan', frequency: 'first-friday', known: true, startDate: '2016-02-29', duration: 60 },
    ]);
  });

  it('keys by the file name without extension when there is no meeting_id', () => {
    const { schedule, problems } = parseMeetingYaml(`project: P\nschedule:\n  - {time: '1400', day: Tuesday, irc: c, frequency: weekly}\n`, 'meetings/some-team.yaml');
    expect(schedule.key).toBe('some-team');
    expect(schedule.flags).toEqual(['no-meeting-id']);
    expect(problems).toHaveLength(1);
  });

  it('keeps a slot of an unknown frequency, not computable, flagged', () => {
    const yaml = `project: P\nmeeting_id: p\nschedule:\n  - time: '1400'\n    day: Tuesday\n    irc: c\n    frequency: fortnightly-ish\n  - time: '1500'\n    day: Tuesday\n    irc: c\n    frequency: weekly\n`;
    const { schedule, problems } = parseMeetingYaml(yaml, 'meetings/p.yaml');
    expect(schedule.slots.map((s) => [s.frequency, s.known])).toEqual([
      ['fortnightly-ish', false],
      ['weekly', true],
    ]);
    expect(schedule.flags).toEqual(['unknown-frequency:fortnightly-ish']);
    expect(problems).toEqual(['meetings/p.yaml:7: unknown frequency "fortnightly-ish": no occurrences computed']);
  });

  it('knows every frequency yaml2ical defines', () => {
    for (const f of ['weekly', 'biweekly-odd', 'biweekly-even', 'quadweekly', 'quadweekly-week-1', 'quadweekly-week-2', 'quadweekly-week-3', 'quadweekly-alternate', 'adhoc', 'first-monday', 'first-tuesday', 'first-wednesday', 'first-thursday', 'first-friday']) {
      const { schedule, problems } = parseMeetingYaml(`project: P\nschedule:\n  - {time: '1400', day: Tuesday, irc: c, frequency: ${f}}\n`, 'p.yaml');
      expect(schedule.slots[0]!.known, f).toBe(true);
      expect(problems.filter((p) => p.includes('frequency')), f).toEqual([]);
    }
  });

  it('leaves out a slot without a mandatory field or with a bad time, keeps the rest, and says where', () => {
    const yaml = `project: P\nmeeting_id: p\nschedule:\n  - time: '1400'\n    irc: c\n    frequency: weekly\n  - time: '2500'\n    day: Monday\n    irc: c\n    frequency: weekly\n  - time: '1600'\n    day: Caturday\n    irc: c\n    frequency: weekly\n    start_date: 20161332\n    duration: long\n  - time: '1700'\n    day: Monday\n    irc: c\n    frequency: weekly\n    skip_dates:\n      - skip_date: 20240101\n        reason: New Year\n      - skip_date: someday\n`;
    const { schedule, problems } = parseMeetingYaml(yaml, 'meetings/p.yaml');
    expect(schedule.slots.map((s) => [s.time, s.day, s.known, s.startDate, s.duration, s.skipDates])).toEqual([
      ['1600', 'Caturday', false, undefined, 60, undefined],
      ['1700', 'Monday', true, undefined, 60, [{ date: '2024-01-01', reason: 'New Year' }]],
    ]);
    expect(problems).toEqual([
      'meetings/p.yaml:4: schedule entry without day; left out',
      'meetings/p.yaml:7: time "2500" is not HHMM; slot left out',
      'meetings/p.yaml:12: "Caturday" is not a day of the week: no occurrences computed',
      'meetings/p.yaml:15: start_date 20161332 is not a YYYYMMDD date; ignored',
      'meetings/p.yaml:16: duration "long" is not a number of minutes; 60 assumed',
      'meetings/p.yaml:24: skip_date "someday" is not a YYYYMMDD date; ignored',
    ]);
    expect(schedule.flags).toEqual(['bad-duration', 'bad-skip-dates', 'bad-slot', 'bad-start-date', 'unknown-day:Caturday']);
  });

  it('throws on malformed YAML, naming the file and line', () => {
    expect(() => parseMeetingYaml(`project: P\nschedule: [\n  - time: '1400'\nchair: x\n`, 'meetings/broken.yaml')).toThrow(/^meetings\/broken\.yaml:\d+:\d+: not valid YAML: /);
    expect(() => parseMeetingYaml(`project: P\nmeeting_id: p\nschedule:\n  - time: '1400'\n     day: x\n`, 'meetings/broken.yaml')).toThrow('meetings/broken.yaml:5:1: not valid YAML: All mapping items must start at the same column');
    expect(() => parseMeetingYaml(`project: P\nmeeting_id: p\n\tschedule: []\n`, 'meetings/broken.yaml')).toThrow(/^meetings\/broken\.yaml:3:1: not valid YAML: Tabs/);
  });

  it('throws when there is no schedule, or it is not a list, or the file is not a mapping', () => {
    expect(() => parseMeetingYaml(`project: P\nmeeting_id: p\n`, 'meetings/p.yaml')).toThrow('meetings/p.yaml: no schedule');
    expect(() => parseMeetingYaml(`project: P\nschedule: weekly\n`, 'meetings/p.yaml')).toThrow('meetings/p.yaml:2: schedule is not a list');
    expect(() => parseMeetingYaml(`- a\n- b\n`, 'meetings/p.yaml')).toThrow(/meetings\/p\.yaml: not a meeting definition/);
    expect(() => parseMeetingYaml(``, 'meetings/p.yaml')).toThrow(/meetings\/p\.yaml: not a meeting definition/);
  });

  it('an empty schedule list is a problem, not an error', () => {
    const { schedule, problems } = parseMeetingYaml(`project: P\nmeeting_id: p\nschedule: []\n`, 'p.yaml');
    expect(schedule.slots).toEqual([]);
    expect(schedule.flags).toEqual(['no-slots']);
    expect(problems).toEqual(['p.yaml:3: no usable schedule entry']);
  });
});

describe('chairNicks', () => {
  it('takes the parenthesised nicks, folded, once each', () => {
    expect(chairNicks('Ada Lovelace (ada), Alan Turing (ATuring|away), Grace (ada_)')).toEqual(['ada', 'aturing']);
    expect(chairNicks('Two Nicks (one, two), Labelled (IRC: three), Slash (four/five)')).toEqual(['one', 'two', 'three', 'four', 'five']);
    expect(chairNicks('Nobody (on leave), Plain Name, rotating')).toEqual([]);
  });
});

describe('readTime and readDate', () => {
  it('read what authors write', () => {
    expect([readTime('1400'), readTime(1400), readTime(900), readTime(0), readTime(30), readTime('14:00'), readTime('2400'), readTime('1460'), readTime(14.5), readTime('noon')]).toEqual(['1400', '1400', '0900', '0000', '0030', '1400', undefined, undefined, undefined, undefined]);
    expect([readDate(20160106), readDate('20160106'), readDate('2016-01-06'), readDate(20160230), readDate('2016')]).toEqual(['2016-01-06', '2016-01-06', '2016-01-06', undefined, undefined]);
  });
});
