/**
 * Threads from message summaries: JWZ's algorithm (https://www.jwz.org/doc/threading.html) over
 * Message-ID / References / In-Reply-To, then a subject fallback for replies that carry neither.
 * Pure: summaries in, threads out; the store keeps the summaries of earlier months, and a re-sync
 * threads them together with the new month.
 *
 * ## Same result incrementally and at once
 *
 * The input is put in one canonical order first (date, then Message-ID), so the result depends
 * on the set of messages only, not on the order they come in: threading the known months' summaries
 * together with a new month gives exactly what threading all months at once gives.
 *
 * ## References
 *
 * A message's chain is its References, then its In-Reply-To when that is not already in them.
 * Each consecutive pair is linked parent -> child unless the child already has a parent or the
 * link would make a loop; the message's own parent is the last id of the chain (JWZ step 1).
 * Ids that are referenced but not in the input are kept as empty containers while threading.
 *
 * ## Subject fallback, and its window
 *
 * Archives lose References (pipermail imports, clients that never sent them). A message with
 * no References and no In-Reply-To whose subject is a reply (`Re:`, `AW:`, `SV:`, `Antw:`, … after
 * list tags such as `[foo-dev]` are stripped) joins the most recently started thread with the same
 * normalised subject, provided that thread had a message at most `subjectWindowDays` (30 by default)
 * before it. Messages that are not replies never join by subject, so two "Meeting notes" threads
 * stay two threads, and a "Re: Meeting notes" joins the latest "Meeting notes" thread, never one
 * from months before. Joined replies hang below that thread's first message, flagged `bySubject`.
 *
 * ## Thread ids
 *
 * A thread's id is a digest of its top id: the Message-ID at the top of its reference tree,
 * whether that message is in the archive or only referenced (`ids.ts`, `threadKey`). References
 * list the thread's first message first, so when that message arrives late (an archive gap filled,
 * a cross-posted original), it takes the place of the empty container that already named the
 * thread: the id does not change. The top moves only when a message above it arrives that no one
 * referenced; for that, pass the ids of the earlier run as `existing` (Message-ID -> thread id):
 * a thread keeps the existing id of its earliest message that has one, and other existing ids
 * found in it are reported in `merged` (two threads that one message joined), so pages can redirect.
 *
 * Linear apart from sorting and the loop checks, which walk up the ancestors of a message.
 */
import { threadKey } from './ids.ts';

export interface ThreadInput {
  messageId: string;
  inReplyTo?: string | undefined;
  references?: readonly string[] | undefined;
  subject: string;
  /** UTC ISO time; undefined sorts last and never joins by subject. */
  date?: string | undefined;
}

export interface ThreadOptions {
  /** How far back a reply without references may find its thread by subject (days; 30). */
  subjectWindowDays?: number;
  /** Thread ids from an earlier run, by Message-ID, to keep (see the module comment). */
  existing?: ReadonlyMap<string, string>;
}

export interface ThreadMessage {
  messageId: string;
  /** The nearest ancestor that is in the input; undefined for the thread's top-level messages. */
  parentId: string | undefined;
  /** How many ancestors in the input: 0 for the top level. */
  depth: number;
  /** Its direct parent is referenced but not in the input (the reply stands below `parentId`, or at the top). */
  parentMissing: boolean;
  /** Attached by the subject fallback, not by references. */
  bySubject: boolean;
}

export interface Thread {
  id: string;
  /** The Message-ID the id derives from (it may be of a message that is not in the input). */
  topId: string;
  /** The subject of its first message. */
  subject: string;
  /** Pre-order: each message, then its replies, siblings by date. */
  messages: ThreadMessage[];
  firstDate: string | undefined;
  lastDate: string | undefined;
}

export interface ThreadResult {
  /** By first date (undated last), then id. */
  threads: Thread[];
  /** Thread id of every input message. */
  threadOf: Map<string, string>;
  /** Existing thread ids (`options.existing`) that now belong to another thread. */
  merged: { from: string; into: string }[];
  /** Message-IDs given more than once; the first in canonical order is kept. */
  duplicates: string[];
}

interface Container {
  id: string;
  seq: number;
  message: ThreadInput | undefined;
  parent: Container | undefined;
  children: Container[];
  bySubject: boolean;
  /** Earliest date in its subtree (set before display). */
  min: string | undefined;
  /** Latest date in its subtree. */
  max: string | undefined;
}

const REPLY = /^(?:re|aw|sv|vs|antw|antwort|odp|res|rif|ref|ynt|атб|ответ|回复|回覆|答复)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*/i;
const FORWARD = /^(?:fwd?|wg|tr|enc|rv|转发|轉寄)\s*[:：]\s*/i;
const TAG = /^\[[^\]\n]{1,80}\]\s*/;

/** `[foo-dev] Re: AW: Fwd: Topic (was: Old)` -> { key: 'topic', isReply: true }. */
export function normaliseSubject(subject: string): { key: string; isReply: boolean } {
  let s = subject.replace(/\s+/g, ' ').trim();
  let isReply = false;
  for (;;) {
    const before = s;
    s = s.replace(TAG, '');
    if (REPLY.test(s)) {
      s = s.replace(REPLY, '');
      isReply = true;
    }
    s = s.replace(FORWARD, '').trim();
    if (s === before) break;
  }
  s = s.replace(/\s*\((?:was|war|était|era)\s*:?[^()]*\)\s*$/i, '').replace(/\s*\(fwd\)\s*$/i, '');
  return { key: s.toLowerCase(), isReply };
}

const compareDates = (a: string | undefined, b: string | undefined) => (a === b ? 0 : a === undefined ? 1 : b === undefined ? -1 : a < b ? -1 : 1);
const byDateThenId = (a: ThreadInput, b: ThreadInput) => compareDates(a.date, b.date) || (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0);

function isAncestorOrSelf(a: Container, of: Container): boolean {
  for (let x: Container | undefined = of; x; x = x.parent) if (x === a) return true;
  return false;
}

function unlink(c: Container): void {
  const p = c.parent;
  if (!p) return;
  const i = p.children.indexOf(c);
  if (i >= 0) p.children.splice(i, 1);
  c.parent = undefined;
}

function link(parent: Container, child: Container): void {
  child.parent = parent;
  parent.children.push(child);
}

const DAY_MS = 86_400_000;

/** Threads of `inputs` (see the module comment). */
export function threadMessages(inputs: Iterable<ThreadInput>, options: ThreadOptions = {}): ThreadResult {
  const windowMs = (options.subjectWindowDays ?? 30) * DAY_MS;
  const sorted = [...inputs].sort(byDateThenId);
  const containers = new Map<string, Container>();
  let seq = 0;
  const get = (id: string): Container => {
    let c = containers.get(id);
    if (!c) {
      c = { id, seq: seq++, message: undefined, parent: undefined, children: [], bySubject: false, min: undefined, max: undefined };
      containers.set(id, c);
    }
    return c;
  };

  // JWZ step 1.
  const duplicates: string[] = [];
  const messages: ThreadInput[] = [];
  for (const m of sorted) {
    const c = get(m.messageId);
    if (c.message) {
      duplicates.push(m.messageId);
      continue;
    }
    c.message = m;
    messages.push(m);
    const chain = (m.references ?? []).filter((id) => id !== m.messageId);
    if (m.inReplyTo !== undefined && m.inReplyTo !== m.messageId && !chain.includes(m.inReplyTo)) chain.push(m.inReplyTo);
    for (let i = 1; i < chain.length; i++) {
      const p = get(chain[i - 1]!);
      const q = get(chain[i]!);
      if (p !== q && !q.parent && !isAncestorOrSelf(q, p)) link(p, q);
    }
    const last = chain.length > 0 ? get(chain[chain.length - 1]!) : undefined;
    // Without a chain of its own, a parent guessed from another message's References stays.
    if (last && c.parent !== last && !isAncestorOrSelf(c, last)) {
      unlink(c);
      link(last, c);
    }
  }

  // Dates per subtree, for ordering and for the subject window.
  const roots = [...containers.values()].filter((c) => !c.parent);
  const postOrder: Container[] = [];
  for (const root of roots) {
    const stack: [Container, boolean][] = [[root, false]];
    while (stack.length > 0) {
      const [c, done] = stack.pop()!;
      if (done) postOrder.push(c);
      else {
        stack.push([c, true]);
        for (const child of c.children) stack.push([child, false]);
      }
    }
  }
  for (const c of postOrder) {
    let min = c.message?.date;
    let max = c.message?.date;
    for (const child of c.children) {
      if (compareDates(child.min, min) < 0) min = child.min;
      if (max === undefined || (child.max !== undefined && child.max > max)) max = child.max;
    }
    c.min = min;
    c.max = max;
  }

  // Subject fallback: sweep the trees by start date.
  roots.sort((a, b) => compareDates(a.min, b.min) || a.seq - b.seq);
  const latestBySubject = new Map<string, Container>();
  const topLevel: Container[] = [];
  for (const root of roots) {
    const first = root.message ?? firstMessage(root);
    const { key, isReply } = normaliseSubject(first?.subject ?? '');
    const m = root.message;
    const orphanReply = m !== undefined && isReply && (m.references ?? []).length === 0 && m.inReplyTo === undefined && m.date !== undefined;
    const target = key === '' ? undefined : latestBySubject.get(key);
    if (orphanReply && target && target.max !== undefined && Date.parse(target.max) >= Date.parse(m.date!) - windowMs) {
      link(target, root);
      root.bySubject = true;
      for (let x: Container | undefined = target; x; x = x.parent) if (x.max === undefined || (root.max !== undefined && root.max > x.max)) x.max = root.max;
      continue;
    }
    topLevel.push(root);
    if (key !== '' && root.min !== undefined) latestBySubject.set(key, root);
  }

  // Display order, ids.
  const existing = options.existing;
  const claimed = new Set<string>();
  const merged: { from: string; into: string }[] = [];
  const threads: Thread[] = [];
  const threadOf = new Map<string, string>();
  topLevel.sort((a, b) => compareDates(a.min, b.min) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const top of topLevel) {
    const list: ThreadMessage[] = [];
    const stack: { c: Container; present: Container | undefined; depth: number }[] = [{ c: top, present: undefined, depth: 0 }];
    while (stack.length > 0) {
      const { c, present, depth } = stack.pop()!;
      let nextPresent = present;
      let nextDepth = depth;
      if (c.message) {
        list.push({ messageId: c.id, parentId: present?.id, depth, parentMissing: c.parent !== undefined && !c.parent.message && !c.bySubject, bySubject: c.bySubject });
        nextPresent = c;
        nextDepth = depth + 1;
      }
      const children = [...c.children].sort((a, b) => compareDates(a.min, b.min) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (let i = children.length - 1; i >= 0; i--) stack.push({ c: children[i]!, present: nextPresent, depth: nextDepth });
    }
    if (list.length === 0) continue;

    let id = threadKey(top.id);
    if (existing) {
      const known = list
        .map((t) => ({ t, id: existing.get(t.messageId) }))
        .filter((x): x is { t: ThreadMessage; id: string } => x.id !== undefined)
        .sort((a, b) => byDateThenId(containers.get(a.t.messageId)!.message!, containers.get(b.t.messageId)!.message!));
      const keep = known.find((k) => !claimed.has(k.id));
      if (keep) id = keep.id;
      for (const other of new Set(known.map((k) => k.id))) if (other !== id) merged.push({ from: other, into: id });
    }
    if (claimed.has(id)) id = threadKey(`${top.id}\n${list[0]!.messageId}`);
    claimed.add(id);

    const dates = list.map((t) => containers.get(t.messageId)!.message!.date).filter((d): d is string => d !== undefined);
    threads.push({
      id,
      topId: top.id,
      subject: containers.get(list[0]!.messageId)!.message!.subject,
      messages: list,
      firstDate: dates.length > 0 ? dates.reduce((a, b) => (b < a ? b : a)) : undefined,
      lastDate: dates.length > 0 ? dates.reduce((a, b) => (b > a ? b : a)) : undefined,
    });
    for (const t of list) threadOf.set(t.messageId, id);
  }
  threads.sort((a, b) => compareDates(a.firstDate, b.firstDate) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { threads, threadOf, merged, duplicates };
}

/** The earliest message in a tree whose root is an empty container. */
function firstMessage(root: Container): ThreadInput | undefined {
  let best: ThreadInput | undefined;
  const stack = [root];
  while (stack.length > 0) {
    const c = stack.pop()!;
    if (c.message && (!best || byDateThenId(c.message, best) < 0)) best = c.message;
    for (const child of c.children) stack.push(child);
  }
  return best;
}
