import type { SourceConfig } from '../config/schema.ts';
import type { Item } from '../model/item.ts';
import type { SourceMeta, WriteResult } from '../store/store.ts';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export interface Progress {
  /** Items handled so far in this run. */
  done: number;
  /** Items expected in all, when the upstream says. */
  total?: number;
  /** What is being fetched now, e.g. a project name. */
  note?: string;
}

/**
 * What a source receives for one sync run. Everything it touches comes in here:
 * the source never opens the store or reads the config file itself.
 */
export interface SyncContext<C extends SourceConfig = SourceConfig> {
  config: C;
  /**
   * Where a source with one cursor starts: on an incremental run the stored
   * `meta.cursor`, on a first or `--full` run `windowStart`; undefined = everything.
   * A source that keeps a cursor per scope (Gerrit: per project) reads those from
   * `meta` instead, and starts a scope without one at `windowStart`.
   */
  since?: Date;
  /**
   * The oldest update the config asks for (its `since`), on every run: the floor
   * of a `--full` run and of a new scope. Items older than it are never removed
   * for not being listed. Undefined = the whole history.
   */
  windowStart?: Date;
  /** True for `--full`: fetch everything, then remove what the upstream no longer has. */
  full: boolean;
  /** Sync state the source saved last time (cursor and anything else it keeps). */
  meta: SourceMeta;
  /** Stores one item (atomic; unchanged digests are not rewritten). */
  emit(item: Item<unknown>): Promise<WriteResult>;
  /**
   * This source's stored items of one of its kinds, as the last runs left them
   * (for items derived from many others, such as mail threads, that a run
   * extends instead of rebuilding from the upstream).
   */
  stored(kind: string): AsyncIterable<Item<unknown>>;
  /**
   * Removes one stored item of this source that the driver knows is gone or
   * replaced (a thread merged into another). Kept until the run returns: a run
   * that throws removes nothing.
   */
  remove(kind: string, nativeId: string): void;
  /** Records an item that could not be used, with a reason that names where. */
  skip(where: string, reason: string): void;
  /** Records something the run did but the manager should know (a wrong upstream clock, a removal held back). */
  warn(where: string, message: string): void;
  /**
   * A folder this source may keep working copies in (a git clone), outside the
   * store: kept between runs, never published, safe to delete.
   */
  cacheDir: string;
  /** The sync machine's clock (ms since the epoch); injectable for tests. */
  now(): number;
  /**
   * A stable native id for a person known only by an address (or another identifying
   * text): a keyed hash, the key kept in this source's sync state, never published.
   */
  identityId(value: string): string;
  progress(p: Progress): void;
  log: Logger;
  signal?: AbortSignal;
}

export interface SyncOutcome {
  /** New cursor to save; saved only after every item of the run was written. */
  cursor?: string;
  /** Extra sync state to keep beside the cursor. */
  meta?: Record<string, unknown>;
  /** False when part of the upstream could not be read: unseen items are then not removed. */
  complete: boolean;
}

/** A stored item a complete `--full` run did not see: a candidate for removal. */
export interface RemovalCandidate {
  kind: string;
  nativeId: string;
  item: Item<unknown>;
}

/**
 * One upstream type. Its folder holds client, parser, mapper and this entry.
 * The contract: `sync` emits every item it reads (the engine writes them), calls
 * `skip` for an item it cannot use and `warn` for what a manager should know,
 * and returns the new cursor; it throws when the source cannot be read at all.
 * The engine moves the cursor only after a run that returned, and removes
 * unlisted items only after a `--full` run that returned `complete: true`, and
 * then only those `confirmGone` confirms.
 */
export interface SourceDriver<C extends SourceConfig = SourceConfig> {
  type: C['type'];
  /** Kinds of items this source stores (used to remove unseen items after a full run). */
  kinds: readonly string[];
  sync(ctx: SyncContext<C>): Promise<SyncOutcome>;
  /**
   * Asks the upstream about each stored item a complete `--full` run did not list,
   * and returns the native ids that are really gone (or out of the configured scope).
   * Items it finds alive it stores again through `ctx.emit`. A listing can miss
   * items (offsets that shift while changes are deleted, a server that pages no
   * deeper), so without this hook nothing is removed. Throwing removes nothing.
   */
  confirmGone?(ctx: SyncContext<C>, candidates: readonly RemovalCandidate[]): Promise<Set<string>>;
}

/**
 * A driver for one config type, as the registry holds it: typed for its own
 * config slice inside, callable with any source config outside (the engine
 * picks drivers by `type`, and a mismatch is refused, not cast away).
 */
export function defineDriver<C extends SourceConfig>(driver: SourceDriver<C>): SourceDriver {
  const own = (ctx: SyncContext): SyncContext<C> => {
    if (ctx.config.type !== driver.type) throw new Error(`the ${driver.type} driver was given a source of type "${ctx.config.type}"`);
    return ctx as SyncContext<C>;
  };
  const confirmGone = driver.confirmGone?.bind(driver);
  return {
    type: driver.type,
    kinds: driver.kinds,
    sync: async (ctx) => driver.sync(own(ctx)),
    ...(confirmGone ? { confirmGone: async (ctx: SyncContext, candidates: readonly RemovalCandidate[]) => confirmGone(own(ctx), candidates) } : {}),
  };
}
