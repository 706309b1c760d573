/**
 * Test helper: an iCalendar text read back with ical.js (Mozilla's parser, an
 * implementation independent of the one that wrote it) and every VEVENT's
 * recurrence (RRULE, RDATE, EXDATE) expanded over a window, as calendar
 * applications would.
 */
import ICAL from 'ical.js';

export interface ExpandedEvent {
  uid: string;
  summary: string;
  location: string;
  description: string;
  url: string | undefined;
  rrule: string | undefined;
  /** Minutes from DTSTART to DTEND. */
  minutes: number;
  /** Start times in [from, to), as ISO strings. */
  starts: string[];
}

export function expandCalendar(text: string, from: Date, to: Date): { calendar: ICAL.Component; events: ExpandedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const event = new ICAL.Event(vevent);
    const starts: string[] = [];
    const it = event.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const at = next.toJSDate();
      if (at >= to) break;
      if (at >= from) starts.push(at.toISOString());
    }
    const rrule = vevent.getFirstProperty('rrule');
    const url = vevent.getFirstPropertyValue('url');
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      url: typeof url === 'string' ? url : undefined,
      rrule: rrule ? String(rrule.toICALString()).replace(/^RRULE:/, '') : undefined,
      minutes: event.duration.toSeconds() / 60,
      starts,
    };
  });
  return { calendar, events };
}
