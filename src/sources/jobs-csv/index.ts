/**
 * The `jobs-csv` source: a job board's CSV export (a local file, relative to
 * the config file), postings or monthly totals (see parse.ts), stored as one
 * JobMonth per month. The file is the whole upstream: every read replaces
 * what the last one stored, and a month no longer in it is removed. A file
 * with the same bytes is not imported again, unless the keywords changed or a
 * new month began (which makes the last one complete).
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { JobsCsvSourceConfig } from '../../config/schema.ts';
import { compileKeywords, keywordsDigest } from '../../lib/job-keywords.ts';
import { makeItem, parseItemId } from '../../model/item.ts';
import { JOB_MONTH_KIND } from '../../model/jobs.ts';
import type { RemovalCandidate, SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { postingMonths, totalMonths, type Mapped } from './map.ts';
import { describeRow, JobsCsvError, parseJobsCsv } from './parse.ts';

/**
 * What decides whether the file must be read again: its content (sha256), not
 * its modification time, which a fresh checkout or a copy changes while the
 * file stays the same (and the store would differ for no reason).
 */
interface ReadState {
  size: number;
  sha256: string;
  keywordsDigest: string;
  /** The current month when it was read: its month is complete once another begins. */
  month: string;
}

const sameState = (a: ReadState | undefined, b: ReadState) =>
  !!a && a.size === b.size && a.sha256 === b.sha256 && a.keywordsDigest === b.keywordsDigest && a.month === b.month;

async function readCsvFile(path: string): Promise<Buffer> {
  const fail = (err: NodeJS.ErrnoException): never => {
    throw new Error(`cannot read ${path}: ${err.code ?? err.message}`);
  };
  const st = await stat(path).catch(fail);
  if (!st.isFile()) throw new Error(`cannot read ${path}: not a file`);
  return readFile(path).catch(fail);
}

function mapFile(ctx: SyncContext<JobsCsvSourceConfig>, text: string, file: string, currentMonth: string, digest: string): Mapped {
  const { config } = ctx;
  let parsed;
  try {
    parsed = parseJobsCsv(text);
  } catch (err) {
    if (err instanceof JobsCsvError) throw new Error(`${config.path} ${err.message}`, { cause: err });
    throw err;
  }
  for (const p of parsed.problems) ctx.skip(describeRow(file, p), p.reason);
  const opts = { file, currentMonth };
  if (parsed.form === 'totals') {
    if (config.keywords && Object.keys(config.keywords).length) ctx.warn(file, 'the file holds monthly totals, imported as they are: the keywords configured are not used for it');
    return totalMonths(parsed.rows, opts);
  }
  return postingMonths(parsed.rows, compileKeywords(config.keywords ?? {}), digest, opts);
}

async function syncJobsCsv(ctx: SyncContext<JobsCsvSourceConfig>): Promise<SyncOutcome> {
  const { config } = ctx;
  const file = basename(config.path);
  const digest = keywordsDigest(config.keywords ?? {});
  const currentMonth = new Date(ctx.now()).toISOString().slice(0, 7);
  const bytes = await readCsvFile(config.path);
  const state: ReadState = { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), keywordsDigest: digest, month: currentMonth };
  if (!ctx.full && sameState(ctx.meta.file as ReadState | undefined, state)) {
    ctx.log.info(`${config.id}: ${config.path} has not changed since the last sync`);
    return { complete: true, meta: { file: state } };
  }
  // Invalid UTF-8 becomes U+FFFD rather than failing the file: only the bytes around it are lost.
  const text = new TextDecoder('utf-8').decode(bytes);
  const mapped = mapFile(ctx, text, file, currentMonth, digest);
  for (const p of mapped.problems) ctx.skip(describeRow(file, p), p.reason);
  for (const w of mapped.warnings) ctx.warn(w.where, w.message);

  const kept = new Set<string>();
  for (const [i, { month, updatedOn }] of mapped.months.entries()) {
    await ctx.emit(makeItem({ source: config.id, type: 'jobs-csv', origin: file /* its name, not its path: a path names this machine's folders */, kind: JOB_MONTH_KIND, nativeId: month.month, updatedOn, data: month }));
    kept.add(month.month);
    ctx.progress({ done: i + 1, total: mapped.months.length, note: month.month });
  }
  // The file is the whole upstream: a month it no longer has is gone.
  for await (const item of ctx.stored(JOB_MONTH_KIND)) {
    const { nativeId } = parseItemId(item.id);
    if (!kept.has(nativeId)) ctx.remove(JOB_MONTH_KIND, nativeId);
  }
  const postings = mapped.months.reduce((n, m) => n + m.month.postings, 0);
  ctx.log.info(`${config.id}: ${mapped.months.length} months, ${postings} postings`);
  return { complete: true, meta: { file: state } };
}

export const jobsCsvDriver: SourceDriver<JobsCsvSourceConfig> = {
  type: 'jobs-csv',
  kinds: [JOB_MONTH_KIND],
  sync: syncJobsCsv,
  // The file is the whole upstream: after a complete full read, what it no longer holds is gone.
  confirmGone: async (_ctx, candidates: readonly RemovalCandidate[]) => new Set(candidates.map((c) => c.nativeId)),
};
