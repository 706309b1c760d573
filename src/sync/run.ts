import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AgoraConfig, SourceConfig } from '../config/schema.ts';
import { parseItemId, type Item } from '../model/item.ts';
import { keyedId, newIdentityKey } from '../lib/identity.ts';
import { acquireStoreLock } from '../store/lock.ts';
import { readItem, type Store } from '../store/store.ts';
import type { Logger, Progress, RemovalCandidate, SourceDriver, SyncContext } from '../sources/types.ts';

export interface Skipped {
  where: string;
  reason: string;
}

export interface SourceReport {
  source: string;
  type: string;
  new: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: Skipped[];
  /** What went well enough but needs a look: a wrong upstream clock, removals held back. */
  warnings: Skipped[];
  cursor?: string;
  ok: boolean;
  error?: string;
  seconds: number;
}

export interface RunOptions {
  store: Store;
  drivers: ReadonlyMap<string, SourceDriver>;
  /** Only these source ids (all when empty). */
  only?: readonly string[];
  full?: boolean;
  log: Logger;
  onProgress?: (source: string, p: Progress) => void;
  signal?: AbortSignal;
  /** Clock for durations in the report. */
  now?: () => number;
  /** Clock the sources read (cursor limits, wrong-clock checks); real time by default. */
  clock?: () => number;
  /** Where sources keep working copies (`<cache>/<source id>`); `.cache/agora` beside the store by default. */
  cacheDir?: string;
}

/**
 * Syncs the configured sources one after another. A source that fails is
 * reported and the others still run; its cursor does not move, so the next
 * run starts again from where the last complete one ended.
 */
export async function runSync(config: AgoraConfig, opts: RunOptions): Promise<SourceReport[]> {
  const now = opts.now ?? Date.now;
  const wanted = opts.only?.length ? new Set(opts.only) : undefined;
  if (wanted) {
    const unknown = [...wanted].filter((id) => !config.sources.some((s) => s.id === id));
    if (unknown.length) throw new Error(`unknown source id(s): ${unknown.join(', ')} (configured: ${config.sources.map((s) => s.id).join(', ')})`);
  }
  // One sync at a time per store: a second one would delete the first's temporary files.
  const lock = await acquireStoreLock(opts.store.root, { command: `agora sync${opts.full ? ' --full' : ''}`, onStale: (m) => opts.log.warn(m) });
  try {
    const reports: SourceReport[] = [];
    for (const source of config.sources) {
      if (wanted && !wanted.has(source.id)) continue;
      reports.push(await syncOne(source, opts, now));
    }
    return reports;
  } finally {
    await lock.release();
  }
}

async function syncOne(source: SourceConfig, opts: RunOptions, now: () => number): Promise<SourceReport> {
  const started = now();
  const report: SourceReport = { source: source.id, type: source.type, new: 0, updated: 0, unchanged: 0, removed: 0, skipped: [], warnings: [], ok: false, seconds: 0 };
  const driver = opts.drivers.get(source.type);
  if (!driver) {
    report.error = `no driver for source type "${source.type}"`;
    return report;
  }
  const store = opts.store.source(source.id);
  const full = opts.full ?? false;
  const seen = new Set<string>();
  const removals = new Set<string>();
  try {
    await store.cleanTemporaries();
    // A corrupt _meta.json stops this source only (the error names the file); the others still run.
    const meta = await store.getMeta();
    // The key of this source's keyed person ids: made once, kept with the cursor, never published.
    const identityKey = typeof meta.identityKey === 'string' ? meta.identityKey : newIdentityKey();
    let identityUsed = typeof meta.identityKey === 'string';
    const windowStart = 'since' in source && source.since instanceof Date ? source.since : undefined;
    const sinceText = full ? undefined : meta.cursor;
    const since = sinceText ? new Date(sinceText) : windowStart;
    const ctx: SyncContext = {
      config: source,
      since,
      windowStart,
      full,
      meta,
      signal: opts.signal,
      log: opts.log,
      now: opts.clock ?? Date.now,
      cacheDir: join(opts.cacheDir ?? join(dirname(opts.store.root), '.cache', 'agora'), source.id),
      identityId: (value) => {
        identityUsed = true;
        return keyedId(identityKey, value);
      },
      progress: (p) => opts.onProgress?.(source.id, p),
      skip: (where, reason) => {
        report.skipped.push({ where, reason });
        opts.log.warn(`${source.id}: skipped ${where}: ${reason}`);
      },
      warn: (where, reason) => {
        report.warnings.push({ where, reason });
        opts.log.warn(`${source.id}: ${where}: ${reason}`);
      },
      emit: async (item: Item<unknown>) => {
        const result = await store.set(item);
        report[result]++;
        const file = store.pathOf(item.kind, parseItemId(item.id).nativeId);
        seen.add(file);
        removals.delete(file);
        return result;
      },
      stored: (kind) => {
        if (!driver.kinds.includes(kind)) throw new Error(`the ${source.type} driver asked for stored "${kind}" items, not one of its kinds (${driver.kinds.join(', ')})`);
        return store.items(kind);
      },
      remove: (kind, nativeId) => {
        if (!driver.kinds.includes(kind)) throw new Error(`the ${source.type} driver asked to remove a "${kind}" item, not one of its kinds`);
        const file = store.pathOf(kind, nativeId);
        if (!seen.has(file)) removals.add(file);
      },
    };
    const outcome = await driver.sync(ctx);
    for (const file of removals) {
      if (!existsSync(file)) continue;
      await store.remove(file);
      report.removed++;
    }
    if (full && outcome.complete) await removeUnseen(source, driver, ctx, store, seen, report);
    // The cursor moves only now, after every item of the run is durably on disk.
    await store.flush();
    const cursor = outcome.cursor ?? meta.cursor;
    const next = { ...meta, ...outcome.meta, ...(cursor ? { cursor } : {}), ...(identityUsed ? { identityKey } : {}) };
    await store.setMeta(next);
    report.cursor = cursor;
    report.ok = true;
  } catch (err) {
    report.error = (err as Error).message;
  }
  report.seconds = (now() - started) / 1000;
  return report;
}

/**
 * After a complete `--full` run: stored items the listing did not show are
 * asked about one by one (a listing can miss items), and only those the
 * upstream confirms gone are removed. When in doubt, nothing is removed, and
 * the report says so.
 */
async function removeUnseen(
  source: SourceConfig,
  driver: SourceDriver,
  ctx: SyncContext,
  store: ReturnType<Store['source']>,
  seen: ReadonlySet<string>,
  report: SourceReport,
): Promise<void> {
  const candidates: (RemovalCandidate & { file: string })[] = [];
  for (const kind of driver.kinds) {
    for (const file of await store.files(kind)) {
      if (seen.has(file)) continue;
      const item = await readItem(file).catch(() => undefined);
      if (!item) continue;
      // Items older than the configured window were not asked for, so not seeing them proves nothing.
      if (ctx.windowStart && item.updatedOn < ctx.windowStart.toISOString()) continue;
      candidates.push({ kind, nativeId: parseItemId(item.id).nativeId, item, file });
    }
  }
  if (!candidates.length) return;
  const what = `${candidates.length} stored item${candidates.length === 1 ? '' : 's'} the listing did not show`;
  if (!driver.confirmGone) {
    ctx.warn('removal', `${what} kept: this source cannot ask about items one by one`);
    return;
  }
  let gone: Set<string>;
  try {
    gone = await driver.confirmGone(ctx, candidates);
  } catch (err) {
    ctx.warn('removal', `${what} kept: asking the upstream about them failed: ${(err as Error).message}`);
    return;
  }
  for (const c of candidates) {
    // Re-checked and stored again (alive after all), or not confirmed gone: kept.
    if (seen.has(c.file) || !gone.has(c.nativeId)) continue;
    await store.remove(c.file);
    report.removed++;
  }
  const kept = candidates.length - report.removed;
  if (kept > 0) ctx.warn('removal', `${kept} of ${what} still exist upstream and were kept (the listing had missed them)`);
}
