/**
 * A sync killed with SIGKILL half-way must leave a store that the next run
 * completes to exactly what an uninterrupted run produces.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startGerritSimulator, type GerritSimulator } from '../../scripts/simulator/gerrit.ts';
import { cloneChange, countJson, fixtureChanges, REPO_ROOT, tempDir, treeHash } from './helpers.ts';

const COPIES = 10;
let sim: GerritSimulator | undefined;
let work: string | undefined;
afterAll(async () => {
  await sim?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

async function writeConfig(dir: string, url: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'agora.config.yaml');
  await writeFile(
    path,
    ['site:', '  title: Kill test', '  url: https://agora.example.org', 'data: content', 'sources:', '  - id: demo', '    type: gerrit', `    url: ${url}`, '    pageSize: 5', ''].join('\n'),
  );
  return path;
}

interface Run {
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>;
  kill(): void;
}

/** The CLI as users run it; in its own process group so SIGKILL reaches tsx's node child too. */
function syncCli(config: string): Run {
  const child = spawn('npx', ['tsx', 'scripts/sync.ts', '--config', config], { cwd: REPO_ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { done, kill: () => process.kill(-(child.pid as number), 'SIGKILL') };
}

describe('gerrit sync killed with -9', () => {
  it('resumes to the same store as an uninterrupted run', { timeout: 180_000 }, async () => {
    const base = fixtureChanges();
    const changes = Array.from({ length: COPIES }, (_, k) => base.map((c) => cloneChange(c, k))).flat();
    // Slow answers keep the first run busy long enough to be killed in the middle.
    sim = await startGerritSimulator({ changes, delayMs: 40 });
    work = await tempDir('gerrit-kill');
    const killedCfg = await writeConfig(join(work, 'killed'), sim.url);
    const cleanCfg = await writeConfig(join(work, 'clean'), sim.url);
    const killedData = join(work, 'killed', 'content');

    const first = syncCli(killedCfg);
    const deadline = Date.now() + 120_000;
    let exited = false;
    void first.done.then(() => (exited = true));
    while (countJson(killedData) < 40 && !exited && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    expect(exited, 'the first run finished before it could be killed').toBe(false);
    first.kill();
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    const partial = countJson(killedData);
    expect(partial).toBeGreaterThanOrEqual(40);
    expect(partial).toBeLessThan(changes.length);
    // The cursor is written only after a complete run.
    expect(existsSync(join(killedData, 'demo', '_meta.json'))).toBe(false);

    const resumed = await syncCli(killedCfg).done;
    expect(resumed.code, resumed.output).toBe(0);
    const clean = await syncCli(cleanCfg).done;
    expect(clean.code, clean.output).toBe(0);

    expect(countJson(killedData)).toBe(changes.length);
    expect(treeHash(killedData)).toBe(treeHash(join(work, 'clean', 'content')));
  });
});
