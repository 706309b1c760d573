/**
 * The minutes MeetBot writes beside the log: `.txt` (its Text writer) and
 * `.html` (its HTML2 writer), read back into one `ParsedMinutes`.
 *
 * The Text writer's rules (MeetBot 0.1.4 `writers.py`, `items.py`):
 * - a title block `====` / page title / `====`; the page title is
 *   `<channel>: <meeting topic>` or `<channel> Meeting` when there is none;
 * - "Meeting started by <owner> at HH:MM:SS <zone>. The full logs …", wrapped;
 * - sections whose heading is underlined with dashes: "Meeting summary",
 *   "Action Items", "Action Items, by person", "People Present (lines said)"
 *   (case varies between versions);
 * - summary items are `* ` bullets wrapped by textwrap at 72 columns with a
 *   hanging indent of two: topics at column 0 (continuations at 2), items
 *   under a topic at 2 (continuations at 4), items before any topic at 0; a
 *   blank line comes before every topic but the first; "Meeting ended at
 *   HH:MM:SS <zone>." closes the section;
 * - an item reads `<TYPE>: <text>  (<nick>, HH:MM:SS)`, topics and #info
 *   without the `TYPE: ` (types ACTION, AGREED, ACCEPTED, REJECTED, IDEA,
 *   HELP, LINK, VOTE); a #link's text is its line (prefix, URL, suffix);
 * - attendees as `* nick (lines)`, most lines first; "(none)" marks an empty list.
 *
 * Unwrapping joins a bullet's lines with one space: textwrap splits only at
 * whitespace (`wordsep_re = (\s+)`, long words unbroken), so the text comes
 * back whole except that a run of spaces where a line broke becomes one.
 * Times here are the minutes' own `HH:MM[:SS]`: `meetingFromMinutes` places
 * them on a day.
 */
import { DomUtils, parseDocument, type parseDOM } from 'htmlparser2';
import type { LogLine, NoteType } from '../../model/meeting.ts';
import type { Garbled } from './log.ts';

export interface MinutesTopic {
  title: string;
  by?: string;
  /** `HH:MM[:SS]` as the minutes give it. */
  time?: string;
}

export interface MinutesNote {
  type: NoteType;
  text: string;
  by?: string;
  time?: string;
  /** Index in `topics`; absent before the first topic. */
  topic?: number;
}

export interface MinutesVote {
  question: string;
  result?: string;
  counts: Record<string, number>;
}

export interface ParsedMinutes {
  /** The meeting topic (the page title without the channel), '' when the bot had none. */
  title: string;
  channel?: string;
  /** Nick that started the meeting. */
  owner?: string;
  /** `HH:MM[:SS]`. */
  start?: string;
  end?: string;
  topics: MinutesTopic[];
  notes: MinutesNote[];
  /** The "Action items" list, as written (unwrapped). */
  actions: string[];
  /** "Action items, by person": nick → actions; the unassigned ones are in `unassigned`. */
  actionsByPerson?: Record<string, string[]>;
  unassigned?: string[];
  /** "People present (lines said)", as written (nicks not folded). */
  attendees: { nick: string; lines: number }[];
  votes?: MinutesVote[];
  /** The log, when the minutes embed it (meetingology's moin). */
  log?: LogLine[];
  /** Log lines of an embedded log that fit no form. */
  garbled?: Garbled[];
}

const TYPE_PREFIX = /^(ACTION|AGREED|ACCEPTED|IDEA|HELP|LINK|VOTE|INFO): /;
const DETAILS = /\s+\(([^\s(),]+), (\d{1,2}:\d{2}(?::\d{2})?)\)$/;
const STARTED = /Meeting started by (\S+) at (\d{1,2}:\d{2}(?::\d{2})?)\b/;
const ENDED = /Meeting ended at (\d{1,2}:\d{2}(?::\d{2})?)\b/;

/** `ACTION` → `action`, `ACCEPTED` → `agreed`; other words (REJECTED, DONE…) are no type: the text keeps them. */
export function noteTypeOf(word: string): NoteType | undefined {
  switch (word.toUpperCase()) {
    case 'ACTION':
      return 'action';
    case 'AGREED':
    case 'ACCEPTED':
      return 'agreed';
    case 'IDEA':
      return 'idea';
    case 'HELP':
      return 'help';
    case 'LINK':
      return 'link';
    case 'VOTE':
      return 'vote';
    case 'INFO':
      return 'info';
    default:
      return undefined;
  }
}

/** `<channel>: <topic>` or `<channel> Meeting` → channel and topic. */
export function splitPageTitle(pageTitle: string): { title: string; channel?: string } {
  const t = pageTitle.trim();
  let m = /^([#&][^\s:]+): (.*)$/.exec(t);
  if (m) return { channel: m[1]!, title: m[2]!.trim() };
  m = /^([#&]\S+) Meeting$/.exec(t);
  if (m) return { channel: m[1]!, title: '' };
  return { title: t };
}

/** One item's text: type, text and the `(nick, time)` details. */
export function parseItemText(item: string): { type?: NoteType; text: string; by?: string; time?: string } {
  let text = item.trim();
  const out: { type?: NoteType; text: string; by?: string; time?: string } = { text };
  const d = DETAILS.exec(text);
  if (d) {
    out.by = d[1]!;
    out.time = d[2]!;
    text = text.slice(0, d.index);
  }
  const p = TYPE_PREFIX.exec(text);
  if (p) {
    const type = noteTypeOf(p[1]!);
    if (type) out.type = type;
    text = text.slice(p[0].length);
  }
  out.text = text.trim();
  return out;
}

// ---------------------------------------------------------------- text minutes

interface Bullet {
  indent: number;
  text: string;
  /** Blank lines came before it. */
  afterBlank: boolean;
}

/** Bullets of a section, wrapped lines joined. */
function bullets(lines: string[]): Bullet[] {
  const out: Bullet[] = [];
  let blank = false;
  let open = false;
  for (const line of lines) {
    if (line.trim() === '') {
      blank = true;
      continue;
    }
    const m = /^( *)\* (.*)$/.exec(line) ?? /^( *)\*$/.exec(line);
    if (m) {
      out.push({ indent: m[1]!.length, text: (m[2] ?? '').trim(), afterBlank: blank });
    } else if (out.length > 0 && !blank && open) {
      // A wrapped line continues its bullet; text after a blank line (the
      // "Generated by" footer) belongs to no bullet.
      out[out.length - 1]!.text += ` ${line.trim()}`;
    } else open = false;
    if (m) open = true;
    blank = false;
  }
  return out;
}

/** Splits the text at headings (a line underlined by dashes of its length, give or take trailing spaces). */
function sections(lines: string[]): { head: string[]; sections: Map<string, string[]> } {
  const map = new Map<string, string[]>();
  let current: string[] = [];
  const head = current;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    if (next !== undefined && line.trim() !== '' && /^-{3,}\s*$/.test(next) && next.trim().length === line.trim().length) {
      current = [];
      map.set(line.trim().toLowerCase(), current);
      i++;
      continue;
    }
    current.push(line);
  }
  return { head, sections: map };
}

/** Parses MeetBot's `.txt` minutes. */
export function parseMinutesTxt(text: string): ParsedMinutes {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const { head, sections: secs } = sections(lines);
  const out: ParsedMinutes = { title: '', topics: [], notes: [], actions: [], attendees: [] };
  Object.assign(out, splitPageTitle(titleBlock(head)));
  const intro = head.join(' ').replace(/\s+/g, ' ');
  const started = STARTED.exec(intro);
  if (started) {
    out.owner = started[1]!;
    out.start = started[2]!;
  }
  const summary = secs.get('meeting summary');
  if (summary) readSummary(summary, out);
  const actions = secs.get('action items');
  if (actions) out.actions = bullets(actions).map((b) => b.text).filter((t) => t !== '(none)');
  const byPerson = secs.get('action items, by person');
  if (byPerson) readByPerson(bullets(byPerson), out);
  const people = secs.get('people present (lines said)');
  if (people) out.attendees = readPeople(bullets(people).map((b) => b.text));
  return out;
}

function titleBlock(head: string[]): string {
  const i = head.findIndex((l) => /^=+\s*$/.test(l));
  if (i >= 0 && head[i + 1] !== undefined && /^=+\s*$/.test(head[i + 2] ?? '')) return head[i + 1]!.trim();
  return '';
}

function readSummary(lines: string[], out: ParsedMinutes): void {
  const endAt = lines.findIndex((l) => ENDED.test(l));
  if (endAt >= 0) out.end = ENDED.exec(lines[endAt]!)![1]!;
  const items = bullets(endAt >= 0 ? lines.slice(0, endAt) : lines);
  // Which bullets at column 0 are topics: all after the first blank-separated
  // group; in the first group (where items that came before any topic also sit
  // at column 0) the last one, when it carries no TYPE: prefix.
  const firstGroupEnd = items.findIndex((b, i) => i > 0 && b.afterBlank);
  const groupEnd = firstGroupEnd < 0 ? items.length : firstGroupEnd;
  let lastTop = -1;
  for (let i = 0; i < groupEnd; i++) if (items[i]!.indent === 0) lastTop = i;
  items.forEach((b, i) => {
    const item = parseItemText(b.text);
    const isTopic = b.indent === 0 && (i >= groupEnd || (i === lastTop && item.type === undefined));
    if (isTopic) {
      const topic: MinutesTopic = { title: item.text };
      if (item.by) topic.by = item.by;
      if (item.time) topic.time = item.time;
      out.topics.push(topic);
      return;
    }
    out.notes.push(minutesNote(item, out.topics.length));
  });
}

function minutesNote(item: ReturnType<typeof parseItemText>, topics: number): MinutesNote {
  const note: MinutesNote = { type: item.type ?? 'info', text: item.text };
  if (item.by) note.by = item.by;
  if (item.time) note.time = item.time;
  if (topics > 0) note.topic = topics - 1;
  return note;
}

function readByPerson(items: Bullet[], out: ParsedMinutes): void {
  const by: Record<string, string[]> = {};
  const unassigned: string[] = [];
  let current: string[] | undefined;
  for (const b of items) {
    if (b.indent === 0) {
      current = /^\*\*UNASSIGNED\*\*$|^UNASSIGNED$/.test(b.text) ? unassigned : (by[b.text] ??= []);
    } else if (current && b.text !== '(none)') current.push(b.text);
  }
  out.actionsByPerson = by;
  if (unassigned.length) out.unassigned = unassigned;
}

function readPeople(texts: string[]): { nick: string; lines: number }[] {
  const people: { nick: string; lines: number }[] = [];
  for (const t of texts) {
    const m = /^(\S+) \((\d+)\)$/.exec(t.trim());
    if (m) people.push({ nick: m[1]!, lines: Number(m[2]) });
  }
  return people;
}

// ---------------------------------------------------------------- HTML minutes

// The DOM types, taken from htmlparser2's own signatures (domhandler is its dependency, not ours).
type ChildNode = ReturnType<typeof parseDOM>[number];
type Element = Parameters<typeof DomUtils.getAttributeValue>[0];

/**
 * Parses MeetBot's `.html` minutes (HTML2 writer): `<h1>` page title, `<h3>`
 * section headings each followed by an `<ol>`; a summary `<li>` holds a topic
 * (`<b class="TOPIC">`) and an `<ol type="a">` of items; an item names its
 * type in `<i class="itemtype">` (none for #info and #link) and its text in a
 * `<span class="TYPE">` (a #link: the text around the `<a>`); details in
 * `<span class="details">(<a>nick</a>, time)</span>`.
 */
export function parseMinutesHtml(html: string): ParsedMinutes {
  const doc = parseDocument(html, { decodeEntities: true });
  const out: ParsedMinutes = { title: '', topics: [], notes: [], actions: [], attendees: [] };
  const h1 = DomUtils.findOne((e) => e.name === 'h1', doc.children);
  if (h1) Object.assign(out, splitPageTitle(flat(DomUtils.textContent(h1))));
  const all = flat(DomUtils.textContent(doc));
  const started = STARTED.exec(all);
  if (started) {
    out.owner = started[1]!;
    out.start = started[2]!;
  }
  const ended = ENDED.exec(all);
  if (ended) out.end = ended[1]!;
  for (const h3 of DomUtils.findAll((e) => e.name === 'h3', doc.children)) {
    const list = nextList(h3);
    if (!list) continue;
    const name = flat(DomUtils.textContent(h3)).toLowerCase();
    if (name === 'meeting summary') readHtmlSummary(list, out);
    else if (name === 'action items') out.actions = items(list).map(text).filter((t) => t !== '(none)');
    else if (name === 'action items, by person') readHtmlByPerson(list, out);
    else if (name === 'people present (lines said)') out.attendees = readPeople(items(list).map(text));
  }
  return out;
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const text = (e: Element) => flat(DomUtils.textContent(e));
const isEl = (n: ChildNode, name?: string): n is Element => DomUtils.isTag(n) && (name === undefined || n.name === name);
const items = (list: Element) => list.children.filter((c): c is Element => isEl(c, 'li'));
const hasClass = (e: Element, cls: string) => (DomUtils.getAttributeValue(e, 'class') ?? '').split(/\s+/).includes(cls);

function nextList(h3: Element): Element | undefined {
  let n = DomUtils.nextElementSibling(h3);
  while (n && n.name === 'br') n = DomUtils.nextElementSibling(n);
  return n && (n.name === 'ol' || n.name === 'ul') ? n : undefined;
}

function readHtmlSummary(list: Element, out: ParsedMinutes): void {
  for (const li of items(list)) {
    const topicEl = li.children.find((c): c is Element => isEl(c, 'b') && hasClass(c, 'TOPIC'));
    if (topicEl) {
      const topic: MinutesTopic = { title: text(topicEl), ...details(li) };
      out.topics.push(topic);
    }
    const sub = li.children.find((c): c is Element => isEl(c, 'ol') || isEl(c, 'ul'));
    if (sub) for (const item of items(sub)) out.notes.push(htmlNote(item, out.topics.length));
  }
}

function details(li: Element): { by?: string; time?: string } {
  const span = li.children.find((c): c is Element => isEl(c, 'span') && hasClass(c, 'details'));
  if (!span) return {};
  const m = /\(\s*([^\s(),]+)\s*,\s*(\d{1,2}:\d{2}(?::\d{2})?)\s*\)/.exec(text(span));
  return m ? { by: m[1]!, time: m[2]! } : {};
}

function htmlNote(li: Element, topics: number): MinutesNote {
  const label = li.children.find((c): c is Element => isEl(c, 'i') && hasClass(c, 'itemtype'));
  const word = label ? text(label) : undefined;
  const typed = word ? noteTypeOf(word) : undefined;
  const body = li.children.filter((c) => c !== label && !(isEl(c, 'span') && hasClass(c, 'details')));
  let t = flat(body.map((c) => DomUtils.textContent(c)).join(''));
  if (label) t = t.replace(/^:\s*/, '');
  const linkLike = !label && !li.children.some((c) => isEl(c, 'span') && hasClass(c, 'INFO')) && li.children.some((c) => isEl(c, 'a'));
  const type: NoteType = typed ?? (linkLike ? 'link' : 'info');
  // A word MeetBot has but the model has no type for (REJECTED…) stays in the text, as in the .txt.
  if (word && !typed) t = `${word}: ${t}`;
  return minutesNote({ type, text: t, ...details(li) }, topics);
}

function readHtmlByPerson(list: Element, out: ParsedMinutes): void {
  const by: Record<string, string[]> = {};
  const unassigned: string[] = [];
  for (const li of items(list)) {
    const sub = li.children.find((c): c is Element => isEl(c, 'ol') || isEl(c, 'ul'));
    const head = flat(li.children.filter((c) => c !== sub).map((c) => DomUtils.textContent(c)).join(''));
    const acts = sub ? items(sub).map(text).filter((t) => t !== '(none)') : [];
    if (head === 'UNASSIGNED') unassigned.push(...acts);
    else if (head) (by[head] ??= []).push(...acts);
  }
  out.actionsByPerson = by;
  if (unassigned.length) out.unassigned = unassigned;
}
