/**
 * A meeting derived from its log by replaying MeetBot's rules (MeetBot 0.1.4
 * `meeting.py`, with the vote commands of OpenStack's fork and of
 * GMeetBot/meetingology), so that what we show agrees with the minutes the
 * bot wrote:
 *
 * - The meeting runs from the first `#startmeeting` to the first `#endmeeting`
 *   a chair gives; lines outside it are kept in the log but count for
 *   nothing. A second #startmeeting inside is no command (the bot refuses it).
 *   Without any #startmeeting the whole log is the meeting and, as MeetBot's
 *   replay does, its first speaker the owner (flag `no-startmeeting`).
 * - Every line in the meeting counts for its speaker, the bot's own lines and
 *   /me lines included ("People present (lines said)"); #chair and #nick add
 *   attendees with no lines.
 * - Chair-only commands from others are ignored (see `commands.ts`); chairs
 *   are compared by exact nick, as MeetBot does, so `nick_` is no chair
 *   because `nick` is.
 * - #undo removes the last item of the minutes, whatever its type.
 * - Action owners are the attendees whose nick (any form seen, or the folded
 *   account) appears in the action's text as a whole word, case-insensitive
 *   (MeetBot's `\bnick\b` search over its attendees, #nick names included).
 * - People are accounts (`foldNick`), and `a is now known as b` events make b
 *   the same account as a, so `nick_`, `nick|away` and renames are one
 *   attendee (where MeetBot lists each form apart; `crossCheck` folds the
 *   minutes the same way).
 * - The meeting bot is the nick that answers `Meeting started`; when none
 *   does, the nicks `opts.isBot` names. Its lines become `bot` lines and are
 *   never commands. Errors it answers with flag `bot-errors`.
 */
import type { Attendee, LogLine, Note, NoteType, Topic, Vote } from '../../model/meeting.ts';
import { foldNick } from '../../model/meeting.ts';
import { DayClock, secondsOfDay } from './clock.ts';
import { isAutoLink, normaliseMeetingName, parseCommand, splitNicks, splitUnchair, type Command } from './commands.ts';
import type { MinutesVote, ParsedMinutes } from './minutes.ts';

export interface DeriveOptions {
  /** Nicks the config lists as bots (matched on the nick as written). */
  isBot?: (nick: string) => boolean;
  /** The channel, when the caller knows it (the `.log.html` title). */
  channel?: string;
}

export interface DerivedMeeting {
  /** The meeting topic (#startmeeting text or #meetingtopic), else the meeting name, else ''. */
  title: string;
  /** As #meetingname normalised it, or as the bot announced it. */
  meetingName?: string;
  channel?: string;
  /** Account of who started the meeting. */
  owner?: string;
  start: string;
  end: string;
  ended: boolean;
  attendees: Attendee[];
  topics: Topic[];
  notes: Note[];
  votes: Vote[];
  flags: string[];
  /** The log with the bot's lines typed `bot` and speakers folded through nick changes. */
  log: LogLine[];
}

type Item =
  | { kind: 'topic'; title: string; by: string; time: string; line: number }
  | { kind: 'entry'; type: NoteType; text: string; by: string; time: string; line: number };

interface OpenVote {
  style: 'options' | 'motion';
  question: string;
  options: string[];
  time: string;
  topicItems: number;
  /** Account → choice (the last one counts). */
  ballots: Map<string, string>;
}

const RENAME = /^(\S+) is now known as (\S+)$/;
const BOT_ERROR = /^(?:\S+[:,] )?Error: /;
const NAME_SET = /^The meeting name has been set to '(.*)'$/;

/** Accounts and line counts, folding nicks through renames. */
class People {
  private readonly alias = new Map<string, string>();
  readonly byAccount = new Map<string, { nick: string; nicks: Set<string>; lines: number }>();

  accountOf(nick: string): string {
    return this.alias.get(nick) ?? foldNick(nick);
  }

  rename(from: string, to: string): void {
    const account = this.accountOf(from);
    this.alias.set(to, account);
    this.byAccount.get(account)?.nicks.add(to);
  }

  add(nick: string, lines: number): string {
    const account = this.accountOf(nick);
    const p = this.byAccount.get(account) ?? { nick, nicks: new Set<string>(), lines: 0 };
    p.nicks.add(nick);
    p.lines += lines;
    this.byAccount.set(account, p);
    return account;
  }
}

class Replay {
  readonly people = new People();
  readonly items: Item[] = [];
  readonly votes: Vote[] = [];
  readonly flags = new Set<string>();
  readonly chairs = new Set<string>();
  readonly everChair = new Set<string>();
  owner: string | undefined;
  meetingTopic: string | undefined;
  meetingName: string | undefined;
  vote: OpenVote | undefined;
  usedStartvote = false;
  botNick: string | undefined;

  constructor(private readonly log: LogLine[]) {}

  isChair(nick: string): boolean {
    return nick === this.owner || this.chairs.has(nick);
  }

  item(type: NoteType, text: string, nick: string, i: number): void {
    this.items.push({ kind: 'entry', type, text, by: this.people.accountOf(nick), time: this.log[i]!.time, line: i });
  }

  /** Applies a command said by `nick` on line `i`. Returns true when it ended the meeting. */
  command(cmd: Command & { chairOnly: boolean }, nick: string, i: number): boolean {
    if (cmd.chairOnly && !this.isChair(nick)) return false;
    const time = this.log[i]!.time;
    switch (cmd.name) {
      case 'endmeeting':
        if (this.vote?.style === 'motion') this.endVote(nick, i);
        return true;
      case 'topic':
        this.items.push({ kind: 'topic', title: cmd.arg, by: this.people.accountOf(nick), time, line: i });
        break;
      case 'meetingtopic':
        this.setMeetingTopic(cmd.arg);
        break;
      case 'meetingname':
        this.meetingName = normaliseMeetingName(cmd.arg) || undefined;
        break;
      case 'agreed':
      case 'accepted':
        this.item('agreed', cmd.arg, nick, i);
        break;
      case 'rejected':
        // The model has no "rejected" type: kept as information, worded as the minutes word it.
        this.item('info', `REJECTED: ${cmd.arg}`, nick, i);
        break;
      case 'action':
      case 'info':
      case 'idea':
      case 'help':
      case 'link':
        this.item(cmd.name, cmd.arg, nick, i);
        break;
      case 'subtopic':
        this.item('info', cmd.arg, nick, i);
        break;
      case 'chair':
        for (const c of splitNicks(cmd.arg)) {
          this.chairs.add(c);
          this.everChair.add(this.people.add(c, 0));
        }
        break;
      case 'unchair':
        for (const c of splitUnchair(cmd.arg)) this.chairs.delete(c);
        break;
      case 'nick':
        for (const n of splitNicks(cmd.arg)) this.people.add(n, 0);
        break;
      case 'undo':
        this.items.pop();
        break;
      case 'startvote':
        this.startOptionsVote(cmd.arg, i);
        break;
      case 'vote':
        this.voteCommand(cmd.arg, nick, i);
        break;
      case 'endvote':
        this.endVote(nick, i);
        break;
      case 'voters':
        this.setVoters(cmd.arg);
        break;
      case 'votesrequired':
        this.required = Number.parseInt(cmd.arg, 10) || 0;
        break;
      default:
        break;
    }
    return false;
  }

  setMeetingTopic(arg: string): void {
    const t = arg.trim();
    this.meetingTopic = t === '' || /^(none|unset)$/i.test(t) ? undefined : t;
  }

  // ------------------------------------------------------------------ votes

  private required = 0;
  private motionVoters = new Set<string>();

  /** OpenStack: `#startvote Question? A, B` (options default to Yes, No). */
  private startOptionsVote(arg: string, i: number): void {
    this.usedStartvote = true;
    if (this.vote) return;
    const q = arg.lastIndexOf('?');
    const question = (q >= 0 ? arg.slice(0, q + 1) : arg).trim();
    const options = (q >= 0 ? arg.slice(q + 1) : '').split(',').map((o) => o.trim()).filter(Boolean);
    this.vote = this.openVote('options', question, options.length ? options : ['Yes', 'No'], i);
  }

  private openVote(style: OpenVote['style'], question: string, options: string[], i: number): OpenVote {
    return { style, question, options, time: this.log[i]!.time, topicItems: this.items.length, ballots: new Map() };
  }

  private voteCommand(arg: string, nick: string, i: number): void {
    if (this.vote?.style === 'options') {
      const choice = this.vote.options.find((o) => o.toLowerCase() === arg.trim().toLowerCase());
      if (choice) this.vote.ballots.set(this.people.accountOf(nick), choice);
      return;
    }
    // meetingology: a chair's #vote opens a motion, when none is open.
    if (!this.vote && !this.usedStartvote && this.isChair(nick) && arg.trim()) this.vote = this.openVote('motion', arg.trim(), ['+1', '-1', '+0'], i);
  }

  /** meetingology's `+1` / `-1` / `+0` lines during a motion. */
  cast(text: string, nick: string): void {
    const v = this.vote;
    if (v?.style !== 'motion' || !/^(\+1|0|\+0|-1)/.test(text)) return;
    if (this.motionVoters.size > 0 && !this.motionVoters.has(nick)) return;
    v.ballots.set(this.people.accountOf(nick), text);
  }

  private setVoters(arg: string): void {
    const nicks = splitNicks(arg);
    if (nicks.some((n) => /^(everyone|all|everybody)$/.test(n))) this.motionVoters = new Set();
    else for (const n of nicks) {
      this.motionVoters.add(n);
      this.people.add(n, 0);
    }
  }

  private endVote(nick: string, i: number): void {
    const v = this.vote;
    if (!v) return;
    this.vote = undefined;
    const { counts, result, text } = v.style === 'motion' ? motionResult(v, this.required) : optionsResult(v);
    const topics = this.items.slice(0, v.topicItems).filter((x) => x.kind === 'topic').length;
    const vote: Vote = { question: v.question, time: v.time, counts, result };
    if (topics > 0) vote.topic = topics - 1;
    this.votes.push(vote);
    this.item('vote', text, nick, i);
  }

  closeDangling(): void {
    if (this.vote) this.flags.add('open-vote');
  }
}

/** meetingology's tally: -1 against, 0/+0 abstain, +1 for; carried when for − against beats the votes required. */
function motionResult(v: OpenVote, required: number): { counts: Record<string, number>; result: string; text: string } {
  const counts = { for: 0, against: 0, abstain: 0 };
  for (const b of v.ballots.values()) {
    if (/^-1/.test(b)) counts.against++;
    else if (/^(0|\+0)/.test(b)) counts.abstain++;
    else if (/^\+1/.test(b)) counts.for++;
  }
  const diff = counts.for - counts.against;
  const word = diff > required ? 'Carried' : diff < required ? 'Denied' : required === 0 ? 'Deadlock' : 'Carried';
  const result = word === 'Deadlock' ? 'Deadlock' : `Motion ${word.toLowerCase()}`;
  return { counts, result, text: `${v.question} (${word})` };
}

/** OpenStack's tally: votes per option; the result is the option with most votes (ties named as such). */
function optionsResult(v: OpenVote): { counts: Record<string, number>; result: string; text: string } {
  const counts: Record<string, number> = Object.fromEntries(v.options.map((o) => [o, 0]));
  for (const b of v.ballots.values()) counts[b] = (counts[b] ?? 0) + 1;
  const max = Math.max(0, ...Object.values(counts));
  const top = v.options.filter((o) => counts[o] === max && max > 0);
  const result = top.length === 1 ? top[0]! : top.length > 1 ? `Tie: ${top.join(', ')}` : 'No votes';
  const tally = v.options.map((o) => `${o} (${counts[o]})`).join(', ');
  return { counts, result, text: `Voted on "${v.question}" Results are: ${tally}` };
}

/** The line index of the meeting's #startmeeting (the first), or -1. */
function findStart(log: LogLine[]): number {
  return log.findIndex((l) => l.type === 'say' && parseCommand(l.text)?.name === 'startmeeting');
}

/** The meeting bot: who answers "Meeting started" after the #startmeeting. */
function findBot(log: LogLine[], start: number): string | undefined {
  const owner = start >= 0 ? log[start]!.nick : undefined;
  for (let i = Math.max(start, 0); i < log.length; i++) {
    const l = log[i]!;
    if (l.type === 'say' && l.nick && l.nick !== owner && /^Meeting started\b/.test(l.text)) return l.nick;
  }
  return undefined;
}

/** Replays a parsed log (see the module comment). */
export function deriveMeeting(lines: LogLine[], opts: DeriveOptions = {}): DerivedMeeting {
  const isBot = opts.isBot ?? (() => false);
  const start = findStart(lines);
  const botNick = findBot(lines, start);
  const isMeetingBot = (nick: string | undefined) => nick !== undefined && (botNick ? nick === botNick : isBot(nick));
  const log = lines.map((l) => ({ ...l }));
  const r = new Replay(log);
  r.botNick = botNick;
  if (start < 0) r.flags.add('no-startmeeting');
  const from = Math.max(start, 0);
  let endAt: number | undefined;

  for (let i = 0; i < log.length; i++) {
    const l = log[i]!;
    if (l.type === 'event') {
      const m = RENAME.exec(l.text);
      if (m) r.people.rename(m[1]!, m[2]!);
      continue;
    }
    if (!l.nick) continue;
    l.who = r.people.accountOf(l.nick);
    if (isMeetingBot(l.nick)) l.type = 'bot';
    if (i < from || endAt !== undefined) continue;
    r.people.add(l.nick, 1);
    if (l.type === 'bot') {
      if (BOT_ERROR.test(l.text)) r.flags.add('bot-errors');
      const name = NAME_SET.exec(l.text);
      if (name) r.meetingName = name[1] || undefined;
      continue;
    }
    if (r.owner === undefined && l.type === 'say') {
      // The owner: who gave #startmeeting (or, without one, the first speaker).
      r.owner = l.nick;
      if (i === start) {
        r.setMeetingTopic(parseCommand(l.text)!.arg);
        continue;
      }
    }
    if (l.type !== 'say') continue;
    const cmd = parseCommand(l.text);
    if (cmd) {
      if (cmd.name !== 'startmeeting' && r.command(cmd, l.nick, i)) endAt = i;
    } else if (isAutoLink(l.text)) r.item('link', l.text, l.nick, i);
    else r.cast(l.text, l.nick);
  }
  r.closeDangling();
  return assemble(r, log, start, endAt, opts);
}

function assemble(r: Replay, log: LogLine[], start: number, endAt: number | undefined, opts: DeriveOptions): DerivedMeeting {
  const startTime = log[Math.max(start, 0)]?.time ?? '';
  const lastTime = log[log.length - 1]?.time ?? startTime;
  const end = endAt !== undefined ? log[endAt]!.time : lastTime;
  if (endAt === undefined) r.flags.add('no-endmeeting');
  if (log.length === 0) r.flags.add('empty-log');
  const { topics, notes } = minutesOf(r.items, end);
  const attendees = attendeesOf(r, opts);
  for (const n of notes) if (n.type === 'action') n.owners = ownersOf(n.text, r.people);
  const title = r.meetingTopic ?? r.meetingName ?? '';
  const out: DerivedMeeting = { title, start: startTime, end, ended: endAt !== undefined, attendees, topics, notes, votes: r.votes, flags: [...r.flags], log };
  if (r.meetingName) out.meetingName = r.meetingName;
  if (opts.channel) out.channel = opts.channel;
  if (r.owner) out.owner = r.people.accountOf(r.owner);
  return out;
}

function minutesOf(items: Item[], end: string): { topics: Topic[]; notes: Note[] } {
  const topics: Topic[] = [];
  const notes: Note[] = [];
  for (const it of items) {
    if (it.kind === 'topic') {
      const prev = topics[topics.length - 1];
      if (prev) prev.end = it.time;
      topics.push({ title: it.title, start: it.time, by: it.by, line: it.line });
      continue;
    }
    const note: Note = { type: it.type, text: it.text, by: it.by, time: it.time, owners: [], line: it.line };
    if (topics.length > 0) note.topic = topics.length - 1;
    notes.push(note);
  }
  const last = topics[topics.length - 1];
  if (last) last.end = end;
  return { topics, notes };
}

function attendeesOf(r: Replay, opts: DeriveOptions): Attendee[] {
  const isBot = opts.isBot ?? (() => false);
  const botAccount = r.botNick ? r.people.accountOf(r.botNick) : undefined;
  const ownerAccount = r.owner ? r.people.accountOf(r.owner) : undefined;
  const list: Attendee[] = [];
  for (const [account, p] of r.people.byAccount) {
    const bot = account === botAccount || [...p.nicks].some(isBot);
    list.push({ account, nick: p.nick, lines: p.lines, isBot: bot, chair: account === ownerAccount || r.everChair.has(account) });
  }
  return list.sort((a, b) => b.lines - a.lines || a.nick.localeCompare(b.nick));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Accounts whose nicks appear in an action's text as whole words (MeetBot's `\bnick\b`, case-insensitive). */
function ownersOf(text: string, people: People): string[] {
  const owners: string[] = [];
  const sorted = [...people.byAccount.entries()].sort((a, b) => a[0].localeCompare(b[0]));
  for (const [account, p] of sorted) {
    const forms = new Set([account, ...p.nicks]);
    if ([...forms].some((n) => new RegExp(`\\b${escapeRegExp(n)}\\b`, 'i').test(text))) owners.push(account);
  }
  return owners;
}

// ------------------------------------------------------------ minutes only

/**
 * A meeting from its minutes alone (no log was published, or it could not be
 * read). Times of day are placed on `day`, moving to the next day when the
 * clock wraps; owners of actions come from "Action items, by person" when the
 * minutes have it, else from the attendees' nicks in the text.
 */
export function meetingFromMinutes(m: ParsedMinutes, day: string, opts: DeriveOptions = {}): DerivedMeeting {
  const clock = new DayClock(day);
  const at = (t: string | undefined) => {
    const s = t === undefined ? undefined : secondsOfDay(t);
    return s === undefined ? undefined : clock.at(s);
  };
  const start = at(m.start) ?? `${day}T00:00:00Z`;
  const topicTimes = m.topics.map((t) => at(t.time));
  const noteTimes = m.notes.map((n) => (n.time === undefined ? undefined : clock.peek(secondsOfDay(n.time) ?? 0)));
  const end = at(m.end) ?? topicTimes.filter(Boolean).pop() ?? start;
  const people = new People();
  for (const a of m.attendees) people.add(a.nick, a.lines);
  const topics: Topic[] = m.topics.map((t, i) => {
    const topic: Topic = { title: t.title, start: topicTimes[i] ?? start };
    if (t.by) topic.by = people.accountOf(t.by);
    return topic;
  });
  topics.forEach((t, i) => (t.end = topics[i + 1]?.start ?? end));
  const byPerson = ownersFromMinutes(m, people);
  const notes: Note[] = m.notes.map((n, i) => {
    const note: Note = { type: n.type, text: n.text, time: noteTimes[i] ?? topics[n.topic ?? -1]?.start ?? start, owners: [] };
    if (n.by) note.by = people.accountOf(n.by);
    if (n.topic !== undefined) note.topic = n.topic;
    if (n.type === 'action') note.owners = byPerson ? (byPerson.get(flatText(n.text)) ?? []) : ownersOf(n.text, people);
    return note;
  });
  const isBot = opts.isBot ?? (() => false);
  const ownerAccount = m.owner ? people.accountOf(m.owner) : undefined;
  const attendees: Attendee[] = [...people.byAccount].map(([account, p]) => ({ account, nick: p.nick, lines: p.lines, isBot: [...p.nicks].some(isBot), chair: account === ownerAccount }));
  attendees.sort((a, b) => b.lines - a.lines || a.nick.localeCompare(b.nick));
  const out: DerivedMeeting = {
    title: m.title,
    start,
    end,
    ended: m.end !== undefined,
    attendees,
    topics,
    notes,
    votes: (m.votes ?? []).map((v) => minutesVote(v, start)),
    flags: ['minutes-only'],
    log: m.log ?? [],
  };
  if (m.channel ?? opts.channel) out.channel = (m.channel ?? opts.channel)!;
  if (ownerAccount) out.owner = ownerAccount;
  return out;
}

function minutesVote(v: MinutesVote, time: string): Vote {
  const vote: Vote = { question: v.question, time, counts: v.counts };
  if (v.result) vote.result = v.result;
  return vote;
}

/** Action text → owners' accounts, from "Action items, by person". */
function ownersFromMinutes(m: ParsedMinutes, people: People): Map<string, string[]> | undefined {
  if (!m.actionsByPerson) return undefined;
  const map = new Map<string, string[]>();
  for (const [nick, actions] of Object.entries(m.actionsByPerson)) {
    const account = people.accountOf(nick);
    for (const a of actions) {
      const list = map.get(flatText(a)) ?? [];
      if (!list.includes(account)) list.push(account);
      map.set(flatText(a), list);
    }
  }
  return map;
}

// ------------------------------------------------------------ cross-check

const flatText = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * Where a meeting derived from its log disagrees with the minutes the bot
 * wrote: topics (count, titles), action texts, the number of #agreed, the
 * attendees' line counts (the minutes' nicks folded like ours) and the start
 * and end times. Each disagreement is one sentence; none means they agree.
 * Whitespace runs are compared as one space (the minutes wrap lines).
 */
export function crossCheck(derived: DerivedMeeting, minutes: ParsedMinutes): string[] {
  const out: string[] = [];
  const dt = derived.topics.map((t) => flatText(t.title));
  const mt = minutes.topics.map((t) => flatText(t.title));
  if (dt.length !== mt.length) out.push(`topics: the log has ${dt.length}, the minutes ${mt.length}`);
  dt.forEach((t, i) => {
    if (mt[i] !== undefined && mt[i] !== t) out.push(`topic ${i + 1}: the log says "${t}", the minutes "${mt[i]}"`);
  });
  const da = derived.notes.filter((n) => n.type === 'action').map((n) => flatText(n.text));
  const ma = (minutes.actions.length ? minutes.actions : minutes.notes.filter((n) => n.type === 'action').map((n) => n.text)).map(flatText);
  for (const a of da) if (!ma.includes(a)) out.push(`action only in the log: "${a}"`);
  for (const a of ma) if (!da.includes(a)) out.push(`action only in the minutes: "${a}"`);
  const dAgreed = derived.notes.filter((n) => n.type === 'agreed').length;
  const mAgreed = minutes.notes.filter((n) => n.type === 'agreed').length;
  if (dAgreed !== mAgreed) out.push(`agreed: the log has ${dAgreed}, the minutes ${mAgreed}`);
  out.push(...attendeeDisagreements(derived, minutes));
  out.push(...timeDisagreement('start', derived.start, minutes.start));
  out.push(...timeDisagreement('end', derived.end, minutes.end));
  return out;
}

function attendeeDisagreements(derived: DerivedMeeting, minutes: ParsedMinutes): string[] {
  const out: string[] = [];
  const folded = new Map<string, number>();
  for (const a of minutes.attendees) folded.set(foldNick(a.nick), (folded.get(foldNick(a.nick)) ?? 0) + a.lines);
  const ours = new Map(derived.attendees.map((a) => [a.account, a.lines]));
  // Renames the log shows fold minutes nicks into the same accounts as ours.
  for (const [account, lines] of ours) {
    const theirs = folded.get(account);
    if (theirs === undefined) out.push(`attendee ${account} (${lines} lines) is not in the minutes`);
    else if (theirs !== lines) out.push(`attendee ${account}: ${lines} lines in the log, ${theirs} in the minutes`);
  }
  for (const [account, lines] of folded) if (!ours.has(account)) out.push(`attendee ${account} (${lines} lines) is only in the minutes`);
  return out;
}

function timeDisagreement(what: string, iso: string, clock: string | undefined): string[] {
  if (!clock || !iso) return [];
  const ours = iso.slice(11, 11 + clock.length);
  return ours === clock.padStart(ours.length, '0') ? [] : [`${what}: ${ours} in the log, ${clock} in the minutes`];
}
