/**
 * One irc-meetings meeting definition (the YAML yaml2ical reads) to a
 * `Schedule` of the model. Pure: text in, schedule and problems out.
 *
 * The fields, as yaml2ical's `meeting.py` reads them: `project`, `meeting_id`,
 * `agenda_url`, `chair` (free text, nicks in parentheses), `description`, and
 * `schedule`, a list of slots with `time` (`HHMM`, UTC), `day`, `irc`,
 * `frequency` (mandatory), `start_date` (`YYYYMMDD`), `duration` (minutes, 60
 * by default) and `skip_dates` (`[{skip_date: YYYYMMDD, reason}]`).
 *
 * Authors write for PyYAML, so scalars come typed as YAML made them: an
 * unquoted `time: 1400` or `start_date: 20160106` is a number, and is read back
 * as the digits it was written with. The file is read as YAML 1.2 (the `yaml`
 * package's default), where an unquoted `0900` is the number 900, which pads
 * back to `0900` (YAML 1.1 would have made `0700` octal).
 *
 * A file that is not YAML, not a mapping or has no `schedule` list throws
 * (naming the file and line); anything smaller is a problem and the rest of
 * the file is kept: a slot missing a mandatory field is left out, one with an
 * unknown frequency or day is kept with `known: false`.
 */
import { basename, extname } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { FREQUENCIES, foldNick, Schedule, WEEKDAYS, type Slot } from '../../model/meeting.ts';

export interface ParsedSchedule {
  schedule: Schedule;
  /** What was wrong but did not stop the file, each naming `file:line`. */
  problems: string[];
}

const KNOWN = new Set<string>(FREQUENCIES);

/** Collects problems and flags for one file, with the line of the node they concern. */
class Notes {
  readonly problems: string[] = [];
  readonly flags = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}

  lineOf(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }

  where(node?: Node | null): string {
    const line = this.lineOf(node);
    return line === undefined ? this.file : `${this.file}:${line}`;
  }

  problem(node: Node | null | undefined, message: string, flag?: string): void {
    this.problems.push(`${this.where(node)}: ${message}`);
    if (flag) this.flags.add(flag);
  }
}

/** A scalar written as text or as a number (`meeting_id: 42`), as text; undefined otherwise. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** `HHMM` from `'1400'`, `1400`, `'9:30'`, `'14:00'` (and 900 or 0, YAML's readings of `0900` and `0000`); undefined when it is no time. */
export function readTime(value: unknown): string | undefined {
  // A number is what YAML made of unquoted digits (`0030` -> 30): pad it back to four.
  const raw = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value).padStart(4, '0') : typeof value === 'string' ? value.trim() : undefined;
  const m = raw === undefined ? null : /^(\d{1,2}):?(\d{2})$/.exec(raw);
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}${m[2]}` : undefined;
}

/** `YYYY-MM-DD` from `20160106` (number or text) or `2016-01-06`, when it is a real date. */
export function readDate(value: unknown): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(text(value)?.trim() ?? '');
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

/** The day as the model spells it (`thursday` -> `Thursday`), undefined when it is no weekday. */
function readDay(value: string): string | undefined {
  return WEEKDAYS.find((d) => d.toLowerCase() === value.trim().toLowerCase());
}

/** An IRC nick by RFC 2812's letters (plus the `-` and digits anywhere that servers allow). */
const NICK = /^[A-Za-z0-9[\]\\`_^{|}-]+$/;

/**
 * The nicks a `chair` text names in parentheses: `Jane Doe (jdoe), Joe (joe_, jo)`
 * gives `jdoe`, `joe`, `jo`. A parenthesis holding words (`(on leave)`) names none;
 * an `IRC:` label is dropped.
 */
export function chairNicks(chair: string): string[] {
  const nicks = new Set<string>();
  for (const [, inside] of chair.matchAll(/\(([^()]*)\)/g)) {
    for (const part of inside!.split(/\s*[,;/]\s*|\s+(?:and|or|&)\s+/i)) {
      const nick = part.replace(/^\s*irc(?:\s+nick)?\s*:\s*/i, '').trim();
      if (nick && NICK.test(nick)) nicks.add(foldNick(nick));
    }
  }
  return [...nicks];
}

/** The `description` as written, without the line break a `>` block ends with. */
function readDescription(value: unknown): string | undefined {
  const t = text(value)?.trim();
  return t ? t : undefined;
}

function readSkipDates(node: Node | null | undefined, value: unknown, notes: Notes): Slot['skipDates'] {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !isSeq(node)) {
    notes.problem(node, 'skip_dates is not a list; ignored', 'bad-skip-dates');
    return undefined;
  }
  const out: NonNullable<Slot['skipDates']> = [];
  value.forEach((entry: unknown, i) => {
    const at = node.items[i] as Node | undefined;
    const e = (entry ?? {}) as Record<string, unknown>;
    const date = readDate(e.skip_date);
    if (!date) notes.problem(at, `skip_date ${JSON.stringify(e.skip_date ?? null)} is not a YYYYMMDD date; ignored`, 'bad-skip-dates');
    else out.push({ date, reason: text(e.reason)?.trim() ?? '' });
  });
  return out;
}

/** One `schedule` entry, or undefined (with a problem) when a mandatory field is missing or unreadable. */
function readSlot(node: Node | undefined, value: unknown, notes: Notes): Slot | undefined {
  if (!isMap(node) || typeof value !== 'object' || value === null) {
    notes.problem(node, 'schedule entry is not a mapping; left out', 'bad-slot');
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const field = (key: string) => (node.get(key, true) as Node | undefined) ?? node;
  const missing = ['time', 'day', 'irc', 'frequency'].filter((k) => v[k] === undefined || v[k] === null || v[k] === '');
  if (missing.length) {
    notes.problem(node, `schedule entry without ${missing.join(', ')}; left out`, 'bad-slot');
    return undefined;
  }
  const time = readTime(v.time);
  if (!time) {
    notes.problem(field('time'), `time ${JSON.stringify(v.time)} is not HHMM; slot left out`, 'bad-slot');
    return undefined;
  }
  const frequency = text(v.frequency)?.trim() ?? String(v.frequency);
  const rawDay = text(v.day) ?? String(v.day);
  const day = readDay(rawDay);
  let known = KNOWN.has(frequency);
  if (!known) notes.problem(field('frequency'), `unknown frequency ${JSON.stringify(frequency)}: no occurrences computed`, `unknown-frequency:${frequency}`);
  if (!day) {
    notes.problem(field('day'), `${JSON.stringify(rawDay)} is not a day of the week: no occurrences computed`, `unknown-day:${rawDay}`);
    known = false;
  }
  const slot: Slot = { time, day: day ?? rawDay, irc: (text(v.irc) ?? String(v.irc)).trim().replace(/^#/, ''), frequency, known, duration: 60 };
  if (v.start_date !== undefined && v.start_date !== null) {
    const start = readDate(v.start_date);
    if (start) slot.startDate = start;
    else notes.problem(field('start_date'), `start_date ${JSON.stringify(v.start_date)} is not a YYYYMMDD date; ignored`, 'bad-start-date');
  }
  if (v.duration !== undefined && v.duration !== null) {
    const minutes = Number(text(v.duration));
    if (Number.isInteger(minutes) && minutes > 0) slot.duration = minutes;
    else notes.problem(field('duration'), `duration ${JSON.stringify(v.duration)} is not a number of minutes; 60 assumed`, 'bad-duration');
  }
  const skips = readSkipDates(node.get('skip_dates', true) as Node | undefined, v.skip_dates, notes);
  if (skips) slot.skipDates = skips;
  return slot;
}

/** The file's YAML document, or an Error naming the file and the line of the first syntax error. */
function load(textIn: string, file: string): { root: Node; value: Record<string, unknown>; notes: Notes } {
  const lines = new LineCounter();
  // PyYAML lets a repeated key win over the first; so does uniqueKeys: false.
  const doc = parseDocument(textIn, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const error = doc.errors[0];
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    throw new Error(`${file}:${pos.line}:${pos.col}: not valid YAML: ${error.message}`);
  }
  const root = doc.contents;
  const value: unknown = doc.toJS();
  if (!isMap(root) || typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${file}: not a meeting definition (expected a YAML mapping with project, meeting_id and schedule)`);
  return { root, value: value as Record<string, unknown>, notes: new Notes(file, lines) };
}

/** One meeting file to a schedule; `file` is its path relative to the repository (it names the problems and the key when there is no meeting_id). */
export function parseMeetingYaml(textIn: string, file: string): ParsedSchedule {
  const { root, value, notes } = load(textIn, file);
  const node = (key: string) => (isMap(root) ? (root.get(key, true) as Node | undefined) : undefined);

  const list = node('schedule');
  if (!isSeq(list) || !Array.isArray(value.schedule)) {
    const line = notes.lineOf(list);
    throw new Error(`${file}${line ? `:${line}` : ''}: ${value.schedule === undefined ? 'no schedule' : 'schedule is not a list'}`);
  }

  const id = text(value.meeting_id)?.trim();
  const key = id || basename(file, extname(file));
  if (!id) notes.problem(node('meeting_id') ?? root, `no meeting_id; keyed by the file name (${key})`, 'no-meeting-id');
  const project = text(value.project)?.trim();
  if (!project) notes.problem(node('project') ?? root, 'no project name', 'no-project');

  const chair = Array.isArray(value.chair) ? value.chair.map(text).filter(Boolean).join(', ') : text(value.chair)?.trim();
  const slots = (value.schedule as unknown[]).flatMap((entry, i) => readSlot(list.items[i] as Node | undefined, entry, notes) ?? []);
  if (slots.length === 0) notes.problem(list, 'no usable schedule entry', 'no-slots');

  const agendaUrl = text(value.agenda_url)?.trim();
  const description = readDescription(value.description);
  const schedule = Schedule.parse({
    key,
    project: project ?? key,
    file,
    ...(agendaUrl ? { agendaUrl } : {}),
    ...(chair ? { chair, chairNicks: chairNicks(chair) } : {}),
    ...(description ? { description } : {}),
    slots,
    flags: [...notes.flags].sort(),
  });
  return { schedule, problems: notes.problems };
}
