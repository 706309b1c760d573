/**
 * The `hn-hiring` source: Hacker News "Ask HN: Who is hiring?" threads, one a
 * month since April 2011, counted per month and per keyword through the
 * Algolia HN Search API.
 *
 *   1. `search_by_date?tags=story,author_whoishiring` lists the account's
 *      stories from the first month still to count (paged over `page` until
 *      `nbPages`); the hiring threads are picked by title (map.ts), the
 *      sister threads left out, and grouped by their UTC month.
 *   2. Each month still to count has its threads read with `items/<id>`; the
 *      postings are their top-level comments with text, de-duplicated by id
 *      when a month has two threads; the others are counted by reason.
 *   3. One `job-month` item per month: counts and posting ids, never text.
 *
 * A month is complete once it is over (before the sync clock's UTC month) and
 * all its threads were read: it is not searched or fetched again, unless the
 * keyword definitions changed (the texts are not stored, so counting again
 * means reading again) or the run is `--full`. The current month is read on
 * every run. A past month with no hiring thread is reported once and kept in
 * the sync state, so it is not searched for again either. A thread that cannot
 * be read leaves its month as stored, to be read next time.
 */
import { addMonths } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import type { HnHiringSourceConfig } from '../../config/schema.ts';
import type { FetchLike, Sleep } from '../../lib/http/transport.ts';
import { makeItem } from '../../model/item.ts';
import { JOB_MONTH_KIND, JobMonth } from '../../model/jobs.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { HnClient } from './client.ts';
import { keywordsFor, type Keywords } from './keywords.ts';
import { countMonth, hiringTitle, HIRING_AUTHOR, isHiringThread, monthOf, readThread, type ReadThread } from './map.ts';
import { createdOf, type SearchHit } from './parse.ts';

/** The first "Who is hiring?" thread: April 2011. */
export const FIRST_MONTH = '2011-04';
const TAGS = `story,author_${HIRING_AUTHOR}`;
const HITS_PER_PAGE = 100;

interface HnState {
  /** Past months that had no hiring thread when they were searched for. */
  threadless: string[];
}

/** A hiring thread from the search, with its time and month. */
interface ListedThread {
  hit: SearchHit;
  created: string;
  month: string;
}

function monthStart(month: string): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

/** Every month from `from` to `to`, both included (`YYYY-MM`). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new UTCDate(monthStart(from)); monthOf(d.toISOString()) <= to; d = addMonths(d, 1)) out.push(monthOf(d.toISOString()));
  return out;
}

/**
 * Every story of the hiring account from `fromSeconds` on, newest first. Algolia
 * pages no deeper than its pagination limit (1000 hits); when a window holds
 * more, the next one ends at the oldest hit seen (hits are kept by id).
 */
export async function listStories(client: HnClient, fromSeconds: number, onProblem: (p: string) => void): Promise<SearchHit[]> {
  const byId = new Map<string, SearchHit>();
  let upper: number | undefined;
  for (;;) {
    const filters = [`created_at_i>=${fromSeconds}`, ...(upper !== undefined ? [`created_at_i<=${upper}`] : [])];
    let listed = 0;
    let nbHits = 0;
    let oldest: number | undefined;
    for (let page = 0, nbPages = 1; page < nbPages; page++) {
      const r = await client.search({ tags: TAGS, numericFilters: filters, page, hitsPerPage: HITS_PER_PAGE });
      r.problems.forEach(onProblem);
      ({ nbPages, nbHits } = r);
      listed += r.hits.length + r.problems.length;
      for (const h of r.hits) {
        byId.set(h.objectID, h);
        if (typeof h.created_at_i === 'number' && (oldest === undefined || h.created_at_i < oldest)) oldest = h.created_at_i;
      }
      if (r.hits.length + r.problems.length === 0) break;
    }
    if (listed >= nbHits || oldest === undefined || oldest === upper) return [...byId.values()];
    upper = oldest;
  }
}

/** The hiring threads among the stories, by UTC month; titles naming another month are reported. */
function groupThreads(ctx: SyncContext<HnHiringSourceConfig>, stories: readonly SearchHit[]): Map<string, ListedThread[]> {
  const byMonth = new Map<string, ListedThread[]>();
  for (const hit of stories) {
    if (!isHiringThread(hit)) continue;
    const created = createdOf(hit);
    if (!created) {
      ctx.skip(`story ${hit.objectID}`, 'a hiring thread with no time (created_at): left out');
      continue;
    }
    const month = monthOf(created);
    const named = hiringTitle(hit.title)?.month;
    if (named && named !== month) ctx.warn(`story ${hit.objectID}`, `titled for ${named} but posted ${created}: counted in ${month}, the month it was posted`);
    const list = byMonth.get(month) ?? [];
    list.push({ hit, created, month });
    byMonth.set(month, list);
  }
  return byMonth;
}

/** Stored months by `YYYY-MM`; a stored file that no longer reads is counted again. */
async function storedMonths(ctx: SyncContext<HnHiringSourceConfig>): Promise<Map<string, JobMonth>> {
  const out = new Map<string, JobMonth>();
  for await (const item of ctx.stored(JOB_MONTH_KIND)) {
    const m = JobMonth.safeParse(item.data);
    if (m.success) out.set(m.data.month, m.data);
  }
  return out;
}

/** Reads a month's threads; undefined (and reported) when one of them could not be read. */
async function readMonth(ctx: SyncContext<HnHiringSourceConfig>, client: HnClient, month: string, listed: readonly ListedThread[]): Promise<ReadThread[] | undefined> {
  const threads: ReadThread[] = [];
  for (const t of listed) {
    const where = client.itemUrl(t.hit.objectID);
    try {
      const { problems, ...thread } = readThread(await client.item(t.hit.objectID), t.hit, where);
      if (problems.length) ctx.warn(where, `${problems.length} top-level comment(s) not read, counted as unreadable: ${problems.slice(0, 2).join('; ')}${problems.length > 2 ? '; …' : ''}`);
      threads.push(thread);
    } catch (err) {
      ctx.skip(`${where} (${month})`, `thread not read; the month is kept as stored and read again on the next sync: ${(err as Error).message}`);
      return undefined;
    }
  }
  return threads;
}

export interface HnHiringDeps {
  fetch?: FetchLike;
  /** The wait between requests (tests pass one that does not wait). */
  sleep?: Sleep;
  /** The keyword matcher maker (tests pass a stand-in). */
  keywords?: (defs: Readonly<Record<string, unknown>>) => Keywords;
  /** Told the number of requests each run made. */
  onRequests?: (n: number) => void;
}

async function syncHnHiring(ctx: SyncContext<HnHiringSourceConfig>, deps: HnHiringDeps): Promise<SyncOutcome> {
  const { config } = ctx;
  let keywords: Keywords;
  try {
    keywords = (deps.keywords ?? keywordsFor)(config.keywords);
  } catch (err) {
    throw new Error(`${config.id}: keywords: ${(err as Error).message}`);
  }
  const client = new HnClient(ctx, config, deps.fetch, deps.sleep);
  const current = monthOf(new Date(ctx.now()).toISOString());
  const first = ctx.windowStart ? monthOf(ctx.windowStart.toISOString()) : FIRST_MONTH;
  const stored = await storedMonths(ctx);
  const before = (ctx.meta.hnHiring ?? { threadless: [] }) as HnState;
  const threadless = new Set(ctx.full ? [] : before.threadless);
  const isDone = (m: string): boolean => !ctx.full && m < current && (threadless.has(m) || (stored.get(m)?.complete === true && stored.get(m)?.keywordsDigest === keywords.digest));
  const todo = monthsBetween(first, current).filter((m) => !isDone(m));
  try {
    const stories = await listStories(client, monthStart(todo[0] ?? current).getTime() / 1000, (p) => ctx.warn('search', p));
    const byMonth = groupThreads(ctx, stories);
    for (const m of byMonth.keys()) if (m > current) ctx.warn(m, `a hiring thread dated after the sync clock's month (${current}): left out until then`);
    let complete = true;
    let read = 0;
    for (const [i, month] of todo.entries()) {
      ctx.progress({ done: i, total: todo.length, note: month });
      const listed = byMonth.get(month) ?? [];
      if (!listed.length) {
        if (month < current) {
          threadless.add(month);
          ctx.warn(month, `no "Who is hiring?" thread by ${HIRING_AUTHOR} this month: nothing counted${stored.has(month) ? ' (the stored counts are kept)' : ''}`);
        }
        continue;
      }
      const threads = await readMonth(ctx, client, month, listed);
      if (!threads) {
        complete = false;
        continue;
      }
      read += threads.length;
      await emitMonth(ctx, month, threads, keywords, month < current);
    }
    ctx.log.info(`${config.id}: ${stories.length} stories listed, ${todo.length} month(s) to count, ${read} thread(s) read; ${client.requests} requests`);
    return { complete, meta: { hnHiring: { threadless: [...threadless].sort() } satisfies HnState } };
  } finally {
    deps.onRequests?.(client.requests);
  }
}

/** Counts one month, reports its empty threads and shared postings, and stores it. */
async function emitMonth(ctx: SyncContext<HnHiringSourceConfig>, month: string, threads: readonly ReadThread[], keywords: Keywords, complete: boolean): Promise<void> {
  for (const t of threads) {
    if (t.postings.length === 0) ctx.warn(`thread ${t.id} (${month})`, `no postings${complete ? '' : ' yet (the thread may be new)'}${Object.keys(t.excluded).length ? `; left out: ${JSON.stringify(t.excluded)}` : ''}`);
  }
  const { month: data, duplicates } = countMonth(month, threads, keywords, complete);
  if (threads.length > 1) ctx.warn(month, `${threads.length} hiring threads (${threads.map((t) => t.id).join(', ')}): all counted${duplicates ? `, ${duplicates} posting(s) found in two of them counted once` : ''}`);
  const updatedOn = threads.map((t) => t.created).sort().at(-1)!;
  await ctx.emit(makeItem({ source: ctx.config.id, type: 'hn-hiring', origin: ctx.config.webUrl ?? ctx.config.url, kind: JOB_MONTH_KIND, nativeId: month, updatedOn, data }));
}

export function createHnHiringDriver(deps: HnHiringDeps = {}): SourceDriver<HnHiringSourceConfig> {
  return { type: 'hn-hiring', kinds: [JOB_MONTH_KIND], sync: (ctx) => syncHnHiring(ctx, deps) };
}

export const hnHiringDriver = createHnHiringDriver();
