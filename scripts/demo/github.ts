import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DAY, sampleCreationTimes } from './calendar.ts';
import { DELETED_LOGIN, FIRST_TIMER_LOGIN, GITHUB_XSS, SPECIALS, type CaseEnv, type Special } from './github-cases.ts';
import { Bumps } from './github-deps.ts';
import { CI_BOT, DEPENDABOT, FORMER_ORG, GITHUB_END, GITHUB_START, ORG, OPTED_OUT_GERRIT, githubPeople, pickGithubPerson, type GithubPerson } from './github-people.ts';
import { IdAllocator, PullBuilder, type PullContext, type PullDraft } from './github-pulls.ts';
import { dependabotStory, humanStory, type Cast, type Outcome } from './github-stories.ts';
import { branchName, changedFiles, pickKind, pullBody, pullTitle, type RepoKey } from './github-text.ts';
import { Rng } from './prng.ts';
import type { AuthorAssociation, GithubWorld, WorldLabel, WorldPull, WorldRepo } from '../simulator/github-world.ts';

/**
 * The demo's GitHub-hosted projects (issue 11): two repositories of the `aurora-cloud`
 * organization, the command-line client and the Terraform provider (transferred from
 * `aurora-labs`, where it was first named `terraform-aurora`), with about two hundred pull
 * requests from 2024-01 to 2026-10, their reviews, inline threads, conversation comments and
 * timeline events, as the GitHub simulator serves them (`npm run simulator -- --github world.json`).
 *
 * The people are the Gerrit demo's, under GitHub logins of their own (githubIdentities() says
 * who is who), plus a few GitHub-only newcomers and two bots. The hard cases (GITHUB_CASES) are
 * planted once each (github-cases.ts); findGithubCases() finds them in a world.
 * Deterministic: the same seed gives the same world; no clock is read.
 */

export { GITHUB_XSS } from './github-cases.ts';
export { CI_BOT, DEPENDABOT, ORG as GITHUB_ORG } from './github-people.ts';

export interface GithubOptions {
  seed?: string;
}

interface RepoPlan {
  key: RepoKey;
  repo: Omit<WorldRepo, 'updated_at' | 'pushed_at'>;
  /** Number of the first pull in the window (earlier numbers went to older issues and pulls). */
  firstNumber: number;
  pulls: [number, number];
}

const REPOS: readonly RepoPlan[] = [
  {
    key: 'cli',
    repo: {
      id: 702_331_845, owner: ORG, name: 'aurora-cli', description: 'The command-line client for Aurora clouds', default_branch: 'main', language: 'Go',
      topics: ['aurora', 'cli', 'cloud', 'golang'], created_at: '2023-09-14T12:03:51Z',
    },
    firstNumber: 23,
    pulls: [105, 125],
  },
  {
    key: 'provider',
    repo: {
      id: 566_019_377, owner: ORG, name: 'terraform-provider-aurora', description: 'Terraform provider for Aurora clouds', default_branch: 'main', language: 'Go',
      topics: ['terraform', 'terraform-provider', 'aurora'], created_at: '2022-11-03T09:41:27Z',
      // Renamed to the Terraform registry's naming scheme in 2023, then transferred to aurora-cloud.
      renamedFrom: [`${FORMER_ORG}/terraform-aurora`, `${FORMER_ORG}/terraform-provider-aurora`],
    },
    firstNumber: 141,
    pulls: [70, 90],
  },
];

const LABELS: readonly Omit<WorldLabel, 'id'>[] = [
  { name: 'bug', color: 'd73a4a', description: "Something isn't working", default: true },
  { name: 'enhancement', color: 'a2eeef', description: 'New feature or request', default: true },
  { name: 'documentation', color: '0075ca', description: 'Improvements or additions to documentation', default: true },
  { name: 'good first issue', color: '7057ff', description: 'Good for newcomers', default: true },
  { name: 'dependencies', color: '0366d6', description: 'Pull requests that update a dependency file', default: false },
  { name: 'go', color: '16e2e2', description: 'Pull requests that update Go code', default: false },
  { name: 'github_actions', color: '000000', description: 'Pull requests that update GitHub Actions code', default: false },
  { name: 'tests', color: 'c5def5', description: null, default: false },
  { name: 'breaking-change', color: 'b60205', description: 'Needs a major version or a deprecation first', default: false },
  { name: 'area/auth', color: 'fbca04', description: null, default: false },
  { name: 'area/output', color: 'fbca04', description: null, default: false },
  { name: 'area/client', color: 'fbca04', description: null, default: false },
];

/** Dependabot was switched on for both repositories in February 2024. */
const DEPENDABOT_FROM = Date.parse('2024-02-05T00:00:00Z') / 1000;

export const GITHUB_CASES = [
  'deleted-user', 'force-pushed', 'renamed-repo', 'enormous-body', 'hostile', 'opted-out', 'many-comments', 'dismissed-review', 'draft',
  'fork-deleted', 'first-timer', 'dependabot', 'ci-bot', 'outdated-comment', 'locked', 'title-renamed', 'open-review-requested',
] as const;
export type GithubCase = (typeof GITHUB_CASES)[number];

function labelTable(repoId: number): Map<string, WorldLabel> {
  // Label ids are global on GitHub; the repository's id keeps the two tables apart.
  return new Map(LABELS.map((l, i) => [l.name, { id: 5_100_000_000 + (repoId % 1000) * 100 + i, ...l }]));
}

interface Slot {
  created: number;
  index: number;
  special?: Special;
}

function slots(seed: string, plan: RepoPlan): Slot[] {
  const rng = new Rng(`${seed}/github/${plan.key}/count`);
  const specials = SPECIALS.filter((s) => s.repo === plan.key);
  const count = rng.int(plan.pulls[0], plan.pulls[1]) - specials.length;
  const times = sampleCreationTimes(new Rng(`${seed}/github/${plan.key}/times`), count, GITHUB_START, GITHUB_END - 3 * DAY);
  const out: Slot[] = [...times].map((created, index) => ({ created, index }));
  for (const special of specials) out.push({ created: special.created, index: -1, special });
  return out.sort((a, b) => a.created - b.created || a.index - b.index);
}

function pickOutcome(rng: Rng, created: number): Outcome {
  const openShare = created > GITHUB_END - 120 * DAY ? 0.3 : 0.03;
  const r = rng.next();
  return r < openShare ? 'open' : r < openShare + 0.13 ? 'closed' : 'merged';
}

interface RepoState {
  plan: RepoPlan;
  ctxBase: Omit<PullContext, 'rng'>;
  bumps: Bumps;
  /** Issue numbers between the pulls (numbers are shared with issues), for `Fixes #n`. */
  issues: number[];
}

function randomPull(seed: string, state: RepoState, slot: Slot, number: number, env: CaseEnv): PullBuilder | undefined {
  const { plan } = state;
  const rng = new Rng(`${seed}/github/${plan.key}#${slot.index}`);
  const ctx: PullContext = { ...state.ctxBase, rng };
  if (slot.created > DEPENDABOT_FROM && rng.chance(0.15)) {
    const bump = state.bumps.take(rng.int(0, 99));
    if (bump) {
      const b = new PullBuilder(ctx, number, slot.created, DEPENDABOT, bump.title, bump.body, bump.branch, [bump.dependency.includes('/') && !bump.branch.includes('github_actions') ? 'go.mod' : '.github/workflows/ci.yml', ...(bump.branch.includes('go_modules') ? ['go.sum'] : [])]);
      dependabotStory(b, env.cast, bump.labels, pickOutcome(rng, slot.created));
      return b;
    }
  }
  const author = pickGithubPerson(rng, env.people, plan.key, slot.created, (p) => p.login !== FIRST_TIMER_LOGIN);
  if (!author) return undefined;
  const kind = pickKind(rng);
  const title = pullTitle(rng, plan.key, kind);
  const issue = state.issues.length && rng.chance(0.4) ? rng.pick(state.issues.slice(-8)) : undefined;
  const fork = author.member || author.collaborator ? undefined : author.deleted ? null : `${author.login}/${plan.repo.name}`;
  const b = new PullBuilder(ctx, number, slot.created, author.login, title, pullBody(rng, plan.key, issue), branchName(rng, author.login, kind, title), changedFiles(rng, plan.key, rng.int(1, 6)), fork);
  humanStory(b, author, env.cast, { kind, outcome: pickOutcome(rng, slot.created) });
  return b;
}

function repoPulls(seed: string, plan: RepoPlan, env: CaseEnv, ids: IdAllocator): PullDraft[] {
  const fullName = `${plan.repo.owner}/${plan.repo.name}`;
  const state: RepoState = { plan, ctxBase: { repo: plan.key, fullName, ids, labels: labelTable(plan.repo.id) }, bumps: new Bumps(plan.key), issues: [] };
  const gaps = new Rng(`${seed}/github/${plan.key}/numbers`);
  let number = plan.firstNumber;
  const out: PullDraft[] = [];
  for (const slot of slots(seed, plan)) {
    // Issues take numbers from the same sequence.
    for (let k = gaps.int(0, 2); k > 0; k--) state.issues.push(number++);
    const b = slot.special
      ? slot.special.build({ ...state.ctxBase, rng: new Rng(`${seed}/github/case/${slot.special.name}`) }, number, env)
      : randomPull(seed, state, slot, number, env);
    if (!b) continue;
    number++;
    out.push(b.finish());
  }
  return out;
}

/** author_association as GitHub computes it when it answers: from membership and merged work at the sync, the same on every record of a person. */
function associations(pulls: readonly PullDraft[], people: readonly GithubPerson[]): (login: string | null) => AuthorAssociation {
  const merged = new Set(pulls.filter((p) => p.merged_at).map((p) => p.user));
  const authored = new Set(pulls.map((p) => p.user));
  const byLogin = new Map(people.map((p) => [p.login, p]));
  return (login) => {
    if (login === null || login === CI_BOT) return 'NONE';
    const p = byLogin.get(login);
    if (p?.deleted) return 'NONE';
    if (p?.member) return 'MEMBER';
    if (p?.collaborator) return 'COLLABORATOR';
    if (merged.has(login)) return 'CONTRIBUTOR';
    if (authored.has(login)) return login === FIRST_TIMER_LOGIN ? 'FIRST_TIMER' : 'FIRST_TIME_CONTRIBUTOR';
    return 'NONE';
  };
}

/** The world's form of a draft: associations filled in, the builder's bookkeeping (`at`, `heads`) dropped. */
function settle(p: PullDraft, assoc: (login: string | null) => AuthorAssociation): WorldPull {
  const { heads: _heads, reviews, reviewComments, issueComments, ...rest } = p;
  const strip = <T extends { at: number; user: string | null }>({ at: _at, ...r }: T) => ({ ...r, author_association: assoc(r.user) });
  return {
    ...rest,
    author_association: assoc(p.user),
    reviews: reviews.map(strip),
    reviewComments: reviewComments.map(strip),
    issueComments: issueComments.map(strip),
  };
}

function finishRepo(plan: RepoPlan, pulls: readonly WorldPull[]): WorldRepo {
  const mine = pulls.filter((p) => p.repo === `${plan.repo.owner}/${plan.repo.name}`);
  const latest = (values: string[]) => values.reduce((a, b) => (a > b ? a : b), plan.repo.created_at);
  return {
    ...plan.repo,
    updated_at: latest(mine.map((p) => p.updated_at)),
    pushed_at: latest(mine.flatMap((p) => [p.merged_at ?? '', ...(p.timeline ?? []).filter((e) => e.event === 'head_ref_force_pushed').map((e) => e.created_at)])),
  };
}

function cast(people: readonly GithubPerson[]): Cast {
  return { maintainers: people.filter((p) => p.member || p.collaborator), everyone: people };
}

/** The demo's GitHub world. Pure: the same seed gives a deep-equal world. */
export function generateGithub(options: GithubOptions = {}): GithubWorld {
  return generateGithubWithHeads(options).world;
}

/**
 * The world and, per pull (`owner/name#n`), every head commit it had, oldest first: the
 * world keeps only the last (GitHub lists earlier ones only as commits or force pushes),
 * and tests check that each review was made on one of them.
 */
export function generateGithubWithHeads(options: GithubOptions = {}): { world: GithubWorld; heads: Map<string, string[]> } {
  const seed = options.seed ?? 'agora-demo';
  const { people, users } = githubPeople(seed);
  const env: CaseEnv = { seed, cast: cast(people), people };
  const ids = new IdAllocator();
  const drafts = REPOS.flatMap((plan) => repoPulls(seed, plan, env, ids));
  const pulls: WorldPull[] = [];
  for (const plan of REPOS) {
    const mine = drafts.filter((d) => d.repo === `${plan.repo.owner}/${plan.repo.name}`);
    const assoc = associations(mine, people);
    pulls.push(...mine.map((d) => settle(d, assoc)));
  }
  const heads = new Map(drafts.map((d) => [`${d.repo}#${d.number}`, d.heads]));
  return { world: { users, repos: REPOS.map((plan) => finishRepo(plan, pulls)), pulls }, heads };
}

/**
 * Who is who across the two review sources: each GitHub login of a person who also has a
 * Gerrit demo account, with that account's username. For the identity issue (one person,
 * two accounts); GitHub-only newcomers and bots are not listed. The opted-out person is
 * listed too, so hiding them can follow the mapping.
 */
export function githubIdentities(options: GithubOptions = {}): { login: string; gerritUsername: string }[] {
  const { people } = githubPeople(options.seed ?? 'agora-demo');
  return people
    .filter((p) => p.person?.account.username)
    .map((p) => ({ login: p.login, gerritUsername: p.person!.account.username as string }))
    .sort((a, b) => a.login.localeCompare(b.login));
}

/** Writes `world.json` into `dir` (created if missing) and returns its path. */
export async function writeGithubWorld(dir: string, world: GithubWorld): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, 'world.json');
  await writeFile(path, `${JSON.stringify(world, null, 1)}\n`);
  return path;
}

const ref = (p: WorldPull) => `${p.repo}#${p.number}`;

function textsOf(p: WorldPull): string[] {
  return [p.title, p.body ?? '', ...(p.reviews ?? []).map((r) => r.body), ...(p.reviewComments ?? []).map((c) => c.body), ...(p.issueComments ?? []).map((c) => c.body)];
}

/**
 * Where each hard case is in `world`, found from the data itself (pull refs `owner/name#n`;
 * repository full names for `renamed-repo`). `identities` names the opted-out person's login.
 */
export function findGithubCases(world: GithubWorld, identities = githubIdentities()): Record<GithubCase, string[]> {
  const deleted = new Set(world.users.filter((u) => u.deleted).map((u) => u.login));
  const optedOut = new Set(identities.filter((i) => i.gerritUsername === OPTED_OUT_GERRIT).map((i) => i.login));
  const by = (test: (p: WorldPull) => boolean) => world.pulls.filter(test).map(ref);
  const users = (p: WorldPull) => [p.user, ...(p.reviews ?? []).map((r) => r.user), ...(p.reviewComments ?? []).map((c) => c.user), ...(p.issueComments ?? []).map((c) => c.user)];
  const events = (p: WorldPull, name: string) => (p.timeline ?? []).some((e) => e.event === name);
  return {
    'deleted-user': by((p) => users(p).some((u) => u !== null && deleted.has(u))),
    'force-pushed': by((p) => events(p, 'head_ref_force_pushed') && new Set((p.reviews ?? []).map((r) => r.commit_id)).size >= 2),
    'renamed-repo': world.repos.filter((r) => r.renamedFrom?.length).map((r) => `${r.owner}/${r.name}`),
    'enormous-body': by((p) => (p.body ?? '').length >= 100_000),
    hostile: by((p) => textsOf(p).some((t) => GITHUB_XSS.some((x) => t.includes(x)))),
    'opted-out': by((p) => users(p).some((u) => u !== null && optedOut.has(u))),
    'many-comments': by((p) => (p.reviews?.length ?? 0) + (p.reviewComments?.length ?? 0) + (p.issueComments?.length ?? 0) > 100),
    'dismissed-review': by((p) => (p.reviews ?? []).some((r) => r.state === 'DISMISSED')),
    draft: by((p) => p.draft === true),
    'fork-deleted': by((p) => p.head.repo === null),
    'first-timer': by((p) => p.author_association === 'FIRST_TIMER'),
    dependabot: by((p) => p.user === DEPENDABOT),
    'ci-bot': by((p) => (p.issueComments ?? []).some((c) => c.user === CI_BOT)),
    'outdated-comment': by((p) => (p.reviewComments ?? []).some((c) => c.line === null)),
    locked: by((p) => p.locked === true),
    'title-renamed': by((p) => events(p, 'renamed')),
    'open-review-requested': by((p) => p.state === 'open' && (p.requested_reviewers?.length ?? 0) > 0),
  };
}

/** For the deleted account's planted pull: its login, which the simulator shows as `ghost`. */
export const GITHUB_DELETED_LOGIN = DELETED_LOGIN;
