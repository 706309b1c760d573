/**
 * An mbox file (bytes, not text: every message is in its own charset) -> its messages, each with
 * the byte offset of its `From ` line. Pure and linear: each line is looked at once, messages are
 * views into the caller's buffer unless a quoted `>From ` line had to be unquoted, and nothing is
 * decoded but the separator lines. `MboxSplitter` does the same over chunks (a gunzip stream), so
 * a month of hundreds of MB never has to be in memory at once.
 *
 * ## Which `From ` lines separate messages
 *
 * A line that starts with `From ` is a separator when
 *
 * 1. it is the strict form every mbox writer produces: a sender without spaces (`user@host`,
 *    `MAILER-DAEMON`, `-`) or pipermail's `user at host`, then an asctime date
 *    (`Thu Jan  1 00:00:00 1998`, seconds and a zone name or offset before the year optional).
 *    These split wherever they are, even without a blank line before them, as every mbox reader
 *    does (a writer would have quoted such a body line); or
 * 2. the lax form of old and hand-made archives, `From <sender> <any date>`, where the sender
 *    has an at sign (`@` or ` at `) and the rest of the line has a year (19xx, 20xx) or a time
 *    (`11:00`). These split only at the start of the file or after a blank line, so a body
 *    paragraph such as `From the minutes of 3 May 1999:` (sender `the`: no at sign) or
 *    `From jane@example.org I got 3 replies` (no year, no time) stays in its message. The
 *    remaining risk is an unquoted body line like `From jane@example.org in 2004: …` after a blank line.
 *
 * Bytes before the first separator are a message of their own when they are not blank (a file
 * holding one bare RFC 5322 message, like a saved `.eml`, has no separator at all); that message
 * has no `envelope`.
 *
 * The blank line that the format puts before each separator belongs to neither message, so a
 * message ends with its last body line (and its line break). CRLF and LF files both work: only
 * the bytes after the last LF of a line are looked at, and a CR before it is ignored.
 *
 * ## Unquoting `>From `
 *
 * - `mboxrd` (the default): a writer adds one `>` to every body line matching `^>*From `; the
 *   reader removes one `>` from every line matching `^>+From `.
 * - `mboxo`: a writer turns `From ` into `>From ` and leaves `>From ` alone, so the reader can
 *   only undo the first: `>From ` -> `From `, `>>From ` stays.
 * - `none`: bytes as they are.
 *
 * mboxrd is the safe default because it is exact for mboxrd files and, on an mboxo file
 * (pipermail and Python's mailbox write mboxo), it differs from the mboxo reading only on body
 * lines that started with `>From ` or `>>From ` in the original mail, which lose one `>`. The mboxo
 * reading of an mboxrd file would instead leave every `>>From ` line wrongly quoted.
 */

export type MboxVariant = 'mboxrd' | 'mboxo' | 'none';

export interface SplitOptions {
  /** How quoted `>From ` lines are read; `mboxrd` when not given (see above). */
  variant?: MboxVariant;
}

export interface RawMessage {
  /** Byte offset in the file of the message's `From ` line (of its first byte when it has none). */
  offset: number;
  /** The `From ` line as written, without its line break (latin1-decoded), or undefined before the first separator. */
  envelope: string | undefined;
  /** Headers and body, unquoted, without the `From ` line and without the blank line before the next one. */
  bytes: Uint8Array;
}

const LF = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const FROM = [0x46, 0x72, 0x6f, 0x6d, 0x20]; // "From "

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
/** `Thu Jan  1 00:00:00 1998`, `Thu Jan 1 00:00 1998`, `Thu Jan  1 00:00:00 PST 1998`, `… +0100 1998`. */
const ASCTIME_SOURCE = `${DAY},?\\s+${MONTH}\\s+\\d{1,2}\\s+\\d{1,2}:\\d{2}(?::\\d{2})?\\s+(?:[A-Z]{1,5}\\s+|[+-]\\d{4}\\s+)?\\d{4}`;
/** A sender without spaces, or pipermail's `user at host`, then an asctime date. */
const STRICT = new RegExp(`^From (?:\\S+ at \\S+|\\S*)\\s+${ASCTIME_SOURCE}\\s*$`);
const LAX = /^From (?:\S+@\S+|\S+ at \S+)\s+.*?(?:\b(?:19|20)\d\d\b|\d:\d\d)/;
const ASCTIME_IN_ENVELOPE = new RegExp(`(${ASCTIME_SOURCE})\\s*$`);

/** Whether a line (without its line break) is a separator; `afterBlank` when it starts the file or follows a blank line. */
export function isSeparator(line: string, afterBlank: boolean): boolean {
  if (!line.startsWith('From ')) return false;
  return STRICT.test(line) || (afterBlank && LAX.test(line));
}

function startsWithFrom(buf: Uint8Array, at: number, end: number): boolean {
  if (end - at < 5) return false;
  for (let i = 0; i < 5; i++) if (buf[at + i] !== FROM[i]) return false;
  return true;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  // Separator lines are short; String.fromCharCode over a subarray is latin1 without a decoder.
  let s = '';
  for (let i = start; i < end; i += 4096) s += String.fromCharCode(...buf.subarray(i, Math.min(end, i + 4096)));
  return s;
}

/** Where a `>` must be removed from a line starting at `at` (ending at `end`), or -1. */
function quoteToRemove(buf: Uint8Array, at: number, end: number, variant: MboxVariant): number {
  if (variant === 'none' || buf[at] !== GT) return -1;
  let i = at;
  while (i < end && buf[i] === GT) i++;
  if (variant === 'mboxo' && i - at !== 1) return -1;
  return startsWithFrom(buf, i, end) ? at : -1;
}

/** A message being read: where it started, its body start, and the `>` bytes to drop. */
interface Open {
  offset: number;
  envelope: string | undefined;
  start: number;
  drops: number[];
}

function cut(buf: Uint8Array, start: number, end: number, drops: readonly number[], copy: boolean): Uint8Array {
  if (drops.length === 0) return copy ? buf.slice(start, end) : buf.subarray(start, end);
  const out = new Uint8Array(end - start - drops.length);
  let o = 0;
  let from = start;
  for (const d of drops) {
    out.set(buf.subarray(from, d), o);
    o += d - from;
    from = d + 1;
  }
  out.set(buf.subarray(from, end), o);
  return out;
}

/**
 * The scanning state shared by `splitMbox` (one buffer) and `MboxSplitter` (chunks): positions
 * are relative to `buf`, and `base` is the file offset of `buf[0]`.
 */
class Scanner {
  buf: Uint8Array = new Uint8Array(0);
  length = 0;
  base = 0;
  /** Start of the next line to look at. */
  pos = 0;
  afterBlank = true;
  /** Start of the line just before `pos` when it was blank, else -1. */
  blankStart = -1;
  /** The message being read; the bytes before the first separator are one too (dropped when blank). */
  open: Open | undefined = { offset: 0, envelope: undefined, start: 0, drops: [] };
  readonly variant: MboxVariant;

  constructor(variant: MboxVariant) {
    this.variant = variant;
  }

  /**
   * Reads lines of buf[pos, length) until one message is complete and returns it; undefined
   * when the input so far holds no further complete message. Only whole lines are read unless
   * `final`, when the last line may lack its line break and the open message ends with the input.
   */
  next(final: boolean, copy: boolean): RawMessage | undefined {
    const { buf, length, variant } = this;
    while (this.pos < length) {
      const pos = this.pos;
      let nl = buf.indexOf(LF, pos);
      if (nl < 0 || nl >= length) {
        if (!final) return undefined;
        nl = length;
      }
      const lineEnd = nl < length ? nl + 1 : length;
      const contentEnd = nl > pos && buf[nl - 1] === CR ? nl - 1 : nl;
      this.pos = lineEnd;
      if (contentEnd === pos) {
        this.blankStart = pos;
        this.afterBlank = true;
        continue;
      }
      const afterBlank = this.afterBlank;
      const blankStart = this.blankStart;
      this.blankStart = -1;
      this.afterBlank = false;
      if (startsWithFrom(buf, pos, contentEnd)) {
        const line = latin1(buf, pos, contentEnd);
        if (isSeparator(line, afterBlank)) {
          const done = this.close(blankStart >= 0 ? blankStart : pos, copy);
          this.open = { offset: this.base + pos, envelope: line, start: lineEnd, drops: [] };
          if (done) return done;
          continue;
        }
      }
      const drop = quoteToRemove(buf, pos, contentEnd, variant);
      if (drop >= 0) this.open?.drops.push(drop);
    }
    if (!final) return undefined;
    const last = this.close(length, copy);
    this.open = undefined;
    return last;
  }

  /** The open message, ended at `end`, or undefined when it is the blank stretch before the first separator. */
  private close(end: number, copy: boolean): RawMessage | undefined {
    const open = this.open;
    if (!open) return undefined;
    const stop = Math.max(end, open.start);
    if (open.envelope === undefined && isBlank(this.buf, open.start, stop)) return undefined;
    const drops = open.drops.filter((d) => d < stop);
    return { offset: open.offset, envelope: open.envelope, bytes: cut(this.buf, open.start, stop, drops, copy) };
  }
}

function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== LF && c !== CR && c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/**
 * The messages of a whole mbox buffer, in file order, read lazily. Each message's bytes are a
 * view into `buf` (a copy only when a `>From ` line was unquoted), so keep `buf` unchanged while
 * using them.
 */
export function* splitMbox(buf: Uint8Array, options: SplitOptions = {}): Generator<RawMessage> {
  const scanner = new Scanner(options.variant ?? 'mboxrd');
  scanner.buf = buf;
  scanner.length = buf.length;
  for (let m = scanner.next(true, false); m; m = scanner.next(true, false)) yield m;
}

/**
 * The same split over chunks (for example a gunzip stream): `push` each chunk and take the
 * messages it completed, then `end()` for the last one. Messages are copies, so the chunks can
 * be dropped; the splitter keeps only the message being read (and the line being read).
 */
export class MboxSplitter {
  private readonly scanner: Scanner;
  private ended = false;

  constructor(options: SplitOptions = {}) {
    this.scanner = new Scanner(options.variant ?? 'mboxrd');
  }

  push(chunk: Uint8Array): RawMessage[] {
    if (this.ended) throw new Error('MboxSplitter.push after end()');
    this.append(chunk);
    const out: RawMessage[] = [];
    for (let m = this.scanner.next(false, true); m; m = this.scanner.next(false, true)) out.push(m);
    this.compact();
    return out;
  }

  end(): RawMessage[] {
    if (this.ended) return [];
    this.ended = true;
    const out: RawMessage[] = [];
    for (let m = this.scanner.next(true, true); m; m = this.scanner.next(true, true)) out.push(m);
    return out;
  }

  private append(chunk: Uint8Array): void {
    const s = this.scanner;
    if (s.length + chunk.length > s.buf.length) {
      const grown = new Uint8Array(Math.max(s.length + chunk.length, s.buf.length * 2, 1 << 16));
      grown.set(s.buf.subarray(0, s.length));
      s.buf = grown;
    }
    s.buf.set(chunk, s.length);
    s.length += chunk.length;
  }

  /** Drops the bytes before the open message's body (already emitted or not needed), shifting every position. */
  private compact(): void {
    const s = this.scanner;
    const keep = s.open ? s.open.start : s.pos;
    if (keep <= 0) return;
    s.buf.copyWithin(0, keep, s.length);
    s.length -= keep;
    s.pos -= keep;
    s.base += keep;
    if (s.blankStart >= 0) s.blankStart -= keep;
    if (s.open) {
      s.open.start -= keep;
      s.open.drops = s.open.drops.map((d) => d - keep);
    }
  }
}

/** Async form of `MboxSplitter` over a stream of chunks. */
export async function* splitMboxStream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: SplitOptions = {}): AsyncGenerator<RawMessage> {
  const splitter = new MboxSplitter(options);
  for await (const chunk of chunks) yield* splitter.push(chunk);
  yield* splitter.end();
}

export interface Envelope {
  /** The sender as written (`user@host`, pipermail's `user at host`), or undefined. */
  sender: string | undefined;
  /** The asctime date read as UTC (mbox writers use local time without saying which), whole-second ISO. */
  date: string | undefined;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The sender and date of a `From ` line. */
export function parseEnvelope(line: string): Envelope {
  const rest = line.replace(/^From /, '');
  const m = ASCTIME_IN_ENVELOPE.exec(rest);
  const senderPart = (m ? rest.slice(0, m.index) : rest).trim();
  const sender = senderPart === '' ? undefined : senderPart;
  if (!m) return { sender, date: undefined };
  const d = /^\w{3},?\s+(\w{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s+(?:\S+\s+)?(\d{4})$/.exec(m[1]!);
  if (!d) return { sender, date: undefined };
  const month = MONTHS.indexOf(d[1]!.toLowerCase());
  const [day, hh, mm, ss, year] = [Number(d[2]), Number(d[3]), Number(d[4]), Number(d[5] ?? 0), Number(d[6])];
  const ms = Date.UTC(year, month, day, hh, mm, ss);
  const check = new Date(ms);
  if (month < 0 || check.getUTCDate() !== day || hh > 23 || mm > 59 || ss > 60) return { sender, date: undefined };
  return { sender, date: `${check.toISOString().slice(0, 19)}Z` };
}
