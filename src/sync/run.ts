import type { AgoraConfig, SourceConfig } from '../config/schema.ts';
import { parseItemId, type Item } from '../model/item.ts';
import { readItem, type Store } from '../store/store.ts';
import type { Logger, Progress, SourceDriver } from '../sources/types.ts';

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
  now?: () => number;
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
  const reports: SourceReport[] = [];
  for (const source of config.sources) {
    if (wanted && !wanted.has(source.id)) continue;
    reports.push(await syncOne(source, opts, now));
  }
  return reports;
}

async function syncOne(source: SourceConfig, opts: RunOptions, now: () => number): Promise<SourceReport> {
  const started = now();
  const report: SourceReport = { source: source.id, type: source.type, new: 0, updated: 0, unchanged: 0, removed: 0, skipped: [], ok: false, seconds: 0 };
  const driver = opts.drivers.get(source.type);
  if (!driver) {
    report.error = `no driver for source type "${source.type}"`;
    return report;
  }
  const store = opts.store.source(source.id);
  await store.cleanTemporaries();
  const meta = await store.getMeta();
  const full = opts.full ?? false;
  const sinceText = full ? undefined : meta.cursor;
  const since = sinceText ? new Date(sinceText) : 'since' in source ? source.since : undefined;
  const seen = new Set<string>();
  try {
    const outcome = await driver.sync({
      config: source,
      since,
      full,
      meta,
      signal: opts.signal,
      log: opts.log,
      progress: (p) => opts.onProgress?.(source.id, p),
      skip: (where, reason) => {
        report.skipped.push({ where, reason });
        opts.log.warn(`${source.id}: skipped ${where}: ${reason}`);
      },
      emit: async (item: Item<unknown>) => {
        const result = await store.set(item);
        report[result]++;
        seen.add(store.pathOf(item.kind, parseItemId(item.id).nativeId));
        return result;
      },
    });
    if (full && outcome.complete) {
      for (const kind of driver.kinds) {
        for (const file of await store.files(kind)) {
          if (!seen.has(file)) {
            // Items older than the configured window were not asked for, so not seeing them proves nothing.
            const item = await readItem(file).catch(() => undefined);
            if (item && 'since' in source && source.since && item.updatedOn < source.since.toISOString()) continue;
            await store.remove(file);
            report.removed++;
          }
        }
      }
    }
    // The cursor moves only now, after every item of the run is durably on disk.
    await store.flush();
    const cursor = outcome.cursor ?? meta.cursor;
    const next = { ...meta, ...outcome.meta, ...(cursor ? { cursor } : {}) };
    await store.setMeta(next);
    report.cursor = cursor;
    report.ok = true;
  } catch (err) {
    report.error = (err as Error).message;
  }
  report.seconds = (now() - started) / 1000;
  return report;
}
