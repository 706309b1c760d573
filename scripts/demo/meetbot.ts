/**
 * A meeting bot as MeetBot 0.1.4 (and its OpenDev and meetingology descendants) runs one:
 * every line said while a meeting runs is logged and counted for its nick, `#commands` add
 * minutes items, and the bot's own replies are lines of the log too. The demo speaks a meeting
 * through it, so the minutes it writes (meetbot-writers.ts) are by construction what the bot
 * would have written for that log; a replay mode (replies taken from the log, not made) lets a
 * test feed a real log through the same rules.
 *
 * Rules kept from MeetBot: only the owner and #chair'd nicks may #topic, #agreed, #chair,
 * #endmeeting and run votes; anyone may #info, #action, #link, #idea, #help; a chair's #undo drops the last item; a line starting with
 * a URL is a #link; #chair adds its nicks to the attendees with no lines; the log stops at
 * #endmeeting (the bot's closing words come after the files are written).
 */
const pad2 = (n: number): string => String(n).padStart(2, '0');

export type Flavour = 'meetbot' | 'opendev' | 'meetingology';

export type ItemType = 'TOPIC' | 'INFO' | 'IDEA' | 'AGREED' | 'ACTION' | 'HELP' | 'LINK' | 'VOTE';

export interface MinuteItem {
  type: ItemType;
  nick: string;
  /** The command's text (a topic's title). */
  line: string;
  /** 1-based line of the log (the `#l-N` anchor). */
  linenum: number;
  /** `HH:MM:SS` (UTC). */
  time: string;
  /** Links: the text around the URL. */
  prefix?: string;
  url?: string;
  suffix?: string;
}

export interface LoggedLine {
  /** Unix seconds. */
  t: number;
  nick: string;
  text: string;
  /** `/me` line. */
  action: boolean;
}

export interface VoteRecord {
  question: string;
  options: string[];
  /** The command's log line. */
  linenum: number;
  /** Last vote per nick, in the order first cast. */
  ballots: Map<string, string>;
  /** For meetingology: "Motion carried" …; for OpenDev: the minutes' line. */
  result?: string;
}

export interface MeetBotOptions {
  flavour: Flavour;
  channel: string;
  botNick: string;
  /** Make the bot's replies (true), or leave them to the log being replayed (false). */
  speaks?: boolean;
  /** Where the files go, relative to `urlPrefix`, without extension: default `<name>/<YYYY>/<name>.<YYYY-MM-DD-HH.MM>`. */
  path?: (name: string, start: number) => string;
  urlPrefix: string;
  /** OpenDev's "due to finish in N minutes". */
  durationMinutes?: number;
  /** The bot is misconfigured: it answers a #topic with this error (it cannot set the channel topic). */
  topicError?: string;
}

const URL_PROTOCOLS = ['http:', 'https:', 'irc:', 'ftp:', 'mailto:', 'ssh:'];
const COMMAND = /^#(\w+)[ \t]*(.*)$/s;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MEETBOT_INFO = 'http://wiki.debian.org/MeetBot';
export const MEETINGOLOGY_INFO = 'https://wiki.ubuntu.com/meetingology';

export function hms(t: number): string {
  const d = new Date(t * 1000);
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** C's asctime: `Tue Jan  9 16:00:05 2024`. */
export function asctime(t: number): string {
  const d = new Date(t * 1000);
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hms(t)} ${d.getUTCFullYear()}`;
}

/** `2024-01-09-16.00`, the time part of the bot's file names. */
export function fileStamp(t: number): string {
  const d = new Date(t * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}-${pad2(d.getUTCHours())}.${pad2(d.getUTCMinutes())}`;
}

/**
 * A #link's parts. MeetBot 0.1.4 takes the first word as the URL, whatever it is (so
 * `#link Board: https://…` links to `Board:`); meetingology finds the first URL of a known
 * protocol (not ending in `.` or `)`) and falls back to the first word.
 */
export function splitLink(line: string, findUrl = false): { prefix: string; url: string; suffix: string } {
  const m = findUrl ? /^(.*?)((?:http:|https:|irc:|ftp:|mailto:|ssh:)\/\/[^\s]+(?<![.)]))(.*)$/s.exec(line) : null;
  if (m) return { prefix: m[1]!, url: m[2]!, suffix: m[3]! };
  const space = line.indexOf(' ');
  return space < 0 ? { prefix: '', url: line, suffix: '' } : { prefix: '', url: line.slice(0, space), suffix: line.slice(space) };
}

export class MeetBotSession {
  readonly options: Required<Pick<MeetBotOptions, 'speaks' | 'durationMinutes'>> & MeetBotOptions;
  /** The log as the bot keeps it, in order. */
  readonly lines: LoggedLine[] = [];
  readonly minutes: MinuteItem[] = [];
  /** Lines said per nick, in the order first seen (chairs given by #chair count 0). */
  readonly attendees = new Map<string, number>();
  readonly chairs = new Set<string>();
  readonly votes: VoteRecord[] = [];
  owner: string | undefined;
  meetingTopic: string | undefined;
  meetingName = '';
  start: number | undefined;
  end: number | undefined;
  private activeVote: VoteRecord | undefined;

  constructor(options: MeetBotOptions) {
    this.options = { speaks: true, durationMinutes: 60, ...options };
  }

  get started(): boolean {
    return this.start !== undefined;
  }

  get ended(): boolean {
    return this.end !== undefined;
  }

  /** The files' path without extension, e.g. `aurora-compute/2024/aurora-compute.2024-01-09-14.00`. */
  get path(): string {
    if (this.start === undefined) throw new Error('meetbot: the meeting has not started');
    const name = this.meetingName || this.options.channel.replace(/^[# ]+|[# ]+$/g, '').toLowerCase().replace(/\//g, '');
    if (this.options.path) return this.options.path(name, this.start);
    return `${name}/${new Date(this.start * 1000).getUTCFullYear()}/${name}.${fileStamp(this.start)}`;
  }

  get basename(): string {
    return this.path.slice(this.path.lastIndexOf('/') + 1);
  }

  get url(): string {
    return this.options.urlPrefix + this.path;
  }

  say(t: number, nick: string, text: string): void {
    this.addLine(t, nick, text, false);
  }

  me(t: number, nick: string, text: string): void {
    this.addLine(t, nick, text, true);
  }

  private addLine(t: number, nick: string, text: string, action: boolean): void {
    if (this.ended) return;
    if (!this.started) {
      // Nothing is logged until someone starts a meeting; the first speaker then owns it.
      if (action || !/^#startmeeting\b/i.test(text)) return;
      this.owner = nick;
    }
    this.lines.push({ t, nick, text: text.trim(), action });
    this.attendees.set(nick, (this.attendees.get(nick) ?? 0) + 1);
    const linenum = this.lines.length;
    if (action) return;
    const cmd = COMMAND.exec(text);
    if (cmd) this.command(cmd[1]!.toLowerCase(), cmd[2]!, nick, t, linenum);
    else if (URL_PROTOCOLS.includes(text.split('//')[0]!)) this.addItem('LINK', nick, text, t, linenum);
    else if (nick !== this.options.botNick) this.ballot(nick, text);
  }

  private reply(t: number, text: string): void {
    if (this.options.speaks) this.addLine(t, this.options.botNick, text, false);
  }

  isChair(nick: string): boolean {
    return nick === this.owner || this.chairs.has(nick);
  }

  private addItem(type: ItemType, nick: string, line: string, t: number, linenum: number): void {
    const item: MinuteItem = { type, nick, line, linenum, time: hms(t) };
    if (type === 'LINK') Object.assign(item, splitLink(line, this.options.flavour === 'meetingology'), { line: line.trim() });
    this.minutes.push(item);
  }

  private command(cmd: string, rest: string, nick: string, t: number, linenum: number): void {
    const chair = this.isChair(nick);
    switch (cmd) {
      case 'startmeeting':
        if (this.started) return;
        this.start = t;
        this.startMessage(t, nick, rest.trim());
        if (rest.trim()) this.meetingTopic = rest.trim();
        if (rest.trim() && this.options.flavour !== 'meetbot') this.setName(t, rest);
        return;
      case 'endmeeting':
        if (chair) this.end = t;
        return;
      case 'topic':
        if (!chair) return;
        this.addItem('TOPIC', nick, rest, t, linenum);
        if (this.options.topicError) this.reply(t, this.options.topicError);
        return;
      case 'agreed':
      case 'agree':
        if (chair) this.addItem('AGREED', nick, rest, t, linenum);
        return;
      case 'info':
      case 'idea':
      case 'action':
      case 'link':
        this.addItem(cmd.toUpperCase() as ItemType, nick, rest, t, linenum);
        return;
      case 'help':
      case 'halp':
        this.addItem('HELP', nick, rest, t, linenum);
        return;
      case 'chair':
        if (chair) this.addChairs(t, rest);
        return;
      case 'undo': {
        if (!chair) return;
        const last = this.minutes.pop();
        if (last) this.reply(t, `Removing item from minutes: ${last.type} by ${last.nick} at ${last.time} : ${last.line}`);
        return;
      }
      case 'meetingname':
        this.setName(t, rest);
        return;
      case 'startvote':
        if (chair && this.options.flavour === 'opendev') this.startVote(t, rest, linenum);
        return;
      case 'vote':
        if (this.options.flavour === 'opendev') this.castOpendev(t, nick, rest);
        else if (this.options.flavour === 'meetingology' && chair) this.startVote(t, rest, linenum);
        return;
      case 'endvote':
        if (chair) this.endVote(t, nick, linenum);
        return;
      default:
        return;
    }
  }

  private startMessage(t: number, nick: string, _title: string): void {
    const f = this.options.flavour;
    if (f === 'meetingology') {
      this.reply(t, `Meeting started at ${hms(t)} UTC.  The chair is ${nick}.  Information about MeetBot at ${MEETINGOLOGY_INFO}`);
      this.reply(t, 'Available commands: action, commands, idea, info, link, nick');
      return;
    }
    const due = f === 'opendev' ? ` and is due to finish in ${this.options.durationMinutes} minutes` : '';
    this.reply(t, `Meeting started ${asctime(t)} UTC${due}.  The chair is ${nick}. Information about MeetBot at ${MEETBOT_INFO}.`);
    this.reply(t, `Useful Commands: #action #agreed #help #info #idea #link #topic${f === 'opendev' ? ' #startvote' : ''}.`);
  }

  private setName(t: number, text: string): void {
    this.meetingName = text.trim().toLowerCase().split(/\s+/).filter(Boolean).join('_');
    this.reply(t, `The meeting name has been set to '${this.meetingName}'`);
  }

  private addChairs(t: number, text: string): void {
    for (const c of text.trim().split(/[, ]+/)) {
      if (!c || this.chairs.has(c)) continue;
      if (!this.attendees.has(c)) this.attendees.set(c, 0);
      this.chairs.add(c);
    }
    const all = [...new Set([...this.chairs, this.owner!])].sort(codepoint);
    this.reply(t, `Current chairs: ${all.join(' ')}`);
  }

  private startVote(t: number, text: string, linenum: number): void {
    if (this.options.flavour === 'meetingology') {
      this.activeVote = { question: text.trim(), options: ['+1', '-1', '+0'], linenum, ballots: new Map() };
      this.reply(t, `Please vote on: ${text.trim()}`);
      this.reply(t, `Public votes can be registered by saying +1, -1 or +0 in channel (for private voting, private message me with 'vote +1/-1/+0 ${this.options.channel}')`);
      return;
    }
    // "#startvote Should we? Yes, No": the options follow the question mark.
    const q = text.indexOf('?');
    const question = q >= 0 ? text.slice(0, q + 1).trim() : text.trim();
    const options = (q >= 0 ? text.slice(q + 1) : '').split(/[,\s]+/).filter(Boolean);
    this.activeVote = { question, options: options.length ? options : ['Yes', 'No'], linenum, ballots: new Map() };
    this.reply(t, `Begin voting on: ${question} Valid vote options are ${this.activeVote.options.join(', ')}.`);
    this.reply(t, "Vote using '#vote OPTION'. Only your last vote counts.");
  }

  private castOpendev(t: number, nick: string, text: string): void {
    const v = this.activeVote;
    if (!v) return this.reply(t, 'No vote in progress');
    const choice = v.options.find((o) => o.toLowerCase() === text.trim().toLowerCase());
    if (!choice) return this.reply(t, `${nick}: ${text.trim()} is not a valid option. Valid options are ${v.options.join(', ')}.`);
    v.ballots.delete(nick);
    v.ballots.set(nick, choice);
  }

  /** meetingology counts `+1`, `-1` and `+0` said while a vote is open. */
  private ballot(nick: string, text: string): void {
    const v = this.activeVote;
    if (!v || this.options.flavour !== 'meetingology') return;
    const m = /^([+-][01])\b/.exec(text.trim());
    if (!m) return;
    v.ballots.delete(nick);
    v.ballots.set(nick, m[1] === '-0' ? '+0' : m[1]!);
    this.reply(this.lines[this.lines.length - 1]!.t, `${m[1]} received from ${nick}`);
  }

  private endVote(t: number, nick: string, linenum: number): void {
    const v = this.activeVote;
    if (!v) return;
    this.activeVote = undefined;
    this.votes.push(v);
    const count = (o: string) => [...v.ballots.values()].filter((b) => b === o).length;
    if (this.options.flavour === 'meetingology') {
      const [yes, no, abstain] = ['+1', '-1', '+0'].map(count) as [number, number, number];
      v.result = yes > no ? 'Motion carried' : yes < no ? 'Motion denied' : 'Deadlock, casting vote may be used';
      this.reply(t, `Voting ended on: ${v.question}`);
      this.reply(t, `Votes for: ${yes}, Votes against: ${no}, Abstentions: ${abstain}`);
      this.reply(t, v.result);
      return;
    }
    this.reply(t, `Voted on "${v.question}" Results are`);
    for (const o of v.options) {
      const who = [...v.ballots].filter(([, b]) => b === o).map(([n]) => n).sort(codepoint);
      if (who.length) this.reply(t, `${o} (${who.length}): ${who.join(', ')}`);
    }
    v.result = `Voted on "${v.question}" Results are, ${v.options.map((o) => `${o}: ${count(o)}`).join(', ')}`;
    this.addItem('VOTE', nick, v.result, t, linenum);
  }
}

/** Python's default string order (code points), which MeetBot's sorts use. */
export function codepoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
