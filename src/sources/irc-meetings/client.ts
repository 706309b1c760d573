/**
 * Reads the meeting definition files (I/O only): from a local folder of
 * `*.yaml` files, or from a git repository (a URL, or a repository on this
 * machine) kept as a shallow clone in `cacheDir`. The clone is made on the
 * first run and brought up to date with `git fetch` + `git reset --hard` on
 * the next ones; when the fetch fails (the server is down, the network is
 * out) the last good clone is read and the log says so. The system `git` is
 * run with execFile, never through a shell, and never asks for credentials.
 *
 * As yaml2ical does, every `*.yaml` under the folder counts, sub-folders
 * included (hidden ones, like `.git`, left out). Files come back sorted by
 * their path, which is relative to the repository (`meetings/nova.yaml`), or
 * to the folder for `path`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, realpath, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from '../types.ts';

export interface ReadMeetingFilesOptions {
  /** A folder of meeting files (absolute, or relative to the working directory). */
  path?: string;
  /** A git URL or a local repository path. */
  repo?: string;
  /** The branch to read; the remote's default branch when absent. */
  branch?: string;
  /** The repository's folder that holds the files (`meetings`). */
  dir: string;
  /** Where the clone is kept between runs (made when missing). */
  cacheDir: string;
  log: Logger;
  signal?: AbortSignal;
  /** Limit for one git command, in milliseconds. */
  timeoutMs?: number;
}

export interface MeetingFile {
  /** Relative to the repository (or to `path`), with `/`. */
  file: string;
  text: string;
}

export interface MeetingFiles {
  files: MeetingFile[];
  /** The commit read, for a git repository. */
  revision?: string;
}

const GIT_TIMEOUT_MS = 10 * 60_000;

class GitError extends Error {}

/** Runs git with arguments (no shell); rejects with git's own message. */
function git(args: string[], opts: { cwd?: string; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      'git',
      args,
      {
        cwd: opts.cwd,
        signal: opts.signal,
        timeout: opts.timeoutMs ?? GIT_TIMEOUT_MS,
        maxBuffer: 16 * 1024 * 1024,
        // A server that wants a password fails at once instead of waiting on a prompt nobody sees.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: '', SSH_ASKPASS: '', GCM_INTERACTIVE: 'never' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolvePromise(stdout.trim());
        const detail = String(stderr).trim().split('\n').filter(Boolean).at(-1) ?? error.message;
        reject(new GitError(`git ${args[0]}: ${detail}`));
      },
    );
  });
}

/** A repository on this machine becomes a file:// URL, so that the clone can be shallow (git ignores --depth for plain paths). */
function remoteUrl(repo: string): string {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) && !/^[^/]+@[^/]+:/.test(repo) && existsSync(repo) ? pathToFileURL(resolve(repo)).href : repo;
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

/** A first clone, made beside the cache and moved into place, so a killed run leaves no half clone behind. */
async function cloneInto(checkout: string, url: string, opts: ReadMeetingFilesOptions): Promise<void> {
  const partial = `${checkout}.partial`;
  await rm(partial, { recursive: true, force: true });
  const branch = opts.branch ? ['--branch', opts.branch] : [];
  try {
    await git(['clone', '--quiet', '--depth', '1', '--single-branch', '--no-tags', ...branch, '--', url, partial], { signal: opts.signal, timeoutMs: opts.timeoutMs });
  } catch (e) {
    await rm(partial, { recursive: true, force: true });
    throw new Error(`irc-meetings: cannot clone ${opts.repo}${opts.branch ? ` (branch ${opts.branch})` : ''} and there is no earlier clone in ${checkout}: ${(e as Error).message}`);
  }
  await rm(checkout, { recursive: true, force: true });
  await rename(partial, checkout);
}

/** Fetches the branch (or the remote's HEAD) and moves the checkout onto it; false, with a warning, when that fails. */
async function update(checkout: string, url: string, opts: ReadMeetingFilesOptions): Promise<boolean> {
  const run = (args: string[]) => git(args, { cwd: checkout, signal: opts.signal, timeoutMs: opts.timeoutMs });
  try {
    await run(['remote', 'set-url', 'origin', url]);
    await run(['fetch', '--quiet', '--depth', '1', '--no-tags', 'origin', opts.branch ? `refs/heads/${opts.branch}` : 'HEAD']);
    await run(['reset', '--quiet', '--hard', 'FETCH_HEAD']);
    await run(['clean', '--quiet', '-ffdx']);
    return true;
  } catch (e) {
    if (opts.signal?.aborted) throw e;
    const at = await run(['log', '-1', '--format=%h of %cI']).catch(() => 'unknown commit');
    opts.log.warn(`irc-meetings: cannot update ${opts.repo} (${(e as Error).message}); reading the last good clone (${at})`);
    return false;
  }
}

/** Every `*.yaml` under `root`, hidden folders aside; symbolic links are followed only when `followLinks`. */
async function yamlFiles(root: string, followLinks: boolean, log: Logger): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        // A repository's link could point anywhere on this machine: its target would be published.
        if (!followLinks) {
          log.warn(`irc-meetings: ${relative(root, full)} is a symbolic link; left out`);
          continue;
        }
        const target = await stat(full).catch(() => undefined);
        if (target?.isDirectory()) await walk(full);
        else if (target?.isFile() && entry.name.endsWith('.yaml')) out.push(full);
      } else if (entry.isDirectory()) await walk(full);
      else if (entry.isFile() && entry.name.endsWith('.yaml')) out.push(full);
    }
  };
  await walk(root);
  return out.sort();
}

async function readFolder(root: string, prefix: string, followLinks: boolean, log: Logger): Promise<MeetingFile[]> {
  const files = await yamlFiles(root, followLinks, log);
  return Promise.all(
    files.map(async (full) => ({
      file: [prefix, relative(root, full).split(sep).join('/')].filter(Boolean).join('/'),
      text: await readFile(full, 'utf8'),
    })),
  );
}

/** The folder `dir` of the checkout, refused when it leaves the repository (`../`, or a link out of it). */
async function folderIn(checkout: string, dir: string, repo: string): Promise<string> {
  const folder = resolve(checkout, dir);
  const inside = (p: string, root: string) => p === root || p.startsWith(`${root}${sep}`);
  const info = await lstat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`irc-meetings: ${repo} has no folder ${dir}`);
  if (!inside(folder, resolve(checkout)) || !inside(await realpath(folder), await realpath(checkout))) throw new Error(`irc-meetings: dir ${dir} is outside the repository`);
  return folder;
}

/** The meeting files of a folder or a git repository (see the module comment). */
export async function readMeetingFiles(opts: ReadMeetingFilesOptions): Promise<MeetingFiles> {
  if ((opts.path === undefined) === (opts.repo === undefined)) throw new Error('irc-meetings: give either path (a folder) or repo (a git repository)');
  if (opts.path !== undefined) {
    const folder = resolve(opts.path);
    if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new Error(`irc-meetings: ${opts.path} is not a folder`);
    return { files: await readFolder(folder, '', true, opts.log) };
  }
  const repo = opts.repo!;
  const checkout = resolve(opts.cacheDir);
  const url = remoteUrl(repo);
  if (await hasClone(checkout, opts.signal)) await update(checkout, url, opts);
  else {
    await mkdir(dirname(checkout), { recursive: true });
    await cloneInto(checkout, url, opts);
  }
  const folder = await folderIn(checkout, opts.dir, repo);
  const revision = await git(['rev-parse', 'HEAD'], { cwd: checkout, signal: opts.signal });
  return { files: await readFolder(folder, relative(checkout, folder).split(sep).join('/'), false, opts.log), revision };
}
