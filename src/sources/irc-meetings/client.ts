/**
 * Reads the meeting definition files (I/O only): from a local folder of
 * `*.yaml` files, or from a git repository (a URL, or a repository on this
 * machine) kept as a shallow clone in `cacheDir`. The clone is made on the
 * first run and brought up to date with `git fetch` + `git reset --hard` on
 * the next ones; when the fetch fails (the server is down, the network is
 * out) the last good clone is read and the log says so. The system `git` is
 * run with execFile, never through a shell, and never asks for credentials
 * (src/lib/git.ts).
 *
 * As yaml2ical does, every `*.yaml` under the folder counts, sub-folders
 * included (hidden ones, like `.git`, left out). Files come back sorted by
 * their path, which is relative to the repository (`meetings/nova.yaml`), or
 * to the folder for `path`.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { syncClone } from '../../lib/git.ts';
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
  const { dir: checkout, revision } = await syncClone({ repo, branch: opts.branch, cacheDir: opts.cacheDir, depth: 1, label: 'irc-meetings', log: opts.log, signal: opts.signal, timeoutMs: opts.timeoutMs });
  const folder = await folderIn(checkout, opts.dir, repo);
  return { files: await readFolder(folder, relative(checkout, folder).split(sep).join('/'), false, opts.log), revision };
}
