/**
 * The github source synced for real: the driver, through @octokit/rest and its
 * throttling and retry plugins, against the GitHub REST simulator, run by the
 * engine into a temporary store. What a manager relies on: a re-sync with
 * nothing new costs only 304s (which GitHub does not count), one new review
 * costs that pull's requests only, rate limits are waited out (or, past
 * maxWait, stop the run keeping everything), a 502 is retried, a pull that
 * cannot be read is reported and read again next time, a renamed repository is
 * followed, and the token reaches neither the store nor the log.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleGithubWorld } from '../../scripts/simulator/github-sample.ts';
import { startGithubSimulator, type GithubSimulator } from '../../scripts/simulator/github.ts';
import { AgoraConfig } from '../../src/config/schema.ts';
import { Change } from '../../src/model/change.ts';
import { drivers } from '../../src/sources/index.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { tempDir, treeHash } from './helpers.ts';

const NOW = Date.parse('2024-03-01T00:00:00Z');
const TOKEN = 'ghp_integrationSECRET0123456789abcdef';
const ADDRESS = /[\w.+-]{2,}@[\w-]+\.[\w.-]+/;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
  delete process.env.AGORA_TEST_GITHUB_TOKEN;
});

async function setup(repos: string[] = ['aurora/*', 'alice/tools'], extra: Record<string, unknown> = {}) {
  const sim = await startGithubSimulator({ world: sampleGithubWorld(), webUrl: 'https://github.com' });
  cleanup.push(() => sim.close());
  const work = await tempDir('github-sync');
  cleanup.push(() => rm(work, { recursive: true, force: true }));
  process.env.AGORA_TEST_GITHUB_TOKEN = TOKEN;
  const data = join(work, 'content');
  const lines: string[] = [];
  const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
  const config = AgoraConfig.parse({
    site: { title: 'T', url: 'https://t.example.org' },
    sources: [{ id: 'gh', type: 'github', url: sim.url, repos, tokenEnv: 'AGORA_TEST_GITHUB_TOKEN', retries: 2, maxWait: 30, ...extra }],
  });
  const sync = async (full = false) => (await runSync(config, { store: new Store(data), drivers, log, clock: () => NOW, cacheDir: join(work, 'cache'), full }))[0]!;
  return { sim, data, sync, lines };
}

function stored(data: string): Change[] {
  const root = join(data, 'gh', 'change');
  return readdirSync(root).flatMap((b) => readdirSync(join(root, b)).map((f) => Change.parse((JSON.parse(readFileSync(join(root, b, f), 'utf8')) as { data: unknown }).data)));
}

function allText(root: string): string {
  let out = '';
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out += readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** Requests since a mark, as `status path` is not kept by the simulator: its request log and counters. */
const since = (sim: GithubSimulator, mark: number) => sim.requests.slice(mark);

describe('github sync', () => {
  it('stores every pull of the listed repositories (owner/* expanded, forks left out) keyed by repository and number', async () => {
    const { data, sync, lines } = await setup();
    const report = await sync();
    expect(report.error).toBeUndefined();
    const changes = stored(data);
    const world = sampleGithubWorld();
    // The fork is left out; the private repository is served to a token, so it may be listed: count what the world has.
    const expected = world.pulls.filter((p) => !world.repos.find((r) => `${r.owner}/${r.name}` === p.repo)?.fork);
    expect(changes.map((c) => c.ref).sort()).toEqual(expected.map((p) => `${p.repo}/${p.number}`).sort());
    const merged = changes.find((c) => c.status === 'MERGED' && c.votes.some((v) => v.state === 'APPROVED'))!;
    expect(merged.votes.find((v) => v.state === 'APPROVED')).toMatchObject({ label: 'Code-Review', value: 2 });
    expect(changes.some((c) => c.status === 'ABANDONED')).toBe(true);
    expect(changes.some((c) => c.draft)).toBe(true);
    expect(changes.some((c) => (c.forcePushes ?? 0) > 0)).toBe(true);
    expect(changes.some((c) => c.accounts.ghost?.name === 'Deleted user')).toBe(true);
    expect(merged.url).toMatch(/^https:\/\/github\.com\/aurora\/nova\/pull\/\d+$/);
    // The token is nowhere: not in the store, not in what was logged; no address either.
    const text = allText(data);
    expect(text).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(text).not.toMatch(ADDRESS);
  });

  it('re-syncs with nothing new for 304s only, which cost no budget, and then reads only the pull that changed', async () => {
    const { sim, data, sync } = await setup();
    await sync();
    const before = treeHash(data);
    const counted = sim.stats.counted;
    const mark = sim.requests.length;
    const again = await sync();
    expect([again.new, again.updated, again.removed]).toEqual([0, 0, 0]);
    expect(treeHash(data)).toBe(before);
    const asked = since(sim, mark);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((r) => r.ifNoneMatch !== undefined)).toBe(true);
    expect(sim.stats.counted).toBe(counted);
    // A new review on one pull: that pull (and its sub-resources) is read, no other.
    const pull = sim.world.pulls.find((p) => p.repo === 'aurora/nova' && p.number === 2)!;
    pull.reviews = [...(pull.reviews ?? []), { id: 99_000_001, user: 'carol', body: 'One more look: fine now.', state: 'APPROVED', submitted_at: '2024-02-20T10:00:00Z', commit_id: pull.head.sha, author_association: 'COLLABORATOR' }];
    pull.updated_at = '2024-02-20T10:00:00Z';
    sim.changed();
    const mark2 = sim.requests.length;
    const third = await sync();
    expect([third.new, third.updated]).toEqual([0, 1]);
    const perPull = since(sim, mark2).filter((r) => /\/(pulls|issues)\/\d+/.test(r.url));
    expect(new Set(perPull.map((r) => /\/(?:pulls|issues)\/(\d+)/.exec(r.url)![1])).size).toBe(1);
    const got = stored(data).find((c) => c.ref === 'aurora/nova/2')!;
    expect(got.messages.some((m) => m.text.includes('fine now'))).toBe(true);
    // A new conversation comment: asked with `since` the stored copy's update, merged with the comments stored before.
    const before2 = got.messages.filter((m) => m.type === 'comment').map((m) => m.id);
    pull.issueComments = [...(pull.issueComments ?? []), { id: 99_000_002, user: 'bob', body: 'Merging after the release.', created_at: '2024-02-21T09:00:00Z', updated_at: '2024-02-21T09:00:00Z', author_association: 'MEMBER' }];
    pull.updated_at = '2024-02-21T09:00:00Z';
    sim.changed();
    const mark3 = sim.requests.length;
    expect((await sync()).updated).toBe(1);
    const commentsAsked = since(sim, mark3).filter((r) => /\/issues\/2\/comments/.test(r.url));
    expect(commentsAsked.map((r) => new URL(r.url, 'http://x').searchParams.get('since'))).toEqual(['2024-02-20T10:00:00Z']);
    const merged = stored(data).find((c) => c.ref === 'aurora/nova/2')!;
    expect(merged.messages.filter((m) => m.type === 'comment').map((m) => m.id).sort()).toEqual([...before2, 'comment-99000002'].sort());
    // The same pull read whole (a --full run) gives the same stored bytes.
    const incremental = JSON.stringify(merged);
    await sync(true);
    expect(JSON.stringify(stored(data).find((c) => c.ref === 'aurora/nova/2'))).toBe(incremental);
  });

  it('waits out a secondary rate limit and retries a 502, storing everything', async () => {
    const { sim, data, sync, lines } = await setup(['aurora/nova']);
    sim.secondaryLimit(1, '/pulls/3/reviews');
    sim.badGateway(1, '/pulls/4/comments');
    const report = await sync();
    expect(report.error).toBeUndefined();
    expect(report.skipped).toEqual([]);
    expect(stored(data)).toHaveLength(sampleGithubWorld().pulls.filter((p) => p.repo === 'aurora/nova').length);
    expect(lines.join('\n')).toMatch(/wait|limit/i);
  });

  it('stops at a limit longer than maxWait, keeping what it stored, and goes on next time', async () => {
    const { sim, data, sync } = await setup(['aurora/nova'], { maxWait: 0 });
    sim.primaryLimit(1, '/pulls/5');
    const first = await sync();
    expect(first.warnings.some((w) => /limit/i.test(w.reason))).toBe(true);
    const partial = stored(data).length;
    expect(partial).toBeLessThan(sampleGithubWorld().pulls.filter((p) => p.repo === 'aurora/nova').length);
    const second = await sync();
    expect(second.error).toBeUndefined();
    expect(stored(data)).toHaveLength(sampleGithubWorld().pulls.filter((p) => p.repo === 'aurora/nova').length);
  });

  it('reports a pull it cannot read, keeps the rest, and reads it on the next run', async () => {
    const { sim, data, sync } = await setup(['aurora/nova']);
    sim.badGateway(3, '/pulls/6/reviews');
    const first = await sync();
    expect(first.skipped.map((s) => s.where)).toEqual(['aurora/nova#6']);
    expect(stored(data).some((c) => c.ref === 'aurora/nova/6')).toBe(false);
    const second = await sync();
    expect(second.skipped).toEqual([]);
    expect(stored(data).some((c) => c.ref === 'aurora/nova/6')).toBe(true);
  });

  it('follows a renamed repository and keeps its pulls under the new name', async () => {
    const { data, sync } = await setup(['aurora/old-nova']);
    const report = await sync();
    expect(report.warnings.some((w) => w.where === 'aurora/old-nova' && /aurora\/nova/.test(w.reason))).toBe(true);
    const changes = stored(data);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c) => c.project === 'aurora/nova' && c.ref!.startsWith('aurora/nova/') && c.movedFrom?.includes('aurora/old-nova'))).toBe(true);
  });
});
