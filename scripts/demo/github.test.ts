import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GithubWorld, WorldPull } from '../simulator/github-world.ts';
import { generateDemo } from './generate.ts';
import { CI_BOT, DEPENDABOT, GITHUB_CASES, GITHUB_DELETED_LOGIN, GITHUB_XSS, findGithubCases, generateGithub, generateGithubWithHeads, githubIdentities, writeGithubWorld } from './github.ts';
import { ENORMOUS_BODY, MANY_COMMENTS } from './github-cases.ts';
import { isValidLogin } from './github-people.ts';
import { DEMO_NOW } from './pipeline.ts';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/;
const START = '2024-01-01T00:00:00Z';
const NOW = new Date(DEMO_NOW).toISOString().replace('.000Z', 'Z');
/** Every body but the one deliberately enormous pull body stays under this. */
const CAP = 16_000;

let world: GithubWorld;
let heads: Map<string, string[]>;
const ref = (p: WorldPull) => `${p.repo}#${p.number}`;
const reviewsOf = (p: WorldPull) => p.reviews ?? [];
const inlineOf = (p: WorldPull) => p.reviewComments ?? [];
const commentsOf = (p: WorldPull) => p.issueComments ?? [];
const eventsOf = (p: WorldPull) => p.timeline ?? [];

beforeAll(() => {
  ({ world, heads } = generateGithubWithHeads());
});

describe('generateGithub', () => {
  it('is deterministic and depends on the seed', () => {
    expect(generateGithub()).toEqual(world);
    const other = generateGithub({ seed: 'another' });
    expect(other.pulls.map((p) => p.title)).not.toEqual(world.pulls.map((p) => p.title));
  });

  it('has two aurora-cloud repositories, the provider transferred from aurora-labs, and 150-250 pulls', () => {
    expect(world.repos.map((r) => `${r.owner}/${r.name}`)).toEqual(['aurora-cloud/aurora-cli', 'aurora-cloud/terraform-provider-aurora']);
    expect(world.repos[1]?.renamedFrom).toContain('aurora-labs/terraform-provider-aurora');
    expect(world.users.find((u) => u.login === 'aurora-cloud')?.type).toBe('Organization');
    expect(world.pulls.length).toBeGreaterThanOrEqual(150);
    expect(world.pulls.length).toBeLessThanOrEqual(250);
    for (const r of world.repos) expect(world.pulls.filter((p) => p.repo === `${r.owner}/${r.name}`).length).toBeGreaterThan(50);
  });

  it('mixes merged, closed, open and draft pulls, and review states without PENDING', () => {
    const merged = world.pulls.filter((p) => p.merged_at);
    const closed = world.pulls.filter((p) => p.state === 'closed' && !p.merged_at);
    const open = world.pulls.filter((p) => p.state === 'open');
    expect(merged.length).toBeGreaterThan(world.pulls.length / 2);
    expect(closed.length).toBeGreaterThan(5);
    expect(open.length).toBeGreaterThan(3);
    expect(open.some((p) => p.draft)).toBe(true);
    const states = new Set(world.pulls.flatMap((p) => reviewsOf(p).map((r) => r.state)));
    expect([...states].sort()).toEqual(['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED']);
  });

  it('has unique users, valid logins and bots of type Bot', () => {
    expect(new Set(world.users.map((u) => u.id)).size).toBe(world.users.length);
    expect(new Set(world.users.map((u) => u.login.toLowerCase())).size).toBe(world.users.length);
    expect(world.users.some((u) => u.login === 'ghost')).toBe(false);
    for (const u of world.users) {
      if (u.login.endsWith('[bot]')) expect(u.type).toBe('Bot');
      else expect(isValidLogin(u.login)).toBe(true);
    }
    expect(world.users.filter((u) => u.type === 'Bot').map((u) => u.login).sort()).toEqual([CI_BOT, DEPENDABOT].sort());
  });

  it('resolves every reference: logins, repositories, reviews, threads and head commits', () => {
    const logins = new Set(world.users.map((u) => u.login));
    const repos = new Set(world.repos.map((r) => `${r.owner}/${r.name}`));
    const known = (u: string | null | undefined) => u === null || u === undefined || logins.has(u);
    for (const p of world.pulls) {
      expect(repos.has(p.repo)).toBe(true);
      const had = heads.get(ref(p));
      expect(had?.at(-1)).toBe(p.head.sha);
      expect(p.commits).toBe(had?.length);
      for (const u of [p.user, p.merged_by, ...(p.requested_reviewers ?? []), ...(p.assignees ?? [])]) expect(known(u), ref(p)).toBe(true);
      for (const r of reviewsOf(p)) {
        expect(known(r.user)).toBe(true);
        expect(had, `${ref(p)} review ${r.id}`).toContain(r.commit_id);
      }
      const reviewIds = new Set(reviewsOf(p).map((r) => r.id));
      const byId = new Map(inlineOf(p).map((c) => [c.id, c]));
      for (const c of inlineOf(p)) {
        expect(known(c.user)).toBe(true);
        expect(reviewIds.has(c.pull_request_review_id ?? -1)).toBe(true);
        expect(had).toContain(c.commit_id);
        expect(had).toContain(c.original_commit_id);
        expect(c.diff_hunk.startsWith('@@ -')).toBe(true);
        if (c.in_reply_to_id !== undefined) {
          const parent = byId.get(c.in_reply_to_id);
          expect(parent?.in_reply_to_id, 'replies answer the first comment of their thread').toBeUndefined();
          expect(parent?.path).toBe(c.path);
          expect(c.created_at >= parent!.created_at).toBe(true);
        }
      }
      for (const c of commentsOf(p)) expect(known(c.user)).toBe(true);
      for (const e of eventsOf(p)) {
        expect(known(e.actor)).toBe(true);
        if (e.requested_reviewer !== undefined) expect(logins.has(e.requested_reviewer)).toBe(true);
        if (e.event === 'head_ref_force_pushed') expect(had).toContain(e.commit_id);
      }
      for (const l of p.labels ?? []) expect(l.color).toMatch(/^[0-9a-f]{6}$/);
    }
  });

  it('numbers pulls per repository and keeps every id unique', () => {
    for (const r of world.repos) {
      const numbers = world.pulls.filter((p) => p.repo === `${r.owner}/${r.name}`).map((p) => p.number);
      expect(new Set(numbers).size).toBe(numbers.length);
      expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    }
    const ids = (list: { id: number }[]) => expect(new Set(list.map((x) => x.id)).size).toBe(list.length);
    ids(world.pulls);
    ids(world.pulls.flatMap(reviewsOf));
    ids(world.pulls.flatMap(inlineOf));
    ids(world.pulls.flatMap(commentsOf));
    ids(world.pulls.flatMap(eventsOf));
  });

  it('keeps dates in range and in order, and merge or close consistent with the state', () => {
    for (const p of world.pulls) {
      const times = [p.created_at, p.updated_at, ...reviewsOf(p).map((r) => r.submitted_at!), ...inlineOf(p).flatMap((c) => [c.created_at, c.updated_at]), ...commentsOf(p).flatMap((c) => [c.created_at, c.updated_at]), ...eventsOf(p).map((e) => e.created_at)];
      for (const t of times) {
        expect(t).toMatch(TIME);
        expect(t >= START && t < NOW, `${ref(p)} ${t}`).toBe(true);
        expect(t >= p.created_at && t <= p.updated_at, `${ref(p)} ${t}`).toBe(true);
      }
      if (p.closed_at) for (const r of reviewsOf(p)) expect(r.submitted_at! <= p.closed_at).toBe(true);
      if (p.merged_at) {
        expect(p.state).toBe('closed');
        expect(p.closed_at).toBe(p.merged_at);
        expect(p.merged_by).toBeTruthy();
        expect(p.merge_commit_sha).toMatch(/^[0-9a-f]{40}$/);
        expect(eventsOf(p).filter((e) => e.event === 'merged').map((e) => e.created_at)).toEqual([p.merged_at]);
      } else {
        expect(p.merged_by ?? null).toBeNull();
      }
      if (p.state === 'closed') expect(eventsOf(p).some((e) => e.event === 'closed' && e.created_at === p.closed_at)).toBe(true);
      else expect([p.closed_at, p.merged_at]).toEqual([null, null]);
      if (p.state === 'closed') expect(p.requested_reviewers ?? []).toEqual([]);
      const sorted = eventsOf(p).map((e) => e.created_at);
      expect([...sorted].sort()).toEqual(sorted);
    }
    for (const r of world.repos) {
      const mine = world.pulls.filter((p) => p.repo === `${r.owner}/${r.name}`);
      expect(r.created_at < mine[0]!.created_at).toBe(true);
      expect(r.updated_at).toBe(mine.map((p) => p.updated_at).sort().at(-1));
      expect(r.pushed_at <= r.updated_at && r.updated_at < NOW).toBe(true);
    }
  });

  it('gives each person one author_association per repository, MEMBER for maintainers', () => {
    for (const r of world.repos) {
      const seen = new Map<string, Set<string>>();
      for (const p of world.pulls.filter((x) => x.repo === `${r.owner}/${r.name}`)) {
        for (const rec of [{ user: p.user, author_association: p.author_association }, ...reviewsOf(p), ...inlineOf(p), ...commentsOf(p)]) {
          const key = rec.user ?? 'null';
          seen.set(key, (seen.get(key) ?? new Set()).add(rec.author_association));
        }
      }
      for (const [login, values] of seen) expect(values.size, `${r.name} ${login}`).toBe(1);
      const values = [...seen.values()].flatMap((s) => [...s]);
      for (const v of ['MEMBER', 'CONTRIBUTOR', 'NONE']) expect(values).toContain(v);
      expect(seen.get(CI_BOT)).toEqual(new Set(['NONE']));
      // Whoever merges or requests reviews has write access (when they appear as an author anywhere).
      for (const p of world.pulls.filter((x) => x.repo === `${r.owner}/${r.name}`)) {
        const writers = [p.merged_by, ...eventsOf(p).filter((e) => e.event === 'review_requested').map((e) => e.actor)];
        for (const w of writers) if (w && w !== DEPENDABOT && seen.has(w)) expect(['MEMBER', 'COLLABORATOR'], `${ref(p)} ${w}`).toContain([...seen.get(w)!][0]);
      }
    }
  });

  it('has every hard case at least once, the planted ones exactly once', () => {
    const cases = findGithubCases(world);
    for (const c of GITHUB_CASES) expect(cases[c].length, c).toBeGreaterThan(0);
    for (const c of ['enormous-body', 'hostile', 'many-comments', 'locked', 'first-timer', 'renamed-repo'] as const) expect(cases[c], c).toHaveLength(1);
  });

  it('plants the hard cases whatever the seed', () => {
    const other = generateGithub({ seed: 'another' });
    const cases = findGithubCases(other, githubIdentities({ seed: 'another' }));
    for (const c of GITHUB_CASES) expect(cases[c].length, c).toBeGreaterThan(0);
  });

  it('shows the deleted account through its records: a pull from a deleted fork and a review', () => {
    const deleted = world.users.filter((u) => u.deleted);
    expect(deleted.map((u) => u.login)).toEqual([GITHUB_DELETED_LOGIN]);
    const authored = world.pulls.filter((p) => p.user === GITHUB_DELETED_LOGIN);
    expect(authored.some((p) => p.head.repo === null)).toBe(true);
    expect(world.pulls.some((p) => p.user !== GITHUB_DELETED_LOGIN && reviewsOf(p).some((r) => r.user === GITHUB_DELETED_LOGIN))).toBe(true);
  });

  it('has a force-pushed pull reviewed on three head commits', () => {
    const pushed = world.pulls.filter((p) => eventsOf(p).filter((e) => e.event === 'head_ref_force_pushed').length >= 2);
    expect(pushed.some((p) => new Set(reviewsOf(p).map((r) => r.commit_id)).size >= 3)).toBe(true);
  });

  it('has one enormous body, the hostile strings, and the long thread that needs a second page', () => {
    const big = world.pulls.filter((p) => (p.body ?? '').length > CAP);
    expect(big).toHaveLength(1);
    expect(Buffer.byteLength(big[0]!.body!)).toBeGreaterThanOrEqual(ENORMOUS_BODY);
    expect(Buffer.byteLength(big[0]!.body!)).toBeLessThan(ENORMOUS_BODY * 1.1);
    for (const p of world.pulls) for (const c of [...reviewsOf(p), ...inlineOf(p), ...commentsOf(p)]) expect(c.body.length).toBeLessThanOrEqual(CAP);
    const hostile = world.pulls.find((p) => p.title.includes(GITHUB_XSS[0]))!;
    const texts = [hostile.body, ...reviewsOf(hostile).map((r) => r.body), ...inlineOf(hostile).map((c) => c.body), ...commentsOf(hostile).map((c) => c.body)].join('\n');
    for (const x of GITHUB_XSS) expect(texts).toContain(x);
    expect(texts).toMatch(/\]\(javascript:/);
    const long = world.pulls.find((p) => commentsOf(p).length > 100)!;
    expect(commentsOf(long).length).toBeGreaterThanOrEqual(MANY_COMMENTS);
    expect(long.locked).toBe(true);
  });

  it('contains no e-mail address, and no @ outside diff hunk headers', () => {
    const json = JSON.stringify(world);
    expect(json).not.toMatch(EMAIL);
    const strings: string[] = [];
    const walk = (v: unknown, key: string): void => {
      if (typeof v === 'string') strings.push(key === 'diff_hunk' ? v.replace(/^@@ [^@]* @@/, '') : v);
      else if (Array.isArray(v)) for (const x of v) walk(x, key);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(world, '');
    expect(strings.filter((s) => s.includes('@'))).toEqual([]);
  });

  it('has dependabot bump pulls and CI bot comments', () => {
    const bumps = world.pulls.filter((p) => p.user === DEPENDABOT);
    expect(bumps.length).toBeGreaterThanOrEqual(10);
    for (const p of bumps) {
      expect(p.title).toMatch(/^Bump \S+ from \S+ to \S+$/);
      expect(p.head.ref.startsWith('dependabot/')).toBe(true);
      expect(p.labels?.map((l) => l.name)).toContain('dependencies');
    }
    expect(world.pulls.filter((p) => commentsOf(p).some((c) => c.user === CI_BOT)).length).toBeGreaterThan(20);
  });
});

describe('githubIdentities', () => {
  let gerritActive: Set<string>;
  beforeAll(() => {
    const demo = generateDemo();
    const names = new Map(demo.accounts.map((a) => [a._account_id, a.username]));
    gerritActive = new Set<string>();
    for (const c of demo.changes) {
      gerritActive.add(names.get(c.owner._account_id) ?? '');
      for (const m of c.messages ?? []) if (m.author) gerritActive.add(names.get(m.author._account_id) ?? '');
    }
  }, 60_000);

  it('maps GitHub logins to Gerrit demo usernames of people active there, under other names', () => {
    const ids = githubIdentities();
    const logins = new Set(world.users.map((u) => u.login));
    expect(new Set(ids.map((i) => i.login)).size).toBe(ids.length);
    expect(new Set(ids.map((i) => i.gerritUsername)).size).toBe(ids.length);
    for (const i of ids) {
      expect(logins.has(i.login)).toBe(true);
      expect(gerritActive.has(i.gerritUsername), i.gerritUsername).toBe(true);
      expect(i.login.toLowerCase()).not.toBe(i.gerritUsername.toLowerCase());
    }
    const humans = world.users.filter((u) => u.type === 'User');
    expect(ids.length).toBeGreaterThan(humans.length / 2);
    expect(humans.length - ids.length).toBeGreaterThanOrEqual(3);
  });

  it('includes the opted-out person, who has GitHub activity', () => {
    const optedOut = githubIdentities().filter((i) => i.gerritUsername === 'connorfitzge');
    expect(optedOut).toHaveLength(1);
    expect(world.pulls.some((p) => p.user === optedOut[0]!.login)).toBe(true);
  });

  it('every pull author and reviewer acts under a login from users', () => {
    const active = new Set(world.pulls.flatMap((p) => [p.user, ...reviewsOf(p).map((r) => r.user)]));
    const ids = new Set(githubIdentities().map((i) => i.login));
    expect([...active].filter((l) => l && ids.has(l)).length).toBeGreaterThan(15);
  });
});

describe('writeGithubWorld', () => {
  it('writes world.json that reads back as the same world', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'agora-ghdemo-'));
    try {
      const path = await writeGithubWorld(join(dir, 'gh'), world);
      expect(path).toBe(join(dir, 'gh', 'world.json'));
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(world);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
