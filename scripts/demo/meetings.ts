/**
 * The demo community's IRC meetings, as a meeting bot publishes them, and the irc-meetings
 * schedule files that say when each team meets. Five teams, 2024-01 to 2026-10:
 *
 *   aurora-compute    weekly, Tuesday 14:00, #aurora-meeting       (OpenDev's MeetBot, opendevmeet)
 *   aurora-network    biweekly-odd, Wednesday 15:00, #aurora-meeting-alt
 *   aurora-dashboard  biweekly-even, Thursday 16:00, #aurora-meeting (meeting id aurora-ui in 2024)
 *   aurora-docs       first Thursday, 08:00, #aurora-docs          (meetingology, aurorabot: .moin.txt + .log.html)
 *   aurora-tc         weekly, Tuesday 18:00, #aurora-tc            (raw log with ISO timestamps)
 *
 * Files are `<team>/<YYYY>/<team>.<YYYY-MM-DD-HH.MM>.<ext>` (.log.txt, .log.html, .txt, .html;
 * .moin.txt and .log.html for meetingology), each meeting spoken through the bot (meetbot.ts) so
 * its minutes are what MeetBot writes for its log. The attendees are the code reviewers of the
 * Gerrit demo under IRC nicks. The hard cases are listed in MEETING_CASES; `meetings` says which
 * meeting has which. Deterministic: the same seed gives the same bytes.
 */
import { UTCDate } from '@date-fns/utc';
import { getISOWeek } from 'date-fns';
import { DAY, parseDay, releasesBetween } from './calendar.ts';
import { PROJECTS, buildCommunity, coresAt, pickPerson, type Community, type Person, type ProjectName } from './community.ts';
import { MeetBotSession, fileStamp } from './meetbot.ts';
import { htmlLog, htmlMinutes, isoLog, meetingologyLog, moinMinutes, textLog, textMinutes, type LogEvent } from './meetbot-writers.ts';
import { me, openDiscussion, projectTopic, reviewActions, rollCall, say, vote, type OpenAction, type Speaker, type TalkContext } from './meetings-talk.ts';
import { Rng } from './prng.ts';
import { scheduleYaml } from './meetings-yaml.ts';

export { generateScaledMeetbot } from './meetings-scaled.ts';
export { writeMeetingSchedules } from './meetings-yaml.ts';

/** The demo's meeting logs are served as if from here (the config's meetbot source points there). */
export const MEETINGS_ORIGIN = 'https://meetings.aurora.example';
export const MEETINGS_BASE = '/meetings/';

export type Frequency = 'weekly' | 'biweekly-odd' | 'biweekly-even' | 'first-thursday';

export interface MeetingTeam {
  id: string;
  /** The schedule's `project`. */
  title: string;
  project: ProjectName | 'all';
  channel: string;
  /** UTC weekday, 0 = Sunday. */
  day: number;
  /** `HHMM`, UTC. */
  time: string;
  frequency: Frequency;
  flavour: 'opendev' | 'meetingology';
  bot: string;
  /** The raw log's line format; meetingology publishes none. */
  log: 'text' | 'iso' | 'none';
  /** The meeting id the team used before a date (unix seconds). */
  formerly?: { id: string; until: number };
  description: string;
}

export const MEETING_TEAMS: readonly MeetingTeam[] = [
  { id: 'aurora-compute', title: 'Aurora Compute Team Meeting', project: 'aurora/compute', channel: '#aurora-meeting', day: 2, time: '1400', frequency: 'weekly', flavour: 'opendev', bot: 'opendevmeet', log: 'text', description: 'The weekly meeting of the Aurora Compute team: bugs, reviews, specs and the release.' },
  { id: 'aurora-network', title: 'Aurora Network Team Meeting', project: 'aurora/network', channel: '#aurora-meeting-alt', day: 3, time: '1500', frequency: 'biweekly-odd', flavour: 'opendev', bot: 'opendevmeet', log: 'text', description: 'Aurora Network: OVN, agents and the L3 team, every other week.' },
  { id: 'aurora-dashboard', title: 'Aurora Dashboard Team Meeting', project: 'aurora/dashboard', channel: '#aurora-meeting', day: 4, time: '1600', frequency: 'biweekly-even', flavour: 'opendev', bot: 'opendevmeet', log: 'text', formerly: { id: 'aurora-ui', until: Date.UTC(2025, 0, 1) / 1000 }, description: 'The Aurora Dashboard (formerly Aurora UI) team meeting.' },
  { id: 'aurora-docs', title: 'Aurora Documentation Team Meeting', project: 'aurora/docs', channel: '#aurora-docs', day: 4, time: '0800', frequency: 'first-thursday', flavour: 'meetingology', bot: 'aurorabot', log: 'none', description: 'Documentation office hours, the first Thursday of the month.' },
  { id: 'aurora-tc', title: 'Aurora Technical Committee', project: 'all', channel: '#aurora-tc', day: 2, time: '1800', frequency: 'weekly', flavour: 'opendev', bot: 'opendevmeet', log: 'iso', description: 'The Technical Committee meets weekly; office hours on full moons.' },
];

export const MEETING_CASES = [
  'missed', 'no-endmeeting', 'renamed', 'id-changed', 'latin1', 'garbled', 'bot-error', 'hostile', 'nick-change', 'away-nick', 'vote', 'repeated-action', 'undo', 'unassigned-action', 'iso-log', 'moin',
] as const;
export type MeetingCase = (typeof MEETING_CASES)[number];

/** The strings the hostile meetings carry (a renderer must show them as text, never run them). */
export const MEETING_XSS = ['<script>alert(1)</script>', 'javascript:alert(1)', '<img src=x onerror=alert(1)>', '<b>new</b>'] as const;

/** Planted cases: the team's n-th held meeting (0-based). Votes and repeated actions also happen on their own. */
const PLANTED: Record<string, Record<number, MeetingCase[]>> = {
  'aurora-compute': { 3: ['away-nick'], 9: ['nick-change'], 17: ['no-endmeeting'], 25: ['latin1'], 33: ['hostile'], 41: ['undo'], 48: ['unassigned-action'] },
  'aurora-network': { 5: ['garbled'], 12: ['renamed'], 20: ['vote'] },
  'aurora-dashboard': { 4: ['bot-error'], 30: ['vote'] },
  'aurora-docs': { 3: ['hostile'], 6: ['vote'] },
  'aurora-tc': { 6: ['nick-change'], 10: ['vote'], 14: ['unassigned-action'] },
};

export interface DemoMeeting {
  /** `<name>.<YYYY-MM-DD-HH.MM>`: the files' common name. */
  key: string;
  /** The folder the files are in (the bot's meeting name). */
  folder: string;
  /** The schedule's meeting id. */
  team: string;
  /** Unix seconds of #startmeeting, and of #endmeeting (or the last line). */
  start: number;
  end: number;
  ended: boolean;
  /** Paths in `files`. */
  files: string[];
  cases: MeetingCase[];
  /** Lines said per nick, as the minutes count them. */
  attendees: Map<string, number>;
}

export interface MeetbotFile {
  bytes: Buffer;
  /** Unix seconds: when the bot last wrote it. */
  mtime: number;
}

export interface DemoMeetings {
  /** `<team>/<YYYY>/<file>` -> the file. */
  files: Map<string, MeetbotFile>;
  /** irc-meetings definitions: `<file>.yaml` -> YAML text. */
  schedules: Map<string, string>;
  meetings: DemoMeeting[];
  /** Slots the schedule had but nobody met. */
  missed: { team: string; at: number }[];
}

export interface DemoMeetingsOptions {
  seed?: string;
  /** YYYY-MM-DD (UTC): the first and last days meetings may fall on. */
  start?: string;
  end?: string;
}

/** `biweekly-odd`/`-even` follow the ISO week number's parity, as yaml2ical counts them. */
export function meetsOn(team: Pick<MeetingTeam, 'day' | 'frequency'>, dayStart: number): boolean {
  const d = new UTCDate(dayStart * 1000);
  if (d.getUTCDay() !== team.day) return false;
  const week = getISOWeek(d);
  switch (team.frequency) {
    case 'weekly':
      return true;
    case 'biweekly-odd':
      return week % 2 === 1;
    case 'biweekly-even':
      return week % 2 === 0;
    case 'first-thursday':
      return d.getUTCDate() <= 7;
  }
}

const holiday = (t: number): boolean => {
  const d = new Date(t * 1000);
  return (d.getUTCMonth() === 11 && d.getUTCDate() >= 22) || (d.getUTCMonth() === 0 && d.getUTCDate() <= 3);
};

function fold(name: string): string {
  return name.replace(/Ł/g, 'L').replace(/ł/g, 'l').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
}

/** IRC nicks: mostly the Gerrit username, some a first name or initial-and-surname. */
export function nicknames(seed: string, community: Community): Map<Person, string> {
  const rng = new Rng(`${seed}/meetings/nicks`);
  const out = new Map<Person, string>();
  const taken = new Set<string>();
  for (const p of community.people) {
    const parts = p.account.name.split(' ').map(fold).filter(Boolean);
    const r = rng.next();
    let nick = p.account.username;
    if (parts.length >= 2 && r < 0.25) nick = parts[0]!;
    else if (parts.length >= 2 && r < 0.4) nick = `${parts[0]![0]}${parts[parts.length - 1]}`;
    if (taken.has(nick) || nick.length > 16) nick = p.account.username;
    taken.add(nick);
    out.set(p, nick);
  }
  return out;
}

interface World {
  seed: string;
  community: Community;
  nicks: Map<Person, string>;
  releases: ReturnType<typeof releasesBetween>;
  review: () => number;
}

function chairsOf(w: World, team: MeetingTeam, t: number): Person[] {
  const projects = team.project === 'all' ? PROJECTS : [team.project];
  const cores = projects.flatMap((p) => coresAt(w.community, p, t)).filter((p, i, all) => all.indexOf(p) === i);
  return cores.sort((a, b) => b.weight - a.weight).slice(0, team.project === 'all' ? 3 : 2);
}

function attendeesOf(w: World, rng: Rng, team: MeetingTeam, t: number, chairs: Person[]): Person[] {
  const out = [...chairs];
  const n = rng.int(3, team.project === 'all' ? 6 : 7);
  for (let i = 0; i < n * 3 && out.length < n + chairs.length; i++) {
    const project = team.project === 'all' ? rng.pick(PROJECTS) : team.project;
    const p = pickPerson(rng, w.community, project, t, out);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

interface Held {
  s: MeetBotSession;
  events: LogEvent[];
  cases: MeetingCase[];
}

/** Speaks one meeting through the bot, with the cases planted in it. */
function holdMeeting(w: World, team: MeetingTeam, at: number, index: number, actions: OpenAction[]): Held {
  const rng = new Rng(`${w.seed}/meetings/${team.id}/${at}`);
  const cases = [...(PLANTED[team.id]?.[index] ?? [])];
  if (team.flavour !== 'meetingology' && rng.chance(0.04) && !cases.length) cases.push('vote');
  const name = team.formerly && at < team.formerly.until ? team.formerly.id : team.id;
  if (name !== team.id) cases.push('id-changed');
  const topicError = cases.includes('bot-error') ? `Error: I need to be at least halfopped to change the topic in ${team.channel}.` : undefined;
  const s = new MeetBotSession({ flavour: team.flavour, channel: team.channel, botNick: team.bot, urlPrefix: `${MEETINGS_ORIGIN}${MEETINGS_BASE}`, ...(topicError ? { topicError } : {}) });
  const chairs = chairsOf(w, team, at);
  const people = attendeesOf(w, rng, team, at, chairs);
  const speakers: Speaker[] = people.map((p) => ({ id: p.account._account_id, nick: w.nicks.get(p)! }));
  // A few people are on a second client for the whole meeting.
  for (const sp of speakers.slice(1)) if (rng.chance(0.04)) sp.nick = `${sp.nick}_`;
  const nickOf = (id: number) => w.nicks.get(w.community.people.find((p) => p.account._account_id === id)!)!;
  const project = team.project === 'all' ? rng.pick(PROJECTS) : team.project;
  const release = w.releases.find((r) => r.at > at)?.name ?? 'next';
  const c: TalkContext = { rng, s, project, chair: speakers[0]!, cochair: speakers[1], people: speakers, actions, flavour: team.flavour, release, nickOf, t: at + rng.int(0, 75) };
  const events: LogEvent[] = [];
  s.say(c.t, c.chair.nick, `#startmeeting ${name}`);
  if (cases.includes('away-nick')) say(c, { ...speakers[2]!, nick: `${speakers[2]!.nick}|away` }, 'o/ half here, in another call');
  if (cases.includes('renamed')) say(c, c.chair, `#meetingname ${team.id}-ovn`);
  rollCall(c);
  reviewActions(c);
  const topics = rng.int(2, 3);
  for (let i = 0; i < topics; i++) {
    projectTopic(c, { review: w.review });
    if (i === 0) plantMidMeeting(c, cases, events, team);
  }
  if (cases.includes('vote')) vote(c);
  openDiscussion(c);
  if (cases.includes('no-endmeeting')) say(c, c.people[1] ?? c.chair, 'I have to run, can someone end the meeting?');
  else say(c, c.chair, '#endmeeting', rng.int(2, 10));
  return { s, events, cases };
}

function plantMidMeeting(c: TalkContext, cases: MeetingCase[], events: LogEvent[], team: MeetingTeam): void {
  const who = c.people[c.people.length - 1]!;
  if (cases.includes('nick-change')) {
    const old = who.nick;
    say(c, who, 'brb, switching machines');
    who.nick = `${old.replace(/_+$/, '')}_`;
    c.t += 40;
    if (team.log === 'iso') events.push({ t: c.t, text: `${old} is now known as ${who.nick}` });
    say(c, who, 'back');
  }
  if (cases.includes('latin1')) {
    say(c, who, 'the caf\u00e9 wifi r\u00e9sum\u00e9 bug is back, M\u00fcller\u2019s patch fixes it'.replace('\u2019', "'"));
    say(c, c.chair, '#info na\u00efve retry in the \u00bbquota\u00ab refresh is the culprit, d\u00e9j\u00e0 vu');
  }
  if (cases.includes('hostile')) {
    say(c, who, MEETING_XSS[0]);
    say(c, who, `#link ${MEETING_XSS[1]}`);
    say(c, c.chair, `#info the ${MEETING_XSS[3]} panel is <i>live</i> & shiny`);
    say(c, who, `look: ${MEETING_XSS[2]}`);
    say(c, c.chair, `#action ${who.nick} to check ${MEETING_XSS[2]} in the panel`);
    c.actions.push({ owner: who.id, task: `check ${MEETING_XSS[2]} in the panel`, carried: 0, lasts: 0 });
  }
  if (cases.includes('undo')) {
    say(c, c.chair, `#action ${who.nick} to rewrite everything in Rust`);
    say(c, who, 'wait, what?');
    say(c, c.chair, '#undo');
  }
  if (cases.includes('unassigned-action')) say(c, c.chair, '#action someone to write the upgrade note');
  if (team.flavour === 'meetingology' && c.rng.chance(0.3)) me(c, c.chair, 'updates the docs board');
}

function encodeLog(text: string, cases: readonly MeetingCase[]): Buffer {
  // A bot that writes its raw log in the channel's legacy charset: Latin-1 bytes, not UTF-8.
  return cases.includes('latin1') ? Buffer.from(text, 'latin1') : Buffer.from(text, 'utf8');
}

/** A line the file got but nobody said: NULs where a write was cut off. */
function garble(log: string): string {
  const lines = log.split('\n');
  const at = Math.floor(lines.length / 2);
  lines.splice(at, 0, `${lines[at]!.slice(0, 4)}\u0000\u0000\u0000\u0000\u0000\u0000`);
  return lines.join('\n');
}

function publish(team: MeetingTeam, h: Held, files: Map<string, MeetbotFile>): DemoMeeting {
  const { s, cases } = h;
  const last = s.lines[s.lines.length - 1]!.t;
  const end = s.end ?? last;
  const out: [string, Buffer, number][] = [];
  if (team.log !== 'none') {
    let log = team.log === 'iso' ? isoLog(s, h.events) : textLog(s);
    if (cases.includes('garbled')) log = garble(log);
    out.push(['.log.txt', encodeLog(log, cases), last + 1]);
  }
  if (s.ended) {
    if (team.flavour === 'meetingology') out.push(['.moin.txt', Buffer.from(moinMinutes(s)), end + 1], ['.log.html', Buffer.from(meetingologyLog(s)), end + 1]);
    else out.push(['.log.html', Buffer.from(htmlLog(s)), end + 1], ['.txt', Buffer.from(textMinutes(s)), end + 1], ['.html', Buffer.from(htmlMinutes(s)), end + 1]);
  }
  for (const [ext, bytes, mtime] of out) files.set(`${s.path}${ext}`, { bytes, mtime });
  if (team.log === 'iso') cases.push('iso-log');
  if (team.flavour === 'meetingology') cases.push('moin');
  if (!s.ended && !cases.includes('no-endmeeting')) cases.push('no-endmeeting');
  return { key: s.basename, folder: s.path.split('/')[0]!, team: team.id, start: s.start!, end, ended: s.ended, files: out.map(([ext]) => `${s.path}${ext}`), cases, attendees: new Map(s.attendees) };
}

/** Marks the meetings where one action was recorded again at three or more meetings in a row. */
function markRepeatedActions(meetings: DemoMeeting[], actionsOf: Map<DemoMeeting, string[]>): void {
  for (const team of MEETING_TEAMS) {
    const held = meetings.filter((m) => m.team === team.id && m.ended);
    for (let i = 2; i < held.length; i++) {
      const [a, b, c] = [held[i - 2]!, held[i - 1]!, held[i]!];
      const repeated = actionsOf.get(c)!.some((x) => actionsOf.get(b)!.includes(x) && actionsOf.get(a)!.includes(x));
      if (repeated) for (const m of [a, b, c]) if (!m.cases.includes('repeated-action')) m.cases.push('repeated-action');
    }
  }
}

/** The demo's meetbot archive and irc-meetings files. Pure: the same options give the same bytes. */
export function generateMeetings(options: DemoMeetingsOptions = {}): DemoMeetings {
  const seed = options.seed ?? 'agora-demo';
  const first = parseDay(options.start ?? '2024-01-01');
  const last = parseDay(options.end ?? '2026-10-31');
  // The same community as the code reviews and the lists (which start 2023-11-01).
  const community = buildCommunity(seed, parseDay('2023-11-01'), parseDay('2026-10-31') + DAY - 1);
  const ids = new Rng(`${seed}/meetings/review-ids`);
  let reviewId = 905_000;
  const w: World = { seed, community, nicks: nicknames(seed, community), releases: releasesBetween(first, last + DAY), review: () => (reviewId += ids.int(1, 400)) };
  const files = new Map<string, MeetbotFile>();
  const meetings: DemoMeeting[] = [];
  const missed: DemoMeetings['missed'] = [];
  const actionsOf = new Map<DemoMeeting, string[]>();
  for (const team of MEETING_TEAMS) {
    const skip = new Rng(`${seed}/meetings/${team.id}/missed`);
    const actions: OpenAction[] = [];
    let index = 0;
    for (let day = first; day <= last; day += DAY) {
      if (!meetsOn(team, day)) continue;
      const at = day + Number(team.time.slice(0, 2)) * 3600 + Number(team.time.slice(2)) * 60;
      if (holiday(at) || skip.chance(0.08)) {
        missed.push({ team: team.id, at });
        continue;
      }
      const held = holdMeeting(w, team, at, index++, actions);
      const m = publish(team, held, files);
      meetings.push(m);
      actionsOf.set(m, held.s.minutes.filter((x) => x.type === 'ACTION').map((x) => x.line));
    }
  }
  markRepeatedActions(meetings, actionsOf);
  const schedules = new Map(MEETING_TEAMS.map((team) => [`${team.id}-meeting.yaml`, scheduleYaml(team, chairsOf(w, team, last).map((p) => ({ name: p.account.name, nick: w.nicks.get(p)! })), first)]));
  return { files, schedules, meetings, missed };
}

export { fileStamp };
