import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `text` to `path` so that a reader (or a crash) only ever sees the old
 * file or the complete new one: write a temporary sibling, fsync, rename.
 * The rename itself is durable once the folder is synced (see `syncDir`).
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    // A half-written temporary file is useless: the old file (if any) is still whole.
    await unlink(tmp).catch(() => {});
    throw new WriteError(path, err);
  }
}

/** A failed write that names the file (ENOSPC alone names nothing), with the system error as cause. */
export class WriteError extends Error {
  override name = 'WriteError';
  readonly code: string | undefined;
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException).code;
    const hint = code === 'ENOSPC' ? ' (no space left on the device)' : code === 'EDQUOT' ? ' (disk quota exceeded)' : code === 'EROFS' ? ' (read-only file system)' : '';
    super(`cannot write ${path}: ${code ?? (cause as Error).message}${hint}`, { cause });
    this.code = code;
  }
}

/** Flushes a folder's entries (renames, removals) to disk. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r').catch(() => undefined);
  if (!handle) return;
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
