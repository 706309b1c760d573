import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ItemEnvelope, parseItemId, sortKeys, type Item } from '../model/item.ts';
import { syncDir, writeFileAtomic } from './atomic.ts';

/**
 * The durable store under `content/`: one small JSON file per item,
 *   <root>/<source>/<kind>/<bucket>/<native id>.json
 * where <bucket> is two hex digits of a hash of the native id, so no folder
 * grows past a few hundred files even at 100k items. Per-source sync state
 * lives in <root>/<source>/_meta.json. Every write is atomic and skipped when
 * the bytes would not change, so a re-run with nothing new leaves the tree
 * byte-identical, and a killed run leaves only whole files behind.
 */
export type WriteResult = 'new' | 'updated' | 'unchanged';

export interface SourceMeta {
  /** Upstream time up to which everything is stored (ISO UTC). */
  cursor?: string;
  [key: string]: unknown;
}

export class StoreError extends Error {
  override name = 'StoreError';
}

const SAFE = /^[A-Za-z0-9._-]{1,120}$/;

export function fileNameFor(nativeId: string): string {
  if (SAFE.test(nativeId) && !nativeId.startsWith('.')) return `${nativeId}.json`;
  // Message-ids and other free-form ids: keep a readable prefix plus a hash.
  const slug = nativeId.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '').slice(0, 60);
  const hash = createHash('sha256').update(nativeId).digest('hex').slice(0, 16);
  return `${slug}~${hash}.json`;
}

export function bucketFor(nativeId: string): string {
  return createHash('sha1').update(nativeId).digest('hex').slice(0, 2);
}

function serialise(item: Item<unknown>): string {
  return `${JSON.stringify(item, null, 1)}\n`;
}

export class Store {
  constructor(readonly root: string) {}

  source(sourceId: string): SourceStore {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(sourceId)) throw new StoreError(`invalid source id ${JSON.stringify(sourceId)}`);
    return new SourceStore(join(this.root, sourceId), sourceId);
  }

  /** Source ids present on disk. */
  async sources(): Promise<string[]> {
    const entries = await readdir(this.root, { withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isDirectory() && !e.name.startsWith('.') && !e.name.startsWith('_')).map((e) => e.name).sort();
  }
}

export class SourceStore {
  constructor(
    readonly dir: string,
    readonly sourceId: string,
  ) {}

  pathOf(kind: string, nativeId: string): string {
    return join(this.dir, kind, bucketFor(nativeId), fileNameFor(nativeId));
  }

  /** One item; with a schema, its data is checked (a mismatch names the file). */
  async get<T = unknown>(kind: string, nativeId: string, schema?: z.ZodType<T>): Promise<Item<T> | undefined> {
    return readItem<T>(this.pathOf(kind, nativeId), schema);
  }

  /** Stores an item; an unchanged one costs one read and no write. */
  async set(item: Item<unknown>): Promise<WriteResult> {
    const { source, kind, nativeId } = parseItemId(item.id);
    if (source !== this.sourceId) throw new StoreError(`item ${item.id} does not belong to source ${this.sourceId}`);
    const path = this.pathOf(kind, nativeId);
    const text = serialise(item);
    const existing = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (existing === text) return 'unchanged';
    await writeFileAtomic(path, text);
    this.touched.add(dirname(path));
    return existing === undefined ? 'new' : 'updated';
  }

  /** Removes a stored item's file (an item the upstream no longer has). */
  async remove(path: string): Promise<void> {
    await rm(path, { force: true });
    this.touched.add(dirname(path));
  }

  /**
   * Makes every write and removal so far durable (syncs the folders they
   * touched). Called before the cursor moves, so a crash can never keep a new
   * cursor while losing the items it vouches for.
   */
  async flush(): Promise<void> {
    for (const dir of this.touched) await syncDir(dir);
    this.touched.clear();
  }

  private readonly touched = new Set<string>();

  async getMeta(): Promise<SourceMeta> {
    const text = await readFile(join(this.dir, '_meta.json'), 'utf8').catch(() => undefined);
    if (text === undefined) return {};
    try {
      return JSON.parse(text) as SourceMeta;
    } catch (err) {
      throw new StoreError(`${join(this.dir, '_meta.json')}: not valid JSON`, { cause: err });
    }
  }

  /** Keys are written sorted: the same state must give the same bytes, whatever order it was built in. */
  async setMeta(meta: SourceMeta): Promise<void> {
    const path = join(this.dir, '_meta.json');
    const text = `${JSON.stringify(sortKeys(meta), null, 1)}\n`;
    if ((await readFile(path, 'utf8').catch(() => undefined)) === text) return;
    await writeFileAtomic(path, text);
    await syncDir(this.dir);
  }

  /** Every item file of a kind, in a stable order. */
  async files(kind: string): Promise<string[]> {
    const base = join(this.dir, kind);
    const buckets = (await readdir(base).catch(() => [])).filter((b) => /^[0-9a-f]{2}$/.test(b)).sort();
    const out: string[] = [];
    for (const b of buckets) {
      const names = (await readdir(join(base, b))).filter((n) => n.endsWith('.json')).sort();
      for (const n of names) out.push(join(base, b, n));
    }
    return out;
  }

  /** Streams every item of a kind without holding them all in memory; with a schema, each one's data is checked. */
  async *items<T = unknown>(kind: string, schema?: z.ZodType<T>): AsyncGenerator<Item<T>> {
    for (const f of await this.files(kind)) {
      const item = await readItem<T>(f, schema);
      if (item) yield item;
    }
  }

  /** Removes temporary files a killed run may have left behind. */
  async cleanTemporaries(): Promise<number> {
    let removed = 0;
    const walk = async (dir: string): Promise<void> => {
      for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        const p = join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.name.endsWith('.tmp')) {
          await rm(p, { force: true });
          removed++;
        }
      }
    };
    await walk(this.dir);
    return removed;
  }
}

/**
 * Reads one stored item. The envelope is always checked; with a schema, the
 * data too: a file written by an older version that no longer matches stops
 * with the file, the field and what was wrong, rather than breaking a page later.
 */
export async function readItem<T = unknown>(path: string, schema?: z.ZodType<T>): Promise<Item<T> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new StoreError(`${path}: stored item is not valid JSON`, { cause: err });
  }
  const parsed = ItemEnvelope.safeParse(raw);
  if (!parsed.success) throw new StoreError(`${path}: stored item lacks the envelope (${parsed.error.issues[0]?.message})`);
  if (!schema) return parsed.data as Item<T>;
  const data = schema.safeParse(parsed.data.data);
  if (!data.success) {
    const issue = data.error.issues[0];
    const field = issue?.path.length ? `data.${issue.path.map(String).join('.')}` : 'data';
    throw new StoreError(`${path}: stored ${parsed.data.kind} does not match its schema: ${field}: ${issue?.message} (re-sync the source with --full, or remove the file)`);
  }
  return { ...parsed.data, data: data.data } as Item<T>;
}
