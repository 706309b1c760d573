/**
 * A synthetic nova-specs repository for the specs benchmark: `count` specs
 * over five releases, one commit per spec landing (as a reviewed change
 * lands), follow-up edits, re-proposals in the next release, and near the end
 * of each release a couple of commits moving implemented specs from
 * approved/ to implemented/ with their `redirects` lines. Each release opens
 * with its template (`specs/<release>-template.rst`) and an index page, which
 * the layout leaves out. Seeded (src/lib/random.ts), so the same count and
 * seed give the same commits, and the same hashes, on every run.
 *
 * The repository is written with one `git fast-import` (real commits, no
 * working tree): a thousand `git add` + `git commit` pairs would take longer
 * than the sync being measured.
 */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { mulberry32 } from '../../src/lib/random.ts';
import { syntheticRst, syntheticTemplate, words } from './spec-docs.ts';

export const RELEASES = ['2023.1', '2023.2', '2024.1', '2024.2', '2025.1'] as const;

export type RepoOp = { op: 'write'; path: string; text: string } | { op: 'move'; from: string; to: string };

export interface RepoPerson {
  name: string;
  email: string;
}

export interface RepoCommit {
  /** Unix seconds: author and committer date. */
  at: number;
  author: RepoPerson;
  message: string;
  ops: RepoOp[];
}

export interface SyntheticSpecsRepo {
  commits: RepoCommit[];
  /** The tree at the last commit: path -> text. */
  files: Map<string, string>;
  /** Spec names (keys), and those whose newest file is in an implemented/ folder. */
  keys: string[];
  implemented: string[];
  /** Names proposed again in a later release (a second file of the same key). */
  reproposed: string[];
  /** Approved -> implemented moves over the whole history. */
  moves: number;
}

const DAY = 86_400;
/** 2022-09-01T00:00:00Z: the first release opens. */
const START = Date.UTC(2022, 8, 1) / 1000;
const RELEASE_DAYS = 182;
const AUTHORS: RepoPerson[] = Array.from({ length: 24 }, (_, i) => ({ name: `Bench Author ${i + 1}`, email: `author${i + 1}@bench.example` }));

const keyOf = (i: number) => `synthetic-${String(i).padStart(4, '0')}`;
const approvedPath = (release: string, key: string) => `specs/${release}/approved/${key}.rst`;

type Event =
  | { type: 'open'; at: number; release: string }
  | { type: 'land'; at: number; release: string; i: number }
  | { type: 'edit'; at: number; release: string; i: number }
  | { type: 'repropose'; at: number; from: string; release: string; i: number }
  | { type: 'implement'; at: number; release: string; share: number };

/** What happens in each release, with its time; applied in time order by `build`. */
function plan(count: number, next: () => number): Event[] {
  const int = (max: number) => Math.floor(next() * max);
  const events: Event[] = [];
  let first = 0;
  RELEASES.forEach((release, k) => {
    const opens = START + k * RELEASE_DAYS * DAY;
    const n = Math.floor((count * (k + 1)) / RELEASES.length) - first;
    events.push({ type: 'open', at: opens, release });
    for (let j = 0; j < n; j++) {
      const i = first + j;
      // Landings spread over days 5-150 of the release, at a seeded hour.
      const at = opens + 5 * DAY + Math.floor((j * 145 * DAY) / Math.max(1, n)) + int(DAY);
      events.push({ type: 'land', at, release, i });
      if (int(8) === 0) events.push({ type: 'edit', at: at + (1 + int(20)) * DAY, release, i });
      // One in fifteen is not implemented in time and proposed again in the next release.
      if (k + 1 < RELEASES.length && int(15) === 0) events.push({ type: 'repropose', at: opens + (RELEASE_DAYS + 3 + int(30)) * DAY, from: release, release: RELEASES[k + 1]!, i });
    }
    events.push({ type: 'implement', at: opens + 160 * DAY, release, share: 0.1 }, { type: 'implement', at: opens + 175 * DAY, release, share: 0.12 });
    first += n;
  });
  // Stable: events of one second keep their planned order.
  return events.map((e, n) => ({ e, n })).sort((a, b) => a.e.at - b.e.at || a.n - b.n).map(({ e }) => e);
}

/** The repository's commits, and what its tree ends as (see the module comment). */
export function syntheticSpecsRepo(count = 1000, seed = 1): SyntheticSpecsRepo {
  const next = mulberry32(seed);
  const int = (max: number) => Math.floor(next() * max);
  const author = () => AUTHORS[int(AUTHORS.length)]!;
  const files = new Map<string, string>();
  const redirects = new Map<string, string[]>();
  const commits: RepoCommit[] = [];
  const reproposed: string[] = [];
  let moves = 0;
  const commit = (at: number, message: string, ops: RepoOp[], by = author()) => {
    for (const op of ops) {
      if (op.op === 'write') files.set(op.path, op.text);
      else {
        files.set(op.to, files.get(op.from)!);
        files.delete(op.from);
      }
    }
    commits.push({ at, author: by, message, ops });
  };
  for (const e of plan(count, next)) {
    if (e.type === 'open') {
      commit(e.at, `Open ${e.release} for specs`, [
        { op: 'write', path: `specs/${e.release}-template.rst`, text: syntheticTemplate(e.release) },
        { op: 'write', path: `specs/${e.release}/index.rst`, text: `${e.release} specs\n${'='.repeat(e.release.length + 6)}\n\n.. toctree::\n   :glob:\n   :maxdepth: 1\n\n   approved/*\n   implemented/*\n` },
      ]);
    } else if (e.type === 'land') {
      const coAuthor = int(10) === 0 ? `\n\nCo-Authored-By: ${AUTHORS[int(AUTHORS.length)]!.name} <${AUTHORS[int(AUTHORS.length)]!.email}>` : '';
      commit(e.at, `Add spec for ${keyOf(e.i)}${coAuthor}`, [{ op: 'write', path: approvedPath(e.release, keyOf(e.i)), text: syntheticRst(e.i) }]);
    } else if (e.type === 'edit') {
      const path = [`specs/${e.release}/approved/${keyOf(e.i)}.rst`, `specs/${e.release}/implemented/${keyOf(e.i)}.rst`].find((p) => files.has(p));
      if (path) commit(e.at, `Clarify ${keyOf(e.i)}`, [{ op: 'write', path, text: `${files.get(path)!}\n${words(e.i * 7 + 3).paragraph()}\n` }]);
    } else if (e.type === 'repropose') {
      const old = approvedPath(e.from, keyOf(e.i));
      if (!files.has(old)) continue;
      reproposed.push(keyOf(e.i));
      commit(e.at, `Re-propose ${keyOf(e.i)} for ${e.release}`, [{ op: 'write', path: approvedPath(e.release, keyOf(e.i)), text: files.get(old)!.replace(/\* - 2024\.1\n {5}- Introduced\n/, `* - ${e.from}\n     - Introduced\n   * - ${e.release}\n     - Re-proposed\n`) }]);
    } else {
      const approved = [...files.keys()].filter((p) => p.startsWith(`specs/${e.release}/approved/`)).sort();
      const chosen = approved.filter(() => next() < e.share);
      if (!chosen.length) continue;
      const lines = redirects.get(e.release) ?? [];
      const ops: RepoOp[] = chosen.map((from) => ({ op: 'move', from, to: from.replace('/approved/', '/implemented/') }));
      for (const from of chosen) lines.push(`approved/${from.split('/').at(-1)} ../implemented/${from.split('/').at(-1)}`);
      redirects.set(e.release, lines);
      ops.push({ op: 'write', path: `specs/${e.release}/redirects`, text: `${lines.join('\n')}\n` });
      moves += chosen.length;
      commit(e.at, `Move implemented ${e.release} specs`, ops);
    }
  }
  return { commits, files, keys: Array.from({ length: count }, (_, i) => keyOf(i)), implemented: implementedKeys(files), reproposed, moves };
}

/** Names whose file in the newest release they have is in an implemented/ folder. */
function implementedKeys(files: ReadonlyMap<string, string>): string[] {
  const newest = new Map<string, string>();
  for (const path of [...files.keys()].sort()) {
    const m = /^specs\/[^/]+\/(approved|implemented)\/(.+)\.rst$/.exec(path);
    if (m) newest.set(m[2]!, m[1]!);
  }
  return [...newest].filter(([, status]) => status === 'implemented').map(([key]) => key);
}

/** One more commit, a day after the last: a paragraph added to the first approved spec of the newest release. */
export function touchOneSpec(repo: SyntheticSpecsRepo): { commit: RepoCommit; path: string } {
  const path = [...repo.files.keys()].filter((p) => p.startsWith(`specs/${RELEASES.at(-1)}/approved/`)).sort()[0]!;
  const text = `${repo.files.get(path)!}\nAn added paragraph about zanzibar quotas.\n`;
  return { path, commit: { at: repo.commits.at(-1)!.at + DAY, author: AUTHORS[0]!, message: `Touch ${path}`, ops: [{ op: 'write', path, text }] } };
}

/** The `git fast-import` stream of `commits` on master, continuing the branch when `append`. */
export function fastImportStream(commits: readonly RepoCommit[], append = false): string {
  const out: string[] = [];
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  commits.forEach((c, n) => {
    const who = `${c.author.name} <${c.author.email}> ${c.at} +0000`;
    out.push(`commit refs/heads/master\nauthor ${who}\ncommitter ${who}\n${data(c.message)}`);
    if (n === 0 && append) out.push('from refs/heads/master^0\n');
    for (const op of c.ops) out.push(op.op === 'write' ? `M 100644 inline ${op.path}\n${data(op.text)}` : `R ${op.from} ${op.to}\n`);
    out.push('\n');
  });
  return out.join('');
}

function git(dir: string, args: string[], input?: string): Promise<void> {
  // The machine's git configuration stays out (hooks, templates), so every run writes the same objects.
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' };
  return new Promise((resolve, reject) => {
    const child = execFile('git', ['-c', 'init.defaultBranch=master', ...args], { cwd: dir, env, maxBuffer: 16 * 1024 * 1024 }, (error, _out, stderr) => (error ? reject(new Error(`git ${args[0]}: ${String(stderr).trim() || error.message}`)) : resolve()));
    child.stdin?.end(input ?? '');
  });
}

/** A bare repository at `dir` holding `commits` on master (its HEAD). */
export async function writeBareRepo(dir: string, commits: readonly RepoCommit[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '-q', '--bare']);
  await git(dir, ['fast-import', '--quiet'], fastImportStream(commits));
}

/** Adds commits on top of master of a repository written by writeBareRepo. */
export async function appendCommits(dir: string, commits: readonly RepoCommit[]): Promise<void> {
  await git(dir, ['fast-import', '--quiet'], fastImportStream(commits, true));
}
