/**
 * meetingology's (GMeetBot's) MoinMoin minutes, `.moin.txt`, by its Moin
 * writer's rules:
 *
 * - level-2 headings `== Name ==` open the sections "Meeting information",
 *   "Meeting summary", "Vote results", "Action items", "Action items, by
 *   person", "People present (lines said)" and "Full Log";
 * - the information section: ` * <page title>, <DD Mon> at HH:MM &mdash; HH:MM
 *   <zone>` and ` * Full logs at [[url]]`;
 * - the summary: a topic is `=== Title ===` followed by `The discussion about
 *   "Title" started at HH:MM.`; items under it are `  * ` lines, before any
 *   topic bare lines; an item is `''TYPE:'' text` (ACTION, AGREED, LINK,
 *   IDEA, HELP, and `''Vote:''` for a vote's result) or, for #info, the bare
 *   text; a #subtopic is ` * '''text''' (HH:MM)`; items carry no nick or time;
 * - vote results: ` * question` then `  * Motion carried (For/Against/Abstained
 *   F/A/B)`;
 * - lists are ` * ` bullets (`  * ` one level down), attendees ` * nick (N)`;
 * - the full log: each log line after one space, lines separated by blank
 *   lines; GMeetBot stamps them `HH:MM`.
 *
 * Lines are not wrapped. The markup is not unescaped: the writer escapes
 * nothing (its `moin()` is a stub), so the text is what was said.
 */
import { parseLogTxt } from './log.ts';
import { noteTypeOf, splitPageTitle, type MinutesNote, type MinutesVote, type ParsedMinutes } from './minutes.ts';

const HEADING = /^==\s+(.+?)\s+==\s*$/;
const TOPIC = /^===\s+(.+?)\s+===\s*$/;
const STARTED_AT = /^The discussion about ".*" started at (\d{1,2}:\d{2}(?::\d{2})?)\.?\s*$/;
const INFO_LINE = /^\s*\*\s+(.*), .+? at (\d{1,2}:\d{2}(?::\d{2})?) (?:&mdash;|—|–|-+) (\d{1,2}:\d{2}(?::\d{2})?)(?: \S+)?\s*$/;
const SUBTOPIC = /^\s*\* '''(.*)''' \((\d{1,2}:\d{2}(?::\d{2})?)\)\s*$/;
const TYPED = /^''([A-Za-z]+):''\s*(.*)$/;

interface Row {
  /** 1-based line number in the file. */
  n: number;
  text: string;
}

/** Parses a `.moin.txt` for a meeting that started on `day` (`YYYY-MM-DD`). */
export function parseMoin(text: string, day: string): ParsedMinutes {
  const rows = text.replace(/\r\n?/g, '\n').split('\n').map((t, i) => ({ n: i + 1, text: t }));
  const secs = new Map<string, Row[]>();
  let current: Row[] | undefined;
  for (const row of rows) {
    const h = HEADING.exec(row.text);
    if (h && !TOPIC.test(row.text)) {
      current = [];
      secs.set(h[1]!.toLowerCase(), current);
    } else current?.push(row);
  }
  const out: ParsedMinutes = { title: '', topics: [], notes: [], actions: [], attendees: [] };
  readInformation(secs.get('meeting information') ?? [], out);
  readSummary(secs.get('meeting summary') ?? [], out);
  const votes = readVotes(secs.get('vote results') ?? []);
  if (votes.length) out.votes = votes;
  out.actions = bulletsAt(secs.get('action items') ?? [], 1).filter((t) => t !== '(none)');
  const byPerson = secs.get('action items, by person');
  if (byPerson) readByPerson(byPerson, out);
  out.attendees = bulletsAt(secs.get('people present (lines said)') ?? [], 1).flatMap((t) => {
    const m = /^(\S+) \((\d+)\)$/.exec(t);
    return m ? [{ nick: m[1]!, lines: Number(m[2]) }] : [];
  });
  const log = secs.get('full log');
  if (log) readLog(log, day, out);
  return out;
}

function readInformation(rows: Row[], out: ParsedMinutes): void {
  for (const { text } of rows) {
    const m = INFO_LINE.exec(text);
    if (!m) continue;
    Object.assign(out, splitPageTitle(m[1]!));
    out.start = m[2]!;
    out.end = m[3]!;
    return;
  }
}

/** A bullet's depth: ` * ` is 1, `  * ` is 2 (meetingology also writes `  ** `). */
function bullet(text: string): { depth: number; text: string } | undefined {
  const m = /^( +)(\*+) (.*)$/.exec(text);
  if (!m) return undefined;
  return { depth: Math.max(m[1]!.length, m[2]!.length), text: m[3]!.trim() };
}

function bulletsAt(rows: Row[], depth: number): string[] {
  return rows.flatMap((r) => {
    const b = bullet(r.text);
    return b && b.depth === depth ? [b.text] : [];
  });
}

function readSummary(rows: Row[], out: ParsedMinutes): void {
  for (const { text } of rows) {
    if (text.trim() === '') continue;
    const t = TOPIC.exec(text);
    if (t) {
      out.topics.push({ title: t[1]! });
      continue;
    }
    const started = STARTED_AT.exec(text.trim());
    const topic = out.topics[out.topics.length - 1];
    if (started && topic && topic.time === undefined) {
      topic.time = started[1]!;
      continue;
    }
    const sub = SUBTOPIC.exec(text);
    if (sub) {
      out.notes.push(note('info', sub[1]!, out.topics.length, sub[2]));
      continue;
    }
    const b = bullet(text);
    out.notes.push(item(b ? b.text : text.trim(), out.topics.length));
  }
}

function item(text: string, topics: number): MinutesNote {
  const m = TYPED.exec(text);
  if (!m) return note('info', text, topics);
  const type = noteTypeOf(m[1]!);
  // A word the model has no type for (DONE, REJECTED…) stays in the text.
  return type ? note(type, m[2]!.trim(), topics) : note('info', `${m[1]!.toUpperCase()}: ${m[2]!.trim()}`, topics);
}

function note(type: MinutesNote['type'], text: string, topics: number, time?: string): MinutesNote {
  const n: MinutesNote = { type, text };
  if (time) n.time = time;
  if (topics > 0) n.topic = topics - 1;
  return n;
}

function readVotes(rows: Row[]): MinutesVote[] {
  const votes: MinutesVote[] = [];
  for (const { text } of rows) {
    const b = bullet(text);
    if (!b) continue;
    if (b.depth === 1) {
      votes.push({ question: b.text, counts: {} });
      continue;
    }
    const vote = votes[votes.length - 1];
    const m = /^(.*?)\s*\(For\/Against\/Abstained (\d+)\/(\d+)\/(\d+)\)$/.exec(b.text);
    if (!vote || !m) continue;
    vote.result = m[1]!;
    vote.counts = { for: Number(m[2]), against: Number(m[3]), abstain: Number(m[4]) };
  }
  return votes;
}

function readByPerson(rows: Row[], out: ParsedMinutes): void {
  const by: Record<string, string[]> = {};
  const unassigned: string[] = [];
  let current: string[] | undefined;
  for (const { text } of rows) {
    const b = bullet(text);
    if (!b) continue;
    if (b.depth === 1) current = /^\*\*UNASSIGNED\*\*$/.test(b.text) ? unassigned : (by[b.text] ??= []);
    else if (current && b.text !== '(none)') current.push(b.text);
  }
  out.actionsByPerson = by;
  if (unassigned.length) out.unassigned = unassigned;
}

/** The embedded log: one space before each line; a "Generated by" footer is not part of it. */
function readLog(rows: Row[], day: string, out: ParsedMinutes): void {
  const kept = rows.filter((r) => r.text.trim() !== '' && !/^Generated by MeetBot/.test(r.text.trim()));
  const parsed = parseLogTxt(kept.map((r) => r.text.replace(/^ /, '')).join('\n'), day);
  out.log = parsed.lines;
  out.garbled = parsed.garbled.map((g) => ({ line: kept[g.line - 1]!.n, text: g.text }));
}
