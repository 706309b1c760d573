import { afterEach, describe, expect, it } from 'vitest';
import { startGithubSimulator, type GithubSimulator, type GithubSimulatorOptions } from '../../../scripts/simulator/github.ts';
import { sampleGithubWorld } from '../../../scripts/simulator/github-sample.ts';
import { createGithubClient, GithubError, GithubNotFoundError, GithubRateLimitError, nextLink, type GithubBudget, type GithubClientOptions } from './client.ts';

const TOKEN = 'ghp_TESTTOKEN0123456789abcdefSECRET';

let sim: GithubSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(over: Partial<GithubSimulatorOptions> = {}): Promise<GithubSimulator> {
  sim = await startGithubSimulator({ world: sampleGithubWorld(), ...over });
  return sim;
}

function client(over: Partial<GithubClientOptions> = {}) {
  const lines: string[] = [];
  const budgets: GithubBudget[] = [];
  const c = createGithubClient({
    baseUrl: sim!.url,
    timeout: 10,
    retries: 2,
    maxWait: 30,
    log: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) },
    onBudget: (b) => budgets.push(b),
    ...over,
  });
  return { c, lines, budgets };
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const pullRequests = (s: GithubSimulator) => s.requests.filter((r) => /\/pulls\?/.test(r.url));

describe('GitHub client: paging and cursors', () => {
  it('reads 3+ pages of pulls by the Link header, newest update first', async () => {
    await start({ world: sampleGithubWorld({ pulls: 230 }) });
    const { c } = client();
    const pulls = (await all(c.pulls('aurora', 'nova'))) as { number: number; updated_at: string }[];
    expect(pulls).toHaveLength(230);
    expect(new Set(pulls.map((p) => p.number)).size).toBe(230);
    const times = pulls.map((p) => p.updated_at);
    expect(times).toEqual([...times].sort().reverse());
    const asked = pullRequests(sim!);
    expect(asked).toHaveLength(3);
    expect(asked[0]!.url).toBe('/repos/aurora/nova/pulls?state=all&sort=updated&direction=desc&per_page=100');
    // The next pages are where the Link header points.
    expect(asked[1]!.url).toMatch(/^\/repositories\/5001\/pulls\?.*page=2/);
  });

  it('stops at the first pull updated before the cursor, without reading further pages', async () => {
    await start({ world: sampleGithubWorld({ pulls: 230 }) });
    const { c } = client();
    const newest = (await all(c.pulls('aurora', 'nova'))) as { updated_at: string }[];
    const cursor = newest[20]!.updated_at;
    const before = pullRequests(sim!).length;
    const since = (await all(c.pulls('aurora', 'nova', { stopBefore: cursor }))) as { updated_at: string }[];
    expect(since).toHaveLength(21);
    expect(since.every((p) => p.updated_at >= cursor)).toBe(true);
    expect(pullRequests(sim!).length - before).toBe(1);
  });

  it('a stored ETag on the first page: 304, nothing yielded, no budget spent', async () => {
    await start();
    const first = client({ token: TOKEN });
    const listing = first.c.pulls('aurora', 'nova');
    expect((await all(listing)).length).toBeGreaterThan(0);
    expect(listing.notModified).toBe(false);
    const etag = listing.etag!;
    expect(etag).toMatch(/^"/);
    expect(first.c.etags.get('/repos/aurora/nova/pulls?state=all&sort=updated&direction=desc&per_page=100')).toBe(etag);

    const used = sim!.budget(TOKEN).used;
    const next = client({ token: TOKEN });
    const again = next.c.pulls('aurora', 'nova', { etag });
    expect(await all(again)).toEqual([]);
    expect(again.notModified).toBe(true);
    expect(again.etag).toBe(etag);
    expect(sim!.budget(TOKEN).used).toBe(used);
    expect(sim!.stats.notModified).toBe(1);
    expect(next.lines.filter((l) => l.startsWith('warn'))).toEqual([]);

    // An update makes the stored tag stale: the listing is read again.
    sim!.world.pulls[0]!.updated_at = '2030-01-01T00:00:00Z';
    sim!.changed();
    const changed = client({ token: TOKEN }).c.pulls('aurora', 'nova', { etag });
    expect((await all(changed))[0]).toMatchObject({ number: 1 });
    expect(changed.notModified).toBe(false);
    expect(changed.etag).not.toBe(etag);
  });

  it('asks again conditionally within a run and answers a 304 from memory', async () => {
    await start();
    const { c } = client();
    const a = await c.repo('aurora', 'nova');
    const used = sim!.budget().used;
    const b = await c.repo('aurora', 'nova');
    expect(b.record).toEqual(a.record);
    expect(sim!.requests.at(-1)!.ifNoneMatch).toMatch(/^"/);
    expect(sim!.budget().used).toBe(used);
  });

  it('reads a pull and its reviews, inline comments, conversation comments (since) and timeline', async () => {
    await start();
    const { c, budgets } = client();
    expect(await c.pull('aurora', 'nova', 2)).toMatchObject({ number: 2, additions: 20 });
    expect(await all(c.reviews('aurora', 'nova', 2))).toHaveLength(2);
    expect(await all(c.reviewComments('aurora', 'nova', 2))).toHaveLength(2);
    const comments = (await all(c.issueComments('aurora', 'nova', 2))) as { updated_at: string }[];
    expect(comments).toHaveLength(2);
    expect(await all(c.issueComments('aurora', 'nova', 2, comments[1]!.updated_at))).toHaveLength(1);
    const events = (await all(c.timeline('aurora', 'nova', 2))) as { event: string }[];
    expect(events.filter((e) => e.event === 'head_ref_force_pushed')).toHaveLength(1);
    expect(budgets.at(-1)).toMatchObject({ limit: 60, remaining: 60 - 6, resource: 'core', reset: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/) });
  });

  it('takes a 404 of a sub-resource as empty with a warning, and names a missing repository or owner', async () => {
    await start();
    const { c, lines } = client();
    expect(await all(c.reviews('aurora', 'nova', 999))).toEqual([]);
    expect(await c.pull('aurora', 'nova', 999)).toBeUndefined();
    expect(c.missing).toHaveLength(2);
    expect(lines.some((l) => l.startsWith('warn reviews of aurora/nova#999'))).toBe(true);
    await expect(c.repo('aurora', 'nothing')).rejects.toThrow(GithubNotFoundError);
    await expect(c.repo('aurora', 'nothing')).rejects.toThrow(/GitHub repository aurora\/nothing not found/);
    await expect(all(c.pulls('aurora', 'nothing'))).rejects.toThrow(/aurora\/nothing not found/);
    await expect(c.ownerRepoNames('nobody')).rejects.toThrow(/GitHub account nobody not found/);
  });

  it('follows a renamed repository and reports its new name', async () => {
    await start();
    const { c, lines } = client();
    const r = await c.repo('aurora', 'old-nova');
    expect(r).toMatchObject({ fullName: 'aurora/nova', movedFrom: 'aurora/old-nova' });
    expect(lines).toContain('info GitHub: aurora/old-nova is now aurora/nova (renamed or transferred)');
    expect((await all(c.pulls('aurora', 'old-nova'))).length).toBe(7);
    expect((await c.repo('Aurora', 'NOVA')).movedFrom).toBeUndefined();
  });

  it('expands owner/*: archived repositories kept and marked, forks and private ones left out', async () => {
    await start();
    const { c } = client({ token: TOKEN });
    // aurora/docs is archived: kept. aurora/nova-fork is a fork and aurora/secret private: left out.
    expect((await c.ownerRepoNames('aurora')).repos).toEqual(['aurora/docs', 'aurora/nova']);
    expect((await c.ownerRepoNames('alice')).repos).toEqual(['alice/tools']);
  });

  it('works below a GitHub Enterprise base path (/api/v3)', async () => {
    await start({ world: sampleGithubWorld({ pulls: 150 }), basePath: '/api/v3' });
    expect(sim!.url).toMatch(/\/api\/v3$/);
    const { c } = client();
    expect(await all(c.pulls('aurora', 'nova'))).toHaveLength(150);
    expect(sim!.requests.map((r) => r.url.split('?')[0])).toEqual(['/api/v3/repos/aurora/nova/pulls', '/api/v3/repositories/5001/pulls']);
  });

  it('parses Link headers', () => {
    expect(nextLink('<https://x/a?page=1>; rel="prev", <https://x/a?page=3>; rel="next", <https://x/a?page=9>; rel="last"')).toBe('https://x/a?page=3');
    expect(nextLink('<https://x/a?page=3>; rel="next last"')).toBe('https://x/a?page=3');
    expect(nextLink('<https://x/a?page=1>; rel="first"')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});

describe('GitHub client: limits, retries and the token', () => {
  it('waits out a secondary limit (retry-after: 1) and goes on', async () => {
    await start();
    const { c, lines } = client();
    sim!.secondaryLimit(1);
    const t0 = Date.now();
    expect((await c.repo('aurora', 'nova')).fullName).toBe('aurora/nova');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(lines.some((l) => /secondary rate limit on GET \/repos\/aurora\/nova: waiting 1 s/.test(l))).toBe(true);
  });

  it('waits out a 429 with retry-after and no message', async () => {
    await start({ faults: [{ respond: { status: 429, headers: { 'retry-after': '1' }, body: '{"message":"Too Many Requests"}' } }] });
    const { c, lines } = client();
    expect((await c.repo('aurora', 'nova')).fullName).toBe('aurora/nova');
    expect(lines.some((l) => /retry-after/.test(l))).toBe(true);
  });

  it('waits out a primary limit until its reset', async () => {
    await start();
    const { c, lines } = client();
    sim!.primaryLimit(1);
    expect(await c.pull('aurora', 'nova', 1)).toMatchObject({ number: 1 });
    expect(lines.some((l) => /primary rate limit on GET \/repos\/aurora\/nova\/pulls\/1: waiting \d s/.test(l))).toBe(true);
  });

  it('stops with a clear error when the wait is longer than maxWait', async () => {
    await start({ limits: { anonymous: 1 } });
    const { c } = client({ maxWait: 60 });
    await c.repo('aurora', 'nova');
    const err = await c.pull('aurora', 'nova', 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubRateLimitError);
    const e = err as GithubRateLimitError;
    expect(e.kind).toBe('primary');
    expect(e.message).toMatch(/primary rate limit on GET \/repos\/aurora\/nova\/pulls\/1: the wait \(\d+ s\) is longer than maxWait \(60 s\).*resets at \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/);
    expect(e.message).toMatch(/set a token/);
    expect(Date.parse(e.resetAt) - Date.now()).toBeGreaterThan(3500_000);

    sim!.secondaryLimit(1);
    const s = await client({ maxWait: 0, token: TOKEN }).c.repo('aurora', 'nova').catch((x: unknown) => x);
    expect(s).toMatchObject({ name: 'GithubRateLimitError', kind: 'secondary' });
  });

  it('retries a 502 and succeeds; gives up after `retries`', async () => {
    await start();
    sim!.badGateway(1);
    expect((await client({ retries: 1 }).c.repo('aurora', 'nova')).fullName).toBe('aurora/nova');
    expect(sim!.requests.filter((r) => r.url === '/repos/aurora/nova')).toHaveLength(2);
    sim!.badGateway(1);
    await expect(client({ retries: 0 }).c.repo('aurora', 'nova')).rejects.toThrow(/GET \/repos\/aurora\/nova: 502 Server Error/);
  });

  it('gives up a slow request after the timeout', async () => {
    await start({ delayMs: 400 });
    const err = await client({ timeout: 0.1, retries: 0 }).c.repo('aurora', 'nova').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubError);
    expect((err as Error).message).toMatch(/GET \/repos\/aurora\/nova: 500 .*(timeout|aborted)/i);
  });

  it('sends the token and never shows it in a log line or an error', async () => {
    await start({ tokens: ['another'] });
    const { c, lines } = client({ token: TOKEN });
    sim!.secondaryLimit(1);
    const err = await c.repo('aurora', 'nova').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GithubError);
    expect((err as GithubError).status).toBe(401);
    expect((err as Error).message).toMatch(/rejected the credentials \(401 Bad credentials\)/);
    const visible = [String(err), (err as Error).stack ?? '', JSON.stringify(err), ...lines].join('\n');
    expect(visible).not.toContain(TOKEN);
    expect(visible).not.toContain(TOKEN.slice(4, 20));
    expect(sim!.requests.every((r) => r.authorized)).toBe(true);

    // A good token: it is sent (5000 budget), and the logs of a wait carry no trace of it either.
    await sim!.close();
    await start({ tokens: [TOKEN] });
    const ok = client({ token: TOKEN });
    sim!.secondaryLimit(1);
    await ok.c.repo('aurora', 'nova');
    expect(ok.budgets.at(-1)!.limit).toBe(5000);
    expect(ok.lines.join('\n')).not.toContain(TOKEN);
  });
});
