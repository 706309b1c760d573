/**
 * The `hyperkitty` source: a Mailman 3 list archive. HyperKitty exports any
 * date range of a list as a gzip mbox (`<list url>export/<list>-YYYY-MM.mbox.gz
 * ?start=YYYY-MM-DD&end=YYYY-MM-DD`, the end day not included); the source
 * asks for one month at a time, from `since` (or the list's creation, which
 * the REST API gives) to the current month. A re-sync asks again only for the
 * months from the one before its cursor's on, with ETag and
 * Last-Modified when the server sends them; older months are complete.
 * Its pages are not linked: their URLs hold the list's address.
 */
import type { HyperkittySourceConfig } from '../../config/schema.ts';
import type { Validators } from '../../lib/http/transport.ts';
import { ArchiveClient, ArchiveRun, laterOf, MAIL_KINDS } from '../mbox/index.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';

/** `https://host/archives/list/devel@lists.example.org/` -> its parts. */
export function parseListUrl(url: string): { base: string; address: string; apiUrl: string } {
  const u = new URL(url);
  const m = /^(.*\/)list\/([^/@]+@[^/@]+)\/?$/.exec(u.pathname);
  if (!m) throw new Error(`${url} is not a HyperKitty list URL (…/list/<name>@<domain>/)`);
  const root = `${u.origin}${m[1]}`;
  return { base: `${root}list/${m[2]}/`, address: decodeURIComponent(m[2]!), apiUrl: `${root}api/list/${m[2]}/` };
}

/** Every `YYYY-MM` from `from` to `to`, inclusive. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) (m = 1), y++;
  }
  return out;
}

/** `2024-01` -> `2023-12`. */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The export URL of one month. */
export function exportUrl(base: string, address: string, month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `${base}export/${encodeURIComponent(`${address}-${month}`)}.mbox.gz?start=${month}-01&end=${next}-01`;
}

async function firstMonth(ctx: SyncContext<HyperkittySourceConfig>, client: ArchiveClient, apiUrl: string): Promise<string> {
  if (ctx.windowStart) return ctx.windowStart.toISOString().slice(0, 7);
  let info: { created_at?: unknown };
  try {
    info = JSON.parse(await client.text(apiUrl, 'application/json')) as { created_at?: unknown };
  } catch (err) {
    throw new Error(`cannot tell where the archive starts: ${apiUrl} failed (${(err as Error).message}); set since: YYYY-MM in the source`, { cause: err });
  }
  const created = typeof info.created_at === 'string' ? new Date(info.created_at) : undefined;
  if (!created || Number.isNaN(created.getTime())) throw new Error(`${apiUrl} does not say when the list was created; set since: YYYY-MM in the source`);
  return created.toISOString().slice(0, 7);
}

async function syncHyperkitty(ctx: SyncContext<HyperkittySourceConfig>, fetchFn?: typeof fetch): Promise<SyncOutcome> {
  const { config } = ctx;
  const { base, address, apiUrl } = parseListUrl(config.url);
  const list = config.list ?? address.split('@')[0]!;
  const client = new ArchiveClient(ctx, config, fetchFn);
  const now = new Date(ctx.now()).toISOString().slice(0, 7);
  const cursorMonth = !ctx.full && typeof ctx.meta.cursor === 'string' ? ctx.meta.cursor.slice(0, 7) : undefined;
  // The month before the cursor's is asked again too: mail held for moderation over a month's end,
  // or dated by a slow clock, is filed under a month already read.
  const start = cursorMonth ? monthBefore(cursorMonth) : await firstMonth(ctx, client, apiUrl);
  const before = (ctx.meta.months ?? {}) as Record<string, Validators>;
  const months: Record<string, Validators> = { ...before };
  const wanted = monthsFrom(start, now);
  // HyperKitty's URLs hold the list's address (`…/list/devel@lists.example.org/`), and no address
  // may reach the site: messages keep no link, and the origin is the server alone.
  const run = new ArchiveRun(ctx, 'hyperkitty', new URL(config.webUrl ?? config.url).origin + '/');
  const failed: string[] = [];
  let done = 0;
  for (const month of wanted) {
    ctx.progress({ done: done++, total: wanted.length, note: month });
    const url = exportUrl(base, address, month);
    let got;
    try {
      got = await client.file(url, ctx.full ? undefined : before[month]);
    } catch (err) {
      failed.push(month);
      ctx.skip(`${url} (${list}, ${month})`, `month not read, kept as stored and asked again on the next sync: ${(err as Error).message}`);
      continue;
    }
    if (got.validators.etag || got.validators.lastModified) months[month] = got.validators;
    if (!got.changed || got.bytes.length === 0) continue;
    await run.addMonth({ list, month, where: url, bytes: got.bytes, since: ctx.windowStart?.toISOString() });
  }
  const complete = failed.length === 0;
  // Never `fresh`: messages HyperKitty no longer exports are kept (there is no confirmGone), so they stay in their threads.
  await run.finish(list);
  // The next run starts at the cursor's month: the newest message held, or the first month that failed.
  // While the cursor is held back at a failed month, the newest message held is kept beside it
  // (`newest`), so the run that reads that month does not take its messages for the newest held.
  const newest = laterOf(run.newestDate, (ctx.meta.newest ?? ctx.meta.cursor) as string | undefined);
  const retry = failed.length ? `${failed[0]}-01T00:00:00Z` : undefined;
  const cursor = retry && (!newest || retry < newest) ? retry : newest;
  // `newest: undefined` clears the one an earlier run kept (the state is written as JSON).
  return { complete, cursor, meta: { months, newest: cursor === newest ? undefined : newest } };
}

export function createHyperkittyDriver(deps: { fetch?: typeof fetch } = {}): SourceDriver<HyperkittySourceConfig> {
  return { type: 'hyperkitty', kinds: MAIL_KINDS, sync: (ctx) => syncHyperkitty(ctx, deps.fetch) };
}

export const hyperkittyDriver = createHyperkittyDriver();
