import { afterEach, describe, expect, it } from 'vitest';
import { generateHnWorld } from '../demo/hn.ts';
import { matchNumeric, matchTags, startHnSimulator, type HnSimulator } from './hn.ts';

const sims: HnSimulator[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
});

async function start(opts: Partial<Parameters<typeof startHnSimulator>[0]> = {}) {
  const world = generateHnWorld({ start: '2024-01', end: '2024-06' });
  const sim = await startHnSimulator({ world, ...opts });
  sims.push(sim);
  return { sim, world };
}

async function get(url: string): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const r = await fetch(url);
  return { status: r.status, body: (await r.json()) as Record<string, unknown>, headers: r.headers };
}

describe('generateHnWorld', () => {
  it('is the same for the same seed and writes its special cases', () => {
    const a = generateHnWorld();
    expect(JSON.stringify(generateHnWorld())).toBe(JSON.stringify(a));
    expect(JSON.stringify(generateHnWorld({ seed: 'other' }))).not.toBe(JSON.stringify(a));
    expect(a.months).toHaveLength(6);
    expect(a.months[1]!.deleted).toBe(1);
    expect(a.months[2]!.dead).toBe(1);
    expect(a.months[3]!.threads).toHaveLength(2);
    // Three stories a month, and the second hiring thread of month 3.
    expect(a.stories).toHaveLength(19);
    // The threads grow, and the combined keyword faster: every month, from 5% of the postings to half.
    expect(a.months.map((m) => m.both)).toEqual([0, 1, 3, 4, 6, 9]);
    const postings = a.months.map((m) => m.postings);
    for (let i = 1; i < postings.length; i++) expect(postings[i]!).toBeGreaterThan(postings[i - 1]!);
    expect(a.months.at(-1)!.both / a.months.at(-1)!.postings).toBeCloseTo(0.5, 1);
  });
});

describe('HN simulator', () => {
  it('pages search_by_date hits newest first, filtered by tags and numericFilters', async () => {
    const { sim, world } = await start({ maxHitsPerPage: 5 });
    const first = await get(`${sim.api}/search_by_date?tags=story,author_whoishiring&hitsPerPage=100`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^application\/json/);
    expect(first.body).toMatchObject({ page: 0, hitsPerPage: 5, nbHits: world.stories.length, nbPages: Math.ceil(world.stories.length / 5) });
    const hits = first.body.hits as Record<string, unknown>[];
    expect(hits[0]).toMatchObject({ author: 'whoishiring', _tags: expect.arrayContaining(['story', 'author_whoishiring']) as unknown });
    expect(typeof hits[0]!.objectID).toBe('string');
    expect(hits[0]!.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const times = hits.map((h) => h.created_at_i as number);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const since = Date.UTC(2024, 4, 1) / 1000;
    const late = await get(`${sim.api}/search_by_date?tags=story,author_whoishiring&numericFilters=created_at_i>=${since}&page=0&hitsPerPage=5`);
    expect(late.body.nbHits).toBe(6);
    const none = await get(`${sim.api}/search_by_date?tags=story,author_nobody`);
    expect(none.body).toMatchObject({ nbHits: 0, nbPages: 0, hits: [] });
    expect((await get(`${sim.api}/search_by_date?numericFilters=created_at_i~~1`)).status).toBe(400);
  });

  it('pages no deeper than the pagination limit', async () => {
    const { sim, world } = await start({ maxHitsPerPage: 5, paginationLimit: 10 });
    const r = await get(`${sim.api}/search_by_date?tags=story&page=2&hitsPerPage=5`);
    expect(r.body).toMatchObject({ nbHits: world.stories.length, nbPages: 2, hits: [] });
  });

  it('serves items with their comment trees, a deleted and a dead comment as HN leaves them', async () => {
    const { sim, world } = await start();
    const r = await get(`${sim.api}/items/${world.months[1]!.threads[0]}`);
    expect(r.body).toMatchObject({ type: 'story', author: 'whoishiring', parent_id: null, story_id: null, options: [] });
    expect(r.body.created_at).toMatch(/\.000Z$/);
    const children = r.body.children as Record<string, unknown>[];
    const deleted = children.filter((c) => c.author === null && c.text === null);
    expect(deleted).toHaveLength(1);
    expect((deleted[0]!.children as unknown[]).length).toBe(1);
    const dead = (await get(`${sim.api}/items/${world.months[2]!.threads[0]}`)).body.children as Record<string, unknown>[];
    expect(dead.filter((c) => c.dead === true)).toHaveLength(1);
    expect((await get(`${sim.api}/items/1`)).status).toBe(404);
    expect(sim.stats.items.get(world.months[1]!.threads[0]!)).toBe(1);
  });

  it('answers with the faults asked for, then as usual', async () => {
    const { sim, world } = await start({ faults: [{ match: '/items/', respond: { status: 429, headers: { 'Retry-After': '3' } } }, { match: 'search_by_date', respond: { status: 500 } }] });
    const id = world.months[0]!.threads[0]!;
    const limited = await fetch(`${sim.api}/items/${id}`);
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await get(`${sim.api}/items/${id}`)).status).toBe(200);
    expect((await fetch(`${sim.api}/search_by_date?tags=story`)).status).toBe(500);
    expect((await get(`${sim.api}/search_by_date?tags=story`)).status).toBe(200);
  });

  it('grows a thread with addComment, leaving the given world as it was', async () => {
    const { sim, world } = await start();
    const id = world.months[5]!.threads[0]!;
    const before = ((await get(`${sim.api}/items/${id}`)).body.children as unknown[]).length;
    sim.addComment(id, { author: 'someone', text: '<p>Python job', at: Date.UTC(2024, 5, 20) / 1000 });
    expect(((await get(`${sim.api}/items/${id}`)).body.children as unknown[]).length).toBe(before + 1);
    expect(world.stories.find((s) => s.id === id)!.children).toHaveLength(before);
  });
});

describe('Algolia filters', () => {
  it('ANDs tags by commas and ORs them in parentheses', () => {
    expect(matchTags('story,author_x', ['story', 'author_x'])).toBe(true);
    expect(matchTags('story,author_x', ['comment', 'author_x'])).toBe(false);
    expect(matchTags('(story,poll),author_x', ['poll', 'author_x'])).toBe(true);
    expect(matchTags('', ['story'])).toBe(true);
  });

  it('ANDs numeric filters', () => {
    expect(matchNumeric('created_at_i>=10,created_at_i<20', { created_at_i: 10 })).toBe(true);
    expect(matchNumeric('created_at_i>=10,created_at_i<20', { created_at_i: 20 })).toBe(false);
    expect(matchNumeric('points>5', { points: null })).toBe(false);
    expect(() => matchNumeric('bad', {})).toThrow(/invalid numericFilters/);
  });
});
