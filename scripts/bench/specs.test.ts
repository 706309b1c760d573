import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticRst } from './spec-docs.ts';
import { benchSpecsSync } from './specs.ts';
import { appendCommits, fastImportStream, RELEASES, syntheticSpecsRepo, touchOneSpec, writeBareRepo } from './specs-repo.ts';

/** Whether the sync's renderer can run (asked of Python itself: scripts do not reach into an upstream folder). */
function hasDocutils(): boolean {
  try {
    execFileSync('/usr/bin/python3', ['-I', '-c', 'import docutils'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const docutils = hasDocutils();
if (!docutils) console.warn('specs sync benchmark test skipped: /usr/bin/python3 cannot import docutils (sudo apt-get install -y python3-docutils)');

describe('synthetic specs repository', () => {
  it('builds the same varied documents on every run', () => {
    expect(syntheticRst(7)).toBe(syntheticRst(7));
    expect(syntheticRst(7)).not.toBe(syntheticRst(8));
    expect(syntheticRst(7).length).toBeGreaterThan(5000);
  });

  it('plans one commit per spec landing, templates, index pages, moves with redirects and re-proposals', () => {
    const repo = syntheticSpecsRepo(200, 1);
    expect(fastImportStream(syntheticSpecsRepo(200, 1).commits)).toBe(fastImportStream(repo.commits));
    expect(fastImportStream(syntheticSpecsRepo(200, 2).commits)).not.toBe(fastImportStream(repo.commits));
    const paths = [...repo.files.keys()];
    for (const r of RELEASES) {
      expect(paths).toContain(`specs/${r}-template.rst`);
      expect(paths).toContain(`specs/${r}/index.rst`);
      expect(paths).toContain(`specs/${r}/redirects`);
    }
    expect(repo.commits.filter((c) => c.message.startsWith('Add spec')).length).toBe(200);
    expect(repo.moves).toBeGreaterThan(10);
    expect(repo.reproposed.length).toBeGreaterThan(0);
    // Every moved spec has its redirects line; commits are in time order.
    const lines = RELEASES.flatMap((r) => repo.files.get(`specs/${r}/redirects`)!.trim().split('\n'));
    expect(lines).toHaveLength(repo.moves);
    expect(repo.commits.every((c, i) => i === 0 || c.at >= repo.commits[i - 1]!.at)).toBe(true);
    expect(repo.implemented.length).toBeGreaterThan(0);
    expect(repo.implemented.length).toBeLessThanOrEqual(repo.moves);
  });

  it('writes real commits with one fast-import, and one more on top', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'agora-specs-repo-'));
    try {
      const repo = syntheticSpecsRepo(20, 3);
      const bare = join(dir, 'r.git');
      await writeBareRepo(bare, repo.commits);
      const git = (...args: string[]) => execFileSync('git', args, { cwd: bare, encoding: 'utf8' }).trim();
      expect(Number(git('rev-list', '--count', 'HEAD'))).toBe(repo.commits.length);
      expect(git('ls-tree', '-r', '--name-only', 'HEAD').split('\n').sort()).toEqual([...repo.files.keys()].sort());
      const touch = touchOneSpec(repo);
      await appendCommits(bare, [touch.commit]);
      expect(Number(git('rev-list', '--count', 'HEAD'))).toBe(repo.commits.length + 1);
      expect(git('diff', '--name-only', 'HEAD~1', 'HEAD')).toBe(touch.path);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!docutils)('specs sync benchmark', () => {
  it('syncs a small repository end to end, then renders only the touched spec', async () => {
    const r = await benchSpecsSync(12, 1);
    expect(r.first).toMatchObject({ new: 12, rendered: 12, removed: 0, skipped: 0 });
    expect(r.second).toMatchObject({ new: 0, updated: 1, rendered: 1, unchanged: 11 });
    expect(r.implemented.stored).toBe(r.implemented.expected);
    expect(r.generateSeconds).toBeGreaterThan(0);
  }, 180_000);
});
