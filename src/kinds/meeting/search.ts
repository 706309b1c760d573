import { maskEmail } from '../../lib/privacy.ts';
import type { Meeting, Schedule } from '../../model/meeting.ts';
import { personKey } from '../../model/person.ts';
import type { PeopleView, SearchDoc } from '../types.ts';
import type { MeetingSummary, ScheduleSummary } from './summary.ts';

/** How much of a meeting's log goes into the index after its summary. */
export const MAX_LOG_CHARS = 6000;

function day(iso: string): string {
  return iso.slice(0, 10);
}

/**
 * A meeting as a search document: its title with team and date (what a result
 * shows), then the summary a reader sees first (topics, decisions, actions,
 * links and notes), then the log's words up to a cap. Lines of people who
 * opted out are left out, and everyone's text is redacted.
 */
export function meetingToDoc(source: string, m: Meeting, s: MeetingSummary, people: PeopleView): SearchDoc {
  const hidden = (account: string | undefined) => account !== undefined && people.isHidden(personKey(source, account));
  const notes = m.notes.filter((n) => !hidden(n.by)).map((n) => `${n.type === 'agreed' ? 'Agreed: ' : n.type === 'action' ? 'Action: ' : ''}${n.text}`);
  const summary = [`Team ${m.team}, ${day(m.start)}.`, s.topics.length ? `Topics: ${s.topics.join('; ')}.` : '', ...notes].filter(Boolean).join('\n');
  let log = '';
  for (const l of m.log) {
    if (l.type === 'bot' || l.type === 'event' || hidden(l.who)) continue;
    if (log.length + l.text.length > MAX_LOG_CHARS) break;
    log += `${l.text}\n`;
  }
  const chair = s.chairs.map((k) => people.person(k)).find((p) => p);
  return {
    id: `${source}:meeting:${m.key}`,
    path: s.path,
    title: maskEmail(people.redact(`${s.title}, ${day(m.start)}`)),
    body: maskEmail(people.redact(`${summary}\n\n${log}`)),
    ...(chair ? { byline: maskEmail(chair.name) } : {}),
    source,
    kind: 'meeting',
    project: m.team,
    date: m.start,
  };
}

/** A meeting definition as a search document: its team page, found by project name, channel or description. */
export function scheduleToDoc(source: string, d: Schedule, s: ScheduleSummary): SearchDoc {
  const where = [...new Set(d.slots.map((x) => `#${x.irc}`))].join(', ');
  return {
    id: `${source}:schedule:${d.key}`,
    path: s.path,
    title: maskEmail(s.title),
    body: maskEmail([`Meeting ${d.key}${where ? ` on ${where}` : ''}.`, d.description ?? '', d.chair ? `Chair: ${d.chair}` : ''].filter(Boolean).join('\n')),
    source,
    kind: 'schedule',
    project: d.key,
    // A definition has no date of its own: the result shows none.
    date: '',
  };
}
