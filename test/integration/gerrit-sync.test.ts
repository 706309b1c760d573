import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startGerritSimulator, type Fault, type GerritSimulator } from '../../scripts/simulator/gerrit.ts';
import type { AgoraConfig } from '../../src/config/schema.ts';
import { createGerritDriver } from '../../src/sources/gerrit/index.ts';
import { defineDriver } from '../../src/sources/types.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { countJson, fixtureChanges, gerritConfig, SMALL_FIXTURE, tempDir, treeHash } from './helpers.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

async function simulator(opts: { faults?: Fault[]; changes?: unknown[] } = {}): Promise<GerritSimulator> {
  const sim = await startGerritSimulator(opts.changes ? { changes: opts.changes, faults: opts.faults } : { fixtureDir: SMALL_FIXTURE, faults: opts.faults });
  cleanup.push(() => sim.close());
  return sim;
}

async function storeDir(): Promise<string> {
  const dir = await tempDir('gerrit-sync');
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function sync(config: AgoraConfig, dir: string, opts: { full?: boolean } = {}) {
  const delays: number[] = [];
  const warnings: string[] = [];
  const driver = createGerritDriver({ sleep: async (ms) => void delays.push(ms), now: () => Date.parse('2024-04-01T00:00:00Z') });
  const run = runSync(config, {
    store: new Store(dir),
    drivers: new Map([['gerrit', defineDriver(driver)]]),
    full: opts.full,
    log: { info: () => {}, warn: (m) => void warnings.push(m) },
    now: () => 0,
  });
  return run.then((reports) => ({ report: reports[0]!, delays, warnings }));
}

describe('gerrit sync against the simulator', () => {
  it('stores everything, then an incremental run asks with after: and changes no byte', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    const first = await sync(config, dir);
    // Each project keeps its own cursor; the report shows the oldest (demo/alpha's newest change).
    expect(first.report).toMatchObject({ ok: true, new: 30, updated: 0, skipped: [], cursor: '2024-03-07T06:57:00Z' });
    expect(countJson(dir)).toBe(30);
    const before = treeHash(dir);

    sim.requests.length = 0;
    const second = await sync(config, dir);
    expect(second.report).toMatchObject({ ok: true, new: 0, updated: 0, cursor: '2024-03-07T06:57:00Z' });
    const queries = sim.requests.map((r) => new URL(r.url, sim.url).searchParams.get('q'));
    expect(queries).toEqual(['project:demo/alpha after:"2024-03-07 06:56:59"', 'project:demo/beta after:"2024-03-07 11:31:59"']);
    expect(treeHash(dir)).toBe(before);
  });

  // Regression: one source-wide cursor (the newest update over all projects) skipped a change
  // in an early project updated mid-run at a time older than a later project's newest change.
  it('keeps a cursor per project, so an older update in one project is not skipped past', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    await sync(config, dir);
    const alpha = fixtureChanges().filter((c) => c.project === 'demo/alpha').sort((a, b) => String(a.updated).localeCompare(String(b.updated)))[0]!;
    // Updated after alpha's newest change (06:57) but before beta's newest (11:32).
    sim.changes.upsert({ ...alpha, subject: 'Edited while beta was syncing', updated: '2024-03-07 09:00:00.000000000' });
    const second = await sync(config, dir);
    expect(second.report).toMatchObject({ ok: true, updated: 1 });
    const stored = await new Store(dir).source('demo').get<{ subject: string }>('change', String(alpha._number));
    expect(stored?.data.subject).toBe('Edited while beta was syncing');
  });

  it('starts a project newly added to the config from since, not from the other projects', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    await sync(gerritConfig(sim.url, { projects: ['demo/beta'] }), dir);
    const second = await sync(gerritConfig(sim.url), dir);
    expect(second.report).toMatchObject({ ok: true, new: 15 });
    expect(countJson(dir)).toBe(30);
  });

  it('rides out a 500', async () => {
    const sim = await simulator({ faults: [{ match: 'demo/beta', respond: { status: 500 } }] });
    const dir = await storeDir();
    const { report, delays, warnings } = await sync(gerritConfig(sim.url), dir);
    expect(report).toMatchObject({ ok: true, new: 30 });
    expect(delays).toEqual([500]);
    expect(warnings[0]).toMatch(/^demo: retry 1\/4 in 0.5 s for GET http:\/\/127.*HTTP 500/);
  });

  it('waits as long as a 429 Retry-After says, without really sleeping', async () => {
    const sim = await simulator({ faults: [{ match: 'S=6', respond: { status: 429, headers: { 'Retry-After': '2' } } }] });
    const dir = await storeDir();
    const { report, delays } = await sync(gerritConfig(sim.url), dir);
    expect(report).toMatchObject({ ok: true, new: 30 });
    expect(delays).toEqual([2000]);
    expect(sim.requests.filter((r) => r.url.includes('S=6'))).toHaveLength(3);
  });

  it('retries a truncated body', async () => {
    const sim = await simulator({ faults: [{ match: 'demo/alpha', respond: { truncate: true } }] });
    const dir = await storeDir();
    const { report, delays } = await sync(gerritConfig(sim.url), dir);
    expect(report).toMatchObject({ ok: true, new: 30 });
    expect(delays).toEqual([500]);
  });

  it('reports an HTML page clearly and loses nothing already stored', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    await sync(config, dir);
    const before = treeHash(dir);
    sim.faults.push({ match: 'demo/beta', times: Infinity, respond: { html: true } });
    const { report } = await sync(config, dir);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/^source "demo", project demo\/beta: GET http:\/\/127\.0\.0\.1:\d+\/changes\/\?q=project%3Ademo%2Fbeta.*: expected JSON but got an HTML page/);
    expect(treeHash(dir)).toBe(before);
  });

  it('removes a change deleted upstream only on --full', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    await sync(config, dir);
    const file = new Store(dir).source('demo').pathOf('change', '1005');
    expect(existsSync(file)).toBe(true);
    sim.changes.remove(1005);

    const incremental = await sync(config, dir);
    expect(incremental.report).toMatchObject({ ok: true, removed: 0 });
    expect(existsSync(file)).toBe(true);

    const full = await sync(config, dir, { full: true });
    expect(full.report).toMatchObject({ ok: true, removed: 1, new: 0, unchanged: 29 });
    expect(existsSync(file)).toBe(false);
  });

  it('skips a malformed change with a reason and stores the rest', async () => {
    const changes = fixtureChanges();
    changes[4] = { ...changes[4], status: 'EXPLODED' };
    const sim = await simulator({ changes });
    const dir = await storeDir();
    const { report } = await sync(gerritConfig(sim.url), dir);
    expect(report).toMatchObject({ ok: true, new: 29 });
    expect(report.skipped).toEqual([{ where: 'change 1005 (project demo/alpha)', reason: expect.stringContaining('field status: expected NEW, MERGED or ABANDONED, got "EXPLODED"') }]);
  });

  it('keeps the stored copy of a change that turns malformed, even on --full', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    await sync(config, dir);
    const file = new Store(dir).source('demo').pathOf('change', '1005');
    sim.changes.upsert({ ...fixtureChanges()[4], updated: 'not a time' });
    const { report } = await sync(config, dir, { full: true });
    expect(report).toMatchObject({ ok: true, removed: 0, unchanged: 29 });
    expect(report.skipped[0]?.reason).toContain('field updated');
    expect(existsSync(file)).toBe(true);
  });
});
