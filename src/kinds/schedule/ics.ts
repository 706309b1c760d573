/**
 * Meeting schedules as an iCalendar feed (RFC 5545), written with
 * ical-generator (it escapes TEXT values and folds lines at 75 octets).
 *
 * One VEVENT per slot with a computable frequency (adhoc and unknown ones have
 * no time to put in a calendar), in UTC, with an RRULE calendar applications
 * accept: FREQ=WEEKLY for weekly, FREQ=WEEKLY;INTERVAL=2 or 4 from a first
 * meeting in the right ISO week for the alternating ones, FREQ=MONTHLY;BYDAY=FR;
 * BYSETPOS=1 for first-friday (RFC 5545's equal of BYDAY=1FR, the form
 * ical-generator writes). Skip dates become EXDATEs.
 *
 * ISO week parity and INTERVAL=2 part ways after every 53-week ISO year
 * (2020, 2026, 2032…): week 53 is odd and so is the next week 1, so an odd
 * meeting falls two weeks running there, and a plain INTERVAL=2 rule would
 * then sit on the wrong weeks forever after (the quadweekly rules likewise).
 * yaml2ical writes that plain rule; here an alternating slot gets one VEVENT per
 * stretch of ISO years between two 53-week years, each an INTERVAL rule closed
 * by UNTIL at its last meeting, up to `until` (ten years after `stamp` unless
 * given): the feed then agrees with `occurrences` meeting for meeting. EXDATE
 * and RDATE could not mend it (after the first long year every later meeting
 * is off), and BYWEEKNO, which would say it in one rule, is not read by the
 * common calendar applications. The feed is rebuilt with the site, which moves
 * `until` on.
 */
import { addYears, getISOWeeksInYear, getISOWeekYear } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import ical, { ICalEventRepeatingFreq, ICalWeekday, type ICalRepeatingOptions } from 'ical-generator';
import type { Schedule, Slot } from '../../model/meeting.ts';
import { ruleOf, ruleStarts, skippedDays, type Rule } from './occurrences.ts';

export interface CalendarOptions {
  /** The calendar's name (NAME, X-WR-CALNAME). */
  name: string;
  /** Where the feed lives (the calendar's URL). */
  url?: string;
  /** DTSTAMP of every event: when the feed was made. */
  stamp: Date;
  /** Starts every UID (`hostname/…`), making them unique to this portal. */
  hostname: string;
  /** First meeting to list: each slot's start_date when it has one, else `stamp`, unless this is later. */
  from?: Date;
  /** End of the alternating slots' rules (see above); default ten years after `stamp`. */
  until?: Date;
  /** A page for the meeting (the event's URL); its agenda_url when absent or undefined. */
  pageUrl?: (schedule: Schedule) => string | undefined;
}

/** One VEVENT to write: a first meeting and the rule that repeats it. */
export interface PlannedEvent {
  uid: string;
  start: Date;
  end: Date;
  repeating?: ICalRepeatingOptions;
}

const DAY_MS = 86_400_000;
const ISO_WEEKDAYS = [ICalWeekday.MO, ICalWeekday.TU, ICalWeekday.WE, ICalWeekday.TH, ICalWeekday.FR, ICalWeekday.SA, ICalWeekday.SU];

/** UID-safe text: lower case letters, digits and `-`. */
function token(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

/** The ISO year that opens the stretch `isoYear` belongs to: the year after the last 53-week year before it. */
function stretchStart(isoYear: number): number {
  let y = isoYear;
  // 53-week years come every 5 or 6 years (7 at most across a century): 10 steps is plenty.
  for (let i = 0; i < 10 && getISOWeeksInYear(new UTCDate(Date.UTC(y - 1, 5, 1))) !== 53; i++) y--;
  return y;
}

/** The skip dates' starts (at the slot's time) that fall in [first, last]. */
function excluded(slot: Slot, first: Date, last: Date | undefined): Date[] {
  const minutes = Number(slot.time.slice(0, 2)) * 60 + Number(slot.time.slice(2));
  return (slot.skipDates ?? [])
    .map((s) => new Date(Date.parse(`${s.date}T00:00:00Z`) + minutes * 60_000))
    .filter((t) => t >= first && (!last || t <= last))
    .filter((t) => ruleStarts(slot, t, new Date(t.getTime() + 1)).length === 1)
    .sort((a, b) => a.getTime() - b.getTime());
}

function withExclusions(repeating: ICalRepeatingOptions, exclude: Date[]): ICalRepeatingOptions {
  return exclude.length ? { ...repeating, exclude } : repeating;
}

/** One open-ended rule from the first meeting: weekly and monthly rules never drift. */
function steadyEvent(slot: Slot, rule: Rule, uid: string, from: Date): PlannedEvent[] {
  const first = ruleStarts(slot, from, new Date(from.getTime() + 400 * DAY_MS))[0];
  if (!first) return [];
  const end = new Date(first.getTime() + slot.duration * 60_000);
  const repeating: ICalRepeatingOptions =
    rule.type === 'monthly' ? { freq: ICalEventRepeatingFreq.MONTHLY, byDay: [ISO_WEEKDAYS[rule.weekday - 1]!], bySetPos: [1] } : { freq: ICalEventRepeatingFreq.WEEKLY };
  return [{ uid, start: first, end, repeating: withExclusions(repeating, excluded(slot, first, undefined)) }];
}

/** One closed INTERVAL rule per run of evenly spaced meetings (a run ends at each 53-week year). */
function alternatingEvents(slot: Slot, rule: Extract<Rule, { type: 'iso-weeks' }>, uid: string, from: Date, until: Date): PlannedEvent[] {
  const gap = rule.every * 7 * DAY_MS;
  const runs: Date[][] = [];
  for (const start of ruleStarts(slot, from, until)) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (run && last && start.getTime() - last.getTime() === gap) run.push(start);
    else runs.push([start]);
  }
  const skipped = skippedDays(slot);
  // A lone meeting (a run cut short by `from` or `until`) that is called off is no event at all.
  const kept = runs.filter((run) => run.length > 1 || !skipped.has(run[0]!.toISOString().slice(0, 10)));
  return kept.map((run) => {
    const first = run[0]!;
    const last = run.at(-1)!;
    const planned: PlannedEvent = {
      uid: `${uid}.y${stretchStart(getISOWeekYear(new UTCDate(first)))}`,
      start: first,
      end: new Date(first.getTime() + slot.duration * 60_000),
    };
    if (run.length > 1) planned.repeating = withExclusions({ freq: ICalEventRepeatingFreq.WEEKLY, interval: rule.every, until: last }, excluded(slot, first, last));
    return planned;
  });
}

/** The VEVENTs of one slot; `uid` is its stable id (`hostname/…`). */
export function planSlot(slot: Slot, uid: string, opts: Pick<CalendarOptions, 'stamp' | 'from' | 'until'>): PlannedEvent[] {
  const rule = slot.known ? ruleOf(slot.frequency) : ({ type: 'none' } as const);
  if (rule.type === 'none') return [];
  const startDate = slot.startDate ? Date.parse(`${slot.startDate}T00:00:00Z`) : undefined;
  const from = new Date(opts.from ? Math.max(opts.from.getTime(), startDate ?? -Infinity) : (startDate ?? opts.stamp.getTime()));
  const until = opts.until ?? addYears(opts.stamp, 10);
  return rule.type === 'iso-weeks' ? alternatingEvents(slot, rule, uid, from, until) : steadyEvent(slot, rule, uid, from);
}

/**
 * Stable ids for a schedule's slots: meeting id, day, time, channel and frequency
 * (numbered when two slots share them). `withFile` adds the file's name, for a
 * meeting id that more than one file uses (irc-meetings has two `tc` files).
 */
export function slotUids(schedule: Schedule, hostname: string, withFile = false): string[] {
  const seen = new Map<string, number>();
  const owner = withFile ? `${token(schedule.key)}-${token(schedule.file.replace(/^.*\//, '').replace(/\.[^.]*$/, ''))}` : token(schedule.key);
  return schedule.slots.map((s) => {
    const base = `${owner}.${token(`${s.day}-${s.time}-${s.irc}-${s.frequency}`)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    // `hostname/id`, not the usual `id@hostname`: that form reads as an e-mail address, and the site holds none.
    return `${hostname}/${n > 1 ? `${base}-${n}` : base}`;
  });
}

/** The slot ids of each schedule, in the order given: unique over the whole calendar. */
export function calendarUids(schedules: Schedule[], hostname: string): string[][] {
  const files = new Map<string, number>();
  for (const s of schedules) files.set(s.key, (files.get(s.key) ?? 0) + 1);
  return schedules.map((s) => slotUids(s, hostname, files.get(s.key)! > 1));
}

/** DESCRIPTION: the description, then the agenda and the chairs, as yaml2ical lists them. */
function describe(schedule: Schedule): string {
  const lines = [schedule.description, schedule.agendaUrl && `Agenda: ${schedule.agendaUrl}`, schedule.chair && `Chair: ${schedule.chair}`].filter(Boolean);
  return lines.join('\n\n');
}

/** The iCalendar text of the schedules (sorted by key and file, so the feed does not depend on the input order). */
export function calendar(schedules: Schedule[], opts: CalendarOptions): string {
  const cal = ical({ name: opts.name, prodId: { company: 'agora', product: 'schedules', language: 'EN' }, ...(opts.url ? { url: opts.url } : {}) });
  const order = (a: Schedule, b: Schedule) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  const sorted = [...schedules].sort(order);
  const allUids = calendarUids(sorted, opts.hostname);
  sorted.forEach((schedule, n) => {
    const uids = allUids[n]!;
    const url = opts.pageUrl?.(schedule) ?? schedule.agendaUrl;
    schedule.slots.forEach((slot, i) => {
      for (const planned of planSlot(slot, uids[i]!, opts)) {
        cal.createEvent({
          id: planned.uid,
          stamp: opts.stamp,
          start: planned.start,
          end: planned.end,
          summary: schedule.project,
          location: `#${slot.irc}`,
          description: describe(schedule),
          ...(url ? { url } : {}),
          ...(planned.repeating ? { repeating: planned.repeating } : {}),
        });
      }
    });
  });
  // RFC 5545 ends every content line with CRLF, the last one too; ical-generator leaves that one off.
  return `${cal.toString().replace(/(\r\n)?$/, '')}\r\n`;
}

