/** Shared bits of the Gerrit integration tests: fixtures, store hashing, a quiet engine run. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AgoraConfig } from '../../src/config/schema.ts';

export const SMALL_FIXTURE = fileURLToPath(new URL('../fixtures/gerrit/small', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function fixtureChanges(): Record<string, unknown>[] {
  return readFileSync(join(SMALL_FIXTURE, 'changes.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** sha256 over every file's relative path and bytes, in sorted order. */
export function treeHash(root: string): string {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files.push(p);
    }
  };
  walk(root);
  const h = createHash('sha256');
  for (const f of files.sort()) h.update(relative(root, f)).update('\0').update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

export function countJson(root: string): number {
  let n = 0;
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.json') && e.name !== '_meta.json') n++;
    }
  };
  walk(root);
  return n;
}

export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `agora-${prefix}-`));
}

export function gerritConfig(url: string, extra: Record<string, unknown> = {}): AgoraConfig {
  return AgoraConfig.parse({
    site: { title: 'Test', url: 'https://agora.example.org' },
    sources: [{ id: 'demo', type: 'gerrit', url, projects: ['demo/alpha', 'demo/beta'], pageSize: 7, ...extra }],
  });
}

/** The same ChangeInfo under another number, shifted in time, for larger fixtures. */
export function cloneChange(c: Record<string, unknown>, copy: number): Record<string, unknown> {
  const number = (c._number as number) + copy * 1000;
  const shift = (ts: unknown): unknown =>
    typeof ts === 'string' ? new Date(Date.parse(`${ts.slice(0, 19).replace(' ', 'T')}Z`) + copy * 86_400_000).toISOString().replace('T', ' ').replace('Z', '000000') : ts;
  return { ...c, _number: number, id: `${c.id as string}-${copy}`, change_id: `${c.change_id as string}${copy}`, created: shift(c.created), updated: shift(c.updated) };
}
