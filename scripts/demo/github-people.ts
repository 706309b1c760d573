import { DAY, parseDay } from './calendar.ts';
import { buildCommunity, type Community, type Person, type ProjectName } from './community.ts';
import { Rng } from './prng.ts';
import type { WorldUser } from '../simulator/github-world.ts';

/**
 * Who is on GitHub in the demo: most accounts belong to people of the Gerrit demo, under a
 * login of their own choosing (never their Gerrit username, so telling that `mokafor` on
 * GitHub is `mayaokafor` on Gerrit takes an identity mapping); a few newcomers exist only
 * on GitHub; two organizations; two bots. No account has an e-mail address.
 */

/** The demo community's window (the Gerrit demo's), so the people are the same ones. */
export const COMMUNITY_START = parseDay('2023-11-01');
export const COMMUNITY_END = parseDay('2026-10-31') + DAY - 1;
/** GitHub activity: 2024-01 to 2026-10, all of it before the demo's sync date (2026-11-01). */
export const GITHUB_START = parseDay('2024-01-02');
export const GITHUB_END = parseDay('2026-10-31') + DAY - 1;

export const ORG = 'aurora-cloud';
/** The organization the Terraform provider lived under before its transfer. */
export const FORMER_ORG = 'aurora-labs';
export const DEPENDABOT = 'dependabot[bot]';
export const CI_BOT = 'aurora-ci[bot]';

export interface GithubPerson {
  login: string;
  /** Their Gerrit demo account; absent for GitHub-only newcomers. */
  person?: Person;
  /** Unix seconds; active only inside [joined, left). */
  joined: number;
  left: number;
  weight: number;
  /** Which repository they lean to: the CLI people come from compute and dashboard, the provider's from network. */
  affinity: { cli: number; provider: number };
  /** Member of the aurora-cloud organization (they review and merge). */
  member: boolean;
  /** Outside collaborator with write access on the provider. */
  collaborator: boolean;
  /** The account was deleted after they left: their records show `ghost` or `null`. */
  deleted: boolean;
}

export interface GithubPeople {
  community: Community;
  people: GithubPerson[];
  users: WorldUser[];
}

/** GitHub-only newcomers (handles, not names): one deletes the account later, one never gets anything merged. */
const NEWCOMERS: readonly { login: string; joined: string; left: string; affinity: GithubPerson['affinity']; deleted?: boolean }[] = [
  { login: 'tf-wrangler', joined: '2024-03-04', left: '2027-01-01', affinity: { cli: 0.1, provider: 1 } },
  { login: 'quietpanda', joined: '2024-02-12', left: '2024-11-20', affinity: { cli: 1, provider: 0.4 }, deleted: true },
  { login: 'hcl-gardener', joined: '2025-04-07', left: '2027-01-01', affinity: { cli: 0.2, provider: 1 } },
  { login: 'nordlys-ops', joined: '2024-09-16', left: '2027-01-01', affinity: { cli: 1, provider: 0.5 } },
  { login: 'byte-heron', joined: '2026-05-18', left: '2027-01-01', affinity: { cli: 1, provider: 0.1 } },
];

/** The opted-out person (agora.config.yaml privacy.optOut) has a GitHub account too. */
export const OPTED_OUT_GERRIT = 'connorfitzge';

const AFFINITY: Record<ProjectName, GithubPerson['affinity']> = {
  'aurora/compute': { cli: 1, provider: 0.5 },
  'aurora/network': { cli: 0.3, provider: 1 },
  'aurora/dashboard': { cli: 1, provider: 0.1 },
  'aurora/docs': { cli: 0.4, provider: 0.3 },
};

function nameParts(p: Person): { first: string; last: string } {
  const folded = (p.account.name ?? '')
    .replace(/李雷/, 'Li Lei')
    .replace(/Ł/g, 'L')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  return { first: folded[0] ?? 'user', last: folded[folded.length - 1] ?? 'user' };
}

/** Login styles people pick on GitHub; none of them is the Gerrit username. */
function loginCandidates(rng: Rng, p: Person): string[] {
  const { first, last } = nameParts(p);
  const digits = String(rng.int(2, 99));
  const styles = [
    `${first[0]}${last}`,
    `${first}-${last[0]}`,
    `${first}-${last}`,
    `${last}${first[0]}`,
    `${first}${digits}`,
    `${first}-codes`,
    `${last}-dev`,
    `${first}${last}${digits}`,
  ];
  const start = rng.int(0, styles.length - 1);
  return [...styles.slice(start), ...styles.slice(0, start)];
}

/** A GitHub login: letters, digits and single inner hyphens, at most 39 characters. */
export function isValidLogin(login: string): boolean {
  return /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){0,38}$/i.test(login);
}

function pickLogin(rng: Rng, p: Person, taken: Set<string>): string {
  for (const c of loginCandidates(rng, p)) {
    const key = c.toLowerCase();
    if (isValidLogin(c) && key !== p.account.username?.toLowerCase() && !taken.has(key)) {
      taken.add(key);
      return c;
    }
  }
  throw new Error(`demo github: no free login for ${p.account.username}`);
}

/** Community people with a GitHub account: the most active in the window, some of the rest, and the opted-out one. */
function chooseGerritPeople(rng: Rng, community: Community): Person[] {
  const active = community.people.filter((p) => p.left > GITHUB_START + 60 * DAY && p.joined < GITHUB_END - 90 * DAY);
  const chosen = active.filter((p, i) => i < 10 || p.account.username === OPTED_OUT_GERRIT || rng.chance(0.3));
  return chosen;
}

function toGithubPerson(p: Person, login: string): GithubPerson {
  return {
    login,
    person: p,
    joined: Math.max(p.joined, GITHUB_START),
    left: Math.min(p.left, GITHUB_END + 1),
    weight: p.weight,
    affinity: AFFINITY[p.primary],
    // Core reviewers of compute or network maintain the two repositories; a few others too (below).
    member: p.coreOf.includes('aurora/compute') || p.coreOf.includes('aurora/network') || p.coreOf.includes('aurora/dashboard'),
    collaborator: false,
    deleted: false,
  };
}

function newcomer(n: (typeof NEWCOMERS)[number]): GithubPerson {
  return {
    login: n.login,
    joined: parseDay(n.joined),
    left: Math.min(parseDay(n.left), GITHUB_END + 1),
    weight: 0.09,
    affinity: n.affinity,
    member: false,
    collaborator: false,
    deleted: n.deleted ?? false,
  };
}

/** GitHub user ids grow with sign-up time; people signed up long before they came to Aurora. */
function userIds(rng: Rng, people: GithubPerson[]): Map<string, number> {
  const ids = new Map<string, number>();
  const order = [...people].sort((a, b) => a.joined - b.joined || a.login.localeCompare(b.login));
  let id = 1_200_000;
  for (const p of order) {
    id += rng.int(400_000, 9_000_000);
    ids.set(p.login, id);
  }
  return ids;
}

export function githubPeople(seed: string): GithubPeople {
  const community = buildCommunity(seed, COMMUNITY_START, COMMUNITY_END);
  const rng = new Rng(`${seed}/github/people`);
  const taken = new Set(['ghost', ORG, FORMER_ORG]);
  const people = chooseGerritPeople(rng, community).map((p) => toGithubPerson(p, pickLogin(rng, p, taken)));
  // A collaborator on the provider (write access without org membership) and a member who is no core.
  const nonMembers = people.filter((p) => !p.member && p.left > GITHUB_END);
  if (nonMembers[0]) nonMembers[0].collaborator = true;
  if (nonMembers[1]) nonMembers[1].member = true;
  for (const n of NEWCOMERS) people.push(newcomer(n));
  const ids = userIds(rng, people);
  const users: WorldUser[] = [
    { id: 98_114_207, login: FORMER_ORG, type: 'Organization' },
    { id: 127_530_911, login: ORG, type: 'Organization' },
    { id: 49_699_333, login: DEPENDABOT, type: 'Bot' },
    { id: 151_840_226, login: CI_BOT, type: 'Bot' },
    ...people.map((p): WorldUser => ({ id: ids.get(p.login)!, login: p.login, type: 'User', ...(p.deleted ? { deleted: true } : {}) })),
  ];
  users.sort((a, b) => a.id - b.id);
  return { community, people, users };
}

/** Who is active at `t`, weighted by activity and leaning to `repo`. */
export function pickGithubPerson(rng: Rng, people: readonly GithubPerson[], repo: 'cli' | 'provider', t: number, filter: (p: GithubPerson) => boolean = () => true): GithubPerson | undefined {
  const weights = people.map((p) => (p.joined <= t && p.left > t && filter(p) ? p.weight * p.affinity[repo] : 0));
  if (!weights.some((w) => w > 0)) return undefined;
  return people[rng.weighted(weights)];
}
