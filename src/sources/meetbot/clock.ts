/**
 * Times of day to UTC instants. MeetBot logs `HH:MM:SS` (GMeetBot and
 * meetingology `HH:MM`) in its configured zone, which the deployments we read
 * keep at UTC; the date comes from the file name. A log that runs past
 * midnight shows the clock going back, so a time more than twelve hours
 * earlier than the previous one is taken as the next day (a small step back,
 * from a clock adjustment, is not).
 */
import { UTCDate } from '@date-fns/utc';
import { addDays, addSeconds } from 'date-fns';

const HALF_DAY = 12 * 3600;

/** `HH:MM[:SS]` to seconds since midnight; undefined when it is not a valid time. */
export function secondsOfDay(time: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m) return undefined;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 60) return undefined;
  return h * 3600 + mi * 60 + Math.min(s, 59);
}

/** `2024-01-11T14:00:05Z` for a day (`YYYY-MM-DD`), a day offset and seconds since midnight. */
export function isoAt(day: string, dayOffset: number, seconds: number): string {
  const base = new UTCDate(`${day}T00:00:00Z`);
  if (Number.isNaN(base.getTime())) throw new Error(`not a day: ${day}`);
  return iso(addSeconds(addDays(base, dayOffset), seconds));
}

export function iso(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Keeps the day offset of a sequence of times of day, moving to the next day when the clock wraps. */
export class DayClock {
  private offset = 0;
  private previous: number | undefined;
  constructor(private readonly day: string) {}

  /** The instant of this time of day, given the times seen before it. */
  at(seconds: number): string {
    if (this.previous !== undefined && this.previous - seconds > HALF_DAY) this.offset++;
    this.previous = seconds;
    return isoAt(this.day, this.offset, seconds);
  }

  /** The instant of a time of day without moving the clock (for times quoted in minutes). */
  peek(seconds: number): string {
    const offset = this.previous !== undefined && this.previous - seconds > HALF_DAY ? this.offset + 1 : this.offset;
    return isoAt(this.day, offset, seconds);
  }
}
