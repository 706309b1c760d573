/**
 * The meetings views every meetings page reads, computed once per build from
 * the catalog's summaries (teams, followed action items, decisions).
 */
import { MEETING_KIND, SCHEDULE_KIND } from '../../model/meeting.ts';
import type { ItemSummary } from '../types.ts';
import type { MeetingSummary, ScheduleSummary } from './summary.ts';
import { buildTeams, trackActions, type Team, type TrackedAction } from './views.ts';

export interface Decision {
  meeting: MeetingSummary;
  text: string;
  time: string;
  line?: number;
}

export interface MeetingsView {
  teams: Team[];
  bySlug: ReadonlyMap<string, Team>;
  actions: TrackedAction[];
  /** Every #agreed, newest first. */
  decisions: Decision[];
}

const memo = new WeakMap<object, MeetingsView>();
/** Folders of meetings/ that are pages, not sources. */
const RESERVED = new Set(['teams', 'actions', 'decisions']);

/** `now` places "next meeting": the build's time (pages update it in the reader's browser). */
export function meetingsView(catalog: { items(kind: string): readonly ItemSummary[] }, now: Date = new Date()): MeetingsView {
  const had = memo.get(catalog);
  if (had) return had;
  const meetings = catalog.items(MEETING_KIND) as readonly MeetingSummary[];
  const schedules = catalog.items(SCHEDULE_KIND) as readonly ScheduleSummary[];
  const clash = meetings.find((m) => RESERVED.has(m.source));
  if (clash) throw new Error(`source id "${clash.source}" names a meetings page folder (meetings/${clash.source}/): give the meetbot source another id`);
  const teams = buildTeams(meetings, schedules, now);
  const bySlug = new Map<string, Team>();
  for (const t of teams) {
    if (bySlug.has(t.slug)) throw new Error(`two meeting teams, "${bySlug.get(t.slug)!.id}" and "${t.id}", have the same page name "${t.slug}"`);
    bySlug.set(t.slug, t);
  }
  const decisions = meetings
    .flatMap((m) => m.decisions.map((d) => ({ meeting: m, ...d })))
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  const view = { teams, bySlug, actions: trackActions(meetings), decisions };
  memo.set(catalog, view);
  return view;
}
