/**
 * Real irc-meetings definitions (see ../shared/reference-data/SOURCES.md) through the folder
 * reader, the parser, the occurrence rules and the iCalendar writer, the calendar read back and
 * expanded by ical.js. The files are read in place, never copied, and nothing from them (names,
 * nicks, channels) is written here: the assertions are counts and shapes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { calendar, calendarUids } from '../../src/kinds/schedule/ics.ts';
import { nextMeeting, occurrences } from '../../src/kinds/schedule/occurrences.ts';
import type { Schedule } from '../../src/model/meeting.ts';
import { readMeetingFiles } from '../../src/sources/irc-meetings/client.ts';
import { parseMeetingYaml } from '../../src/sources/irc-meetings/parse.ts';
import { expandCalendar } from '../ical-expand.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const DIR = join(REFERENCE, 'irc-meetings');
const present = existsSync(join(DIR, 'meetings'));
if (!present) console.warn(`irc-meetings conformance skipped: no reference data at ${DIR} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

const YEAR = [new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z')] as const;
/** Two years across the end of the 53-week ISO year 2026. */
const TWO_YEARS = [new Date('2026-03-01T00:00:00Z'), new Date('2028-03-01T00:00:00Z')] as const;
const STAMP = new Date('2026-01-15T00:00:00Z');

describe.skipIf(!present)('irc-meetings conformance with real definitions', async () => {
  const log = { info: () => {}, warn: (m: string) => expect.fail(m) };
  const { files } = present ? await readMeetingFiles({ path: join(DIR, 'meetings'), dir: 'meetings', cacheDir: join(REPO, '.cache', 'unused'), log }) : { files: [] };
  const parsed = files.map((f) => ({ file: f.file, ...parseMeetingYaml(f.text, `meetings/${f.file}`) }));
  const schedules: Schedule[] = parsed.map((p) => p.schedule);
  const slots = schedules.flatMap((s) => s.slots);

  it('parses every file without a problem', () => {
    expect(files).toHaveLength(85);
    expect(parsed.flatMap((p) => p.problems)).toEqual([]);
    expect(schedules.flatMap((s) => s.flags)).toEqual([]);
    // Keys are the meeting ids, none taken from a file name; one id is used by two files (a meeting and its office hours).
    expect(new Set(schedules.map((s) => s.key)).size).toBe(84);
    expect(schedules.every((s) => s.project.length > 0 && s.slots.length > 0 && s.description)).toBe(true);
    expect(schedules.filter((s) => s.agendaUrl?.startsWith('http')).length).toBe(75);
    // Every chair line names its people's nicks in parentheses.
    expect(schedules.filter((s) => s.chairNicks.length > 0).length).toBe(85);
    expect(schedules.reduce((n, s) => n + s.chairNicks.length, 0)).toBe(125);
    expect(schedules.flatMap((s) => s.chairNicks).every((n) => n === n.toLowerCase() && !/[\s()]/.test(n))).toBe(true);
  });

  it('reads the times, days, start dates and durations of every slot', () => {
    expect(slots).toHaveLength(103);
    expect(slots.every((s) => /^([01]\d|2[0-3])[0-5]\d$/.test(s.time))).toBe(true);
    expect(slots.filter((s) => s.startDate).length).toBe(101);
    expect(slots.filter((s) => s.duration === 30).length).toBe(4);
    expect(slots.filter((s) => s.duration === 60).length).toBe(99);
    expect(slots.every((s) => !s.irc.startsWith('#') && s.irc.length > 0)).toBe(true);
  });

  it('knows every frequency the files use', () => {
    const counts: Record<string, number> = {};
    for (const s of slots) {
      const key = `${s.frequency}${s.known ? '' : ' (unknown)'}`;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({ weekly: 56, 'biweekly-odd': 22, 'biweekly-even': 17, quadweekly: 3, 'quadweekly-alternate': 1, 'first-friday': 1, 'first-thursday': 1, adhoc: 2 });
    expect(slots.filter((s) => s.known).length).toBe(103);
    expect(slots.filter((s) => !s.known).length).toBe(0);
  });

  it('gives every slot with a fixed time its meetings over a year, as many as its rule says', () => {
    const perRule: Record<string, [number, number]> = { weekly: [52, 53], 'biweekly-odd': [26, 27], 'biweekly-even': [26, 27], quadweekly: [13, 14], 'quadweekly-alternate': [13, 14], 'first-friday': [12, 12], 'first-thursday': [12, 12], adhoc: [0, 0] };
    for (const s of slots) {
      const n = occurrences(s, ...YEAR).length;
      const [min, max] = perRule[s.frequency]!;
      expect(n, s.frequency).toBeGreaterThanOrEqual(min);
      expect(n, s.frequency).toBeLessThanOrEqual(max);
    }
    // Every schedule but the adhoc-only ones has a next meeting, within five weeks.
    const next = schedules.map((s) => nextMeeting(s, YEAR[0]));
    expect(next.filter((n) => n === undefined).length).toBe(schedules.filter((s) => s.slots.every((sl) => sl.frequency === 'adhoc')).length);
    for (const n of next) if (n) expect(n.start.getTime() - YEAR[0].getTime()).toBeLessThan(35 * 86_400_000);
  });

  it('writes one calendar of all of them that ical.js reads and expands to the same meetings', () => {
    const text = calendar(schedules, { name: 'IRC meetings', stamp: STAMP, hostname: 'portal.example.org' });
    const { events } = expandCalendar(text, ...TWO_YEARS);
    const bySlot = new Map<string, string[]>();
    for (const e of events) {
      const uid = e.uid.replace(/\.y\d{4}$/, '');
      bySlot.set(uid, [...(bySlot.get(uid) ?? []), ...e.starts]);
    }
    let compared = 0;
    const allUids = calendarUids(schedules, 'portal.example.org');
    schedules.forEach((s, n) => {
      const uids = allUids[n]!;
      s.slots.forEach((slot, i) => {
        const want = occurrences(slot, ...TWO_YEARS).map((d) => d.toISOString());
        expect((bySlot.get(uids[i]!) ?? []).sort(), `${s.file} ${slot.frequency}`).toEqual(want);
        compared += want.length;
      });
    });
    expect(compared).toBeGreaterThan(5000);
    // Adhoc slots have no event; the others one each, the alternating ones one per stretch between 53-week years.
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(events.every((e) => e.location.startsWith('#') && e.summary.length > 0 && e.description.length > 0)).toBe(true);
    expect(Math.max(...text.split('\r\n').map((l) => Buffer.byteLength(l, 'utf8')))).toBeLessThanOrEqual(75);
  });

  it('reads the sample definition', () => {
    const { schedule, problems } = parseMeetingYaml(readFileSync(join(DIR, 'sample.yaml'), 'utf8'), 'sample.yaml');
    expect(problems).toEqual([]);
    expect(schedule.slots.map((s) => [s.frequency, s.known, s.startDate])).toEqual([
      ['biweekly-even', true, undefined],
      ['biweekly-odd', true, undefined],
    ]);
    expect(schedule.chairNicks).toHaveLength(2);
  });
});
