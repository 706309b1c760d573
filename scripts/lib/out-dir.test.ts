import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isInside, misleadsAstro, outDirProblem, replaceContents } from './out-dir.ts';

describe('misleadsAstro', () => {
  it('is true only for a folder whose path starts with the project path without being inside it', () => {
    expect(misleadsAstro('/srv/agora-dist', '/srv/agora')).toBe(true);
    expect(misleadsAstro('/srv/agora2/out', '/srv/agora')).toBe(true);
    expect(misleadsAstro('/srv/agora/dist', '/srv/agora')).toBe(false);
    expect(misleadsAstro('/srv/agora', '/srv/agora')).toBe(false);
    expect(misleadsAstro('/tmp/out', '/srv/agora')).toBe(false);
    expect(misleadsAstro('/srv/out', '/srv/agora')).toBe(false);
  });

  it('isInside compares path segments', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a/b/..c')).toBe(true);
  });
});

describe('outDirProblem', () => {
  it('refuses the project folder and any folder holding it, which the build would empty', () => {
    expect(outDirProblem('/srv/agora', '/srv/agora')).toMatch(/is the project folder/);
    expect(outDirProblem('/srv', '/srv/agora')).toMatch(/contains the project folder/);
    expect(outDirProblem('/', '/srv/agora')).toMatch(/contains the project folder/);
    for (const ok of ['/srv/agora/dist', '/srv/agora-dist', '/tmp/out', '/srv/other']) expect(outDirProblem(ok, '/srv/agora'), ok).toBeUndefined();
  });
});

describe('replaceContents', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('leaves exactly the new build in place (keeping .git, like Astro) and removes the staging folder', async () => {
    dir = mkdtempSync(join(tmpdir(), 'agora-outdir-'));
    const from = join(dir, 'stage');
    const to = join(dir, 'out');
    mkdirSync(join(from, 'a'), { recursive: true });
    writeFileSync(join(from, 'index.html'), 'new');
    writeFileSync(join(from, 'a', 'b.html'), 'b');
    mkdirSync(join(to, '.git'), { recursive: true });
    writeFileSync(join(to, 'stale.html'), 'old');
    writeFileSync(join(to, 'index.html'), 'old');
    await replaceContents(from, to);
    expect(readdirSync(to).sort()).toEqual(['.git', 'a', 'index.html']);
    expect(readFileSync(join(to, 'index.html'), 'utf8')).toBe('new');
    expect(readFileSync(join(to, 'a', 'b.html'), 'utf8')).toBe('b');
    expect(readdirSync(dir)).toEqual(['out']);
  });
});
