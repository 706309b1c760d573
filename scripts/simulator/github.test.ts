import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGithubSimulator, parseGithubFaultSpec, type GithubSimulator, type GithubSimulatorOptions } from './github.ts';
import { sampleGithubWorld } from './github-sample.ts';
import { checkGithubWorld, legacyNodeId } from './github-world.ts';

let sim: GithubSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(over: Partial<GithubSimulatorOptions> = {}): Promise<GithubSimulator> {
  sim = await startGithubSimulator({ world: sampleGithubWorld(), ...over });
  return sim;
}

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(path.startsWith('http') ? path : `${sim!.url}${path}`, { headers, redirect: 'manual' });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

/** rel -> page number of a Link header. */
function rels(link: string | null): Record<string, number> {
  return Object.fromEntries([...(link ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2], Number(new URL(m[1]!).searchParams.get('page'))]));
}

describe('GitHub simulator: paging', () => {
  it('pages with per_page and page and Link rels like github.com, on /repositories/{id}', async () => {
    await start({ world: sampleGithubWorld({ pulls: 12 }) });
    const first = await get('/repos/aurora/nova/pulls?state=all&per_page=5');
    expect(first.status).toBe(200);
    expect(first.json).toHaveLength(5);
    expect(rels(first.headers.get('link'))).toEqual({ next: 2, last: 3 });
    expect(first.headers.get('link')).toContain('/repositories/5001/pulls?state=all&per_page=5&page=2');
    const middle = await get('/repos/aurora/nova/pulls?state=all&per_page=5&page=2');
    expect(rels(middle.headers.get('link'))).toEqual({ prev: 1, next: 3, last: 3, first: 1 });
    const last = await get('/repos/aurora/nova/pulls?state=all&per_page=5&page=3');
    expect(last.json).toHaveLength(2);
    expect(rels(last.headers.get('link'))).toEqual({ prev: 2, first: 1 });
    const one = await get('/repos/aurora/nova/pulls?state=all');
    expect(one.headers.get('link')).toBeNull();
    expect(one.json).toHaveLength(12);
    expect((await get('/repos/aurora/nova/pulls?state=all&per_page=1000')).json).toHaveLength(12);
  });

  it('filters and sorts pulls by state, sort and direction', async () => {
    await start({ world: sampleGithubWorld({ pulls: 10 }) });
    const open = await get('/repos/aurora/nova/pulls');
    expect(open.json.every((p: any) => p.state === 'open')).toBe(true);
    const byUpdate = (await get('/repos/aurora/nova/pulls?state=all&sort=updated&direction=desc')).json.map((p: any) => p.updated_at);
    expect(byUpdate).toEqual([...byUpdate].sort().reverse());
    const asc = (await get('/repos/aurora/nova/pulls?state=all&sort=updated')).json.map((p: any) => p.updated_at);
    expect(asc).toEqual([...asc].sort());
    expect((await get('/repos/aurora/nova/pulls?state=merged')).status).toBe(422);
  });

  it('answers since on conversation comments', async () => {
    await start();
    const all = (await get('/repos/aurora/nova/issues/2/comments')).json;
    expect(all).toHaveLength(2);
    const later = (await get(`/repos/aurora/nova/issues/2/comments?since=${encodeURIComponent(all[1].updated_at)}`)).json;
    expect(later.map((c: any) => c.id)).toEqual([all[1].id]);
    expect((await get('/repos/aurora/nova/issues/2/comments?since=yesterday')).status).toBe(422);
  });
});

describe('GitHub simulator: records', () => {
  it('sends the list and the full pull in GitHub shapes', async () => {
    await start();
    const listed = (await get('/repos/aurora/nova/pulls?state=all')).json[0];
    const full = (await get(`/repos/aurora/nova/pulls/${listed.number}`)).json;
    for (const k of ['url', 'id', 'node_id', 'html_url', 'number', 'state', 'title', 'user', 'labels', 'draft', 'head', 'base', '_links', 'author_association', 'merged_at']) expect(listed).toHaveProperty(k);
    expect(listed).not.toHaveProperty('additions');
    for (const k of ['additions', 'deletions', 'changed_files', 'commits', 'merged', 'merged_by', 'comments', 'review_comments']) expect(full).toHaveProperty(k);
    expect(full.head).toMatchObject({ ref: expect.any(String), sha: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(full.html_url).toBe(`https://github.com/aurora/nova/pull/${listed.number}`);
    expect(legacyNodeId('User', 583231)).toBe('MDQ6VXNlcjU4MzIzMQ==');
  });

  it('shows a deleted account as ghost on pulls and comments and as null on reviews and inline comments', async () => {
    await start();
    // Pull 3 (3 % 4 === 3) is by the deleted account; its second review and first inline comment too (3 % 3 === 0).
    expect((await get('/repos/aurora/nova/pulls/3')).json.user.login).toBe('ghost');
    const reviews = (await get('/repos/aurora/nova/pulls/3/reviews')).json;
    expect(reviews.some((r: any) => r.user === null)).toBe(true);
    expect(reviews.every((r: any) => r.state !== 'PENDING' && typeof r.submitted_at === 'string')).toBe(true);
    expect((await get('/repos/aurora/nova/pulls/3/comments')).json[0].user).toBeNull();
    const comments = (await get('/repos/aurora/nova/issues/3/comments')).json;
    expect(comments.map((c: any) => c.user.login)).toContain('ghost');
  });

  it('mixes events, comments and reviews in the timeline, oldest first', async () => {
    await start();
    const t = (await get('/repos/aurora/nova/issues/3/timeline')).json;
    const events = t.map((e: any) => e.event);
    expect(events).toEqual(expect.arrayContaining(['head_ref_force_pushed', 'commented', 'reviewed', 'labeled']));
    const times = t.map((e: any) => e.created_at ?? e.submitted_at);
    expect(times).toEqual([...times].sort());
    expect(t.find((e: any) => e.event === 'reviewed').state).toMatch(/^[a-z_]+$/);
  });

  it('redirects an earlier name with 301 and GitHub’s body, to /repositories/{id}', async () => {
    await start();
    const moved = await get('/repos/aurora/old-nova/pulls?state=all');
    expect(moved.status).toBe(301);
    expect(moved.json.message).toBe('Moved Permanently');
    expect(moved.headers.get('location')).toBe(`${sim!.url}/repositories/5001/pulls?state=all`);
    expect(moved.json.url).toBe(moved.headers.get('location'));
    const there = await get(moved.headers.get('location')!);
    expect(there.json.length).toBeGreaterThan(0);
    expect((await get('/repositories/5001')).json.full_name).toBe('aurora/nova');
  });

  it('lists an owner’s repositories for users and organizations; /orgs only for organizations; private ones hidden', async () => {
    await start();
    const names = (await get('/users/aurora/repos')).json.map((r: any) => r.full_name);
    expect(names).toEqual(['aurora/docs', 'aurora/nova', 'aurora/nova-fork']);
    expect((await get('/orgs/aurora/repos')).json).toHaveLength(3);
    expect((await get('/orgs/alice/repos')).status).toBe(404);
    expect((await get('/users/alice/repos')).json.map((r: any) => r.full_name)).toEqual(['alice/tools']);
    expect((await get('/repos/aurora/secret')).status).toBe(404);
    expect((await get('/repos/aurora/secret', { authorization: 'token t' })).status).toBe(200);
    expect((await get('/users/gone-user/repos')).status).toBe(404);
    expect((await get('/repos/aurora/none')).json).toEqual({ message: 'Not Found', documentation_url: 'https://docs.github.com/rest', status: '404' });
  });
});

describe('GitHub simulator: validators and limits', () => {
  it('sends a strong ETag and answers 304 to it without counting', async () => {
    await start();
    const a = await get('/repos/aurora/nova');
    const etag = a.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const used = Number(a.headers.get('x-ratelimit-used'));
    const b = await get('/repos/aurora/nova', { 'if-none-match': etag });
    expect(b.status).toBe(304);
    expect(b.headers.get('etag')).toBe(etag);
    expect(Number(b.headers.get('x-ratelimit-used'))).toBe(used);
    expect(sim!.stats.notModified).toBe(1);
    // A change shows in the tag.
    sim!.world.repos[0]!.description = 'changed';
    sim!.changed();
    expect((await get('/repos/aurora/nova', { 'if-none-match': etag })).status).toBe(200);
  });

  it('counts down 60 anonymous and 5000 per token, then answers a primary-limit 403', async () => {
    await start({ limits: { anonymous: 3 } });
    const h = (await get('/repos/aurora/nova')).headers;
    expect(h.get('x-ratelimit-limit')).toBe('3');
    expect(h.get('x-ratelimit-remaining')).toBe('2');
    expect(h.get('x-ratelimit-used')).toBe('1');
    expect(h.get('x-ratelimit-resource')).toBe('core');
    expect(Number(h.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 + 3500);
    const t = (await get('/repos/aurora/nova', { authorization: 'Bearer abc' })).headers;
    expect(t.get('x-ratelimit-limit')).toBe('5000');
    expect(t.get('x-ratelimit-remaining')).toBe('4999');
    await get('/repos/aurora/nova');
    await get('/repos/aurora/nova');
    const over = await get('/repos/aurora/nova');
    expect(over.status).toBe(403);
    expect(over.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(over.json.message).toMatch(/^API rate limit exceeded/);
    expect((await get('/rate_limit')).json.resources.core.remaining).toBe(0);
  });

  it('rejects an unknown token when told which are good', async () => {
    await start({ tokens: ['good'] });
    expect((await get('/repos/aurora/nova', { authorization: 'token good' })).status).toBe(200);
    const bad = await get('/repos/aurora/nova', { authorization: 'token bad' });
    expect(bad.status).toBe(401);
    expect(bad.json.message).toBe('Bad credentials');
  });

  it('injects secondary-limit, primary-limit and 502 faults for the next N requests', async () => {
    await start();
    sim!.secondaryLimit(1);
    const s = await get('/repos/aurora/nova');
    expect(s.status).toBe(403);
    expect(s.headers.get('retry-after')).toBe('1');
    expect(s.json.message).toMatch(/secondary rate limit/);
    sim!.primaryLimit(1, '/pulls');
    expect((await get('/repos/aurora/nova')).status).toBe(200);
    const p = await get('/repos/aurora/nova/pulls');
    expect(p.status).toBe(403);
    expect(p.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(p.headers.get('x-ratelimit-reset'));
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(1);
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000));
    sim!.badGateway(2);
    expect((await get('/repos/aurora/nova')).status).toBe(502);
    expect((await get('/repos/aurora/nova')).status).toBe(502);
    expect((await get('/repos/aurora/nova')).status).toBe(200);
  });

  it('reads --fault specs with the limit flags', () => {
    expect(parseGithubFaultSpec('secondary-limit,times=3')).toEqual({ respond: { limit: 'secondary' }, times: 3 });
    expect(parseGithubFaultSpec('primary-limit')).toEqual({ respond: { limit: 'primary' } });
    expect(parseGithubFaultSpec('status=502,match=/pulls')).toEqual({ respond: { status: 502 }, match: '/pulls' });
    expect(() => parseGithubFaultSpec('primary-limit,secondary-limit')).toThrow(/one of/);
  });

  it('refuses a world with dangling references, naming where', async () => {
    const w = sampleGithubWorld();
    w.pulls[0]!.reviews![0]!.user = 'nobody';
    w.pulls.push({ ...w.pulls[1]! });
    const problems = checkGithubWorld(w);
    expect(problems).toContain('pulls[0] (aurora/nova#1).reviews[0].user: no user "nobody"');
    expect(problems.some((p) => /number 2 twice/.test(p))).toBe(true);
    await expect(startGithubSimulator({ world: w })).rejects.toThrow(/2 problem/);
  });
});

// Real recorded GitHub answers (../shared/reference-data/github, see SOURCES.md): only their shapes are compared.
const REFERENCE = join(resolve(process.env.AGORA_REFERENCE_DATA ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'reference-data')), 'github');
const present = existsSync(join(REFERENCE, 'github_request_pull_request_1'));
if (!present) console.warn(`GitHub simulator conformance skipped: no reference data at ${REFERENCE} (set AGORA_REFERENCE_DATA to the reference-data folder)`);
const readRef = (name: string): any => JSON.parse(readFileSync(join(REFERENCE, name), 'utf8'));
const keys = (o: object): string[] => Object.keys(o).sort();

describe.skipIf(!present)('GitHub simulator against recorded github.com answers', () => {
  it('sends every field a recorded pull, its user, head and base, and a recorded review have', async () => {
    const ref = readRef('github_request_pull_request_1');
    await start();
    const pull = (await get('/repos/aurora/nova/pulls/1')).json;
    expect(keys(ref).filter((k) => !(k in pull))).toEqual([]);
    expect(keys(ref.user).filter((k) => !(k in pull.user))).toEqual([]);
    expect(keys(ref.head).filter((k) => !(k in pull.head))).toEqual([]);
    expect(keys(ref._links).filter((k) => !(k in pull._links))).toEqual([]);
    const review = readRef('github_request_pull_request_1_reviews')[0];
    const ours = (await get('/repos/aurora/nova/pulls/1/reviews')).json[0];
    expect(keys(review).filter((k) => !(k in ours))).toEqual([]);
  });

  it('pages as the recorded octokit fixture does: same rels on each page, same rate-limit headers', async () => {
    const recorded = (readRef('normalized-fixture.json') as { headers?: Record<string, string> }[]).filter((r) => r.headers?.link);
    const pages = recorded.length;
    expect(pages).toBeGreaterThanOrEqual(3);
    await start({ world: sampleGithubWorld({ pulls: pages * 3 }) });
    for (let page = 1; page <= pages; page++) {
      const ours = await get(`/repos/aurora/nova/pulls?state=all&per_page=3&page=${page}`);
      expect(Object.keys(rels(ours.headers.get('link')))).toEqual(Object.keys(rels(recorded[page - 1]!.headers!.link!)));
      for (const h of Object.keys(recorded[page - 1]!.headers!).filter((k) => k.startsWith('x-ratelimit-'))) expect(ours.headers.has(h)).toBe(true);
    }
  });
});
