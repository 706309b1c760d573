/**
 * The Aurora community's design specs, nova-specs style: which specs exist,
 * who wrote them, and their lives as events (proposed in Gerrit, approved for
 * a release, implemented, re-proposed, abandoned, parked in the backlog). The
 * same events drive the specs git repository (specs-repo.ts) and the
 * `aurora/specs` review changes plus implementation changes of the Gerrit demo
 * (spec-changes.ts), so the two always agree. Pure and deterministic.
 *
 *   specs/<R>-template.rst, specs/<R>/index.rst     opened at the start of each cycle
 *   specs/<R>/approved/<name>.rst                   a merged proposal
 *   specs/<R>/implemented/<name>.rst + redirects    moved after the release
 *   specs/<R+1>/approved/<name>.rst                 a re-proposal (the old copy stays)
 *   specs/abandoned/<name>.rst, specs/backlog/...   parked
 *   specs/<R>/postponed/<name>.rst                  a status word nobody defined
 *   specs/<R>/approved/<old>.rst -> <name>.rst      a symlink kept for old links
 */
import { DAY, parseDay, releasesBetween, type Release } from './calendar.ts';
import { buildCommunity, coresAt, type Community, type Person, type ProjectName } from './community.ts';
import { Rng } from './prng.ts';
import { SPEC_IDEAS, type SpecIdea } from './specs-ideas.ts';
import { BLUEPRINT_BASE, GITREVIEW, abandonedIndexRst, backlogIndexRst, docIndexRst, readmeRst, releaseIndexRst, specRst, templateRst } from './specs-rst.ts';

/** The specs repository as the demo config names it (the sync reads a local copy). */
export const SPECS_REPO_URL = 'https://opendev.aurora.example/aurora/specs';
/** Browse base for files of the master branch. */
export const SPECS_WEB_URL = `${SPECS_REPO_URL}/src/branch/master/`;
/** The Gerrit project of the specs repository. */
export const SPECS_PROJECT = 'aurora/specs';

const HOUR = 3600;
const DEMO_START = parseDay('2023-11-01');
const DEMO_END = parseDay('2026-10-31') + DAY - 1;
/** The repository's first commit, before the first cycle with specs opens. */
const LAYOUT_DAY = parseDay('2024-03-18');

export type SpecFate = 'implemented' | 'approved' | 'reproposed' | 'abandoned' | 'backlog' | 'postponed';
export const SPEC_CASES = ['approved', 'implemented', 'reproposed', 'abandoned', 'backlog', 'unknown-status', 'symlink', 'hostile', 'broken', 'unrenderable', 'co-author', 'in-progress'] as const;
export type SpecCase = (typeof SPEC_CASES)[number];

export interface SpecIdent {
  name: string;
  email: string;
  username: string;
}

/** A review change in `aurora/specs` whose merge is a commit of the repository. */
export interface SpecReview {
  changeId: string;
  subject: string;
  /** The full commit message, trailers and Change-Id included (the repository commit has the same). */
  message: string;
  /** The file it adds. */
  path: string;
  text: string;
  release?: string;
  owner: SpecIdent;
  /** Unix seconds: first upload, and merge (= the repository commit's date). */
  created: number;
  merged: number;
}

/** A change in a code project implementing the spec's blueprint. */
export interface SpecWork {
  changeId: string;
  project: ProjectName;
  subject: string;
  message: string;
  trailer: 'Implements' | 'Partially-Implements';
  owner: SpecIdent;
  created: number;
  /** Absent while the change is still open. */
  merged?: number;
}

export interface DemoSpec {
  name: string;
  title: string;
  blueprint: string;
  project: ProjectName;
  author: SpecIdent;
  coAuthor?: SpecIdent;
  /** The release it was first approved for; absent for backlog specs. */
  release?: string;
  fate: SpecFate;
  cases: SpecCase[];
  /** Where the spec is at the end. */
  path: string;
  /** Symlinks to it. */
  aliases: string[];
  reviews: SpecReview[];
  work: SpecWork[];
}

export type SpecOp =
  | { op: 'write'; path: string; text: string }
  | { op: 'append'; path: string; text: string }
  | { op: 'move'; from: string; to: string }
  | { op: 'link'; path: string; target: string };

export type SpecEvent = 'layout' | 'open' | 'approve' | 'repropose' | 'backlog' | 'implement' | 'abandon' | 'postpone' | 'alias';

export interface SpecCommit {
  /** Unix seconds; author and committer date. */
  at: number;
  /** The same, as UTC ISO 8601. */
  date: string;
  author: SpecIdent;
  message: string;
  event: SpecEvent;
  spec?: string;
  ops: SpecOp[];
}

export interface DemoSpecs {
  /** The releases that had specs, oldest first. */
  releases: string[];
  specs: DemoSpec[];
  /** In date order: applied one by one they give the repository. */
  commits: SpecCommit[];
  /** The tree at the end: regular files, and symlinks (path -> target). */
  files: Map<string, string>;
  links: Map<string, string>;
}

interface Plan {
  name: string;
  /** Index into the spec releases; -1 for backlog. */
  slot: number;
  fate: SpecFate;
  /** Implementation changes (merged). */
  impl?: number;
  cases?: SpecCase[];
  /** Backlog specs: under backlog/approved/ (nova-specs) or directly under backlog/. */
  flat?: boolean;
  /** The old name a symlink keeps. */
  oldName?: string;
}

/** Which spec lives which life, by release slot (0 = the first release with specs). */
const PLANS: readonly Plan[] = [
  { name: 'unified-limits-enforcement', slot: 0, fate: 'implemented', impl: 3 },
  { name: 'dhcp-lease-metrics', slot: 0, fate: 'implemented', impl: 1 },
  { name: 'ovn-migration-tool', slot: 0, fate: 'reproposed', impl: 2 },
  { name: 'server-group-soft-limits', slot: 0, fate: 'abandoned' },
  { name: 'graceful-compute-shutdown', slot: 0, fate: 'implemented', impl: 2, cases: ['co-author'] },
  { name: 'router-gateway-ecmp', slot: 1, fate: 'implemented', impl: 1 },
  { name: 'placement-allocation-audit', slot: 1, fate: 'implemented', impl: 2 },
  { name: 'evacuate-target-hint', slot: 1, fate: 'approved' },
  { name: 'security-group-rule-quotas', slot: 1, fate: 'reproposed' },
  { name: 'dark-mode-theme', slot: 1, fate: 'implemented', impl: 1 },
  { name: 'live-migration-progress-api', slot: 2, fate: 'implemented', impl: 2 },
  { name: 'port-binding-audit-log', slot: 2, fate: 'implemented', impl: 1 },
  { name: 'console-html-banner', slot: 2, fate: 'approved', cases: ['hostile'] },
  { name: 'hypervisor-maintenance-mode', slot: 2, fate: 'postponed' },
  { name: 'image-precache-aggregates', slot: 2, fate: 'backlog', cases: ['unrenderable'] },
  { name: 'vtpm-live-migration', slot: 2, fate: 'approved', cases: ['symlink'], oldName: 'libvirt-vtpm-migration' },
  { name: 'volume-attach-retry', slot: 3, fate: 'implemented', impl: 2 },
  { name: 'floating-ip-port-forwarding-ranges', slot: 3, fate: 'implemented', impl: 3 },
  { name: 'quota-usage-caching', slot: 3, fate: 'approved', cases: ['broken'] },
  { name: 'segment-aware-dhcp', slot: 3, fate: 'reproposed' },
  { name: 'per-flavor-console-timeout', slot: 3, fate: 'abandoned' },
  { name: 'install-guide-containers', slot: 3, fate: 'backlog', flat: true },
  { name: 'instance-boot-order-api', slot: 4, fate: 'implemented', impl: 2 },
  { name: 'dashboard-react-port', slot: 4, fate: 'approved', cases: ['in-progress'] },
  { name: 'network-log-export', slot: 4, fate: 'approved' },
];

export interface SpecsOptions {
  /** The community seed (the Gerrit demo's): authors and reviewers come from it. */
  seed?: string;
}

function iso(t: number): string {
  return new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A working-hours instant on the day of `t` (UTC). */
function workTime(rng: Rng, t: number): number {
  return Math.floor(t / DAY) * DAY + rng.int(8, 17) * HOUR + rng.int(0, 3599);
}

function ident(p: Person): SpecIdent {
  return { name: p.account.name, email: p.account.email, username: p.account.username };
}

function activeThrough(p: Person, from: number, to: number): boolean {
  return p.joined <= from && p.left > to;
}

/** Someone of the project active over [from, to], weighted by activity; never one of `exclude`. */
function pickActive(rng: Rng, community: Community, project: ProjectName, from: number, to: number, exclude: readonly Person[] = []): Person {
  let pool = community.people.filter((p) => activeThrough(p, from, to) && !exclude.includes(p));
  if (!pool.length) pool = community.people.filter((p) => activeThrough(p, from, from) && !exclude.includes(p));
  // Spec writing is less concentrated than code review: soften the activity weights.
  const weights = pool.map((p) => Math.sqrt(p.weight) * (p.primary === project ? 1 : p.secondary.includes(project) ? 0.3 : 0.02));
  return pool[rng.weighted(weights)] as Person;
}

/** A core of the project at `t` (the one who files moves), or any core. */
function coreAt(rng: Rng, community: Community, project: ProjectName, t: number): Person {
  const cores = coresAt(community, project, t);
  if (cores.length) return rng.pick(cores);
  return rng.pick(community.people.filter((p) => p.coreOf.length && p.joined <= t && p.left > t));
}

/** The releases whose whole cycle lies inside the demo, from the first after 2024-03 (five). */
function specReleases(): { release: Release; opens: number }[] {
  const all = releasesBetween(DEMO_START, DEMO_END);
  const out: { release: Release; opens: number }[] = [];
  for (let i = 1; i < all.length; i++) {
    const prev = all[i - 1] as Release;
    if (prev.at > LAYOUT_DAY) out.push({ release: all[i] as Release, opens: prev.at + DAY });
  }
  if (out.length < 5) throw new Error(`demo specs: need five release cycles after the layout commit, found ${out.length}`);
  return out.slice(0, 5);
}

function changeIdOf(rng: Rng): string {
  return `I${rng.hex(40)}`;
}

function trailers(lines: readonly string[]): string {
  return lines.filter(Boolean).join('\n');
}

interface Ctx {
  seed: string;
  community: Community;
  cycles: { release: Release; opens: number }[];
  commits: SpecCommit[];
  /** Where each spec built so far ends up (the `:doc:` links of later specs point there). */
  paths: Map<string, string>;
}

function commit(ctx: Ctx, at: number, author: SpecIdent, message: string, event: SpecEvent, ops: SpecOp[], spec?: string): void {
  ctx.commits.push({ at, date: iso(at), author, message, event, ops, ...(spec ? { spec } : {}) });
}

/** `a/b/c.rst` relative to the folder of `from`, without the extension (a `:doc:` target). */
function relativeDoc(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.replace(/\.rst$/, '').split('/');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

function specFolder(release: string | undefined, status: string, flat = false): string {
  if (!release) return flat ? 'specs/backlog' : 'specs/backlog/approved';
  return `specs/${release}/${status}`;
}

/** The proposal's commit message: what the spec is, where it goes, and the trailers. */
function proposalMessage(subject: string, idea: SpecIdea, path: string, extra: string[], changeId: string): string {
  const impact = idea.api ? 'APIImpact' : '';
  return `${subject}\n\n${idea.summary}\n\nThis adds ${path} for blueprint ${idea.name}.\n\n${trailers([impact, ...extra, `Change-Id: ${changeId}`])}\n`;
}

function buildSpec(ctx: Ctx, plan: Plan, idea: SpecIdea): DemoSpec {
  const rng = new Rng(`${ctx.seed}/specs/${idea.name}`);
  const { community, cycles } = ctx;
  const backlog = plan.fate === 'backlog';
  const cycle = cycles[plan.slot] as { release: Release; opens: number };
  const nextCycle = cycles[plan.slot + 1];
  const release = backlog ? undefined : cycle.release.name;
  const proposed = workTime(rng, cycle.opens + rng.int(8, 45) * DAY);
  const approved = workTime(rng, proposed + rng.int(12, 40) * DAY);
  // The author stays around for the spec's whole active life.
  const lifeEnd = Math.min(DEMO_END, (nextCycle?.release.at ?? cycle.release.at) + 30 * DAY);
  const authorP = pickActive(rng, community, idea.project, proposed, plan.fate === 'implemented' ? lifeEnd : approved);
  const author = ident(authorP);
  const coAuthorP = plan.cases?.includes('co-author') ? pickActive(rng, community, idea.project, proposed, approved, [authorP]) : undefined;
  const coAuthor = coAuthorP ? ident(coAuthorP) : undefined;
  const cases: SpecCase[] = [...(plan.cases ?? [])];
  const add = (c: SpecCase) => { if (!cases.includes(c)) cases.push(c); };

  const path = `${specFolder(release, 'approved', plan.flat)}/${idea.name}.rst`;
  const depPath = idea.depends ? ctx.paths.get(idea.depends) : undefined;
  const text = (forRelease: string, history: [string, string][], at: string) =>
    specRst(idea, {
      assignee: author.username,
      others: coAuthor ? [coAuthor.username] : [],
      history,
      release: forRelease,
      ...(depPath ? { dependsDoc: relativeDoc(at, depPath) } : {}),
      ...(plan.cases?.includes('hostile') ? { hostile: true } : {}),
      ...(plan.cases?.includes('broken') ? { broken: true } : {}),
      ...(plan.cases?.includes('unrenderable') ? { unrenderable: true } : {}),
    });
  const firstText = text(release ?? 'backlog', [[release ?? 'Backlog', 'Introduced']], path);
  const reviewId = changeIdOf(rng);
  const subject = backlog ? `Add ${idea.name} to the backlog` : `Propose ${idea.title}`;
  const coTrailer = coAuthor ? [`Co-Authored-By: ${coAuthor.name} <${coAuthor.email}>`] : [];
  const reviews: SpecReview[] = [{
    changeId: reviewId, subject, message: proposalMessage(subject, idea, path, coTrailer, reviewId), path, text: firstText,
    ...(release ? { release } : {}), owner: author, created: proposed, merged: approved,
  }];
  commit(ctx, approved, author, reviews[0]!.message, backlog ? 'backlog' : 'approve', [{ op: 'write', path, text: firstText }], idea.name);
  add(backlog ? 'backlog' : 'approved');
  if (coAuthor) add('co-author');

  let current = path;
  let implCycle = cycle;
  let implFrom = approved;
  if (plan.fate === 'reproposed' && nextCycle) {
    // Not done in its release: copied to the next one, reviewed again; the old copy stays where it was.
    const r2 = nextCycle.release.name;
    const again = workTime(rng, cycle.release.at + rng.int(3, 15) * DAY);
    const merged = workTime(rng, again + rng.int(10, 30) * DAY);
    const owner = activeThrough(authorP, again, merged) ? authorP : pickActive(rng, community, idea.project, again, merged);
    const path2 = `specs/${r2}/approved/${idea.name}.rst`;
    const text2 = text(r2, [[cycle.release.name, 'Introduced'], [r2, 'Re-proposed']], path2);
    const id2 = changeIdOf(rng);
    const subject2 = `Re-propose ${idea.name} for ${r2}`;
    const message2 = proposalMessage(subject2, idea, path2, [`Previously-approved: ${cycle.release.name}`], id2);
    reviews.push({ changeId: id2, subject: subject2, message: message2, path: path2, text: text2, release: r2, owner: ident(owner), created: again, merged });
    commit(ctx, merged, ident(owner), message2, 'repropose', [{ op: 'write', path: path2, text: text2 }], idea.name);
    add('reproposed');
    current = path2;
    implCycle = nextCycle;
    implFrom = merged;
  }

  const work = buildWork(rng, ctx, plan, idea, authorP, implFrom, implCycle.release.at);
  if (work.some((w) => w.merged !== undefined)) {
    // After the release a core moves the spec and records the move in the release's redirects file.
    const r = implCycle.release.name;
    const at = workTime(rng, implCycle.release.at + rng.int(4, 18) * DAY);
    const to = `specs/${r}/implemented/${idea.name}.rst`;
    const mover = ident(coreAt(rng, community, idea.project, at));
    commit(ctx, at, mover, `Move implemented ${idea.name} spec for ${r}\n\nBlueprint ${idea.name} was completed in ${r}.\n`, 'implement', [
      { op: 'move', from: current, to },
      { op: 'append', path: `specs/${r}/redirects`, text: `approved/${idea.name}.rst ../implemented/${idea.name}.rst\n` },
    ], idea.name);
    current = to;
    add('implemented');
  }
  if (work.some((w) => w.merged === undefined)) add('in-progress');

  if (plan.fate === 'abandoned') {
    const at = workTime(rng, cycle.release.at + rng.int(60, 140) * DAY);
    const to = `specs/abandoned/${idea.name}.rst`;
    commit(ctx, at, ident(coreAt(rng, community, idea.project, at)), `Abandon ${idea.name}\n\nNobody has worked on blueprint ${idea.name} since ${cycle.release.name}; move it out of the release.\n`, 'abandon', [{ op: 'move', from: current, to }], idea.name);
    current = to;
    add('abandoned');
  }
  if (plan.fate === 'postponed') {
    // A status folder nobody defined: the reader must keep the spec and show the word as written.
    const at = workTime(rng, cycle.release.at + rng.int(8, 25) * DAY);
    const to = `specs/${cycle.release.name}/postponed/${idea.name}.rst`;
    commit(ctx, at, ident(coreAt(rng, community, idea.project, at)), `Postpone ${idea.name}\n\nWe agreed at the PTG to look at this again once the libvirt work settles.\n`, 'postpone', [{ op: 'move', from: current, to }], idea.name);
    current = to;
    add('unknown-status');
  }
  const aliases: string[] = [];
  if (plan.oldName) {
    const at = workTime(rng, approved + rng.int(20, 45) * DAY);
    const link = `${specFolder(release, 'approved')}/${plan.oldName}.rst`;
    commit(ctx, at, ident(coreAt(rng, community, idea.project, at)), `Keep the old name of ${idea.name}\n\nThe blueprint was renamed from ${plan.oldName}; keep a link so old URLs work.\n`, 'alias', [{ op: 'link', path: link, target: `${idea.name}.rst` }], idea.name);
    aliases.push(link);
    add('symlink');
  }
  ctx.paths.set(idea.name, current);
  return {
    name: idea.name, title: idea.title, blueprint: `${BLUEPRINT_BASE}${idea.name}`, project: idea.project, author,
    ...(coAuthor ? { coAuthor } : {}), ...(release ? { release } : {}), fate: plan.fate, cases, path: current, aliases, reviews, work,
  };
}

/** Implementation changes: merged ones between approval and feature freeze, or one open change for an in-progress spec. */
function buildWork(rng: Rng, ctx: Ctx, plan: Plan, idea: SpecIdea, author: Person, from: number, releaseAt: number): SpecWork[] {
  const open = plan.cases?.includes('in-progress');
  const count = open ? 1 : plan.impl ?? 0;
  if (!count) return [];
  const windowStart = from + 4 * DAY;
  const slot = Math.floor((releaseAt - 25 * DAY - windowStart) / count);
  if (slot < 6 * DAY) throw new Error(`demo specs: ${idea.name} has too little time for ${count} implementation changes`);
  const out: SpecWork[] = [];
  for (let i = 0; i < count; i++) {
    const created = workTime(rng, windowStart + slot * i + rng.int(0, Math.floor(slot * 0.25)));
    const merged = open ? undefined : created + Math.min(Math.floor(slot * 0.8), rng.int(5, 18) * DAY + rng.int(0, 8 * HOUR));
    const ownerP = rng.chance(0.7) && activeThrough(author, created, merged ?? created) ? author : pickActive(rng, ctx.community, idea.project, created, merged ?? created);
    const trailer = i === count - 1 && !open ? 'Implements' : 'Partially-Implements';
    const subject = idea.work[i] ?? `${idea.work[idea.work.length - 1] ?? idea.title} (part ${i + 1})`;
    const changeId = changeIdOf(rng);
    const message = `${subject}\n\n${idea.summary}\n\n${trailer}: blueprint ${idea.name}\nChange-Id: ${changeId}\n`;
    out.push({ changeId, project: idea.project, subject, message, trailer, owner: ident(ownerP), created, ...(merged !== undefined ? { merged } : {}) });
  }
  return out;
}

/** The layout commit and one commit per release opening its template and index. */
function repositoryCommits(ctx: Ctx): void {
  const rng = new Rng(`${ctx.seed}/specs/layout`);
  const first = workTime(rng, LAYOUT_DAY);
  const founder = ident(coreAt(rng, ctx.community, 'aurora/compute', first));
  commit(ctx, first, founder, 'Initial layout of the Aurora specs repository\n', 'layout', [
    { op: 'write', path: 'README.rst', text: readmeRst() },
    { op: 'write', path: '.gitreview', text: GITREVIEW },
    { op: 'write', path: 'doc/source/index.rst', text: docIndexRst([]) },
    { op: 'write', path: 'specs/backlog/index.rst', text: backlogIndexRst() },
    { op: 'write', path: 'specs/abandoned/index.rst', text: abandonedIndexRst() },
  ]);
  const opened: string[] = [];
  for (const { release, opens } of ctx.cycles) {
    opened.push(release.name);
    const at = opens + 9 * HOUR + rng.int(0, 3599);
    commit(ctx, at, ident(coreAt(rng, ctx.community, 'aurora/compute', at)), `Open ${release.name} for spec proposals\n\nAdd the ${release.name} template and index.\n`, 'open', [
      { op: 'write', path: `specs/${release.name}-template.rst`, text: templateRst(release.name) },
      { op: 'write', path: `specs/${release.name}/index.rst`, text: releaseIndexRst(release.name) },
      { op: 'write', path: 'doc/source/index.rst', text: docIndexRst(opened) },
    ]);
  }
}

/** Applies the commits in order: the tree at the end. */
export function finalTree(commits: readonly SpecCommit[]): { files: Map<string, string>; links: Map<string, string> } {
  const files = new Map<string, string>();
  const links = new Map<string, string>();
  for (const c of commits) {
    for (const op of c.ops) {
      if (op.op === 'write') files.set(op.path, op.text);
      else if (op.op === 'append') files.set(op.path, (files.get(op.path) ?? '') + op.text);
      else if (op.op === 'link') links.set(op.path, op.target);
      else {
        const text = files.get(op.from);
        if (text === undefined) throw new Error(`demo specs: commit "${c.message.split('\n')[0]}" moves ${op.from}, which does not exist`);
        files.delete(op.from);
        files.set(op.to, text);
      }
    }
  }
  return { files, links };
}

/** The demo's specs and their repository history. Pure: the same seed gives the same specs. */
export function generateSpecs(options: SpecsOptions = {}): DemoSpecs {
  const seed = options.seed ?? 'agora-demo';
  const community = buildCommunity(seed, DEMO_START, DEMO_END);
  const ctx: Ctx = { seed, community, cycles: specReleases(), commits: [], paths: new Map() };
  repositoryCommits(ctx);
  const ideas = new Map(SPEC_IDEAS.map((i) => [i.name, i]));
  const specs = PLANS.map((plan) => {
    const idea = ideas.get(plan.name);
    if (!idea) throw new Error(`demo specs: no idea named ${plan.name}`);
    return buildSpec(ctx, plan, idea);
  });
  // Stable sort: commits of the same second keep the order they were made in.
  const commits = [...ctx.commits].sort((a, b) => a.at - b.at);
  return { releases: ctx.cycles.map((c) => c.release.name), specs, commits, ...finalTree(commits) };
}
