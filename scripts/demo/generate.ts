import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { once } from 'node:events';
import { DAY, parseDay, releasesBetween, sampleCreationTimes, type Release } from './calendar.ts';
import { PROJECTS, PROJECT_WEIGHTS, buildCommunity, pickPerson, type Community, type ProjectName } from './community.ts';
import type { AccountInfo, ChangeInfo, ProjectInfo } from './gerrit-types.ts';
import { HASHTAGS, TOPICS, commitBody, subjectFor } from './phrases.ts';
import { Rng } from './prng.ts';
import { renderChange } from './render.ts';
import { simulate, type ChangeSpec, type Outcome } from './simulate.ts';
import { SPECS_PROJECT_INFO, specChanges, specChangeTimes, type ExtraChange } from './spec-changes.ts';
import { FIRST_CHANGE_NUMBER, QUOKKA_INDEX, SPECIALS } from './specials.ts';
import { SPECS_PROJECT, generateSpecs } from './specs.ts';

/**
 * The deterministic demo community: Gerrit REST fixtures (changes.jsonl,
 * projects.json, accounts.json) that the simulator serves and the real client syncs.
 */

export { QUOKKA_SUBJECT } from './specials.ts';

export interface DemoOptions {
  seed?: string;
  /** First day of activity, YYYY-MM-DD (UTC). */
  start?: string;
  /** Last day of activity, inclusive, YYYY-MM-DD (UTC). */
  end?: string;
  /** Number of changes; by default 2,300-2,500 drawn from the seed. */
  changes?: number;
  /**
   * Add the `aurora/specs` project with the demo specs' reviews and their
   * implementation changes (specs.ts); by default only for the demo's own window.
   */
  specs?: boolean;
}

export interface DemoData<C extends Iterable<ChangeInfo> = ChangeInfo[]> {
  changes: C;
  projects: Record<string, ProjectInfo>;
  accounts: AccountInfo[];
}

interface Merged {
  subject: string;
  body: string;
  sha: string;
  changeId: string;
  topic?: string;
  submitted: number;
}

/** What later changes see of earlier ones: branch heads and recent merges to cherry-pick. */
class History {
  private heads = new Map<string, { commit: string; subject: string }>();
  private merged = new Map<string, Merged[]>();
  constructor(private rng: Rng) {}

  head(project: string, branch: string): { commit: string; subject: string } {
    const key = `${project} ${branch}`;
    let h = this.heads.get(key);
    if (!h) {
      h = { commit: this.rng.hex(40), subject: branch === 'master' ? 'Merge "Update hacking for Python 3.12"' : `Update .gitreview for ${branch}` };
      this.heads.set(key, h);
    }
    return h;
  }

  record(change: ChangeInfo, body: string, submitted: number | undefined, pool: boolean): void {
    // Special changes stay out of later parents and backports, so their words occur exactly once.
    if (!pool || change.status !== 'MERGED' || submitted === undefined) return;
    this.heads.set(`${change.project} ${change.branch}`, { commit: change.current_revision, subject: change.subject });
    if (change.branch !== 'master') return;
    const list = this.merged.get(change.project) ?? [];
    list.push({ subject: change.subject, body, sha: change.current_revision, changeId: change.change_id, submitted, ...(change.topic ? { topic: change.topic } : {}) });
    if (list.length > 80) list.shift();
    this.merged.set(change.project, list);
  }

  /** The branch head if one is known, without creating one (spec changes must not move the random stream). */
  peek(project: string, branch: string): { commit: string; subject: string } | undefined {
    return this.heads.get(`${project} ${branch}`);
  }

  backportable(project: string, t: number): Merged[] {
    return (this.merged.get(project) ?? []).filter((m) => m.submitted < t - DAY && m.submitted > t - 150 * DAY);
  }
}

function botSubject(rng: Rng, project: ProjectName, t: number, releases: readonly Release[]): string {
  const fresh = releases.find((r) => t >= r.at && t - r.at < 21 * DAY);
  if (fresh && rng.chance(0.6)) return `Update master for stable/${fresh.name}`;
  if ((project === 'aurora/dashboard' || project === 'aurora/docs') && rng.chance(0.6)) return 'Imported Translations from Weblate';
  return 'Update requirements';
}

function pickOutcome(rng: Rng, created: number, end: number, bot: boolean): Outcome {
  if (bot) return rng.chance(0.9) ? 'MERGED' : 'ABANDONED';
  const openShare = created > end - 120 * DAY ? 0.12 : 0.04;
  const r = rng.next();
  return r < openShare ? 'NEW' : r < openShare + 0.15 ? 'ABANDONED' : 'MERGED';
}

function specFor(index: number, number: number, rng: Rng, community: Community, history: History, releases: readonly Release[], created: number, end: number): { spec: ChangeSpec; changeId: string; pool: boolean } {
  const special = SPECIALS.get(index);
  const project = special?.project ?? (PROJECTS[rng.weighted(PROJECTS.map((p) => PROJECT_WEIGHTS[p]))] as ProjectName);
  const bot = !special && rng.chance(0.07);
  const next = releases.find((r) => r.at > created)?.name ?? 'next';
  let changeId = `I${rng.hex(40)}`;
  let branch = 'master';
  let subject = special?.subject ?? (bot ? botSubject(rng, project, created, releases) : subjectFor(rng, project, next));
  let body = bot
    ? subject.startsWith('Imported') ? 'Automatically imported translations from the Weblate project.' : 'Generated by the Aurora Proposal Bot.'
    : commitBody(rng, project);
  let topic = !bot && rng.chance(0.25) ? rng.pick(TOPICS) : undefined;
  let cherryPickOf: string | undefined;
  if (!special && !bot && rng.chance(0.1)) {
    // Backport: same Change-Id and subject on a stable branch, as `git review` cherry-picks do.
    const stable = releases.filter((r) => r.at < created).slice(-3);
    const origin = history.backportable(project, created);
    if (stable.length && origin.length) {
      const o = rng.pick(origin);
      branch = `stable/${(stable[rng.weighted(stable.map((_, i) => i + 1))] as Release).name}`;
      ({ subject, body, changeId } = o);
      topic = o.topic;
      cherryPickOf = o.sha;
    }
  }
  const ownerPerson = special?.ownerName
    ? community.people.find((p) => p.account.name === special.ownerName)
    : bot ? undefined : pickPerson(rng, community, project, created);
  const owner = bot ? community.bots.proposal : ownerPerson?.account ?? pickPerson(rng, community, project, created).account;
  const hashtags = !bot && rng.chance(0.08) ? [...new Set([rng.pick(HASHTAGS), rng.pick(HASHTAGS)])].slice(0, rng.int(1, 2)) : [];
  const spec: ChangeSpec = {
    number, created, project, branch, subject, body, owner,
    ownerTz: ownerPerson?.org.tz ?? 0,
    outcome: special?.outcome ?? pickOutcome(rng, created, end, bot),
    bot, hashtags,
    parent: history.head(project, branch),
    ...(topic ? { topic } : {}),
    ...(cherryPickOf ? { cherryPickOf } : {}),
    ...(special?.extraReview ? { extraReview: special.extraReview } : {}),
  };
  return { spec, changeId, pool: !special };
}

/**
 * The changes in creation order. `extras` (sorted by creation time) are made
 * outside the seeded per-index stream and slotted in by time: they shift the
 * numbers of later changes, never their content.
 */
function* changeStream(seed: string, count: number, start: number, end: number, community: Community, extras: readonly ExtraChange[] = []): Generator<ChangeInfo> {
  const releases = releasesBetween(start, end);
  const times = sampleCreationTimes(new Rng(`${seed}/times`), count, start, end);
  const history = new History(new Rng(`${seed}/history`));
  const head = (project: string) => history.peek(project, 'master');
  let number = FIRST_CHANGE_NUMBER;
  let e = 0;
  for (let i = 0; i < count; i++) {
    const rng = new Rng(`${seed}#${i}`);
    const created = times[i] ?? start;
    for (; e < extras.length && (extras[e] as ExtraChange).created < created; e++) yield (extras[e] as ExtraChange).render(number++, end, head);
    const { spec, changeId, pool } = specFor(i, number++, rng, community, history, releases, created, end);
    const plan = simulate(rng, community, spec, changeId);
    const change = renderChange(plan, end, rng);
    const merge = plan.events.find((e) => e.type === 'merge' && e.at <= end);
    history.record(change, spec.body, merge?.at, pool);
    yield change;
  }
  for (; e < extras.length; e++) yield (extras[e] as ExtraChange).render(number++, end, head);
}

function window(options: DemoOptions): { seed: string; start: number; end: number } {
  const seed = options.seed ?? 'agora-demo';
  const start = parseDay(options.start ?? '2023-11-01');
  const end = parseDay(options.end ?? '2026-10-31') + DAY - 1;
  if (end <= start) throw new Error(`demo: end ${options.end} is not after start ${options.start}`);
  return { seed, start, end };
}

function defaultCount(seed: string): number {
  return new Rng(`${seed}/count`).int(2300, 2500);
}

/** The spec changes belong to the demo's own window: their dates are fixed. */
function wantsSpecs(options: DemoOptions): boolean {
  return options.specs ?? (options.start === undefined && options.end === undefined);
}

/** The demo community, all in memory (about 2,400 changes plus the specs' ~50). Pure: same options, same data. */
export function generateDemo(options: DemoOptions = {}): DemoData {
  const { seed, start, end } = window(options);
  const community = buildCommunity(seed, start, end);
  const count = options.changes ?? defaultCount(seed);
  const specs = wantsSpecs(options);
  const extras = specs ? specChanges(generateSpecs({ seed }), community, seed, end) : [];
  const projects = specs ? { ...community.projects, [SPECS_PROJECT]: SPECS_PROJECT_INFO } : community.projects;
  return { changes: [...changeStream(seed, count, start, end, community, extras)], projects, accounts: community.accounts };
}

/** The `_number` the default demo gives the regular change of creation index `index` (spec changes created before it shift it). */
function demoNumberOf(index: number): number {
  const { seed, start, end } = window({});
  const created = sampleCreationTimes(new Rng(`${seed}/times`), defaultCount(seed), start, end)[index] ?? start;
  return FIRST_CHANGE_NUMBER + index + specChangeTimes(generateSpecs({ seed })).filter((t) => t < created).length;
}

/** `_number` of the one change whose subject holds the word "quokka". */
export const DEMO_SEARCH_CHANGE = demoNumberOf(QUOKKA_INDEX);

/** `n` changes of the same shape, produced lazily so benchmarks can stream 100k+ of them. */
export function generateScaled(n: number, seed = 'agora-bench', options: Omit<DemoOptions, 'seed' | 'changes'> = {}): DemoData<Iterable<ChangeInfo>> {
  const { start, end } = window({ ...options, seed });
  const community = buildCommunity(seed, start, end);
  return {
    changes: { [Symbol.iterator]: () => changeStream(seed, n, start, end, community) },
    projects: community.projects,
    accounts: community.accounts,
  };
}

/** Writes the three fixture files; changes go out one line at a time, honouring back-pressure. */
export async function writeDemoFixtures(dir: string, data: DemoData<Iterable<ChangeInfo>>): Promise<{ changes: number }> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'projects.json'), `${JSON.stringify(data.projects, null, 2)}\n`);
  await writeFile(join(dir, 'accounts.json'), `${JSON.stringify(data.accounts, null, 2)}\n`);
  const path = join(dir, 'changes.jsonl');
  const out = createWriteStream(path);
  let count = 0;
  try {
    for (const change of data.changes) {
      if (!out.write(`${JSON.stringify(change)}\n`)) await once(out, 'drain');
      count++;
    }
    out.end();
    await once(out, 'finish');
  } catch (cause) {
    out.destroy();
    throw new Error(`demo: writing ${path} failed after ${count} changes`, { cause });
  }
  return { changes: count };
}

function cliArgs(argv: string[]): { out: string; changes?: number; seed?: string } {
  const get = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const out = get('--out');
  if (!out) throw new Error('usage: tsx scripts/demo/generate.ts --out DIR [--changes N] [--seed SEED]');
  const changes = get('--changes');
  if (changes !== undefined && !/^\d+$/.test(changes)) throw new Error(`--changes expects a number, got ${JSON.stringify(changes)}`);
  const seed = get('--seed');
  return { out, ...(changes ? { changes: Number(changes) } : {}), ...(seed ? { seed } : {}) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = cliArgs(process.argv.slice(2));
  const data = args.changes !== undefined ? generateScaled(args.changes, args.seed ?? 'agora-demo') : generateDemo(args.seed ? { seed: args.seed } : {});
  const t0 = performance.now();
  const { changes } = await writeDemoFixtures(args.out, data);
  console.log(`wrote ${changes} changes, ${data.accounts.length} accounts, ${Object.keys(data.projects).length} projects to ${args.out} in ${Math.round(performance.now() - t0)} ms`);
}
