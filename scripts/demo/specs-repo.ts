/**
 * The demo's specs as a real git repository: one commit per event of
 * generateSpecs(), in date order, each with its author and a fixed author and
 * committer date, so the final commit hash (the sync's cursor) is the same on
 * every run and every machine. The user's and the system's git configuration
 * are ignored, so hooks, signing or a template cannot change the objects.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { DemoSpecs, SpecCommit, SpecOp } from './specs.ts';

const run = promisify(execFile);

function gitEnv(c?: SpecCommit): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0', TZ: 'UTC' };
  if (!c) return base;
  // Git's own date format: seconds since the epoch and the zone, nothing left to parse.
  const date = `@${c.at} +0000`;
  return {
    ...base,
    GIT_AUTHOR_NAME: c.author.name, GIT_AUTHOR_EMAIL: c.author.email, GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: c.author.name, GIT_COMMITTER_EMAIL: c.author.email, GIT_COMMITTER_DATE: date,
  };
}

async function git(dir: string, args: string[], c?: SpecCommit): Promise<string> {
  const flags = ['-c', 'init.defaultBranch=master', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.symlinks=true', '-c', 'core.autocrlf=false'];
  const { stdout } = await run('git', [...flags, ...args], { cwd: dir, env: gitEnv(c), maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

async function apply(dir: string, op: SpecOp): Promise<void> {
  const at = (p: string) => join(dir, ...p.split('/'));
  if (op.op === 'write' || op.op === 'append') {
    await mkdir(dirname(at(op.path)), { recursive: true });
    await (op.op === 'write' ? writeFile : appendFile)(at(op.path), op.text);
  } else if (op.op === 'move') {
    await mkdir(dirname(at(op.to)), { recursive: true });
    await rename(at(op.from), at(op.to));
  } else {
    await mkdir(dirname(at(op.path)), { recursive: true });
    await rm(at(op.path), { force: true });
    await symlink(op.target, at(op.path));
  }
}

/** Writes the repository into `dir` (created; must not hold a repository yet) and returns `dir`. */
export async function writeSpecsRepo(dir: string, specs: DemoSpecs): Promise<string> {
  // Appending to an existing history would give another hash: refuse instead.
  if (existsSync(join(dir, '.git'))) throw new Error(`demo specs: ${dir} already holds a git repository`);
  await mkdir(dir, { recursive: true });
  await git(dir, ['init', '-q']);
  for (const c of specs.commits) {
    for (const op of c.ops) await apply(dir, op);
    await git(dir, ['add', '-A'], c);
    await git(dir, ['commit', '-q', '--no-verify', '--cleanup=verbatim', '-m', c.message], c);
  }
  return dir;
}

/** The commit hash at HEAD of a repository written by writeSpecsRepo. */
export async function specsRepoHead(dir: string): Promise<string> {
  return (await git(dir, ['rev-parse', 'HEAD'])).trim();
}
