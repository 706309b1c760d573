/**
 * Fixed meeting data for the meeting chart tests: meeting summaries as the
 * catalog keeps them once settled (attendees are counted people only: bots
 * and people who opted out are already gone) and the action items followed
 * across them, as `trackActions` gives them per source. Expected numbers are
 * worked out in the tests.
 *
 * Teams: `alpha` and `beta` in source `demo`, and another `alpha` in source
 * `mirror` (same meeting id, another place). February has no demo meeting.
 */
import type { ItemSummary } from '../../catalog/types.ts';
import type { HeldMeeting, MeetingAction } from '../meetings.ts';

export type FixtureMeeting = HeldMeeting & ItemSummary;

const meeting = (source: string, team: string, start: string, attendees: string[]): FixtureMeeting => {
  const id = `${team}.${start.slice(0, 16).replace('T', '-').replace(':', '.')}`;
  return { key: `${source}:${id}`, kind: 'meeting', source, title: `${team} meeting`, created: start, updated: start, place: team, path: `meetings/${source}/${id}/`, start, attendees };
};

export const MEETINGS: FixtureMeeting[] = [
  meeting('demo', 'alpha', '2024-01-04T15:00:00Z', ['demo:1', 'demo:2', 'demo:3']),
  meeting('demo', 'alpha', '2024-01-11T15:00:00Z', ['demo:1', 'demo:2']),
  meeting('demo', 'alpha', '2024-03-07T15:00:00Z', ['demo:1', 'demo:2', 'demo:3', 'demo:4']),
  // The meeting bot spoke too: it is not among the attendees.
  meeting('demo', 'beta', '2024-01-20T09:00:00Z', ['demo:5']),
  // Only the bot and someone who opted out spoke: held, with no counted attendee.
  meeting('demo', 'beta', '2024-03-21T09:00:00Z', []),
  meeting('mirror', 'alpha', '2024-02-01T15:00:00Z', ['mirror:1', 'mirror:2']),
];

const action = (source: string, team: string, raised: string[], closed?: string): MeetingAction => ({ source, team, raised: raised.map((start) => ({ start })), ...(closed ? { closed } : {}) });

export const ACTIONS: MeetingAction[] = [
  // Carried over twice, from January to March, and still open.
  action('demo', 'alpha', ['2024-01-04T15:00:00Z', '2024-01-11T15:00:00Z', '2024-03-07T15:00:00Z']),
  // Not carried into the next meeting: raised and closed in January.
  action('demo', 'alpha', ['2024-01-04T15:00:00Z'], '2024-01-11T15:00:00Z'),
  // Open at the end of January and February, closed by the March meeting.
  action('demo', 'alpha', ['2024-01-11T15:00:00Z'], '2024-03-07T15:00:00Z'),
  action('demo', 'beta', ['2024-01-20T09:00:00Z'], '2024-03-21T09:00:00Z'),
  action('mirror', 'alpha', ['2024-02-01T15:00:00Z']),
];
