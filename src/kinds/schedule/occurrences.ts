/**
 * When a schedule's slots meet, by yaml2ical's rules (its `recurrence.py`):
 *
 * - `weekly`: every week on the slot's day.
 * - `biweekly-odd` / `biweekly-even`: the weeks whose ISO 8601 week number is
 *   odd / even. A 53-week ISO year (2020, 2026, 2032…) ends on week 53 and the
 *   next starts on week 1, so odd meetings fall two weeks running there and even
 *   ones skip three: the parity is the rule, not "every 14 days".
 * - `quadweekly`, `quadweekly-week-1|2|3`, `quadweekly-alternate` (= week 2):
 *   the weeks whose ISO week number modulo 4 is 0, 1, 2, 3 (and 2).
 * - `first-<weekday>`: the first such weekday of every month (the weekday comes
 *   from the frequency, as in yaml2ical, not from `day`).
 * - `adhoc` and unknown frequencies: no computable occurrence.
 *
 * `startDate` (a date, UTC) is the first day a meeting may fall on; `skipDates`
 * remove single occurrences. Times are UTC (irc-meetings has no time zones).
 * yaml2ical's own "next meeting" starts from the start date's month + 1 for the
 * monthly rules; here the first such weekday on or after the start date counts,
 * which is what its RRULE (FREQ=MONTHLY;BYDAY=1XX) expands to anyway.
 */
import { UTCDate } from '@date-fns/utc';
import { addDays, addMonths, getISODay, getISOWeek, startOfMonth } from 'date-fns';
import { WEEKDAYS, type Schedule, type Slot } from '../../model/meeting.ts';

/** How a frequency picks its days: every week, some ISO weeks, or the first weekday of a month. */
export type Rule =
  | { type: 'weekly' }
  | { type: 'iso-weeks'; every: 2 | 4; remainder: number }
  | { type: 'monthly'; weekday: number }
  | { type: 'none' };

const RULES: Record<string, Rule> = {
  weekly: { type: 'weekly' },
  'biweekly-odd': { type: 'iso-weeks', every: 2, remainder: 1 },
  'biweekly-even': { type: 'iso-weeks', every: 2, remainder: 0 },
  quadweekly: { type: 'iso-weeks', every: 4, remainder: 0 },
  'quadweekly-week-1': { type: 'iso-weeks', every: 4, remainder: 1 },
  'quadweekly-week-2': { type: 'iso-weeks', every: 4, remainder: 2 },
  'quadweekly-week-3': { type: 'iso-weeks', every: 4, remainder: 3 },
  'quadweekly-alternate': { type: 'iso-weeks', every: 4, remainder: 2 },
  'first-monday': { type: 'monthly', weekday: 1 },
  'first-tuesday': { type: 'monthly', weekday: 2 },
  'first-wednesday': { type: 'monthly', weekday: 3 },
  'first-thursday': { type: 'monthly', weekday: 4 },
  'first-friday': { type: 'monthly', weekday: 5 },
  adhoc: { type: 'none' },
};

/** The rule of a frequency (`none` for adhoc and unknown ones). */
export function ruleOf(frequency: string): Rule {
  return RULES[frequency] ?? { type: 'none' };
}

/** ISO weekday (1 = Monday … 7 = Sunday) of an English day name, any case; undefined when it is none. */
export function isoWeekday(day: string): number | undefined {
  const i = WEEKDAYS.findIndex((d) => d.toLowerCase() === day.trim().toLowerCase());
  return i < 0 ? undefined : i + 1;
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

function minutesOf(slot: Slot): number {
  return Number(slot.time.slice(0, 2)) * 60 + Number(slot.time.slice(2, 4));
}

function midnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** Does the rule take the ISO week of this (UTC) start time? */
function weekMatches(rule: Extract<Rule, { type: 'iso-weeks' }>, t: number): boolean {
  return getISOWeek(new UTCDate(t)) % rule.every === rule.remainder;
}

/** The first start on the given ISO weekday at the slot's time, at or after `lower`. */
function firstWeekdayAtOrAfter(lower: number, weekday: number, minutes: number): number {
  const day = new UTCDate(lower);
  const dayStart = Date.UTC(day.getFullYear(), day.getMonth(), day.getDate());
  let t = dayStart + ((weekday - getISODay(day) + 7) % 7) * DAY_MS + minutes * 60_000;
  if (t < lower) t += WEEK_MS;
  return t;
}

function weeklyStarts(rule: Rule, weekday: number, minutes: number, lower: number, to: number): number[] {
  const out: number[] = [];
  for (let t = firstWeekdayAtOrAfter(lower, weekday, minutes); t < to; t += WEEK_MS) {
    if (rule.type === 'weekly' || (rule.type === 'iso-weeks' && weekMatches(rule, t))) out.push(t);
  }
  return out;
}

function monthlyStarts(weekday: number, minutes: number, lower: number, to: number): number[] {
  const out: number[] = [];
  for (let month = startOfMonth(new UTCDate(lower)); month.getTime() < to; month = addMonths(month, 1)) {
    const first = addDays(month, (weekday - getISODay(month) + 7) % 7).getTime() + minutes * 60_000;
    if (first >= lower && first < to) out.push(first);
  }
  return out;
}

/**
 * Every start the slot's rule gives in [from, to), skip dates included (the
 * calendar writes those as EXDATE); empty for adhoc, unknown frequencies and an
 * unreadable day or time.
 */
export function ruleStarts(slot: Slot, from: Date, to: Date): Date[] {
  const rule = slot.known ? ruleOf(slot.frequency) : ({ type: 'none' } as const);
  const weekday = rule.type === 'monthly' ? rule.weekday : isoWeekday(slot.day);
  if (rule.type === 'none' || weekday === undefined || !/^([01]\d|2[0-3])[0-5]\d$/.test(slot.time)) return [];
  const lower = Math.max(from.getTime(), slot.startDate ? midnight(slot.startDate) : -Infinity);
  const upper = to.getTime();
  if (!(lower < upper)) return [];
  const starts = rule.type === 'monthly' ? monthlyStarts(weekday, minutesOf(slot), lower, upper) : weeklyStarts(rule, weekday, minutesOf(slot), lower, upper);
  return starts.map((t) => new Date(t));
}

/** The UTC dates (`YYYY-MM-DD`) the slot's `skipDates` call off. */
export function skippedDays(slot: Slot): Set<string> {
  return new Set((slot.skipDates ?? []).map((s) => s.date));
}

/** UTC start times of the slot's meetings in [from, to), oldest first. */
export function occurrences(slot: Slot, from: Date, to: Date): Date[] {
  const skipped = skippedDays(slot);
  return ruleStarts(slot, from, to).filter((d) => !skipped.has(d.toISOString().slice(0, 10)));
}

/** Wide enough to hold the next meeting of every rule (at most five weeks apart), skips and all. */
const LOOK_AHEAD_DAYS = 400;

/** The slot's first meeting strictly after `after`; undefined for adhoc and unknown frequencies. */
export function nextOccurrence(slot: Slot, after: Date): Date | undefined {
  const start = Math.max(after.getTime() + 1, slot.startDate ? midnight(slot.startDate) : -Infinity);
  return occurrences(slot, new Date(start), new Date(start + LOOK_AHEAD_DAYS * DAY_MS))[0];
}

/** The schedule's next meeting strictly after `after`, over all its slots, and the slot it is of. */
export function nextMeeting(schedule: Schedule, after: Date): { slot: Slot; start: Date } | undefined {
  let best: { slot: Slot; start: Date } | undefined;
  for (const slot of schedule.slots) {
    const start = nextOccurrence(slot, after);
    if (start && (!best || start < best.start)) best = { slot, start };
  }
  return best;
}
