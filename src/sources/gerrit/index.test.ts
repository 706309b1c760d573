import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startGerritSimulator, type GerritSimulator } from '../../../scripts/simulator/gerrit.ts';
import { GerritSourceConfig } from '../../config/schema.ts';
import type { Item } from '../../model/item.ts';
import type { SyncContext } from '../types.ts';
import { ALL_PROJECTS, buildQuery, createGerritDriver, queryValue } from './index.ts';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/gerrit/small', import.meta.url));
let sim: GerritSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function fakeContext(config: GerritSourceConfig, over: Partial<SyncContext<GerritSourceConfig>> = {}) {
  const emitted: Item<unknown>[] = [];
  const skipped: { where: string; reason: string }[] = [];
  const notes: string[] = [];
  const warnings: { where: string; reason: string }[] = [];
  const ctx: SyncContext<GerritSourceConfig> = {
    config,
    full: false,
    meta: {},
    windowStart: config.since,
    emit: async (item) => {
      emitted.push(item);
      return 'new';
    },
    skip: (where, reason) => void skipped.push({ where, reason }),
    warn: (where, reason) => void warnings.push({ where, reason }),
    now: () => Date.parse('2024-04-01T00:00:00Z'),
    identityId: (v) => `id-${v}`,
    cacheDir: '/nonexistent/agora-cache',
    stored: async function* () {},
    remove: () => {},
    progress: (p) => void notes.push(p.note ?? ''),
    log: { info: () => {}, warn: () => {} },
    ...over,
  };
  return { ctx, emitted, skipped, notes, warnings };
}

describe('buildQuery', () => {
  it('ANDs project, an inclusive after: one second early, and the configured query', () => {
    expect(buildQuery('demo/alpha', undefined, undefined)).toBe('project:demo/alpha');
    expect(buildQuery('demo/alpha', new Date('2024-03-01T10:00:00Z'), 'branch:master')).toBe('project:demo/alpha after:"2024-03-01 09:59:59" (branch:master)');
    expect(queryValue('odd name')).toBe('"odd name"');
  });

  it('still makes a valid query without a project', () => {
    expect(buildQuery(undefined, undefined, undefined)).toBe('after:"1970-01-01 00:00:00"');
    expect(buildQuery(undefined, undefined, 'status:merged')).toBe('(status:merged)');
  });
});

describe('gerrit driver', () => {
  it('without a project list, reads every visible project with one query and one cursor', async () => {
    sim = await startGerritSimulator({ fixtureDir: FIXTURES });
    const config = GerritSourceConfig.parse({ id: 'demo', type: 'gerrit', url: sim.url, pageSize: 10 });
    const { ctx, emitted, skipped } = fakeContext(config);
    const outcome = await createGerritDriver().sync(ctx);
    expect(skipped).toEqual([]);
    expect(emitted).toHaveLength(30);
    expect(new Set(emitted.map((i) => (i.data as { project: string }).project))).toEqual(new Set(['demo/alpha', 'demo/beta']));
    const newest = emitted.map((i) => i.updatedOn).sort().at(-1)!;
    expect(outcome).toEqual({ complete: true, cursor: newest, meta: { projects: { [ALL_PROJECTS]: newest } } });
    const queries = sim.requests.map((r) => new URL(r.url, sim!.url).searchParams.get('q'));
    expect(new Set(queries)).toEqual(new Set(['after:"1970-01-01 00:00:00"']));

    sim.requests.length = 0;
    const again = fakeContext(config, { meta: outcome.meta });
    await createGerritDriver().sync(again.ctx);
    expect(sim.requests.map((r) => new URL(r.url, sim!.url).searchParams.get('q'))).toEqual([buildQuery(undefined, new Date(newest), undefined)]);
  });

  it('skips a project that does not exist, and then keeps the old cursor', async () => {
    sim = await startGerritSimulator({ fixtureDir: FIXTURES, faults: [{ match: 'project:gone', times: Infinity, respond: { status: 404, body: 'Not found' } }] });
    const config = GerritSourceConfig.parse({ id: 'demo', type: 'gerrit', url: sim.url, projects: ['gone', 'demo/beta'] });
    const { ctx, emitted, skipped } = fakeContext(config, { meta: { cursor: '2020-01-01T00:00:00Z' } });
    const outcome = await createGerritDriver().sync(ctx);
    expect(emitted).toHaveLength(15);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.where).toBe('project gone');
    expect(skipped[0]!.reason).toMatch(/^source "demo": GET http.*project%3Agone.* answered HTTP 404/);
    const betaNewest = emitted.map((i) => i.updatedOn).sort().at(-1)!;
    expect(outcome).toEqual({ complete: false, cursor: '2020-01-01T00:00:00Z', meta: { projects: { 'demo/beta': betaNewest } } });
  });

  // Regression: a project with no changes never got a cursor, so the source-wide cursor never moved.
  it('moves the source-wide cursor past a project with no changes, and asks that project from since again', async () => {
    sim = await startGerritSimulator({ fixtureDir: FIXTURES });
    const config = GerritSourceConfig.parse({ id: 'demo', type: 'gerrit', url: sim.url, projects: ['demo/empty', 'demo/beta'], since: '2020-01-01' });
    const first = fakeContext(config, { meta: { cursor: '2020-01-01T00:00:00Z' } });
    const outcome = await createGerritDriver().sync(first.ctx);
    const betaNewest = first.emitted.map((i) => i.updatedOn).sort().at(-1)!;
    expect(outcome).toEqual({ complete: true, cursor: betaNewest, meta: { projects: { 'demo/beta': betaNewest } } });

    sim.requests.length = 0;
    const again = await createGerritDriver().sync(fakeContext(config, { meta: { cursor: outcome.cursor, ...outcome.meta } }).ctx);
    expect(again.cursor).toBe(betaNewest);
    const queries = sim.requests.map((r) => new URL(r.url, sim!.url).searchParams.get('q'));
    expect(queries).toEqual([buildQuery('demo/empty', new Date('2020-01-01T00:00:00Z'), undefined), buildQuery('demo/beta', new Date(betaNewest), undefined)]);
  });

  it('fails the source with its id and project on other errors', async () => {
    sim = await startGerritSimulator({ fixtureDir: FIXTURES, faults: [{ times: Infinity, respond: { html: true } }] });
    const config = GerritSourceConfig.parse({ id: 'demo', type: 'gerrit', url: sim.url, projects: ['demo/beta'] });
    const { ctx } = fakeContext(config);
    await expect(createGerritDriver().sync(ctx)).rejects.toThrow(/^source "demo", project demo\/beta: GET http:\/\/127.* HTML page/);
  });

  it('rejects a bad bot pattern before any request', async () => {
    // The config schema refuses it when the file loads; a config built in code is still checked here.
    expect(GerritSourceConfig.safeParse({ id: 'demo', type: 'gerrit', url: 'http://127.0.0.1:9', bots: ['(unclosed'] }).success).toBe(false);
    const config = { ...GerritSourceConfig.parse({ id: 'demo', type: 'gerrit', url: 'http://127.0.0.1:9', projects: ['x'] }), bots: ['(unclosed'] };
    await expect(createGerritDriver().sync(fakeContext(config).ctx)).rejects.toThrow(/bots\[0\] is not a valid regular expression/);
  });
});
