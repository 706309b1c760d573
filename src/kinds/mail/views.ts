/**
 * What the list pages show, prepared from the catalog's summaries (pure): a
 * list's months, the threads of a month, the thread each message is in.
 */
import type { MessageSummary, ThreadSummary } from './summary.ts';

export interface ListMonth {
  /** `YYYY-MM` (UTC, of the archive month). */
  month: string;
  messages: number;
  /** Threads whose first message is in this month. */
  threadsStarted: number;
  /** Distinct counted posters. */
  posters: number;
}

/** The thread of every message, by message summary key (`<source>:<message key>`). */
export function threadOfMessage(threads: Iterable<ThreadSummary>): Map<string, ThreadSummary> {
  const map = new Map<string, ThreadSummary>();
  for (const t of threads) for (const e of t.entries) map.set(`${t.source}:${e.key}`, t);
  return map;
}

/** A list's months, newest first. `counts` says whether a poster is counted (not a bot, not opted out). */
export function listMonths(messages: Iterable<MessageSummary>, threads: Iterable<ThreadSummary>, counts: (personKey: string) => boolean): ListMonth[] {
  const months = new Map<string, { messages: number; threads: number; posters: Set<string> }>();
  const at = (m: string) => {
    let e = months.get(m);
    if (!e) months.set(m, (e = { messages: 0, threads: 0, posters: new Set() }));
    return e;
  };
  for (const m of messages) {
    const e = at(m.month);
    e.messages++;
    if (counts(m.author)) e.posters.add(m.author);
  }
  for (const t of threads) if (t.created) at(t.created.slice(0, 7)).threads++;
  return [...months]
    .sort((a, b) => b[0].localeCompare(a[0]))
    .map(([month, e]) => ({ month, messages: e.messages, threadsStarted: e.threads, posters: e.posters.size }));
}

export interface MonthThread {
  thread: ThreadSummary;
  /** Its messages in this month. */
  inMonth: number;
}

/** Threads with messages in one month, by their first message in it. */
export function threadsOfMonth(messages: Iterable<MessageSummary>, month: string, threadOf: ReadonlyMap<string, ThreadSummary>): MonthThread[] {
  const found = new Map<string, { thread: ThreadSummary; inMonth: number; first: string }>();
  for (const m of messages) {
    if (m.month !== month) continue;
    const t = threadOf.get(m.key);
    if (!t) continue;
    const e = found.get(t.key);
    if (e) {
      e.inMonth++;
      if (m.updated < e.first) e.first = m.updated;
    } else found.set(t.key, { thread: t, inMonth: 1, first: m.updated });
  }
  return [...found.values()].sort((a, b) => a.first.localeCompare(b.first) || a.thread.key.localeCompare(b.thread.key)).map(({ thread, inMonth }) => ({ thread, inMonth }));
}

/** The month's name for a `YYYY-MM` (UTC): "March 2024". */
export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** A list's archive page, by its place's slug. */
export function listPagePath(slug: string): string {
  return `lists/${slug}/`;
}

/** A list's month page. */
export function listMonthPath(slug: string, month: string): string {
  return `lists/${slug}/${month}/`;
}

/** What a quote of an opted-out person's words shows instead of them. */
export const QUOTE_LEFT_OUT = '(Quoted words of a participant who asked to be left out.)';

/**
 * A message with opted-out people's names replaced in everything a page shows of it (`redact`
 * should be the strict one: first names too), and their words left out where a reply quotes them
 * (a quote whose attribution named them).
 */
export function redactMessage<M extends { subject: string; segments: { kind: string; text: string; attribution?: string }[] }>(m: M, redact: (text: string) => string): M {
  return {
    ...m,
    subject: redact(m.subject),
    segments: m.segments.map((s) => {
      const attribution = s.attribution === undefined ? undefined : redact(s.attribution);
      const theirs = s.kind === 'quote' && attribution !== undefined && attribution !== s.attribution;
      return { ...s, text: theirs ? QUOTE_LEFT_OUT : redact(s.text), ...(attribution !== undefined ? { attribution } : {}) };
    }),
  };
}
