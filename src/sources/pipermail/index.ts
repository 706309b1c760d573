/**
 * The `pipermail` source: a Mailman 2 list archive. The index page links each
 * month's text archive (`2024-March.txt.gz`, or `.txt` on old lists); every
 * month from `since` on is downloaded with its stored ETag/Last-Modified, so a
 * re-sync reads only the months that changed (normally the current one), and
 * is handed to the shared mbox layer. A month that fails (a 500, a cut-off
 * gzip) is reported and asked again next time; the others are kept.
 */
import type { PipermailSourceConfig } from '../../config/schema.ts';
import type { Validators } from '../../lib/http/transport.ts';
import { ArchiveClient, ArchiveRun, archivesSince, laterOf, listNameOf, MAIL_KINDS, parseArchiveIndex, type ArchiveLink } from '../mbox/index.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface MonthState extends Validators {
  /** The link as the index page wrote it (relative: the state does not depend on where the archive is served from). */
  href: string;
}

/** `YYYY-MM` of a link. */
export function linkMonth(l: Pick<ArchiveLink, 'year' | 'month'>): string {
  return `${l.year}-${String(l.month).padStart(2, '0')}`;
}

/** One link per month, the gzip one when both are offered, oldest first. */
export function monthLinks(links: readonly ArchiveLink[]): ArchiveLink[] {
  const byMonth = new Map<string, ArchiveLink>();
  for (const l of links) {
    if (l.format !== 'pipermail' || !l.url) continue;
    const m = linkMonth(l);
    const had = byMonth.get(m);
    if (!had || (l.compression === 'gzip' && had.compression !== 'gzip')) byMonth.set(m, l);
  }
  return [...byMonth.values()].sort((a, b) => a.year - b.year || a.month - b.month);
}

/** The month's thread index page, which the messages link to. */
function threadPage(indexUrl: string, l: ArchiveLink): string {
  return new URL(`${l.year}-${MONTH_NAMES[l.month - 1]}/thread.html`, indexUrl.endsWith('/') ? indexUrl : `${indexUrl}/`).href;
}

async function syncPipermail(ctx: SyncContext<PipermailSourceConfig>, fetchFn?: typeof fetch): Promise<SyncOutcome> {
  const { config } = ctx;
  const indexUrl = config.url.endsWith('/') ? config.url : `${config.url}/`;
  const list = config.list ?? listNameOf(indexUrl);
  const client = new ArchiveClient(ctx, config, fetchFn);
  const links = monthLinks(parseArchiveIndex(await client.text(indexUrl, 'text/html'), indexUrl));
  if (links.length === 0) throw new Error(`${indexUrl} links no month archives (YYYY-Month.txt or .txt.gz): is it a pipermail list index?`);
  const before = (ctx.meta.months ?? {}) as Record<string, MonthState>;
  const months: Record<string, MonthState> = { ...before };
  const wanted = archivesSince(links, ctx.windowStart?.toISOString());
  const listed = new Set(links.map(linkMonth));
  for (const m of Object.keys(before)) {
    if (!listed.has(m)) ctx.warn(`${list} ${m}`, 'this month is no longer in the archive index; its stored messages are kept');
  }
  const webUrl = config.webUrl ? (config.webUrl.endsWith('/') ? config.webUrl : `${config.webUrl}/`) : indexUrl;
  const run = new ArchiveRun(ctx, 'pipermail', webUrl);
  let complete = true;
  let done = 0;
  for (const link of wanted) {
    const month = linkMonth(link);
    ctx.progress({ done: done++, total: wanted.length, note: month });
    const prev = !ctx.full && before[month]?.href === link.href ? before[month] : undefined;
    let got;
    try {
      got = await client.file(link.url!, prev);
    } catch (err) {
      complete = false;
      ctx.skip(`${link.url} (${list}, ${month})`, `month not read, kept as stored and asked again on the next sync: ${(err as Error).message}`);
      continue;
    }
    months[month] = { href: link.href, ...got.validators };
    if (!got.changed) continue;
    await run.addMonth({ list, month, where: link.url!, url: threadPage(webUrl, link), bytes: got.bytes, since: ctx.windowStart?.toISOString() });
  }
  // Never `fresh`, even after a complete --full read: the messages of a month that left the index are
  // kept (there is no confirmGone), so they must stay in their threads.
  await run.finish(list);
  // The newest message held: a run that re-read only older months does not move it back.
  return { complete, cursor: laterOf(run.newestDate, ctx.meta.cursor as string | undefined), meta: { months } };
}

export function createPipermailDriver(deps: { fetch?: typeof fetch } = {}): SourceDriver<PipermailSourceConfig> {
  return { type: 'pipermail', kinds: MAIL_KINDS, sync: (ctx) => syncPipermail(ctx, deps.fetch) };
}

export const pipermailDriver = createPipermailDriver();
