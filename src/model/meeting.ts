import { z } from 'zod';

/**
 * IRC meetings as the portal keeps them: one `meeting` item per meeting a
 * meeting bot logged (from its log and minutes files), and one `schedule` item
 * per meeting definition of an irc-meetings repository (when and where a team
 * meets). Both are keyed by the team's meeting id (`nova`), which joins them.
 *
 * A nick is the person's account on the meetbot source: `account` is the nick
 * folded to the form that names the same person (lower case, `_`, `|away`, `^`
 * and trailing digits-after-underscore dropped) and `nick` the first form
 * seen. Nothing here holds an address: the bot lines that print them are kept
 * as text, masked by the driver.
 */
export const MEETING_KIND = 'meeting';
export const SCHEDULE_KIND = 'schedule';

/** One speaker of a meeting. */
export const Attendee = z.strictObject({
  /** Folded nick: the native account id (see `foldNick`). */
  account: z.string().min(1),
  /** The nick as first written in the log. */
  nick: z.string().min(1),
  /** Lines said, as the minutes' "People present (lines said)" counts them. */
  lines: z.number().int().nonnegative(),
  /** The meeting bot, or a nick the config lists as a bot. */
  isBot: z.boolean().default(false),
  /** Was a chair (started the meeting or was given #chair). */
  chair: z.boolean().default(false),
});
export type Attendee = z.infer<typeof Attendee>;

export const Topic = z.strictObject({
  title: z.string(),
  /** UTC ISO 8601. */
  start: z.string(),
  /** When the next topic began or the meeting ended. */
  end: z.string().optional(),
  /** Account of who set it. */
  by: z.string().optional(),
  /** Index of the log line that set it (its anchor), when the log is known. */
  line: z.number().int().nonnegative().optional(),
});
export type Topic = z.infer<typeof Topic>;

export const NOTE_TYPES = ['info', 'agreed', 'action', 'link', 'idea', 'help', 'vote'] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

/** A line the minutes carry: #info, #agreed, #action, #link, #idea, #help, or a vote's result. */
export const Note = z.strictObject({
  type: z.enum(NOTE_TYPES),
  text: z.string(),
  /** Account of who wrote it. */
  by: z.string().optional(),
  /** UTC ISO 8601. */
  time: z.string(),
  /** Index in `topics` of the topic it fell under; absent before the first topic. */
  topic: z.number().int().nonnegative().optional(),
  /** For actions: accounts of the attendees the text names (the owners). */
  owners: z.array(z.string()).default([]),
  /** Index of its log line, when the log is known. */
  line: z.number().int().nonnegative().optional(),
});
export type Note = z.infer<typeof Note>;

/** One line of the log as the page shows it. */
export const LogLine = z.strictObject({
  /** UTC ISO 8601. */
  time: z.string(),
  /** `say` (<nick> text), `me` (* nick does), `bot` (the meeting bot), `event` (joins, nick changes, topic changes by the server). */
  type: z.enum(['say', 'me', 'bot', 'event']),
  /** Folded account of the speaker. */
  who: z.string().optional(),
  /** Nick as written on this line. */
  nick: z.string().optional(),
  text: z.string(),
});
export type LogLine = z.infer<typeof LogLine>;

export const Vote = z.strictObject({
  question: z.string(),
  /** UTC ISO 8601 of #startvote. */
  time: z.string(),
  /** Votes per option, as counted at #endvote. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** The bot's result line, e.g. "Motion carried" or the winning option. */
  result: z.string().optional(),
  topic: z.number().int().nonnegative().optional(),
});
export type Vote = z.infer<typeof Vote>;

/** The upstream files a meeting was read from (absolute URLs). */
export const MeetingFiles = z.strictObject({
  log: z.string().optional(),
  logHtml: z.string().optional(),
  minutes: z.string().optional(),
  minutesHtml: z.string().optional(),
  moin: z.string().optional(),
});

export const Meeting = z.strictObject({
  /** `<meeting_id>.<YYYY-MM-DD-HH.MM>`, as the bot names its files: page name and store id. */
  key: z.string().min(1),
  /** The team's meeting id: the bot's folder (`nova`), the place it belongs to. */
  team: z.string().min(1),
  /** The #startmeeting text (or the minutes' title). */
  title: z.string(),
  /** The IRC channel, when the minutes or the log name it. */
  channel: z.string().optional(),
  /** UTC ISO 8601. */
  start: z.string(),
  /** The #endmeeting time, or the last line's when it never ended. */
  end: z.string(),
  /** False when the log has no #endmeeting. */
  ended: z.boolean(),
  attendees: z.array(Attendee),
  topics: z.array(Topic),
  notes: z.array(Note),
  votes: z.array(Vote).default([]),
  /** The full log, empty when only minutes were published. */
  log: z.array(LogLine),
  /** Which output the log and summary came from. */
  from: z.enum(['log.txt', 'log.html', 'moin.txt', 'minutes']),
  files: MeetingFiles,
  /** What the parser noticed (`no-endmeeting`, `minutes-only`, `bot-errors`, `garbled-lines`, `charset-guessed`, `minutes-disagree`…). */
  flags: z.array(z.string()).default([]),
});
export type Meeting = z.infer<typeof Meeting>;

/**
 * The frequencies yaml2ical defines (its `supported_recurrences`): `biweekly-*`
 * and `quadweekly*` pick ISO weeks by number (odd/even; `% 4` equal to 0, 1, 2
 * or 3, `quadweekly-alternate` being 2), `first-<day>` the first such weekday
 * of each month, `adhoc` no fixed time.
 */
export const FREQUENCIES = [
  'weekly',
  'biweekly-odd',
  'biweekly-even',
  'quadweekly',
  'quadweekly-alternate',
  'quadweekly-week-1',
  'quadweekly-week-2',
  'quadweekly-week-3',
  'first-monday',
  'first-tuesday',
  'first-wednesday',
  'first-thursday',
  'first-friday',
  'adhoc',
] as const;

/** The day names a slot's `day` takes, Monday first (ISO weekday = index + 1). */
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** One recurring slot of a meeting definition. */
export const Slot = z.strictObject({
  /** `HHMM`, UTC. */
  time: z.string().regex(/^\d{4}$/),
  /** English weekday name, `Monday`…`Sunday`. */
  day: z.string(),
  /** Channel without `#`. */
  irc: z.string(),
  /** As written; `known` says whether occurrences can be computed. */
  frequency: z.string(),
  known: z.boolean(),
  /** `YYYY-MM-DD`, when the slot says where its alternation starts. */
  startDate: z.string().optional(),
  /** Minutes; 60 when the file does not say. */
  duration: z.number().int().positive().default(60),
  /** Meetings called off (`skip_dates`): `YYYY-MM-DD` of the slot's occurrence, and why. */
  skipDates: z.array(z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), reason: z.string() })).optional(),
});
export type Slot = z.infer<typeof Slot>;

export const Schedule = z.strictObject({
  /** The `meeting_id` (or the file's name without `.yaml`): joins held meetings. */
  key: z.string().min(1),
  project: z.string(),
  /** The file it came from, relative to the repository. */
  file: z.string(),
  agendaUrl: z.string().optional(),
  /** The `chair` field as written (names and nicks). */
  chair: z.string().optional(),
  /** Nicks named in `chair` (the parenthesised forms), folded. */
  chairNicks: z.array(z.string()).default([]),
  description: z.string().optional(),
  slots: z.array(Slot),
  /** What the reader noticed (`unknown-frequency:<f>`…). */
  flags: z.array(z.string()).default([]),
});
export type Schedule = z.infer<typeof Schedule>;

/**
 * A nick folded to the form that names one person: lower case, without the
 * away and client suffixes people add (`nick_`, `nick__`, `nick|away`,
 * `nick^`, `nick\`` ), so `Efried_` and `efried|lunch` are one account.
 */
export function foldNick(nick: string): string {
  let n = nick.trim().replace(/^[@+%~&]/, '').toLowerCase();
  n = n.replace(/\|.*$/, '');
  n = n.replace(/[_`^-]+$/, '');
  return n || nick.trim().toLowerCase();
}

/** A schedule's store id: its file's name without folders and `.yaml` (unique where meeting ids may repeat). */
export function scheduleFileId(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '') || file;
}
