/**
 * The MeetBot command grammar, as MeetBot 0.1.4 (`meeting.py`) applies it:
 *
 * - A command is `#word` at the very start of a line (`command_RE =
 *   #([\w]+)[ \t]*(.*)` used with `re.match`, ASCII `\w`), the rest of the line
 *   after spaces and tabs its argument; the word is lower-cased, so `#TOPIC`
 *   and `#Topic` are `#topic`. `#topicfoo` is the unknown `#topicfoo`, and a
 *   `#topic` later in a line is no command.
 * - The bot-name form (`meetbot: topic x`) is not a command: MeetBot's plugin
 *   has that proxy, but disabled (`__getattr__` raises before it), so
 *   `zodbot: #topic x` and `meetbot: topic x` are plain talk.
 * - /me lines are never commands (they reach MeetBot as `ACTION …`).
 * - A line that is not a command but starts with a URL (`line.split('//')[0]`
 *   is one of `http: https: irc: ftp: mailto: ssh:`) is a #link.
 * - The bot's own lines are logged without command handling.
 *
 * Which commands exist and who may use them is in `COMMANDS`: MeetBot checks
 * `isChair` (the #startmeeting nick or a nick given #chair, compared exactly)
 * in #endmeeting, #topic, #meetingtopic, #agreed/#agree, #accepted/#accept,
 * #rejected, #chair, #unchair, #undo, #save, #restrictlogs, #lurk, #unlurk;
 * anyone may #action, #info, #idea, #help/#halp, #link, #nick, #meetingname
 * and #commands. Votes: OpenStack's #startvote/#endvote are chair-only,
 * #vote and #showvote anyone's; GMeetBot/meetingology's #vote (motion),
 * #endvote, #voters and #votesrequired are chair-only, and `+1`/`-1`/`+0`
 * lines are votes. GMeetBot's #subtopic/#progress (chair) add a sub-heading.
 */

export interface Command {
  /** Lower-cased command word, aliases resolved (`agree` → `agreed`). */
  name: string;
  /** The word as written, lower-cased (`accept`, `halp`). */
  word: string;
  /** The rest of the line, trimmed. */
  arg: string;
}

export type CommandName =
  | 'startmeeting'
  | 'endmeeting'
  | 'topic'
  | 'meetingtopic'
  | 'meetingname'
  | 'agreed'
  | 'accepted'
  | 'rejected'
  | 'action'
  | 'info'
  | 'idea'
  | 'help'
  | 'link'
  | 'chair'
  | 'unchair'
  | 'undo'
  | 'nick'
  | 'subtopic'
  | 'startvote'
  | 'vote'
  | 'endvote'
  | 'showvote'
  | 'voters'
  | 'votesrequired'
  | 'ignored';

interface Rule {
  name: CommandName;
  chairOnly: boolean;
}

const rule = (name: CommandName, chairOnly: boolean): Rule => ({ name, chairOnly });

/** Every word MeetBot and its relatives answer to. Words not here are no command. */
export const COMMANDS: Readonly<Record<string, Rule>> = {
  startmeeting: rule('startmeeting', false),
  endmeeting: rule('endmeeting', true),
  topic: rule('topic', true),
  meetingtopic: rule('meetingtopic', true),
  meetingname: rule('meetingname', false),
  agreed: rule('agreed', true),
  agree: rule('agreed', true),
  accepted: rule('accepted', true),
  accept: rule('accepted', true),
  rejected: rule('rejected', true),
  action: rule('action', false),
  info: rule('info', false),
  idea: rule('idea', false),
  help: rule('help', false),
  halp: rule('help', false),
  link: rule('link', false),
  chair: rule('chair', true),
  unchair: rule('unchair', true),
  undo: rule('undo', true),
  nick: rule('nick', false),
  subtopic: rule('subtopic', true),
  progress: rule('subtopic', true),
  startvote: rule('startvote', true),
  // #vote is a cast (anyone) in OpenStack's bot and a motion (chairs) in
  // meetingology's; the deriver decides which from the meeting's state.
  vote: rule('vote', false),
  endvote: rule('endvote', true),
  showvote: rule('showvote', false),
  voters: rule('voters', true),
  votesrequired: rule('votesrequired', true),
  // Commands with no effect on the minutes.
  save: rule('ignored', true),
  restrictlogs: rule('ignored', true),
  lurk: rule('ignored', true),
  unlurk: rule('ignored', true),
  commands: rule('ignored', false),
};

const COMMAND_RE = /^#([A-Za-z0-9_]+)[ \t]*(.*)$/s;
const URL_PROTOCOLS = new Set(['http:', 'https:', 'irc:', 'ftp:', 'mailto:', 'ssh:']);

/** The command a line gives, or undefined (plain talk or an unknown `#word`). */
export function parseCommand(text: string): (Command & { chairOnly: boolean }) | undefined {
  const m = COMMAND_RE.exec(text);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  const r = Object.hasOwn(COMMANDS, word) ? COMMANDS[word] : undefined;
  if (!r) return undefined;
  return { name: r.name, word, arg: m[2]!.trim(), chairOnly: r.chairOnly };
}

/** Is the line a `#word …` command form at all (known or not)? Unknown words are still not links. */
export function looksLikeCommand(text: string): boolean {
  return COMMAND_RE.test(text);
}

/** MeetBot's automatic #link: a non-command line whose part before the first `//` is a URL scheme. */
export function isAutoLink(text: string): boolean {
  if (looksLikeCommand(text)) return false;
  const i = text.indexOf('//');
  return i > 0 && URL_PROTOCOLS.has(text.slice(0, i));
}

/** MeetBot's #meetingname normalisation: lower case, runs of whitespace made `_`. */
export function normaliseMeetingName(arg: string): string {
  return arg.trim().toLowerCase().split(/\s+/).filter(Boolean).join('_');
}

/** Nicks in a #chair or #nick argument (MeetBot splits on commas and spaces). */
export function splitNicks(arg: string): string[] {
  return arg.trim().split(/[, ]+/).filter(Boolean);
}

/** Nicks in an #unchair argument (MeetBot splits on whitespace only). */
export function splitUnchair(arg: string): string[] {
  return arg.trim().split(/\s+/).filter(Boolean);
}
