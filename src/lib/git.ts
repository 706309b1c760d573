/**
 * Git plumbing for the sources that read a repository (meeting definitions,
 * design specs). The system `git` is run with execFile, never through a
 * shell, with a time limit and an abort signal, and never asks for
 * credentials: a server that wants a password fails at once.
 *
 * `syncClone` keeps a clone in a cache folder: made on the first run (beside
 * the cache, then renamed into place, so a killed run leaves no half clone),
 * brought up to date with `git fetch` + `git reset --hard` on the next ones,
 * and read as it is, with a warning, when the fetch fails. `GitRepository`
 * reads a clone without touching its working tree: files and symbolic links
 * of a revision, blobs, the files changed between two revisions, and the
 * history of many files at once from one `git log` pass.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isoSeconds } from './clock.ts';

/** Where warnings go (the sources' Logger fits). */
export interface GitLog {
  warn(message: string): void;
}

export class GitError extends Error {}

export interface GitRunOptions {
  cwd?: string;
  signal?: AbortSignal;
  /** Limit for the command, in milliseconds. */
  timeoutMs?: number;
  /** Largest output kept, in bytes (whole-history logs are big). */
  maxBuffer?: number;
  /** Written to git's standard input. */
  input?: string;
}

const GIT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024;

/** A server that wants a password fails at once instead of waiting on a prompt nobody sees. */
const NO_PROMPTS = { GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GCM_INTERACTIVE: 'never' };

/** Runs git with arguments (no shell) and gives its raw output; rejects with git's own last line of error. */
export function gitBytes(args: string[], opts: GitRunOptions = {}): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: opts.cwd,
        signal: opts.signal,
        timeout: opts.timeoutMs ?? GIT_TIMEOUT_MS,
        maxBuffer: opts.maxBuffer ?? DEFAULT_MAX_BUFFER,
        encoding: 'buffer',
        env: { ...process.env, ...NO_PROMPTS },
      },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout);
        const detail = String(stderr).trim().split('\n').filter(Boolean).at(-1) ?? error.message;
        reject(new GitError(`git ${args[0]}: ${detail}`));
      },
    );
    // A command that reads no input closes it early; writing then must not crash the run.
    child.stdin?.on('error', () => {});
    child.stdin?.end(opts.input ?? '');
  });
}

/** Runs git and gives its output as trimmed text. */
export async function git(args: string[], opts: GitRunOptions = {}): Promise<string> {
  return (await gitBytes(args, opts)).toString('utf8').trim();
}

/** A repository on this machine becomes a file:// URL, so that a clone can be shallow (git ignores --depth for plain paths). */
export function remoteUrl(repo: string): string {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) && !/^[^/]+@[^/]+:/.test(repo) && existsSync(repo) ? pathToFileURL(resolve(repo)).href : repo;
}

export interface SyncCloneOptions {
  /** A git URL or a local repository path. */
  repo: string;
  /** The branch to read; the remote's default branch when absent. */
  branch?: string;
  /** Where the clone is kept between runs (made when missing). */
  cacheDir: string;
  /** Commits to fetch (a shallow clone); the whole history when absent. */
  depth?: number;
  /** Names the source in messages (`irc-meetings`). */
  label: string;
  log: GitLog;
  signal?: AbortSignal;
  /** Limit for one git command, in milliseconds. */
  timeoutMs?: number;
}

export interface SyncedClone {
  /** The clone's folder (absolute). */
  dir: string;
  /** The commit checked out. */
  revision: string;
  /** False when the fetch failed and the last good clone is read. */
  updated: boolean;
}

async function hasClone(checkout: string, signal?: AbortSignal): Promise<boolean> {
  if (!existsSync(join(checkout, '.git'))) return false;
  try {
    await git(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: checkout, signal });
    return true;
  } catch {
    return false;
  }
}

const depthArgs = (depth: number | undefined) => (depth === undefined ? [] : ['--depth', String(depth)]);

/** A first clone, made beside the cache and moved into place, so a killed run leaves no half clone behind. */
async function cloneInto(checkout: string, url: string, opts: SyncCloneOptions): Promise<void> {
  const partial = `${checkout}.partial`;
  await rm(partial, { recursive: true, force: true });
  const branch = opts.branch ? ['--branch', opts.branch] : [];
  try {
    await git(['clone', '--quiet', ...depthArgs(opts.depth), '--single-branch', '--no-tags', ...branch, '--', url, partial], { signal: opts.signal, timeoutMs: opts.timeoutMs });
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw new Error(`${opts.label}: cannot clone ${opts.repo}${opts.branch ? ` (branch ${opts.branch})` : ''} and there is no earlier clone in ${checkout}: ${(e as Error).message}`);
  }
  await rm(checkout, { recursive: true, force: true });
  await rename(partial, checkout);
}

/**
 * Fetches the branch (or the remote's HEAD) and moves the checkout onto it; false, with a warning, when that fails.
 * A shallow clone asked for its whole history is deepened (`--unshallow`).
 */
async function update(checkout: string, url: string, opts: SyncCloneOptions): Promise<boolean> {
  const run = (args: string[]) => git(args, { cwd: checkout, signal: opts.signal, timeoutMs: opts.timeoutMs });
  try {
    await run(['remote', 'set-url', 'origin', url]);
    const deepen = opts.depth === undefined && (await run(['rev-parse', '--is-shallow-repository'])) === 'true' ? ['--unshallow'] : depthArgs(opts.depth);
    await run(['fetch', '--quiet', ...deepen, '--no-tags', 'origin', opts.branch ? `refs/heads/${opts.branch}` : 'HEAD']);
    await run(['reset', '--quiet', '--hard', 'FETCH_HEAD']);
    await run(['clean', '--quiet', '-ffdx']);
    return true;
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    const at = await run(['log', '-1', '--format=%h of %cI']).catch(() => 'unknown commit');
    opts.log.warn(`${opts.label}: cannot update ${opts.repo} (${(e as Error).message}); reading the last good clone (${at})`);
    return false;
  }
}

/** The clone of `repo` in `cacheDir`, made or brought up to date (see the module comment). */
export async function syncClone(opts: SyncCloneOptions): Promise<SyncedClone> {
  const checkout = resolve(opts.cacheDir);
  const url = remoteUrl(opts.repo);
  let updated = true;
  if (await hasClone(checkout, opts.signal)) updated = await update(checkout, url, opts);
  else {
    await mkdir(dirname(checkout), { recursive: true });
    await cloneInto(checkout, url, opts);
  }
  const revision = await git(['rev-parse', 'HEAD'], { cwd: checkout, signal: opts.signal });
  return { dir: checkout, revision, updated };
}

// ---------------------------------------------------------------------------
// Reading a repository

export type TreeEntryType = 'file' | 'executable' | 'symlink' | 'submodule';

export interface TreeEntry {
  /** Relative to the repository, with `/`. */
  path: string;
  /** Octal mode as git writes it (`100644`, `100755`, `120000`, `160000`). */
  mode: string;
  type: TreeEntryType;
  /** The blob (or, for a submodule, the commit) id. */
  object: string;
  /** What a symbolic link points to, as written in it (relative to the link's folder, or absolute). */
  target?: string;
}

/** A change letter of `git diff --name-status`: added, copied, deleted, modified, renamed, type changed, unmerged, unknown. */
export type ChangeStatus = 'A' | 'C' | 'D' | 'M' | 'R' | 'T' | 'U' | 'X';

export interface FileChange {
  status: ChangeStatus;
  /** The path after the change (before it, for a deletion). */
  path: string;
  /** The path before a rename or copy. */
  from?: string;
  /** Rename or copy similarity, 0 to 100. */
  similarity?: number;
}

export interface GitPerson {
  name: string;
  email: string;
}

export interface FileCommit {
  hash: string;
  author: GitPerson;
  /** Author date, UTC ISO 8601 without milliseconds. */
  date: string;
  /** Committer date (when it landed, for a reviewed change), UTC ISO 8601. */
  committed: string;
  /** From `Co-authored-by:` trailers (any case), in their order. */
  coAuthors: GitPerson[];
  /** What the commit did to the file, and the file's path in it. */
  change: FileChange;
}

export interface GitRepositoryOptions {
  signal?: AbortSignal;
  /** Limit for one git command, in milliseconds. */
  timeoutMs?: number;
  /** Rename detection limit for `fileHistory` and `changedFiles` (git's `-l`; 0, the default, is no limit). */
  renameLimit?: number;
  /**
   * Whether rewritten files may pair with others (git's `-B`, on by default): it finds a file moved
   * away and replaced by a link, at the cost of comparing every modified file's versions.
   */
  breakRewrites?: boolean;
}

const RECORD = '\x1e';
const FIELD = '\x1f';
const LIST = '\x1d';
/** One commit's header in `git log` output: hash, author name, e-mail, author and committer times (epoch seconds), co-author trailers. */
const LOG_FORMAT = `${RECORD}%H${FIELD}%aN${FIELD}%aE${FIELD}%at${FIELD}%ct${FIELD}%(trailers:key=Co-authored-by,valueonly,separator=%x1d)${FIELD}`;
const HISTORY_MAX_BUFFER = 1024 * 1024 * 1024;

/** A read-only view of a clone (or any repository on this machine). */
export class GitRepository {
  readonly dir: string;
  private readonly opts: GitRepositoryOptions;

  constructor(dir: string, opts: GitRepositoryOptions = {}) {
    this.dir = resolve(dir);
    this.opts = opts;
  }

  private run(args: string[], extra: GitRunOptions = {}): Promise<Buffer> {
    return gitBytes(args, { cwd: this.dir, signal: this.opts.signal, timeoutMs: this.opts.timeoutMs, ...extra });
  }

  private renameArgs(): string[] {
    return ['-M', ...(this.opts.breakRewrites === false ? [] : ['-B']), `-l${this.opts.renameLimit ?? 0}`];
  }

  /** The commit `ref` names (HEAD by default). */
  async headRevision(ref = 'HEAD'): Promise<string> {
    return (await this.run(['rev-parse', '--verify', '--end-of-options', `${ref}^{commit}`])).toString('utf8').trim();
  }

  /** Every file of a revision, sub-folders included; symbolic links come with their targets. */
  async listFiles(rev: string): Promise<TreeEntry[]> {
    const out = await this.run(['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', rev], { maxBuffer: HISTORY_MAX_BUFFER });
    const entries = parseLsTree(out.toString('utf8'));
    const links = entries.filter((e) => e.type === 'symlink');
    if (links.length > 0) {
      const targets = await this.readObjects(links.map((l) => l.object));
      for (const link of links) link.target = targets.get(link.object)?.toString('utf8');
    }
    return entries;
  }

  /** The bytes of `path` at `rev`. */
  async readBlob(rev: string, path: string): Promise<Buffer> {
    return this.run(['cat-file', 'blob', `${rev}:${path}`], { maxBuffer: HISTORY_MAX_BUFFER });
  }

  /** The contents of many objects (blob ids, or `rev:path` names without newlines) in one `git cat-file --batch`; missing ones are left out. */
  async readObjects(names: readonly string[]): Promise<Map<string, Buffer>> {
    const wanted = [...new Set(names)];
    const bad = wanted.find((n) => /[\n\r]/.test(n));
    if (bad !== undefined) throw new GitError(`git cat-file: a name with a line break cannot be read in a batch: ${JSON.stringify(bad)}`);
    if (wanted.length === 0) return new Map();
    const out = await this.run(['cat-file', '--batch'], { input: `${wanted.join('\n')}\n`, maxBuffer: HISTORY_MAX_BUFFER });
    return parseCatFileBatch(out, wanted);
  }

  /**
   * The files changed from one revision to another, renames found (`-M`). With `-B`, a file moved away
   * and replaced by something else (a symbolic link to its new place) shows as a copy to the new path.
   */
  async changedFiles(from: string, to: string): Promise<FileChange[]> {
    const out = await this.run(['diff', '--name-status', '-z', ...this.renameArgs(), '--no-color', '--end-of-options', from, to, '--'], { maxBuffer: HISTORY_MAX_BUFFER });
    return parseNameStatus(out.toString('utf8').split('\0'), 0).changes;
  }

  /**
   * For each of `paths` (as they are at `rev`), the commits that touched it,
   * newest first, following renames back in time. One `git log` over the whole
   * history gives every file's commits (per-file `git log --follow` takes
   * minutes on a thousand files). A copy (a file moved, and its old path
   * replaced by a link to it: git sees the old path changed, so `-B` shows the
   * move as a copy) is followed like a rename. Merge commits show no changes, so they count
   * for no file; as with `--follow`, a change made on a side branch to a file's
   * old name, merged after the rename, is not seen.
   */
  async fileHistory(paths: readonly string[], rev = 'HEAD'): Promise<Map<string, FileCommit[]>> {
    const args = ['log', '--topo-order', '--name-status', '-z', ...this.renameArgs(), '--no-color', '--no-show-signature', `--format=${LOG_FORMAT}`, '--end-of-options', rev, '--'];
    const out = await this.run(args, { maxBuffer: HISTORY_MAX_BUFFER });
    return historiesOf(parseLog(out.toString('utf8')), paths);
  }
}

/**
 * Reads `<rev>:<path>` for many paths that will be asked for in about this order: each
 * `size` of them come from one `git cat-file --batch` when the first is asked for (a
 * process per file costs ~8 ms each, seconds on a thousand specs), and each text is handed
 * out once, so about one batch is held at a time. Paths may be asked for while a batch is
 * on its way. A path not planned, or one the batch did not give (or a batch that failed), is
 * read on its own, which names what is wrong when it is missing.
 */
export function batchedBlobs(repo: Pick<GitRepository, 'readObjects' | 'readBlob'>, rev: string, paths: readonly string[], size = 200): (path: string) => Promise<Buffer> {
  const planned = paths.filter((p) => !/[\n\r]/.test(p));
  const position = new Map(planned.map((p, i) => [p, i]));
  const loading = new Map<string, Promise<void>>();
  const held = new Map<string, Buffer>();
  const load = (at: number) => {
    const chunk = planned.slice(at, at + size).filter((p) => position.has(p));
    for (const p of chunk) position.delete(p);
    const names = chunk.map((p) => `${rev}:${p}`);
    const loaded = repo.readObjects(names).then(
      (got) => chunk.forEach((p, i) => got.has(names[i]!) && held.set(p, got.get(names[i]!)!)),
      () => {}, // each path is then read on its own, and fails with its own reason
    );
    for (const p of chunk) loading.set(p, loaded);
  };
  return async (path) => {
    const at = position.get(path);
    if (at !== undefined) load(at);
    const wait = loading.get(path);
    loading.delete(path);
    if (wait) await wait;
    const bytes = held.get(path);
    held.delete(path);
    return bytes ?? repo.readBlob(rev, path);
  };
}

// ---------------------------------------------------------------------------
// Output parsers (pure; exported for tests)

const MODE_TYPES: Record<string, TreeEntryType> = { '100644': 'file', '100664': 'file', '100755': 'executable', '120000': 'symlink', '160000': 'submodule' };

/** `git ls-tree -r -z` output: `<mode> SP <type> SP <object> TAB <path> NUL`. */
export function parseLsTree(text: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of text.split('\0')) {
    if (record === '') continue;
    const m = /^(\d{6}) (\w+) ([0-9a-f]+)\t([\s\S]+)$/.exec(record);
    if (!m) throw new GitError(`git ls-tree: unexpected line ${JSON.stringify(record.slice(0, 200))}`);
    const type = MODE_TYPES[m[1]!];
    if (!type) continue; // trees do not appear with -r; anything else git may add is not a file
    entries.push({ path: m[4]!, mode: m[1]!, type, object: m[3]! });
  }
  return entries;
}

/** `git cat-file --batch` output: per name `<oid> <type> <size>\n<bytes>\n`, or `<name> missing\n`. */
export function parseCatFileBatch(out: Buffer, names: readonly string[]): Map<string, Buffer> {
  const found = new Map<string, Buffer>();
  let at = 0;
  for (const name of names) {
    const eol = out.indexOf(0x0a, at);
    if (eol < 0) throw new GitError(`git cat-file: output ends before ${name}`);
    const header = out.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^[0-9a-f]+ \w+ (\d+)$/.exec(header);
    if (!m) {
      // `<name> missing` or `<name> ambiguous`: nothing follows the header line.
      continue;
    }
    const size = Number(m[1]);
    found.set(name, out.subarray(at, at + size));
    at += size + 1;
  }
  return found;
}

const STATUS = /^([ACDMRTUX])(\d*)$/;

/** `--name-status -z` entries from `tokens[start]` on: a status token, then one path (two for renames and copies). */
function parseNameStatus(tokens: string[], start: number): { changes: FileChange[]; next: number } {
  const changes: FileChange[] = [];
  let i = start;
  while (i < tokens.length) {
    const token = tokens[i]!.replace(/^\n/, '');
    const m = STATUS.exec(token);
    if (!m) break;
    const status = m[1] as ChangeStatus;
    const similarity = m[2] ? Number(m[2]) : undefined;
    if (status === 'R' || status === 'C') {
      const from = tokens[i + 1];
      const path = tokens[i + 2];
      if (from === undefined || path === undefined) throw new GitError(`git: a ${status} entry without its two paths`);
      changes.push({ status, path, from, ...(similarity === undefined ? {} : { similarity }) });
      i += 3;
    } else {
      const path = tokens[i + 1];
      if (path === undefined) throw new GitError(`git: a ${status} entry without its path`);
      changes.push({ status, path });
      i += 2;
    }
  }
  return { changes, next: i };
}

export interface LogCommit extends Omit<FileCommit, 'change'> {
  changes: FileChange[];
}

/** A `Name <address>` trailer value; a bare name keeps an empty address. */
export function parsePerson(value: string): GitPerson | undefined {
  const text = value.trim();
  if (!text) return undefined;
  const m = /^(.*?)\s*<([^<>]*)>\s*$/.exec(text);
  return m ? { name: m[1]!.trim() || m[2]!.trim(), email: m[2]!.trim() } : { name: text, email: '' };
}

/** The output of `git log --name-status -z --format=LOG_FORMAT`, commit by commit in its order. */
export function parseLog(text: string): LogCommit[] {
  const tokens = text.split('\0');
  const commits: LogCommit[] = [];
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i]!.replace(/^\n/, '');
    if (token === '') {
      i++;
      continue;
    }
    if (!token.startsWith(RECORD)) throw new GitError(`git log: unexpected output ${JSON.stringify(token.slice(0, 200))}`);
    const [hash, name, email, time, committed, trailers] = token.slice(1).split(FIELD);
    if (!hash || !/^\d+$/.test(time ?? '') || !/^\d+$/.test(committed ?? '')) throw new GitError(`git log: a commit header without hash or date: ${JSON.stringify(token.slice(0, 200))}`);
    const coAuthors = (trailers ?? '').split(LIST).map(parsePerson).filter((p): p is GitPerson => p !== undefined);
    const parsed = parseNameStatus(tokens, i + 1);
    commits.push({ hash, author: { name: name ?? '', email: email ?? '' }, date: isoSeconds(Number(time) * 1000), committed: isoSeconds(Number(committed) * 1000), coAuthors, changes: parsed.changes });
    i = parsed.next;
  }
  return commits;
}

/**
 * Every wanted path's commits from a whole-history log (newest first). Going
 * back in time, each path is known by the name it had then: a rename (or a
 * copy) switches it to the old name. An addition does not end it: a file deleted and added
 * again at the same path keeps one history, as with `git log --follow`.
 */
export function historiesOf(commits: readonly LogCommit[], paths: readonly string[]): Map<string, FileCommit[]> {
  const result = new Map<string, FileCommit[]>(paths.map((p) => [p, []]));
  /** The name a file has at the commit being read -> the wanted paths it is now. */
  const owners = new Map<string, Set<string>>(paths.map((p) => [p, new Set([p])]));
  for (const commit of commits) {
    const { changes, ...rest } = commit;
    const renames: [string, string, Set<string>][] = [];
    for (const change of changes) {
      const who = owners.get(change.path);
      if (!who) continue;
      for (const path of who) result.get(path)!.push({ ...rest, change });
      if ((change.status === 'R' || change.status === 'C') && change.from !== undefined) renames.push([change.path, change.from, who]);
    }
    // Applied after the whole commit, so that a swap of two names in one commit is read right.
    for (const [path] of renames) owners.delete(path);
    for (const [, from, who] of renames) owners.set(from, new Set([...(owners.get(from) ?? []), ...who]));
  }
  return result;
}
