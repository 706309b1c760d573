import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A disk that is full: every write of file contents fails the way the kernel says it.
const full = { on: false };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      if (!full.on) return handle;
      return new Proxy(handle, {
        get(target, prop, receiver) {
          if (prop === 'writeFile') {
            return async () => {
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
            };
          }
          const v = Reflect.get(target, prop, receiver) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    },
  };
});

const { writeFileAtomic, WriteError } = await import('./atomic.ts');

let dir: string | undefined;
afterEach(async () => {
  full.on = false;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('writeFileAtomic on a full disk', () => {
  // Regression: ENOSPC surfaced as "ENOSPC: no space left on device, write", naming no file.
  it('names the file it could not write, keeps the old bytes and leaves no temporary file', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-atomic-'));
    const path = join(dir, 'item.json');
    await writeFile(path, 'old\n');
    full.on = true;
    const err = await writeFileAtomic(path, 'new\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as Error).message).toBe(`cannot write ${path}: ENOSPC (no space left on the device)`);
    expect((err as InstanceType<typeof WriteError>).code).toBe('ENOSPC');
    full.on = false;
    expect(await readFile(path, 'utf8')).toBe('old\n');
    expect(await readdir(dir)).toEqual(['item.json']);
  });
});
