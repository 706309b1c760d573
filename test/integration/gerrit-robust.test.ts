/**
 * Regression tests for what probing 0.1.0 found: data loss and silent failure
 * in sync, each reproduced against the local Gerrit simulator.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGerritSimulator, type Fault, type GerritSimulator, type GerritSimulatorOptions } from '../../scripts/simulator/gerrit.ts';
import { AgoraConfig } from '../../src/config/schema.ts';
import { createGerritDriver } from '../../src/sources/gerrit/index.ts';
import { defineDriver } from '../../src/sources/types.ts';
import { acquireStoreLock, StoreLockedError } from '../../src/store/lock.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { cloneChange, countJson, fixtureChanges, gerritConfig, tempDir } from './helpers.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function simulator(opts: Partial<GerritSimulatorOptions> & { faults?: Fault[] } = {}): Promise<GerritSimulator> {
  const sim = await startGerritSimulator({ changes: fixtureChanges(), ...opts });
  cleanup.push(() => sim.close());
  return sim;
}

async function storeDir(): Promise<string> {
  const dir = await tempDir('gerrit-robust');
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

const NOW = Date.parse('2024-04-01T00:00:00Z');

function sync(config: AgoraConfig, dir: string, opts: { full?: boolean; clock?: () => number } = {}) {
  const warnings: string[] = [];
  const driver = createGerritDriver({ sleep: async () => {}, now: () => NOW });
  return runSync(config, {
    store: new Store(dir),
    drivers: new Map([['gerrit', defineDriver(driver)]]),
    full: opts.full,
    log: { info: () => {}, warn: (m) => void warnings.push(m) },
    now: () => 0,
    clock: opts.clock ?? (() => NOW),
  }).then((reports) => ({ reports, report: reports[0]!, warnings }));
}

/** 1,500 changes over two projects, from the small fixture shifted in time. */
function bigCorpus(): Record<string, unknown>[] {
  const base = fixtureChanges();
  return Array.from({ length: 50 }, (_, k) => base.map((c) => cloneChange(c, k))).flat();
}

const sParam = (url: string) => Number(new URL(url, 'http://x').searchParams.get('S') ?? 0);

describe('--full never removes changes that still exist', () => {
  // Regression: `[]` after `_more_changes: true` ended the listing as complete: "1400 removed", exit 0.
  it('keeps every change when a page comes back empty half-way', async () => {
    const sim = await simulator({ changes: bigCorpus() });
    const dir = await storeDir();
    const config = gerritConfig(sim.url, { projects: undefined, pageSize: 100 });
    const first = await sync(config, dir);
    expect(first.report).toMatchObject({ ok: true, new: 1500 });
    // From now on the server pages no deeper than 100 changes.
    sim.faults.push({ match: (r) => sParam(r.url) >= 100, times: Infinity, respond: { empty: true } });
    const full = await sync(config, dir, { full: true });
    expect(full.report).toMatchObject({ ok: true, removed: 0, unchanged: 1500 });
    expect(countJson(dir)).toBe(1500);
  });

  it('fails, and removes nothing, when the listing cannot be read to its end', async () => {
    const sim = await simulator({ changes: bigCorpus() });
    const dir = await storeDir();
    const config = gerritConfig(sim.url, { projects: undefined, pageSize: 100 });
    await sync(config, dir);
    sim.faults.push(
      { match: (r) => sParam(r.url) >= 100, times: Infinity, respond: { empty: true } },
      { match: 'before:', times: Infinity, respond: { status: 400, body: 'Unsupported operator before\n' } },
    );
    const full = await sync(config, dir, { full: true });
    expect(full.report.ok).toBe(false);
    expect(full.report.error).toMatch(/listing stopped after \d+ changes/);
    expect(full.report.removed).toBe(0);
    expect(countJson(dir)).toBe(1500);
  });

  // Regression: a change deleted during a run shifted the S= offsets; the change after the page
  // boundary was never seen, was removed by --full and never fetched again.
  it('keeps a live change when another is deleted during the run, and removes only the deleted one', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    await sync(config, dir);
    const alpha = sim.changes.inProject('demo/alpha').map((e) => e.number);
    const victim = alpha[1]!;
    sim.faults.push({ match: (r) => sParam(r.url) > 0 && r.url.includes('alpha'), respond: { pass: true }, run: () => void sim.changes.remove(victim) });
    const full = await sync(config, dir, { full: true });
    // The victim was listed before it went; every live change is still there.
    expect(full.report).toMatchObject({ ok: true, removed: 0 });
    const store = new Store(dir).source('demo');
    for (const n of alpha) expect(existsSync(store.pathOf('change', String(n))), `change ${n}`).toBe(true);
    const again = await sync(config, dir, { full: true });
    expect(again.report).toMatchObject({ ok: true, removed: 1, unchanged: 29 });
    for (const n of alpha) expect(existsSync(store.pathOf('change', String(n))), `change ${n}`).toBe(n !== victim);
  });

  it('asks about unlisted changes one by one and keeps those that still exist', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    await sync(config, dir);
    const hidden = sim.changes.inProject('demo/beta')[3]!.number;
    // The listing leaves one change out; asked for by number, the server still has it.
    const original = sim.changes.get(hidden);
    sim.changes.remove(hidden);
    sim.faults.push({ match: (r) => (r.params.get('q') ?? '').includes(`change:${hidden}`), respond: { pass: true }, run: () => sim.changes.upsert(original) });
    const full = await sync(config, dir, { full: true });
    expect(full.report).toMatchObject({ ok: true, removed: 0 });
    expect(full.report.warnings.map((w) => w.reason).join('\n')).toMatch(/1 of 1 stored item the listing did not show still exist upstream and were kept/);
    expect(countJson(dir)).toBe(30);
  });
});

describe('a source that cannot be read has failed', () => {
  // Regression: a URL answering 404 for everything reported "ok … 1 skipped", exit 0.
  it('fails with the URL and the status when every request is a 404', async () => {
    const sim = await simulator({ faults: [{ times: Infinity, respond: { status: 404, body: 'Not Found\n' } }] });
    const dir = await storeDir();
    const { report } = await sync(gerritConfig(`${sim.url}/gerrit`), dir);
    expect(report.ok).toBe(false);
    expect(report.error).toContain(`${sim.url}/gerrit could not be read`);
    expect(report.error).toContain('HTTP 404');
    expect(report.error).toMatch(/Is it the Gerrit base URL/);
  });

  it('still only skips one missing project while the others answer', async () => {
    const sim = await simulator({ faults: [{ match: 'demo/beta', times: Infinity, respond: { status: 404 } }] });
    const dir = await storeDir();
    const { report } = await sync(gerritConfig(sim.url), dir);
    expect(report).toMatchObject({ ok: true, new: 15 });
    expect(report.skipped[0]?.where).toBe('project demo/beta');
  });
});

describe('a change dated in the future', () => {
  // Regression: one change with updated 2099-01-01 moved the cursor to 2099 and froze incremental sync.
  it('does not move the cursor past the start of the run, and is reported', async () => {
    const changes = fixtureChanges();
    changes[0] = { ...changes[0], updated: '2099-01-01 00:00:00.000000000' };
    const sim = await simulator({ changes });
    const dir = await storeDir();
    const config = gerritConfig(sim.url, { projects: undefined });
    const first = await sync(config, dir);
    expect(first.report).toMatchObject({ ok: true, new: 30, cursor: '2024-04-01T00:00:00Z' });
    expect(first.report.warnings).toEqual([{ where: 'clock', reason: expect.stringMatching(/^1 change updated in the future \(latest: change \d+ at 2099-01-01T00:00:00Z\)/) }]);
    // A change updated after the first run is still fetched by the next one.
    const later = { ...changes[5], subject: 'Updated after the first run', updated: '2024-04-02 10:00:00.000000000' };
    sim.changes.upsert(later);
    const second = await sync(config, dir, { clock: () => Date.parse('2024-04-03T00:00:00Z') });
    expect(second.report).toMatchObject({ ok: true, updated: 1, cursor: '2024-04-03T00:00:00Z' });
  });

  it('recovers a store whose cursor a wrong clock already put in the future', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = gerritConfig(sim.url, { projects: undefined });
    await mkdir(join(dir, 'demo'), { recursive: true });
    await writeFile(join(dir, 'demo', '_meta.json'), JSON.stringify({ cursor: '2099-01-01T00:00:00Z', projects: { '*': '2099-01-01T00:00:00Z' } }));
    const { report } = await sync(config, dir);
    expect(report).toMatchObject({ ok: true, new: 30 });
    expect(report.warnings[0]?.reason).toMatch(/stored cursor 2099-01-01T00:00:00Z is in the future/);
    expect(report.cursor! <= '2024-04-01T00:00:00Z').toBe(true);
  });
});

describe('endless paging', () => {
  // Regression: a server ignoring S= and always ending with _more_changes made 13,000 requests in 20 s.
  it('stops and fails clearly after a few requests', async () => {
    const sim = await simulator({ ignoreStart: true, alwaysMore: true });
    const dir = await storeDir();
    const { report } = await sync(gerritConfig(sim.url), dir);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(/brought no change not already seen/);
    expect(sim.requests.length).toBeLessThan(30);
  });

  it('still reads everything from a server that only ignores S=', async () => {
    const sim = await simulator({ ignoreStart: true });
    const dir = await storeDir();
    const { report } = await sync(gerritConfig(sim.url), dir);
    expect(report).toMatchObject({ ok: true, new: 30 });
  });
});

describe('Gerrit 2.6-2.8 servers', () => {
  it('syncs everything with N= paging, then asks with -age: instead of after:', async () => {
    const sim = await simulator({ legacy: true, now: () => NOW });
    const dir = await storeDir();
    const config = gerritConfig(sim.url);
    const first = await sync(config, dir);
    expect(first.report).toMatchObject({ ok: true, new: 30, skipped: [] });
    const stored = await new Store(dir).source('demo').get<{ patchSets: { created?: string }[] }>('change', '1001');
    expect(stored?.data.patchSets.every((p) => p.created === undefined)).toBe(true);
    sim.requests.length = 0;
    const second = await sync(config, dir);
    expect(second.report).toMatchObject({ ok: true, new: 0, updated: 0 });
    const queries = sim.requests.map((r) => new URL(r.url, sim.url).searchParams.get('q') ?? '');
    expect(queries.some((q) => q.includes('after:'))).toBe(true);
    expect(queries.filter((q) => /-age:\d+s/.test(q))).toHaveLength(2);
  });
});

describe('one store, one sync', () => {
  // Regression: a second sync's clean-up deleted the first one's temporary file (ENOENT … rename … tmp).
  it('refuses a second sync while one runs, naming the process', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const lock = await acquireStoreLock(dir, { command: 'agora sync --full' });
    await expect(sync(gerritConfig(sim.url), dir)).rejects.toThrow(StoreLockedError);
    await expect(sync(gerritConfig(sim.url), dir)).rejects.toThrow(new RegExp(`another sync \\(process ${process.pid}, "agora sync --full", started .*\\) holds ${dir}/\\.lock`));
    await lock.release();
    const after = await sync(gerritConfig(sim.url), dir);
    expect(after.report.ok).toBe(true);
    expect(existsSync(join(dir, '.lock'))).toBe(false);
  });

  it('takes over a stale lock left by a process that is gone', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const { hostname } = await import('node:os');
    await writeFile(join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), started: '2024-01-01T00:00:00.000Z', command: 'agora sync' }));
    const { report, warnings } = await sync(gerritConfig(sim.url), dir);
    expect(report.ok).toBe(true);
    expect(warnings.join('\n')).toMatch(/removed a stale lock .*is no longer running/);
  });
});

describe('a corrupt _meta.json', () => {
  // Regression: it stopped every source.
  it('fails that source only, naming the file; the others run', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const config = AgoraConfig.parse({
      site: { title: 'Test', url: 'https://agora.example.org' },
      sources: [
        { id: 'broken', type: 'gerrit', url: sim.url, projects: ['demo/alpha'] },
        { id: 'fine', type: 'gerrit', url: sim.url, projects: ['demo/beta'] },
      ],
    });
    await mkdir(join(dir, 'broken'), { recursive: true });
    await writeFile(join(dir, 'broken', '_meta.json'), '{"cursor": "2024-');
    const { reports } = await sync(config, dir);
    expect(reports.map((r) => [r.source, r.ok])).toEqual([
      ['broken', false],
      ['fine', true],
    ]);
    expect(reports[0]!.error).toBe(`${join(dir, 'broken', '_meta.json')}: not valid JSON`);
    expect(await readFile(join(dir, 'broken', '_meta.json'), 'utf8')).toBe('{"cursor": "2024-');
  });
});
