/**
 * The hn-hiring source synced for real: the driver asking the HN simulator (Algolia's
 * search_by_date and items over a generated whoishiring account), run by the engine into a
 * temporary store. What a manager relies on: every month counted from a paged search, the
 * sister threads and deleted or dead comments left out, a 429 and a 500 waited out, past
 * months never asked again once complete, and the current month read on every run.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateHnWorld, type HnWorld } from '../../scripts/demo/hn.ts';
import { startHnSimulator, type HnSimulator, type HnSimulatorOptions } from '../../scripts/simulator/hn.ts';
import { AgoraConfig } from '../../src/config/schema.ts';
import { JOB_MONTH_KIND, JobMonth } from '../../src/model/jobs.ts';
import { drivers } from '../../src/sources/index.ts';
import { createHnHiringDriver } from '../../src/sources/hn-hiring/index.ts';
import type { KeywordMatcher } from '../../src/sources/hn-hiring/map.ts';
import { defineDriver, type SourceDriver } from '../../src/sources/types.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { tempDir } from './helpers.ts';

/** The sync machine's clock: ten days into the world's last month. */
const NOW = Date.parse('2024-06-10T12:00:00Z');
const JULY = Date.parse('2024-07-02T12:00:00Z');
const PAST = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];

/** The stand-in for the real keyword matcher: whole words, any case. */
function standIn(digest = 'stand-in-1') {
  const python = /\bpython\b/i;
  const openstack = /\bopenstack\b/i;
  const matcher: KeywordMatcher = {
    match: (html) => {
      const out = [python.test(html) && 'Python', openstack.test(html) && 'OpenStack'].filter((x): x is string => !!x);
      return out.length === 2 ? [...out, 'Python AND OpenStack'] : out;
    },
  };
  return { names: ['Python', 'OpenStack', 'Python AND OpenStack'], matcher, digest };
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function simulator(opts: Partial<HnSimulatorOptions> = {}): Promise<{ sim: HnSimulator; world: HnWorld }> {
  const world = generateHnWorld({ start: '2024-01', end: '2024-06' });
  // Five hits a page: the 19 stories take four pages.
  const sim = await startHnSimulator({ world, maxHitsPerPage: 5, ...opts });
  cleanup.push(() => sim.close());
  return { sim, world };
}

async function dir(): Promise<string> {
  const d = await tempDir('hn');
  cleanup.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

function config(api: string, extra: Record<string, unknown> = {}): AgoraConfig {
  return AgoraConfig.parse({ site: { title: 'T', url: 'https://t.example.org' }, sources: [{ id: 'hn', type: 'hn-hiring', url: api, since: '2024-01', delay: 0, ...extra }] });
}

const quiet = { info: () => {}, warn: () => {} };

function withDriver(driver: SourceDriver): ReadonlyMap<string, SourceDriver> {
  return new Map([...drivers, ['hn-hiring', driver]]);
}

async function sync(cfg: AgoraConfig, data: string, opts: { clock?: number; keywords?: ReturnType<typeof standIn>; full?: boolean } = {}) {
  const driver = defineDriver(createHnHiringDriver({ keywords: () => opts.keywords ?? standIn() }));
  const [report] = await runSync(cfg, { store: new Store(data), drivers: withDriver(driver), log: quiet, clock: () => opts.clock ?? NOW, full: opts.full ?? false, cacheDir: join(data, '..', 'cache') });
  return report!;
}

async function stored(data: string): Promise<Map<string, JobMonth>> {
  const out = new Map<string, JobMonth>();
  for await (const item of new Store(data).source('hn').items(JOB_MONTH_KIND)) {
    const m = JobMonth.parse(item.data);
    out.set(m.month, m);
  }
  return out;
}

/** Requests for items, by id, and the ids of the hiring threads of the given months. */
function itemsAsked(sim: HnSimulator): number[] {
  return [...sim.stats.items.entries()].flatMap(([id, n]) => Array<number>(n).fill(id)).sort();
}
function threadsOf(world: HnWorld, months: readonly string[]): number[] {
  return world.months.filter((m) => months.includes(m.month)).flatMap((m) => m.threads).sort();
}

describe('hn-hiring sync', () => {
  it('counts every month from a paged search, as the world was written', async () => {
    const { sim, world } = await simulator();
    const data = await dir();
    const report = await sync(config(sim.api), data);
    expect(report.error).toBeUndefined();
    expect(report.skipped).toEqual([]);
    expect(report.new).toBe(6);
    // Four pages of five stories; each hiring thread read once, the sister threads never.
    expect(sim.stats.searches).toBe(4);
    expect(itemsAsked(sim)).toEqual(threadsOf(world, world.months.map((m) => m.month)));
    const months = await stored(data);
    for (const truth of world.months) {
      const m = months.get(truth.month)!;
      expect(m, truth.month).toMatchObject({ postings: truth.postings, counts: { Python: truth.python, OpenStack: truth.openstack, 'Python AND OpenStack': truth.both }, complete: truth.month !== '2024-06' });
      expect(m.ids).toHaveLength(truth.postings);
      expect(m.threads.map((t) => Number(t.id)).sort()).toEqual([...truth.threads].sort());
    }
    // The deleted and the dead comment are left out, counted by reason.
    expect(months.get('2024-02')!.excluded).toEqual({ deleted: 1 });
    expect(months.get('2024-03')!.excluded).toEqual({ dead: 1 });
    // The empty thread and the month of two threads are reported.
    const said = report.warnings.map((w) => `${w.where}: ${w.reason}`);
    expect(said.filter((w) => /no postings/.test(w))).toHaveLength(1);
    expect(said.filter((w) => /^2024-04: 2 hiring threads/.test(w))).toHaveLength(1);
    expect(said).toHaveLength(2);
  });

  it('uses the registered driver and the config keywords', async () => {
    const { sim, world } = await simulator();
    const data = await dir();
    const cfg = config(sim.api, { keywords: { Python: { any: ['python', 'django'] }, OpenStack: { any: ['openstack'] }, 'Python AND OpenStack': { all: ['Python', 'OpenStack'] } } });
    const [report] = await runSync(cfg, { store: new Store(data), drivers, log: quiet, clock: () => NOW, cacheDir: join(data, '..', 'cache') });
    expect(report!.error).toBeUndefined();
    const may = (await stored(data)).get('2024-05')!;
    const truth = world.months[4]!;
    expect(may.counts).toEqual({ Python: truth.python, OpenStack: truth.openstack, 'Python AND OpenStack': truth.both });
  });

  it('waits out a 429 (Retry-After) and a 500, then counts as usual', async () => {
    const { sim, world } = await simulator({
      faults: [
        { match: '/items/', respond: { status: 429, headers: { 'Retry-After': '0' } } },
        { match: 'search_by_date', respond: { status: 500, headers: { 'Retry-After': '0' } } },
      ],
    });
    const data = await dir();
    const report = await sync(config(sim.api), data);
    expect(report.error).toBeUndefined();
    expect(report.new).toBe(6);
    expect(sim.stats.searches).toBe(5);
    expect(itemsAsked(sim)).toHaveLength(threadsOf(world, world.months.map((m) => m.month)).length + 1);
    expect((await stored(data)).get('2024-01')!.postings).toBe(world.months[0]!.postings);
  });

  it('a thread that keeps failing leaves its month for the next sync, the others stored', async () => {
    const { sim, world } = await simulator();
    const data = await dir();
    const bad = world.months[2]!.threads[0]!;
    sim.faults.push({ match: `/items/${bad}`, times: Infinity, respond: { status: 503, headers: { 'Retry-After': '0' } } });
    const report = await sync(config(sim.api, { retries: 1 }), data);
    expect(report.error).toBeUndefined();
    expect(report.skipped).toHaveLength(1);
    expect(report.skipped[0]!.where).toContain(`/items/${bad}`);
    expect([...(await stored(data)).keys()].sort()).toEqual(['2024-01', '2024-02', '2024-04', '2024-05', '2024-06']);
    sim.faults.splice(0);
    sim.resetStats();
    await sync(config(sim.api), data);
    // Searched from March, the first month not complete; only March's and June's threads read.
    expect(itemsAsked(sim)).toEqual(threadsOf(world, ['2024-03', '2024-06']));
    expect((await stored(data)).get('2024-03')!.complete).toBe(true);
  });

  it('re-syncs without asking about complete months, and refreshes the current one', async () => {
    const { sim, world } = await simulator();
    const data = await dir();
    const cfg = config(sim.api);
    await sync(cfg, data);
    const before = await stored(data);
    sim.resetStats();
    const again = await sync(cfg, data);
    // One search page (the current month's three stories) and the current thread only.
    expect(sim.stats.searches).toBe(1);
    expect(itemsAsked(sim)).toEqual(threadsOf(world, ['2024-06']));
    expect([again.new, again.updated, again.unchanged]).toEqual([0, 0, 1]);
    // A new posting in the current thread is counted on the next run.
    const june = world.months[5]!;
    sim.addComment(june.threads[0]!, { author: 'newcomer', text: '<p>Python and OpenStack engineers wanted', at: Date.parse('2024-06-09T10:00:00Z') / 1000 });
    sim.resetStats();
    const third = await sync(cfg, data);
    expect(third.updated).toBe(1);
    expect(itemsAsked(sim)).toEqual(threadsOf(world, ['2024-06']));
    const after = await stored(data);
    expect(after.get('2024-06')).toMatchObject({ postings: june.postings + 1, counts: { 'Python AND OpenStack': june.both + 1 }, complete: false });
    for (const m of PAST) expect(after.get(m)).toEqual(before.get(m));
  });

  it('completes the last month once it is over, then never asks about it again', async () => {
    const { sim, world } = await simulator();
    const data = await dir();
    const cfg = config(sim.api);
    await sync(cfg, data);
    sim.resetStats();
    // July: June is over and read once more (late postings), July has no thread yet.
    const july = await sync(cfg, data, { clock: JULY });
    expect(july.warnings).toEqual([]);
    expect(itemsAsked(sim)).toEqual(threadsOf(world, ['2024-06']));
    expect((await stored(data)).get('2024-06')!.complete).toBe(true);
    sim.resetStats();
    await sync(cfg, data, { clock: JULY });
    expect(itemsAsked(sim)).toEqual([]);
    expect(sim.stats.searches).toBe(1);
    // August: July never had a thread; reported once, then not searched for again.
    sim.resetStats();
    const august = await sync(cfg, data, { clock: Date.parse('2024-08-05T00:00:00Z') });
    expect(august.warnings.map((w) => w.where)).toEqual(['2024-07']);
    const september = await sync(cfg, data, { clock: Date.parse('2024-09-05T00:00:00Z') });
    expect(september.warnings.map((w) => w.where)).toEqual(['2024-08']);
  });

  it('counts complete months again when the keywords change, and on --full', async () => {
    const { sim, world } = await simulator();
    const data = await dir();
    const cfg = config(sim.api);
    await sync(cfg, data);
    sim.resetStats();
    await sync(cfg, data, { keywords: standIn('stand-in-2') });
    expect(itemsAsked(sim)).toEqual(threadsOf(world, world.months.map((m) => m.month)));
    expect([...(await stored(data)).values()].every((m) => m.keywordsDigest === 'stand-in-2')).toBe(true);
    sim.resetStats();
    await sync(cfg, data, { keywords: standIn('stand-in-2'), full: true });
    expect(sim.stats.searches).toBe(4);
    expect(itemsAsked(sim)).toEqual(threadsOf(world, world.months.map((m) => m.month)));
  });
});
