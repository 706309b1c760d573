import { Rng } from './prng.ts';
import type { AccountInfo, ProjectInfo } from './gerrit-types.ts';

/**
 * The fictional Aurora community: organisations, people, bots and projects.
 * Every address uses a reserved domain (`.example`, `example.net`), so nothing
 * here can reach or name a real person.
 */

export const PROJECTS = ['aurora/compute', 'aurora/network', 'aurora/dashboard', 'aurora/docs'] as const;
export type ProjectName = (typeof PROJECTS)[number];

const PROJECT_DESCRIPTIONS: Record<ProjectName, string> = {
  'aurora/compute': 'Aurora Compute: schedules and manages virtual machines, volumes attachments and quotas.',
  'aurora/network': 'Aurora Network: virtual networks, routers, security groups and the L3/DHCP agents.',
  'aurora/dashboard': 'Aurora Dashboard: the web console for Aurora clouds.',
  'aurora/docs': 'Aurora documentation: install, admin and contributor guides.',
};

/** Relative share of the changes each project receives. */
export const PROJECT_WEIGHTS: Record<ProjectName, number> = {
  'aurora/compute': 0.38,
  'aurora/network': 0.3,
  'aurora/dashboard': 0.19,
  'aurora/docs': 0.13,
};

export interface Org {
  name: string;
  domain: string;
  /** Minutes east of UTC where most of its engineers work. */
  tz: number;
}

export const ORGS: readonly Org[] = [
  { name: 'Nimbus Systems', domain: 'nimbus-systems.example', tz: -300 },
  { name: 'Corvid Labs', domain: 'corvidlabs.example', tz: 60 },
  { name: 'Bluefin Networks', domain: 'bluefin-networks.example', tz: -480 },
  { name: 'Quarry Data', domain: 'quarrydata.example', tz: 330 },
  { name: 'Helix Hosting', domain: 'helixhosting.example', tz: 120 },
  { name: 'Tamarack Cloud', domain: 'tamarack-cloud.example', tz: 480 },
  { name: 'Orrery Software', domain: 'orrery-software.example', tz: 0 },
  { name: 'Kestrel Telecom', domain: 'kestrel-telecom.example', tz: 540 },
  { name: 'Sunbeam Storage', domain: 'sunbeam-storage.example', tz: 60 },
];
const INDEPENDENT: Org = { name: 'Independent', domain: 'example.net', tz: 0 };

// Fictional names; the last four exercise non-ASCII rendering and search.
const NAMES = [
  'Maya Okafor', 'Daniel Brandt', 'Priya Raman', 'Tomasz Wilk', 'Hannah Greaves', 'Kenji Morita', 'Sofia Marchetti',
  'Oluwaseun Adeyemi', 'Lars Henriksen', 'Chloe Dubois', 'Rafael Quintero', 'Ingrid Solberg', 'Arjun Mehta',
  'Beatriz Lacerda', 'Connor Fitzgerald', 'Yuki Tanabe', 'Marek Dvorak', 'Amara Nwosu', 'Felix Baumann', 'Leila Haddad',
  'Samuel Whitaker', 'Mei Chen', 'Viktor Petrov', 'Nadia Rahman', 'Oscar Lindgren', 'Grace Kimura', 'Hugo Lefevre',
  'Aisha Bello', 'Matteo Ricci', 'Elena Popescu', 'Jonas Weber', 'Tariq Aziz', 'Ruth Abernathy', 'Diego Salazar',
  'Freya Nilsen', 'Kwame Mensah', 'Irene Castillo', 'Pavel Novak', 'Lucy Harrington', 'Sung-min Park', 'Noor Khalil',
  'Emil Sorensen', 'Clara Vogel', 'Rohan Iyer', 'Julia Kowalczyk', 'Thabo Dlamini', 'Anika Sharma', 'Bastien Moreau',
  'Vera Ivanova', 'Gabriel Fontaine', 'Mira Halvorsen', 'Ethan Caldwell', 'Fatima Zahra', 'Nikolai Sokolov',
  'Olivia Brennan', 'Hiroshi Sato', 'Carmen Vidal', 'Ben Achterberg', 'Ayesha Siddiqui', 'Tobias Keller',
  'Linnea Berg', 'Marcus Oyelaran', 'Paula Ferreira', 'Igor Melnyk', 'Helen Strand', 'Zoë Lindqvist', 'Łukasz Nowicki',
  '李雷', 'Ana María Ortega', 'Wen Jie', 'Siddharth Rao',
];

export interface Person {
  account: AccountInfo;
  org: Org;
  /** Relative activity: a few prolific people, a long tail. */
  weight: number;
  primary: ProjectName;
  secondary: ProjectName[];
  /** Unix seconds; activity only inside [joined, left). */
  joined: number;
  left: number;
  /** Projects where this person is a core reviewer, from `coreSince`. */
  coreOf: ProjectName[];
  coreSince: number;
}

export interface Bots {
  zuul: AccountInfo;
  proposal: AccountInfo;
  sunbeamCi: AccountInfo;
}

export interface Community {
  people: Person[];
  bots: Bots;
  accounts: AccountInfo[];
  projects: Record<string, ProjectInfo>;
}

function asciiFold(name: string): string {
  if (name === '李雷') return 'li.lei';
  return name
    .replace(/Ł/g, 'L')
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');
}

const DAY = 86400;

export function buildCommunity(seed: string, start: number, end: number): Community {
  const rng = new Rng(`${seed}/community`);
  const span = end - start;
  const bots: Bots = {
    // Only Zuul carries SERVICE_USER: the others must be told apart by name.
    zuul: { _account_id: 8871, name: 'Zuul', email: 'zuul@aurora-infra.example', username: 'zuul', tags: ['SERVICE_USER'] },
    proposal: { _account_id: 11131, name: 'Aurora Proposal Bot', email: 'infra-root@aurora-infra.example', username: 'proposal-bot' },
    sunbeamCi: { _account_id: 30219, name: 'Sunbeam Storage CI', email: 'ci@sunbeam-storage.example', username: 'sunbeam-ci' },
  };

  const people: Person[] = NAMES.map((name, i) => {
    // Independents are about one in eight; the rest spread over the orgs, big ones first.
    const org = rng.chance(0.12) ? INDEPENDENT : (ORGS[Math.min(ORGS.length - 1, Math.floor(rng.next() ** 1.4 * ORGS.length))] as Org);
    const local = asciiFold(name);
    const username = local.replace(/\./g, '').slice(0, 12) + (i % 7 === 3 ? String(i) : '');
    const email = org === INDEPENDENT ? `${username}@example.net` : `${local}@${org.domain}`;
    // Early roster entries are founders (rank order = prolificness); later ones join over time.
    // Non-ASCII names are founders who stay, so the hostile-text fixtures can always use them.
    const nonAscii = /[^\x00-\x7f]/.test(name);
    const founder = i < 26 || rng.chance(0.15) || nonAscii;
    const joined = founder ? start - rng.int(60, 900) * DAY : start + Math.floor(span * Math.sqrt(rng.next()) * 0.95);
    const leaves = nonAscii ? false : !founder ? rng.chance(0.25) : i >= 12 && rng.chance(0.2);
    const left = leaves ? Math.min(end + DAY, Math.max(joined, start) + rng.int(150, 700) * DAY) : end + 365 * DAY;
    const primary = PROJECTS[rng.weighted(PROJECTS.map((p) => PROJECT_WEIGHTS[p]))] as ProjectName;
    const secondary = PROJECTS.filter((p) => p !== primary && rng.chance(0.3));
    return {
      account: { _account_id: 0, name, email, username },
      org,
      weight: 1 / Math.pow(i + 1, 0.85) + (i >= 65 ? 0.06 : 0),
      primary,
      secondary,
      joined,
      left,
      coreOf: [],
      coreSince: Number.POSITIVE_INFINITY,
    };
  });

  // Cores: the three most prolific long-stayers of each project, plus one newcomer promoted later.
  for (const project of PROJECTS) {
    const stayers = people.filter((p) => p.left > end && p.joined < start && p.coreOf.length < 2);
    const own = stayers.filter((p) => p.primary === project).slice(0, 3);
    for (const p of stayers) if (own.length < 3 && !own.includes(p)) own.push(p);
    for (const p of own) {
      p.coreOf.push(project);
      p.coreSince = Math.min(p.coreSince, start - 30 * DAY);
      if (p.primary !== project && !p.secondary.includes(project)) p.secondary.push(project);
    }
    const newcomer = people.find((p) => p.joined > start && p.joined < start + span / 2 && p.left > end && p.coreOf.length === 0 && p.primary === project);
    if (newcomer) {
      newcomer.coreOf.push(project);
      newcomer.coreSince = newcomer.joined + 270 * DAY;
    }
  }

  // Account ids grow with registration time, as on a real server.
  const byJoin = [...people].sort((a, b) => a.joined - b.joined);
  let nextId = 27011;
  for (const p of byJoin) {
    nextId += rng.int(3, 240);
    p.account._account_id = nextId;
  }

  const projects: Record<string, ProjectInfo> = {};
  for (const name of PROJECTS) projects[name] = { id: encodeURIComponent(name), state: 'ACTIVE', description: PROJECT_DESCRIPTIONS[name] };

  const accounts = [bots.zuul, bots.proposal, bots.sunbeamCi, ...byJoin.map((p) => p.account)];
  return { people, bots, accounts, projects };
}

/** Core reviewers of `project` at time `t`. */
export function coresAt(community: Community, project: ProjectName, t: number): Person[] {
  return community.people.filter((p) => p.coreOf.includes(project) && p.coreSince <= t && p.joined <= t && p.left > t);
}

/** Someone active at `t`, weighted by activity and affinity to `project`. */
export function pickPerson(rng: Rng, community: Community, project: ProjectName, t: number, exclude: readonly Person[] = []): Person {
  const people = community.people;
  const weights = people.map((p) => {
    if (p.joined > t || p.left <= t || exclude.includes(p)) return 0;
    const affinity = p.primary === project ? 1 : p.secondary.includes(project) ? 0.3 : 0.02;
    return p.weight * affinity;
  });
  if (!weights.some((w) => w > 0)) return rng.pick(people.filter((p) => !exclude.includes(p)));
  return people[rng.weighted(weights)] as Person;
}
