import { afterEach, describe, expect, it } from 'vitest';
import { generateHnWorld } from '../../../scripts/demo/hn.ts';
import { startHnSimulator, type HnSimulator } from '../../../scripts/simulator/hn.ts';
import { HnClient } from './client.ts';
import { listStories, monthsBetween } from './index.ts';

describe('monthsBetween', () => {
  it('lists the months from one to the other, across years', () => {
    expect(monthsBetween('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
    expect(monthsBetween('2024-02', '2024-02')).toEqual(['2024-02']);
    expect(monthsBetween('2024-03', '2024-02')).toEqual([]);
  });
});

describe('listStories', () => {
  const sims: HnSimulator[] = [];
  afterEach(async () => {
    for (const s of sims.splice(0)) await s.close();
  });

  const client = (api: string, delay = 0, waits: number[] = []) =>
    new HnClient({ config: { id: 'hn', type: 'hn-hiring' }, log: { info: () => {}, warn: () => {} } }, { url: api, timeout: 10, retries: 0, delay }, undefined, async (ms) => void waits.push(ms));

  it('pages past the pagination limit by narrowing the time window', async () => {
    const world = generateHnWorld({ start: '2024-01', end: '2024-06' });
    const sim = await startHnSimulator({ world, maxHitsPerPage: 4, paginationLimit: 8 });
    sims.push(sim);
    const stories = await listStories(client(sim.api), 0, () => {});
    expect(stories.map((s) => Number(s.objectID)).sort()).toEqual(world.stories.map((s) => s.id).sort());
    // 19 stories, 8 reachable per window, windows overlapping by the oldest second seen.
    expect(sim.stats.searches).toBeGreaterThanOrEqual(5);
  });

  it('lists from a time on only, and waits between requests', async () => {
    const world = generateHnWorld({ start: '2024-01', end: '2024-06' });
    const sim = await startHnSimulator({ world });
    sims.push(sim);
    const waits: number[] = [];
    const c = client(sim.api, 5, waits);
    const stories = await listStories(c, Date.UTC(2024, 5, 1) / 1000, () => {});
    expect(stories).toHaveLength(3);
    await c.item(stories[0]!.objectID);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(c.requests).toBe(2);
  });
});
