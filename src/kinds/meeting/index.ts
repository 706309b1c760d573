/**
 * IRC meetings: the `meeting` kind (one meeting a bot logged) and the
 * `schedule` kind (a team's meeting definition). Their pages live under
 * src/pages/meetings/; attendees are people like reviewers and posters, from
 * `attended`, `chaired` and `action` events.
 */
import { Meeting, MEETING_KIND, Schedule, SCHEDULE_KIND } from '../../model/meeting.ts';
import { defineKind } from '../registry.ts';
import { meetingToDoc, scheduleToDoc } from './search.ts';
import { meetingActivity, summariseMeeting, summariseSchedule, type MeetingSummary, type ScheduleSummary } from './summary.ts';

const TEAM = { one: 'team', many: 'teams' };
const NAV = { id: 'meetings', path: 'meetings/', label: 'Meetings' };

export const meetingKind = defineKind<Meeting, MeetingSummary>({
  kind: MEETING_KIND,
  label: { one: 'meeting', many: 'meetings' },
  nav: NAV,
  home: true,
  placeLabel: TEAM,
  navListsPlaces: true,
  schema: Meeting,
  summarise: summariseMeeting,
  accounts: ({ data: m }) => m.attendees.map((a) => [a.account, { id: a.account, name: a.nick, username: a.nick, isBot: a.isBot }] as const),
  activity: (item, s) => meetingActivity(item.data, s),
  settle(s, ctx) {
    s.title = ctx.redact(s.title);
    s.topics = s.topics.map((t) => ctx.redact(t));
    s.decisions = s.decisions.map((d) => ({ ...d, text: ctx.redact(d.text) }));
    s.actions = s.actions.map((a) => {
      const keep = a.owners.map((o) => ctx.counts(o));
      return { ...a, text: ctx.redact(a.text), owners: a.owners.filter((_, i) => keep[i]), ownerNicks: a.ownerNicks.map((n, i) => (keep[i] || !a.owners[i] ? n : ctx.redact(n))) };
    });
    s.attendees = s.attendees.filter((k) => ctx.counts(k));
    s.chairs = s.chairs.filter((k) => ctx.counts(k));
  },
  acts: {
    attended: { counted: 'meetings attended', did: 'attended' },
    chaired: { counted: 'meetings chaired', did: 'chaired' },
    action: { counted: 'action items taken', did: 'took an action in' },
  },
  searchDate: 'held',
  compare: (a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : a.key.localeCompare(b.key)),
  search: (item, s, people) => meetingToDoc(item.source, item.data, s, people),
});

export const scheduleKind = defineKind<Schedule, ScheduleSummary>({
  kind: SCHEDULE_KIND,
  label: { one: 'meeting schedule', many: 'meeting schedules' },
  nav: NAV,
  home: false,
  placeLabel: TEAM,
  navListsPlaces: true,
  schema: Schedule,
  summarise: summariseSchedule,
  // Chairs are written as free text ("Name (nick)"): they are shown, not counted as anyone's account.
  accounts: () => [],
  activity: () => [],
  acts: {},
  compare: (a, b) => a.title.localeCompare(b.title) || a.key.localeCompare(b.key),
  search: (item, s) => scheduleToDoc(item.source, item.data, s),
});

export * from './summary.ts';
export * from './views.ts';
export { meetingToDoc, scheduleToDoc } from './search.ts';
export * from './site.ts';
