import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startGerritSimulator } from '../../scripts/simulator/gerrit.ts';
import { REPO_ROOT, SMALL_FIXTURE, tempDir } from './helpers.ts';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, CI: 'true' } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

async function configFile(body: string): Promise<string> {
  const dir = await tempDir('sync-cli');
  dirs.push(dir);
  const path = join(dir, 'agora.config.yaml');
  await writeFile(path, body);
  return path;
}

describe('npm run sync', () => {
  it('exits 2 with the file and key path for an invalid config', async () => {
    const path = await configFile('site: { title: x, url: "https://x.example" }\nsources: []\n');
    const r = await cli(['--config', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${path}: invalid Agora config`);
    expect(r.stderr).toContain('sources: expected at least one source');
  });

  it('syncs, prints a summary per source, and says what an unknown --source is', async () => {
    const sim = await startGerritSimulator({ fixtureDir: SMALL_FIXTURE });
    try {
      const path = await configFile(`site: { title: x, url: "https://x.example" }\nsources:\n  - { id: demo, type: gerrit, url: "${sim.url}", projects: [demo/alpha, demo/beta] }\n`);
      const r = await cli(['--config', path]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^ok {5}demo \(gerrit\): 30 new, 0 updated, 0 unchanged, 0 removed, 0 skipped/m);
      const again = await cli(['--config', path, '--source', 'demo']);
      // Incremental: only the changes at each project's cursor are asked for again.
      const unchanged = Number(/0 new, 0 updated, (\d+) unchanged/.exec(again.stdout)?.[1]);
      expect(unchanged).toBeGreaterThan(0);
      expect(unchanged).toBeLessThan(30);
      const unknown = await cli(['--config', path, '--source', 'nope']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('unknown source id(s): nope (configured: demo)');
    } finally {
      await sim.close();
    }
  });

  it('exits 1 and reports the failing source when the upstream is unreachable', async () => {
    const path = await configFile('site: { title: x, url: "https://x.example" }\nsources:\n  - { id: down, type: gerrit, url: "http://127.0.0.1:9", projects: [a], retries: 0, timeout: 2 }\n');
    const r = await cli(['--config', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAILED down \(gerrit\)/m);
    expect(r.stdout).toMatch(/error: source "down", project a: .*127\.0\.0\.1:9/);
  });
});
