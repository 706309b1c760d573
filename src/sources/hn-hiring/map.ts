/**
 * From the API's items to job months (pure). Which stories are hiring threads
 * (by title and author), which of a thread's top-level comments are postings
 * (and why the others are left out), and one month's counts.
 */
import { JobMonth } from '../../model/jobs.ts';
import { createdOf, readItemNode, type ItemNode, type SearchHit } from './parse.ts';

/** The account that posts the monthly threads. */
export const HIRING_AUTHOR = 'whoishiring';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** The keyword counter a month is counted with: names to count, and a posting's HTML -> the names it matches. */
export interface KeywordMatcher {
  match(html: string): string[];
}

/**
 * Whether a story title is a "Who is hiring?" thread, and the month it names.
 * Tolerated: "Ask HN:" missing, "Who's hiring", any case, brackets instead of
 * parentheses, extra words ("(Remote)", "[Tech jobs only]"). The sister threads
 * "Who wants to be hired?" and "Freelancer? Seeking freelancer?" are not hiring
 * threads, nor is a story that only talks about one ("Who is hiring? is broken").
 */
export function hiringTitle(title: string | null | undefined): { month?: string } | undefined {
  if (!title) return undefined;
  const t = title.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
  if (/wants? to be hired|freelanc|seeking (work|a job)/.test(t)) return undefined;
  // The phrase leads the title (after "Ask HN:"), so a story about the thread is not taken for one.
  if (!/^(ask hn\s*:\s*)?who(?: is|'s|s| are) hiring\b/.test(t)) return undefined;
  const m = /\b([a-z]+)\.? (\d{4})\b/.exec(t.replace(/[()[\],]/g, ' ').replace(/\s+/g, ' '));
  if (!m) return {};
  const index = MONTHS.findIndex((name) => name === m[1] || (m[1]!.length >= 3 && name.startsWith(m[1]!)));
  return index < 0 ? {} : { month: `${m[2]}-${String(index + 1).padStart(2, '0')}` };
}

/** A search hit that is a hiring thread posted by the hiring account. */
export function isHiringThread(hit: Pick<SearchHit, 'title' | 'author'>): boolean {
  return hit.author?.toLowerCase() === HIRING_AUTHOR && hiringTitle(hit.title) !== undefined;
}

/** `YYYY-MM` (UTC) of an ISO time. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function threadUrl(id: string): string {
  return `https://news.ycombinator.com/item?id=${id}`;
}

export type ExclusionReason = 'deleted' | 'dead' | 'empty' | 'unreadable';

export interface Posting {
  id: string;
  /** The comment's HTML, as HN renders it (matched, never stored). */
  html: string;
}

export interface ThreadPostings {
  postings: Posting[];
  excluded: Partial<Record<ExclusionReason, number>>;
  /** Children that could not be read, each naming where. */
  problems: string[];
}

/** Text of a comment's HTML with tags and entities gone, to tell an empty posting. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, ' ')
    .trim();
}

/** Why a top-level comment is not a posting, or undefined when it is one. */
export function exclusionOf(node: ItemNode): Exclude<ExclusionReason, 'unreadable'> | undefined {
  // HN keeps a deleted comment's place (and its replies) but drops its author and text.
  if (node.deleted === true || (!node.author && !node.text)) return 'deleted';
  if (node.dead === true) return 'dead';
  if (!node.text || !visibleText(node.text)) return 'empty';
  return undefined;
}

/** The postings of a thread: its top-level comments with text, the others counted by reason. */
export function threadPostings(thread: ItemNode, where: string): ThreadPostings {
  const out: ThreadPostings = { postings: [], excluded: {}, problems: [] };
  const count = (reason: ExclusionReason): void => {
    out.excluded[reason] = (out.excluded[reason] ?? 0) + 1;
  };
  (thread.children ?? []).forEach((raw, i) => {
    let node: ItemNode;
    try {
      node = readItemNode(raw, `${where} child ${i}`);
    } catch (err) {
      count('unreadable');
      out.problems.push((err as Error).message);
      return;
    }
    if (node.type && node.type !== 'comment') {
      count('unreadable');
      out.problems.push(`${where} child ${i} (${node.id}): a ${node.type}, not a comment`);
      return;
    }
    const reason = exclusionOf(node);
    if (reason) count(reason);
    else out.postings.push({ id: String(node.id), html: node.text! });
  });
  return out;
}

/** A thread as read from `items/<id>`. */
export interface ReadThread {
  id: string;
  title: string;
  created: string;
  postings: Posting[];
  excluded: Partial<Record<ExclusionReason, number>>;
}

/** The thread's header fields (id, title, time) from its item, or from its search hit when the item lacks them. */
export function readThread(item: ItemNode, hit: SearchHit, where: string): ReadThread & { problems: string[] } {
  const { postings, excluded, problems } = threadPostings(item, where);
  const created = createdOf(item) ?? createdOf(hit);
  if (!created) throw new Error(`${where}: the thread has no time (created_at)`);
  return { id: String(item.id), title: item.title ?? hit.title ?? '', created, postings, excluded, problems };
}

export interface MonthCount {
  month: JobMonth;
  /** Postings that appeared in two of the month's threads, counted once. */
  duplicates: number;
}

/**
 * One month's counts from its threads: postings de-duplicated by id across
 * the threads, each keyword's matches (every configured name present, zero
 * included), the posting ids and no text.
 */
export function countMonth(month: string, threads: readonly ReadThread[], keywords: { names: readonly string[]; matcher: KeywordMatcher; digest: string }, complete: boolean): MonthCount {
  const seen = new Set<string>();
  const counts: Record<string, number> = Object.fromEntries(keywords.names.map((n) => [n, 0]));
  const excluded: Record<string, number> = {};
  let duplicates = 0;
  const sorted = [...threads].sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : 0));
  for (const t of sorted) {
    for (const [reason, n] of Object.entries(t.excluded)) excluded[reason] = (excluded[reason] ?? 0) + n;
    for (const p of t.postings) {
      if (seen.has(p.id)) {
        duplicates++;
        continue;
      }
      seen.add(p.id);
      for (const name of new Set(keywords.matcher.match(p.html))) counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  const data = JobMonth.parse({
    month,
    postings: seen.size,
    counts,
    ids: [...seen].sort((a, b) => Number(a) - Number(b)),
    threads: sorted.map((t) => ({ id: t.id, title: t.title, created: t.created, url: threadUrl(t.id) })),
    complete,
    excluded,
    keywordsDigest: keywords.digest,
  });
  return { month: data, duplicates };
}
