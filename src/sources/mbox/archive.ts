/**
 * The part every mail archive source shares (mbox files, pipermail months,
 * HyperKitty exports): one month's bytes -> messages (each parsed or reported
 * with its byte offset and reason, never the whole month lost for one), then,
 * once every month of the run is in, threading the new messages together with
 * the threads stored before, so threads that cross months and syncs are joined
 * and keep their ids.
 */
import { makeItem } from '../../model/item.ts';
import { Message, MESSAGE_KIND, Thread, THREAD_KIND } from '../../model/mail.ts';
import type { SyncContext } from '../types.ts';
import { mapMessage } from './map.ts';
import { MessageParseError, parseRawMessage } from './parse.ts';
import { splitMbox, type MboxVariant } from './split.ts';
import { threadMessages, type ThreadInput } from './thread.ts';

export interface ArchiveMonth {
  /** The list's name (the place its messages belong to). */
  list: string;
  /**
   * `YYYY-MM` of an archive month (pipermail, HyperKitty). Absent for a whole
   * mbox file: each message then goes in its own date's month, and one without
   * a readable date in the month of the message before it (archives are in order).
   */
  month?: string;
  /** For a whole mbox file: the month for undated messages before any dated one (the file's date). */
  fallbackMonth?: string;
  /** Messages dated before this (UTC ISO) are left out (the source's `since`). */
  since?: string;
  /** What the manager sees in reports: a file or URL. */
  where: string;
  /** Link for the messages' pages (the month's archive). */
  url?: string;
  bytes: Uint8Array;
  variant?: MboxVariant;
}

interface Entry extends ThreadInput {
  key: string;
  author: string;
  date: string;
  references: string[];
}

export interface MonthResult {
  messages: number;
  skipped: number;
  /** Newest message date in the month. */
  newest?: string;
}

/** One run's messages, threaded with what earlier runs stored when `finish` is called. */
export class ArchiveRun {
  private readonly entries = new Map<string, Entry>();
  private newest: string | undefined;

  constructor(
    private readonly ctx: SyncContext,
    private readonly type: string,
    private readonly origin: string,
  ) {}

  /** Parses and stores one month; a message that cannot be read is reported with its offset and skipped. */
  async addMonth(m: ArchiveMonth): Promise<MonthResult> {
    const result: MonthResult = { messages: 0, skipped: 0 };
    let previous = m.fallbackMonth ?? '1970-01';
    for (const raw of splitMbox(m.bytes, { variant: m.variant ?? 'mboxrd' })) {
      const parsed = await parseRawMessage(raw);
      if (parsed instanceof MessageParseError) {
        this.ctx.skip(`${m.where} (${m.list}${m.month ? `, ${m.month}` : ''}) at byte ${raw.offset}`, parsed.message);
        result.skipped++;
        continue;
      }
      const dated = parsed.date ?? parsed.envelopeDate;
      const month = m.month ?? (dated ? dated.slice(0, 7) : previous);
      previous = month;
      if (m.since && (dated ?? `${month}-01T00:00:00Z`) < m.since) continue;
      const data = Message.parse(mapMessage(parsed, { list: m.list, month, identityId: (v) => this.ctx.identityId(v), url: m.url }));
      await this.ctx.emit(makeItem({ source: this.ctx.config.id, type: this.type, origin: this.origin, kind: MESSAGE_KIND, nativeId: data.key, updatedOn: data.date, data }));
      this.entries.set(data.messageId, { messageId: data.messageId, inReplyTo: data.inReplyTo, references: data.references, subject: data.subject, date: data.date, key: data.key, author: data.author.id });
      result.messages++;
      if (!result.newest || data.date > result.newest) result.newest = data.date;
    }
    if (result.newest && (!this.newest || result.newest > this.newest)) this.newest = result.newest;
    return result;
  }

  /** The newest message date of the run. */
  get newestDate(): string | undefined {
    return this.newest;
  }

  /**
   * Threads this run's messages with those of the stored threads (JWZ, see
   * thread.ts), stores every thread (unchanged ones are not rewritten) and
   * removes threads that were merged into others. Nothing to do when the run
   * brought no message.
   *
   * `fresh` (the run read the whole archive) threads only what the run read:
   * only for a source whose `confirmGone` then removes every message it did
   * not read. A source that keeps unseen messages (pipermail, HyperKitty: no
   * `confirmGone`) must not pass it, or the messages it keeps fall out of
   * their threads, and so off every list and month page.
   */
  async finish(list: string, options: { fresh?: boolean } = {}): Promise<{ threads: number; merged: number }> {
    if (this.entries.size === 0) return { threads: 0, merged: 0 };
    const all = new Map<string, Entry>();
    const existing = new Map<string, string>();
    // `fresh`: the run read the whole archive, so it threads only what it read (old threads go as unseen, and are removed).
    for await (const item of options.fresh ? [] : this.ctx.stored(THREAD_KIND)) {
      const t = Thread.safeParse(item.data);
      if (!t.success || t.data.list !== list) continue;
      for (const e of t.data.messages) {
        all.set(e.messageId, { messageId: e.messageId, inReplyTo: e.inReplyTo, references: e.references, subject: e.subject, date: e.date, key: e.key, author: e.author });
        existing.set(e.messageId, t.data.key);
      }
    }
    for (const [id, e] of this.entries) all.set(id, e);
    const result = threadMessages(all.values(), { existing });
    for (const t of result.threads) {
      const messages = t.messages.map((tm) => {
        const e = all.get(tm.messageId)!;
        const parent = tm.parentId === undefined ? undefined : all.get(tm.parentId)?.key;
        return {
          key: e.key,
          messageId: e.messageId,
          ...(e.inReplyTo ? { inReplyTo: e.inReplyTo } : {}),
          references: e.references,
          subject: e.subject,
          ...(parent ? { parent } : {}),
          depth: tm.depth,
          ...(tm.bySubject ? { bySubject: true } : {}),
          author: e.author,
          date: e.date,
        };
      });
      const dates = messages.map((x) => x.date).sort();
      const data = Thread.parse({ key: t.id, list, subject: t.subject, messages, firstDate: dates[0]!, lastDate: dates.at(-1)! });
      await this.ctx.emit(makeItem({ source: this.ctx.config.id, type: this.type, origin: this.origin, kind: THREAD_KIND, nativeId: data.key, updatedOn: data.lastDate, data }));
    }
    const gone = new Set(result.merged.map((m) => m.from));
    for (const id of gone) this.ctx.remove(THREAD_KIND, id);
    return { threads: result.threads.length, merged: gone.size };
  }
}

/** The later of two UTC ISO times (a cursor never goes back because a run re-read only older months). */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  return a === undefined ? b : b === undefined || a > b ? a : b;
}

/** `YYYY-MM` of a UTC date. */
export function monthOfDate(d: Date): string {
  return d.toISOString().slice(0, 7);
}
