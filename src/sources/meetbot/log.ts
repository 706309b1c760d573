/**
 * The meeting log, as MeetBot writes it in `.log.txt` (and, marked up, in
 * `.log.html`). MeetBot's TextLog writes one line per message,
 * `HH:MM:SS <nick> text` or `HH:MM:SS * nick text` for /me, and only while a
 * meeting runs (so the first line is the #startmeeting and the last the
 * #endmeeting). Relatives write `HH:MM` (GMeetBot, meetingology), ISO stamps
 * (`2021-06-01T14:00:12  <nick> text`, OpenDev's Limnoria port), bracketed
 * stamps (`[12:00:01]`, which MeetBot's own replay reader accepts), and some
 * carry server events (`*** a is now known as b`, `-!- a has joined`).
 *
 * Nothing here knows who the bot is: every spoken line is `say` or `me`, the
 * deriver retypes the meeting bot's lines. Text is kept exactly as written
 * (it is escaped when rendered). A line that fits no form is reported in
 * `garbled` with its 1-based line number and also kept in `lines` as an
 * `event` at the previous line's time, so that the log loses nothing and the
 * line indexes stay the bot's anchors (`l-N` is `lines[N-1]`).
 */
import { Parser } from 'htmlparser2';
import type { LogLine } from '../../model/meeting.ts';
import { foldNick } from '../../model/meeting.ts';
import { DayClock, secondsOfDay } from './clock.ts';

export interface Garbled {
  /** 1-based line number in the file (in a `.log.html`, in its `<pre>`). */
  line: number;
  text: string;
}

export interface ParsedLog {
  lines: LogLine[];
  garbled: Garbled[];
  /** The channel the page title names (`.log.html` only). */
  channel?: string;
}

interface RawLine {
  /** `YYYY-MM-DD` when the stamp carries the date. */
  date?: string;
  seconds: number;
  type: LogLine['type'];
  nick?: string;
  text: string;
}

const STAMP = /^\[?(?:(\d{4}-\d{2}-\d{2})[T ])?(\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?\]?(?:\s+(.*))?$/;
const SAY = /^<\s?[@+%~&]?([^>\s]+)>\s?(.*)$/;
const EVENT = /^(?:\*\*\*|-!-|-->|<--|<->|--)\s+(.*)$/;
const ME = /^\*\s+(\S+)(?:\s+(.*))?$/;
const EVENT_NICK = /^(\S+)\s+(?:\([^)]*\)\s+)?(?:is now known as|has joined|has quit|has left|has parted|quit|joined|left)\b/;

/** One log line, or undefined when it fits none of the forms. */
export function parseLogLine(raw: string): RawLine | undefined {
  const m = STAMP.exec(raw.trim());
  if (!m) return undefined;
  const seconds = secondsOfDay(m[2]!);
  if (seconds === undefined) return undefined;
  const rest = m[3] ?? '';
  const date = m[1];
  const base = date ? { date, seconds } : { seconds };
  let p = SAY.exec(rest);
  if (p) return { ...base, type: 'say', nick: p[1]!, text: (p[2] ?? '').trim() };
  p = EVENT.exec(rest);
  if (p) {
    const nick = EVENT_NICK.exec(p[1]!)?.[1];
    return { ...base, type: 'event', ...(nick ? { nick } : {}), text: p[1]!.trim() };
  }
  p = ME.exec(rest);
  if (p) return { ...base, type: 'me', nick: p[1]!, text: (p[2] ?? '').trim() };
  return undefined;
}

/** Parses a `.log.txt` for a meeting that started on `day` (`YYYY-MM-DD`, from the file name). */
export function parseLogTxt(text: string, day: string): ParsedLog {
  return parseLines(text.split('\n'), day);
}

function parseLines(rows: string[], day: string): ParsedLog {
  const clock = new DayClock(day);
  const lines: LogLine[] = [];
  const garbled: Garbled[] = [];
  let lastTime = `${day}T00:00:00Z`;
  rows.forEach((row, i) => {
    if (row.trim() === '') return;
    const raw = parseLogLine(row);
    if (!raw) {
      garbled.push({ line: i + 1, text: row });
      lines.push({ time: lastTime, type: 'event', text: row.trim() });
      return;
    }
    lastTime = raw.date ? `${raw.date}T${hms(raw.seconds)}Z` : clock.at(raw.seconds);
    lines.push(toLogLine(raw, lastTime));
  });
  return { lines, garbled };
}

function toLogLine(raw: RawLine, time: string): LogLine {
  const line: LogLine = { time, type: raw.type, text: raw.text };
  if (raw.nick) {
    line.nick = raw.nick;
    line.who = foldNick(raw.nick);
  }
  return line;
}

function hms(seconds: number): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(Math.floor(seconds / 3600))}:${p(Math.floor(seconds / 60) % 60)}:${p(seconds % 60)}`;
}

/**
 * Parses a `.log.html`. MeetBot's HTMLlog writers put the log in one `<pre>`,
 * one line per log line, with the time, nick and text in spans; the text of
 * the `<pre>` is the raw log again, so it is read with htmlparser2 (entities
 * decoded) and parsed like a `.log.txt`. A page without `<pre>` (other
 * writers) is read from its body, `<br>` and block ends making line breaks.
 */
export function parseLogHtml(html: string, day: string): ParsedLog {
  const { pre, body, title } = htmlText(html);
  const parsed = parseLines((pre ?? body).split('\n'), day);
  const channel = /^([#&]\S+)\s+log$/.exec(title.trim())?.[1];
  return channel ? { ...parsed, channel } : parsed;
}

const BLOCKS = new Set(['p', 'div', 'tr', 'li', 'table', 'h1', 'h2', 'h3']);
const SKIP = new Set(['style', 'script', 'head']);

function htmlText(html: string): { pre?: string; body: string; title: string } {
  let pre: string | undefined;
  let body = '';
  let title = '';
  let inPre = 0;
  let inTitle = 0;
  let skip = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'pre') {
          inPre++;
          pre ??= '';
        } else if (name === 'title') inTitle++;
        else if (SKIP.has(name)) skip++;
        else if (name === 'br') {
          if (inPre) pre += '\n';
          else body += '\n';
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        else if (inPre) pre += text;
        else if (!skip) body += text;
      },
      onclosetag(name) {
        if (name === 'pre') {
          inPre = Math.max(0, inPre - 1);
          pre += '\n';
        } else if (name === 'title') inTitle = Math.max(0, inTitle - 1);
        else if (SKIP.has(name)) skip = Math.max(0, skip - 1);
        else if (BLOCKS.has(name) && !inPre) body += '\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return pre === undefined ? { body, title } : { pre, body, title };
}
