import type { Item } from '../../model/item.ts';
import { scheduleFileId, type Meeting, type Schedule, type Slot } from '../../model/meeting.ts';
import { personKey } from '../../model/person.ts';
import type { ItemSummary, KindEvent } from '../types.ts';

/** An action item as lists and charts need it. */
export interface ActionSummary {
  text: string;
  /** Person keys of its owners (uncounted people dropped when settled). */
  owners: string[];
  /** Nicks of the owners as written, for actions whose owners are not counted people. */
  ownerNicks: string[];
  time: string;
  /** Log line, for the anchor on the meeting page. */
  line?: number;
}

export interface MeetingSummary extends ItemSummary {
  kind: 'meeting';
  /** Meeting key (`nova.2024-01-11-14.00`). */
  id: string;
  /** The team's meeting id (also `place`). */
  team: string;
  start: string;
  end: string;
  minutes: number;
  ended: boolean;
  /** Person keys of people who said something (bots left out; uncounted people dropped when settled). */
  attendees: string[];
  /** How many people said something, counted or not (bots left out): the attendance figure. */
  attendance: number;
  chairs: string[];
  topics: string[];
  /** Its #agreed lines. */
  decisions: { text: string; time: string; line?: number }[];
  actions: ActionSummary[];
  /** Where the log came from, and what the parser noticed. */
  from: Meeting['from'];
  flags: string[];
}

export interface ScheduleSummary extends ItemSummary {
  kind: 'schedule';
  /** The meeting id (also `place`). */
  id: string;
  project: string;
  slots: Slot[];
  chair?: string;
  agendaUrl?: string;
  description?: string;
  flags: string[];
}

export function meetingPath(source: string, key: string): string {
  return `meetings/${source}/${key}/`;
}

/** A team's page: teams are joined across sources by their meeting id. */
export function teamPath(slug: string): string {
  return `meetings/teams/${slug}/`;
}

/** The file name part of a team (meeting ids are folder names, so mostly safe already). */
export function teamSlug(team: string): string {
  return (
    team
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-.]+|[-.]+$/g, '') || 'team'
  );
}

function minutesBetween(a: string, b: string): number {
  return Math.max(0, Math.round((Date.parse(b) - Date.parse(a)) / 60_000));
}

export function summariseMeeting({ source, data: m }: Item<Meeting>): MeetingSummary {
  const key = (account: string) => personKey(source, account);
  const people = m.attendees.filter((a) => !a.isBot && a.lines > 0);
  const nickOf = new Map(m.attendees.map((a) => [a.account, a.nick]));
  return {
    key: `${source}:${m.key}`,
    kind: 'meeting',
    id: m.key,
    source,
    title: m.title.trim() || `${m.team} meeting`,
    created: m.start,
    updated: m.end,
    place: m.team,
    path: meetingPath(source, m.key),
    url: m.files.logHtml ?? m.files.log ?? m.files.minutesHtml ?? m.files.minutes ?? m.files.moin,
    team: m.team,
    start: m.start,
    end: m.end,
    minutes: minutesBetween(m.start, m.end),
    ended: m.ended,
    attendees: people.map((a) => key(a.account)),
    attendance: people.length,
    chairs: m.attendees.filter((a) => a.chair && !a.isBot).map((a) => key(a.account)),
    topics: m.topics.map((t) => t.title),
    decisions: m.notes.filter((n) => n.type === 'agreed').map((n) => ({ text: n.text, time: n.time, ...(n.line !== undefined ? { line: n.line } : {}) })),
    actions: m.notes
      .filter((n) => n.type === 'action')
      .map((n) => ({ text: n.text, owners: n.owners.map(key), ownerNicks: n.owners.map((o) => nickOf.get(o) ?? o), time: n.time, ...(n.line !== undefined ? { line: n.line } : {}) })),
    from: m.from,
    flags: m.flags,
  };
}

/** Attended (said something), chaired, and took an action (named in one). */
export function meetingActivity(m: Meeting, s: MeetingSummary): KindEvent[] {
  const out: KindEvent[] = [];
  for (const who of s.attendees) out.push({ who, act: 'attended', when: s.start });
  for (const who of s.chairs) out.push({ who, act: 'chaired', when: s.start });
  for (const a of m.notes) {
    if (a.type !== 'action') continue;
    for (const o of a.owners) out.push({ who: personKey(s.source, o), act: 'action', when: a.time });
  }
  return out;
}

export function summariseSchedule({ source, data: d }: Item<Schedule>): ScheduleSummary {
  return {
    key: `${source}:${scheduleFileId(d.file) || d.key}`,
    kind: 'schedule',
    id: d.key,
    source,
    title: d.project || d.key,
    // A definition has no date of its own: it sorts with the oldest.
    updated: '1970-01-01T00:00:00Z',
    place: d.key,
    path: teamPath(teamSlug(d.key)),
    ...(d.agendaUrl ? { url: d.agendaUrl } : {}),
    project: d.project,
    slots: d.slots,
    ...(d.chair ? { chair: d.chair } : {}),
    ...(d.agendaUrl ? { agendaUrl: d.agendaUrl } : {}),
    ...(d.description ? { description: d.description } : {}),
    flags: d.flags,
  };
}
