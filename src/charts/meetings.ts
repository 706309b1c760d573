/**
 * What the meeting charts share (pure): the meeting kind's name, a meeting
 * and a tracked action item as the charts read them, and their scopes (`all`
 * teams plus one per team).
 *
 * A team is a place of the catalog, keyed by its source and meeting id
 * (`placeKey(source, team)`) like every place, so two sources that each log a
 * `docs` meeting give two scopes. The team pages join teams across sources by
 * meeting id; the charts follow the catalog's places, as the list charts do.
 *
 * People are read from the settled summaries: a meeting's `attendees` are the
 * counted people who said something (the catalog leaves out bots and people
 * who opted out when it settles summaries), the same people as its
 * `attended` events.
 */
import type { ItemSummary } from '../catalog/types.ts';
import { placeKey } from '../lib/places.ts';
import { projectScopes, type ChartScope, type ScopePlace } from './scopes.ts';

/** The meeting kind (`MEETING_KIND` in src/model/meeting.ts, which chart code does not import). */
export const MEETING_KIND = 'meeting';

/** The `all` scope of the meeting charts. */
export const ALL_TEAMS_SCOPE: ChartScope = { id: 'all', label: 'All teams', words: 'all teams' };

/** A meeting as the charts read it (the catalog's settled `MeetingSummary` fits); `place` is its team. */
export interface HeldMeeting {
  source: string;
  place?: string;
  /** UTC ISO 8601. */
  start: string;
  /** Person keys of the counted people who said something (no bots, no one who opted out). */
  attendees: readonly string[];
}

/**
 * An action item followed across its team's meetings (the meeting kind's
 * `TrackedAction`, tracked one source at a time, with that source).
 */
export interface MeetingAction {
  source: string;
  /** The team's meeting id: its place. */
  team: string;
  /** Starts (UTC ISO 8601) of the meetings that recorded it, oldest first: more than one when carried over. */
  raised: readonly { start: string }[];
  /** Start of the team's first meeting that did not carry it over; absent while it is open. */
  closed?: string;
}

/**
 * `all` ("All teams") plus one scope per place that has meetings, so a
 * project or a list gets no empty meeting charts.
 */
export function meetingScopes(places: Iterable<ScopePlace>, meetings: Iterable<Pick<ItemSummary, 'source' | 'place'>>): ChartScope[] {
  const teams = new Set<string>();
  for (const m of meetings) if (m.place !== undefined) teams.add(placeKey(m.source, m.place));
  return projectScopes([...places].filter((p) => teams.has(p.key)), ALL_TEAMS_SCOPE);
}

/**
 * Action items tracked one source at a time, each with its source, so that an
 * item is kept under its place (`placeKey(source, team)`). `track` is the
 * meeting kind's `trackActions`, which follows items by meeting id alone.
 */
export function trackPerSource<M extends { source: string }, A extends object>(meetings: readonly M[], track: (meetings: readonly M[]) => readonly A[]): (A & { source: string })[] {
  const bySource = new Map<string, M[]>();
  for (const m of meetings) {
    let list = bySource.get(m.source);
    if (!list) bySource.set(m.source, (list = []));
    list.push(m);
  }
  return [...bySource].flatMap(([source, list]) => track(list).map((a) => ({ ...a, source })));
}
