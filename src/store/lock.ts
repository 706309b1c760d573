import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from './store.ts';

/**
 * One writer per store: a sync takes `<store>/.lock` (created exclusively, so
 * two processes can never both hold it) and removes it when done. The file
 * says who holds it; a lock whose process is gone (a sync killed with -9, a
 * crashed machine) is stale and taken over, so a crash never blocks the next run.
 */
export interface LockOwner {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  started: string;
  command: string;
}

export class StoreLockedError extends StoreError {
  override name = 'StoreLockedError';
}

export interface LockOptions {
  /** What the holder is doing, shown to whoever finds the store locked. */
  command?: string;
  pid?: number;
  host?: string;
  now?: () => number;
  /** Whether a process of this host is running (injectable for tests). */
  isAlive?: (pid: number) => boolean;
  /** Told when a stale lock is taken over. */
  onStale?: (message: string) => void;
}

export interface StoreLock {
  path: string;
  release(): Promise<void>;
}

export const LOCK_FILE = '.lock';

/** A lock file that cannot be read, younger than this, may still be being written. */
const UNREADABLE_GRACE_MS = 60_000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process nobody reaped (containers often have no init that does) is a
  // zombie: it still answers signal 0, but it holds nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return true;
  }
}

function readOwner(text: string): LockOwner | undefined {
  try {
    const o = JSON.parse(text) as Partial<LockOwner>;
    if (typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.started === 'string') return { command: '', ...o } as LockOwner;
  } catch {
    // fall through: unreadable
  }
  return undefined;
}

export async function acquireStoreLock(root: string, options: LockOptions = {}): Promise<StoreLock> {
  const path = join(root, LOCK_FILE);
  const now = options.now ?? Date.now;
  const me: LockOwner = {
    pid: options.pid ?? process.pid,
    host: options.host ?? hostname(),
    started: new Date(now()).toISOString(),
    command: options.command ?? 'agora sync',
  };
  const isAlive = options.isAlive ?? processAlive;
  await mkdir(root, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(path, 'wx');
      try {
        await handle.writeFile(`${JSON.stringify(me)}\n`, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        path,
        release: async () => {
          // Only our own lock: a stale-lock takeover by another run must not be undone.
          const text = await readFile(path, 'utf8').catch(() => undefined);
          const owner = text === undefined ? undefined : readOwner(text);
          if (owner && owner.pid === me.pid && owner.host === me.host && owner.started === me.started) await rm(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new StoreError(`${path}: cannot create the store lock: ${(err as Error).message}`, { cause: err });
    }
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released meanwhile: try again
    const owner = readOwner(text);
    if (!owner) {
      const age = now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0);
      if (age < UNREADABLE_GRACE_MS) throw new StoreLockedError(`${path}: the store is locked by another sync that is starting (the lock file is not complete yet); try again in a minute`);
      options.onStale?.(`removed an unreadable lock file ${path} left by an interrupted sync`);
      await rm(path, { force: true });
      continue;
    }
    if (owner.host === me.host && !isAlive(owner.pid)) {
      // Remove it only if it is still that stale lock, not one another run has just taken over.
      if ((await readFile(path, 'utf8').catch(() => undefined)) !== text) continue;
      options.onStale?.(`removed a stale lock ${path}: process ${owner.pid} (${owner.command || 'sync'}, started ${owner.started}) is no longer running`);
      await rm(path, { force: true });
      continue;
    }
    const where = owner.host === me.host ? `process ${owner.pid}` : `process ${owner.pid} on host ${owner.host}`;
    throw new StoreLockedError(
      `${root} is in use: another sync (${where}, "${owner.command || 'agora sync'}", started ${owner.started}) holds ${path}. ` +
        `Wait for it to finish or stop it; if that process is gone${owner.host === me.host ? '' : ' (it runs on another host, so this one cannot tell)'}, delete ${path}.`,
    );
  }
  throw new StoreLockedError(`${path}: could not take the store lock after 3 tries (another sync keeps taking it)`);
}
