import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Fetcher } from './engine.ts';

/** A Fetcher over a built search folder that records what was read (tests and the benchmark). */
export function fileFetcher(root: string, log?: string[]): Fetcher {
  return async (path) => {
    log?.push(path);
    try {
      return new Uint8Array(await readFile(join(root, path)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  };
}
