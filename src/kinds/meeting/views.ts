/**
 * Build-time views over meetings and schedules (pure): teams (a schedule and
 * the meetings held under its meeting id, from any source), the action items
 * followed from meeting to meeting, every decision, and the scheduled
 * meetings that were not held.
 */
import { nextOccurrence, occurrences } from '../schedule/occurrences.ts';
import type { ActionSummary, MeetingSummary, ScheduleSummary } from './summary.ts';
import { teamPath, teamSlug } from './summary.ts';

export interface Team {
  /** The meeting id. */
  id: string;
  slug: string;
  path: string;
  /** The schedule's project name, else the latest meeting's title, else the id. */
  name: string;
  schedule?: ScheduleSummary;
  /** Newest first. */
  meetings: MeetingSummary[];
  lastHeld?: MeetingSummary;
  /** Next scheduled start (UTC ISO) after `now`, when the schedule has one. */
  next?: string;
  /** Scheduled starts (UTC ISO) between the team's first held meeting and the portal's newest one with no meeting held that day. */
  missed: string[];
  /** Chairs of its meetings, most often first (person keys). */
  chairs: string[];
}

const DAY = 86_400_000;

/** Scheduled starts of a schedule in [from, to). Slots with unknown or ad-hoc frequencies have none. */
export function scheduledBetween(s: Pick<ScheduleSummary, 'slots'>, from: Date, to: Date): Date[] {
  return s.slots.filter((slot) => slot.known).flatMap((slot) => occurrences(slot, from, to)).sort((a, b) => a.getTime() - b.getTime());
}

export function nextScheduled(s: Pick<ScheduleSummary, 'slots'>, after: Date): Date | undefined {
  let best: Date | undefined;
  for (const slot of s.slots) {
    if (!slot.known) continue;
    const n = nextOccurrence(slot, after);
    if (n && (!best || n < best)) best = n;
  }
  return best;
}

/**
 * Scheduled meetings not held: an occurrence with no meeting of the team on
 * its UTC day. Judged only from the team's first held meeting (a schedule
 * older than the archive says nothing) to the newest meeting the portal holds
 * (what happened after the last sync is not known yet).
 */
export function missedMeetings(s: Pick<ScheduleSummary, 'slots'>, held: readonly Pick<MeetingSummary, 'start'>[], horizon: string | undefined): string[] {
  if (!held.length || !horizon) return [];
  const days = new Set(held.map((m) => m.start.slice(0, 10)));
  const first = held.reduce((a, m) => (m.start < a ? m.start : a), held[0]!.start);
  const from = new Date(Date.parse(`${first.slice(0, 10)}T00:00:00Z`));
  const to = new Date(Date.parse(`${horizon.slice(0, 10)}T00:00:00Z`) + DAY);
  return scheduledBetween(s, from, to)
    .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .filter((iso) => !days.has(iso.slice(0, 10)));
}

function byCount(keys: readonly string[]): string[] {
  const n = new Map<string, number>();
  for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

/** Teams by meeting id, every schedule and every team that held a meeting, by name. */
export function buildTeams(meetings: readonly MeetingSummary[], schedules: readonly ScheduleSummary[], now: Date): Team[] {
  const held = new Map<string, MeetingSummary[]>();
  for (const m of meetings) {
    let list = held.get(m.team);
    if (!list) held.set(m.team, (list = []));
    list.push(m);
  }
  const horizon = meetings.reduce<string | undefined>((a, m) => (!a || m.start > a ? m.start : a), undefined);
  // Files that share a meeting id (a meeting and its office hours) are one team with all their slots.
  const scheduleOf = new Map<string, ScheduleSummary>();
  for (const s of [...schedules].sort((a, b) => a.key.localeCompare(b.key))) {
    const had = scheduleOf.get(s.id);
    scheduleOf.set(s.id, had ? { ...had, slots: [...had.slots, ...s.slots], flags: [...had.flags, ...s.flags], description: [had.description, s.description].filter(Boolean).join('\n\n') || undefined } : s);
  }
  const ids = new Set([...held.keys(), ...scheduleOf.keys()]);
  const teams: Team[] = [];
  for (const id of ids) {
    const list = (held.get(id) ?? []).sort((a, b) => (a.start < b.start ? 1 : -1));
    const schedule = scheduleOf.get(id);
    const next = schedule ? nextScheduled(schedule, now) : undefined;
    teams.push({
      id,
      slug: teamSlug(id),
      path: teamPath(teamSlug(id)),
      name: schedule?.project || list[0]?.title || id,
      ...(schedule ? { schedule } : {}),
      meetings: list,
      ...(list[0] ? { lastHeld: list[0] } : {}),
      ...(next ? { next: next.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      missed: schedule ? missedMeetings(schedule, list, horizon) : [],
      chairs: byCount(list.flatMap((m) => m.chairs)),
    });
  }
  return teams.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

export type ActionState = 'open' | 'closed';

/** One action item followed across a team's meetings: raised, maybe carried over, then open or closed. */
export interface TrackedAction {
  team: string;
  text: string;
  owners: string[];
  ownerNicks: string[];
  /** The meetings it was raised in, oldest first (more than one: carried over). */
  raised: { meeting: string; path: string; start: string; line?: number }[];
  /**
   * `open` while it was raised in the team's latest meeting; `closed` when the
   * next meeting did not carry it over (done or dropped: the log does not say which).
   */
  state: ActionState;
  /** When it closed: the start of the first meeting that did not carry it over. */
  closed?: string;
}

/** Words of an action without case, punctuation and the carry-over words people add ("still", "continue to"). */
export function actionWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b(?:continue|continues|continuing|keep|keeps) to\b/g, ' ')
    .replace(/\b(still|continue|continues|continuing|to continue|carried over|carry over|cont|again|followup|follow up|follow-up|ongoing)\b/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function sameOwners(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Whether two action texts say the same thing: equal words, or nearly all the words of the shorter one. */
function sameAction(a: string, b: string): boolean {
  if (a === b) return true;
  const wa = new Set(a.split(' ').filter((w) => w.length > 2));
  const wb = new Set(b.split(' ').filter((w) => w.length > 2));
  if (wa.size < 3 || wb.size < 3) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / Math.min(wa.size, wb.size) >= 0.8;
}

/**
 * Action items of every team, followed from meeting to meeting: an action
 * raised again in the team's next meeting (same owners, the same words) is the
 * same item carried over; one the next meeting does not raise again is closed.
 */
export function trackActions(meetings: readonly MeetingSummary[]): TrackedAction[] {
  const byTeam = new Map<string, MeetingSummary[]>();
  for (const m of meetings) {
    let list = byTeam.get(m.team);
    if (!list) byTeam.set(m.team, (list = []));
    list.push(m);
  }
  const out: TrackedAction[] = [];
  for (const [team, list] of byTeam) {
    list.sort((a, b) => (a.start < b.start ? -1 : 1));
    let live: { t: TrackedAction; words: string }[] = [];
    for (const m of list) {
      const next: typeof live = [];
      for (const a of m.actions as ActionSummary[]) {
        const words = actionWords(a.text);
        const at = { meeting: m.id, path: m.path, start: m.start, ...(a.line !== undefined ? { line: a.line } : {}) };
        const i = live.findIndex((l) => sameOwners(l.t.ownerNicks, a.ownerNicks) && sameAction(l.words, words));
        if (i >= 0) {
          const [carried] = live.splice(i, 1);
          carried!.t.raised.push(at);
          carried!.t.text = a.text;
          next.push(carried!);
        } else {
          const t: TrackedAction = { team, text: a.text, owners: a.owners, ownerNicks: a.ownerNicks, raised: [at], state: 'open' };
          out.push(t);
          next.push({ t, words });
        }
      }
      // Raised last time, not this time: closed at this meeting.
      for (const l of live) {
        l.t.state = 'closed';
        l.t.closed = m.start;
      }
      live = next;
    }
  }
  return out.sort((a, b) => (a.raised[0]!.start < b.raised[0]!.start ? 1 : -1));
}

/** Open actions by owner (person key, or the nick for owners who are not counted people), owners by most open first. */
export function openActionsByOwner(actions: readonly TrackedAction[]): { owner: string; nick: string; actions: TrackedAction[] }[] {
  const by = new Map<string, { owner: string; nick: string; actions: TrackedAction[] }>();
  for (const a of actions) {
    if (a.state !== 'open') continue;
    const owners = a.owners.length ? a.owners.map((o, i) => [o, a.ownerNicks[i] ?? o] as const) : [['', 'unassigned'] as const];
    for (const [owner, nick] of owners) {
      let e = by.get(owner || nick);
      if (!e) by.set(owner || nick, (e = { owner, nick, actions: [] }));
      e.actions.push(a);
    }
  }
  return [...by.values()].sort((a, b) => b.actions.length - a.actions.length || a.nick.localeCompare(b.nick));
}

const FREQUENCY_WORDS: Record<string, string> = {
  weekly: 'Weekly',
  'biweekly-odd': 'Every two weeks (odd ISO weeks)',
  'biweekly-even': 'Every two weeks (even ISO weeks)',
  quadweekly: 'Every four weeks',
  'quadweekly-alternate': 'Every four weeks (alternate weeks)',
  adhoc: 'When needed (ad hoc)',
};

/** "Weekly on Thursday at 14:00 UTC, #openstack-meeting"; a frequency Agora does not know is shown as written. */
export function slotWords(slot: Pick<import('../../model/meeting.ts').Slot, 'frequency' | 'day' | 'time' | 'irc' | 'known'>): string {
  const first = /^first-(\w+)$/.exec(slot.frequency);
  const how = FREQUENCY_WORDS[slot.frequency] ?? (first ? `First ${first[1]![0]!.toUpperCase()}${first[1]!.slice(1)} of the month` : `"${slot.frequency}" (not a frequency Agora knows)`);
  const on = first || slot.frequency === 'adhoc' ? '' : ` on ${slot.day}`;
  return `${how}${on} at ${slot.time.slice(0, 2)}:${slot.time.slice(2)} UTC, #${slot.irc}`;
}

/** Text cut into plain parts and http(s) links (nothing else becomes a link: `javascript:` stays text). */
export function linkParts(text: string): { text: string; href?: string }[] {
  const out: { text: string; href?: string }[] = [];
  let at = 0;
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"'`]+/gi)) {
    // Trailing punctuation closes the sentence, not the URL.
    const url = m[0].replace(/[).,;:!?\]]+$/, '');
    if (m.index > at) out.push({ text: text.slice(at, m.index) });
    out.push({ text: url, href: url });
    at = m.index + url.length;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}
